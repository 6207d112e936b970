using System.Collections.Immutable;
using System.Text.Json;
using Ward.Core.Diagnostics;

namespace Ward.Microsoft.Pim;

/// <summary>
/// Reads the activation rules out of a role management policy's rule list, in both forms: Microsoft Graph's
/// (<c>@odata.type</c> <c>#microsoft.graph.unifiedRoleManagementPolicyApprovalRule</c>, approvers as
/// <c>singleUser</c> / <c>groupMembers</c> user sets) and Azure Resource Manager's (<c>ruleType</c>
/// <c>RoleManagementPolicyApprovalRule</c>, approvers as <c>{id, userType}</c>). Rules are told by their id, which
/// both APIs share (<c>Approval_EndUser_Assignment</c> …); the others (admin assignments, notifications) are not
/// about activation.
/// </summary>
internal static class ActivationRulesReader
{
    private const string ApprovalRule = "Approval_EndUser_Assignment";
    private const string EnablementRule = "Enablement_EndUser_Assignment";
    private const string AuthenticationContextRule = "AuthenticationContext_EndUser_Assignment";
    private const string ExpirationRule = "Expiration_EndUser_Assignment";

    /// <summary>
    /// The policy's activation settings; null, with a problem reported, when the rules are not an array or hold no
    /// approval rule (then nothing is known about approval). <c>problem</c> reports a problem: message and JSON path.
    /// </summary>
    public static ActivationPolicy? Read(string policyId, JsonElement rules, string rulesPath, SourceLocation location, Action<string, string> problem)
    {
        if (rules.ValueKind != JsonValueKind.Array)
        {
            problem($"the policy's rules must be an array, found {JsonValues.Describe(rules.ValueKind)}; its activation settings are taken as not exported", rulesPath);
            return null;
        }

        bool? requiresApproval = null;
        ImmutableArray<ImmutableArray<PolicyApprover>> stages = [];
        ImmutableArray<string> enabled = [];
        string? context = null;
        string? duration = null;
        var index = 0;
        foreach (var rule in rules.EnumerateArray())
        {
            var path = JsonPath.Index(rulesPath, index++);
            if (rule.ValueKind != JsonValueKind.Object)
            {
                problem($"a rule must be an object, found {JsonValues.Describe(rule.ValueKind)}; skipped", path);
                continue;
            }

            switch (Text(rule, "id"))
            {
                case ApprovalRule:
                    (requiresApproval, stages) = Approval(rule, path, problem);
                    break;
                case EnablementRule:
                    enabled = Strings(rule, "enabledRules", path, problem);
                    break;
                case AuthenticationContextRule:
                    context = rule.TryGetProperty("isEnabled", out var on) && on.ValueKind == JsonValueKind.True && Text(rule, "claimValue") is { Length: > 0 } claim ? claim : null;
                    break;
                case ExpirationRule:
                    duration = Text(rule, "maximumDuration");
                    break;
            }
        }

        if (requiresApproval is not { } approval)
        {
            problem($"the policy has no readable `{ApprovalRule}` rule; its activation settings are taken as not exported", rulesPath);
            return null;
        }

        return new ActivationPolicy
        {
            PolicyId = policyId,
            RequiresApproval = approval,
            ApprovalStages = approval ? stages : [],
            EnabledRules = enabled,
            AuthenticationContext = context,
            MaximumDuration = duration,
            Location = location,
        };
    }

    private static (bool? Required, ImmutableArray<ImmutableArray<PolicyApprover>> Stages) Approval(JsonElement rule, string path, Action<string, string> problem)
    {
        var settingPath = JsonPath.Property(path, "setting");
        if (!rule.TryGetProperty("setting", out var setting) || setting.ValueKind != JsonValueKind.Object)
        {
            problem("the approval rule has no `setting` object", settingPath);
            return (null, []);
        }

        if (!setting.TryGetProperty("isApprovalRequired", out var required) || required.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
        {
            problem("`isApprovalRequired` must be true or false", JsonPath.Property(settingPath, "isApprovalRequired"));
            return (null, []);
        }

        var stages = ImmutableArray.CreateBuilder<ImmutableArray<PolicyApprover>>();
        if (setting.TryGetProperty("approvalStages", out var list) && list.ValueKind == JsonValueKind.Array)
        {
            var index = 0;
            foreach (var stage in list.EnumerateArray())
            {
                var stagePath = JsonPath.Index(JsonPath.Property(settingPath, "approvalStages"), index++);
                if (stage.ValueKind != JsonValueKind.Object)
                {
                    problem($"an approval stage must be an object, found {JsonValues.Describe(stage.ValueKind)}; skipped", stagePath);
                    continue;
                }

                // Escalation approvers decide when the primary ones do not answer in time: approvers all the same.
                var escalates = stage.TryGetProperty("isEscalationEnabled", out var escalation) && escalation.ValueKind == JsonValueKind.True;
                stages.Add([.. Approvers(stage, "primaryApprovers", stagePath, problem), .. escalates ? Approvers(stage, "escalationApprovers", stagePath, problem) : []]);
            }
        }

        return (required.GetBoolean(), stages.ToImmutable());
    }

    private static List<PolicyApprover> Approvers(JsonElement stage, string name, string stagePath, Action<string, string> problem)
    {
        var approvers = new List<PolicyApprover>();
        if (!stage.TryGetProperty(name, out var list) || list.ValueKind == JsonValueKind.Null)
        {
            return approvers;
        }

        var listPath = JsonPath.Property(stagePath, name);
        if (list.ValueKind != JsonValueKind.Array)
        {
            problem($"`{name}` must be an array, found {JsonValues.Describe(list.ValueKind)}; taken as empty", listPath);
            return approvers;
        }

        var index = 0;
        foreach (var approver in list.EnumerateArray())
        {
            var path = JsonPath.Index(listPath, index++);
            if (approver.ValueKind != JsonValueKind.Object)
            {
                problem($"an approver must be an object, found {JsonValues.Describe(approver.ValueKind)}; skipped", path);
                continue;
            }

            var description = Text(approver, "description");
            var graphType = Text(approver, "@odata.type");
            var (kind, id) = graphType is not null
                ? graphType.TrimStart('#') switch
                {
                    var t when t.Equals("microsoft.graph.singleUser", StringComparison.OrdinalIgnoreCase) => (ApproverKind.User, Text(approver, "userId")),
                    var t when t.Equals("microsoft.graph.groupMembers", StringComparison.OrdinalIgnoreCase) => (ApproverKind.Group, Text(approver, "groupId")),
                    _ => (ApproverKind.Other, null),
                }
                : Text(approver, "userType") switch
                {
                    var t when string.Equals(t, "User", StringComparison.OrdinalIgnoreCase) => (ApproverKind.User, Text(approver, "id")),
                    var t when string.Equals(t, "Group", StringComparison.OrdinalIgnoreCase) => (ApproverKind.Group, Text(approver, "id")),
                    _ => (ApproverKind.Other, Text(approver, "id")),
                };
            if (kind != ApproverKind.Other && id is null)
            {
                problem($"a {(kind == ApproverKind.User ? "user" : "group")} approver without its object id; kept by its description", path);
            }

            approvers.Add(new PolicyApprover(kind, NormalizeId(id), description ?? graphType?.TrimStart('#')));
        }

        return approvers;
    }

    /// <summary>Object ids in lower case, as Graph writes them (AzureHound upper-cases them).</summary>
    public static string? NormalizeId(string? id) => Guid.TryParse(id, out var guid) ? guid.ToString("D") : id;

    private static ImmutableArray<string> Strings(JsonElement rule, string name, string path, Action<string, string> problem)
    {
        if (!rule.TryGetProperty(name, out var list) || list.ValueKind == JsonValueKind.Null)
        {
            return [];
        }

        if (list.ValueKind != JsonValueKind.Array)
        {
            problem($"`{name}` must be an array of strings, found {JsonValues.Describe(list.ValueKind)}; taken as empty", JsonPath.Property(path, name));
            return [];
        }

        return [.. list.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.String).Select(e => e.GetString()!)];
    }

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
