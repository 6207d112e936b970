using System.Collections.Frozen;
using System.Text.Json;
using Ward.Core.Diagnostics;
using Ward.Microsoft.Entra.Directory;
using Ward.Microsoft.Pim;

namespace Ward.Microsoft.Entra.Ingest;

/// <summary>
/// Reads PIM role management policy assignments: Graph's <c>policies/roleManagementPolicyAssignments</c> expanded
/// with <c>policy($expand=rules)</c>, and AzureHound's flattened <c>AZRoleManagementPolicyAssignment</c>.
/// </summary>
internal static class RoleManagementPolicyReader
{
    private static readonly FrozenSet<string> AssignmentFields = Set("id", "policyId", "scopeId", "scopeType", "roleDefinitionId", "policy");

    private static readonly FrozenSet<string> PolicyFields = Set(
        "id", "displayName", "description", "isOrganizationDefault", "scopeId", "scopeType", "lastModifiedDateTime", "lastModifiedBy", "rules", "effectiveRules");

    private static readonly FrozenSet<string> AzureHoundFields = Set(
        "id", "policyId", "scopeId", "scopeType", "roleDefinitionId", "policy", "endUserAssignmentRequiresApproval", "endUserAssignmentRequiresCAPAuthenticationContext",
        "endUserAssignmentUserApprovers", "endUserAssignmentGroupApprovers", "endUserAssignmentRequiresMFA", "endUserAssignmentRequiresJustification",
        "endUserAssignmentRequiresTicketInformation");

    public static RoleManagementPolicyAssignment? Assignment(JsonElement item, string path, GraphJson json)
    {
        json.CheckFields(item, path, "a role management policy assignment", AssignmentFields);
        var id = json.String(item, "id", path, required: true);
        var role = json.String(item, "roleDefinitionId", path, required: true);
        if (id is null || role is null)
        {
            return null;
        }

        ActivationPolicy? policy = null;
        if (json.Object(item, "policy", path) is { } expanded)
        {
            var policyPath = JsonPath.Property(path, "policy");
            json.CheckFields(expanded, policyPath, "a role management policy", PolicyFields);
            if (expanded.TryGetProperty("rules", out var rules) && rules.ValueKind != JsonValueKind.Null)
            {
                policy = ActivationRulesReader.Read(
                    json.String(expanded, "id", policyPath) ?? json.String(item, "policyId", path) ?? id,
                    rules,
                    JsonPath.Property(policyPath, "rules"),
                    json.At(path),
                    (message, at) => json.Report(EntraDiagnosticCodes.WrongShape, DiagnosticSeverity.Warning, message, at));
            }
            else
            {
                NotExpanded(json, policyPath, "its rules were not expanded (`$expand=policy($expand=rules)`)");
            }
        }
        else
        {
            NotExpanded(json, path, "its policy was not expanded (`$expand=policy($expand=rules)`)");
        }

        var scopeId = json.String(item, "scopeId", path) ?? "/";
        return new RoleManagementPolicyAssignment
        {
            Id = id,
            ScopeType = json.String(item, "scopeType", path),
            ScopeId = ActivationRulesReader.NormalizeId(scopeId)!,
            RoleDefinitionId = ActivationRulesReader.NormalizeId(role)!,
            Policy = policy,
            Location = json.At(path),
        };
    }

    /// <summary>
    /// AzureHound's record: the end-user assignment (activation) rules of a directory role's policy flattened into
    /// flags, every one omitted when false, the approvers of all stages in two lists.
    /// </summary>
    public static RoleManagementPolicyAssignment? AzureHoundAssignment(JsonElement item, string path, GraphJson json)
    {
        json.CheckFields(item, path, "an AzureHound role management policy assignment", AzureHoundFields);
        var id = json.String(item, "id", path, required: true);
        var role = json.String(item, "roleDefinitionId", path, required: true);
        if (id is null || role is null)
        {
            return null;
        }

        var approvers = json.Strings(item, "endUserAssignmentUserApprovers", path).Select(a => new PolicyApprover(ApproverKind.User, ActivationRulesReader.NormalizeId(a), null))
            .Concat(json.Strings(item, "endUserAssignmentGroupApprovers", path).Select(a => new PolicyApprover(ApproverKind.Group, ActivationRulesReader.NormalizeId(a), null)))
            .ToList();
        var requiresApproval = json.Boolean(item, "endUserAssignmentRequiresApproval", path) ?? false;
        string[] enabled =
        [
            .. Flag(item, "endUserAssignmentRequiresMFA", "MultiFactorAuthentication", path, json),
            .. Flag(item, "endUserAssignmentRequiresJustification", "Justification", path, json),
            .. Flag(item, "endUserAssignmentRequiresTicketInformation", "Ticketing", path, json),
        ];
        return new RoleManagementPolicyAssignment
        {
            Id = id,
            ScopeType = json.String(item, "scopeType", path),
            ScopeId = json.String(item, "scopeId", path) ?? "/",
            RoleDefinitionId = ActivationRulesReader.NormalizeId(role)!,
            Policy = new ActivationPolicy
            {
                PolicyId = json.String(item, "policyId", path) ?? id,
                RequiresApproval = requiresApproval,
                ApprovalStages = requiresApproval ? [[.. approvers]] : [],
                EnabledRules = [.. enabled],

                // AzureHound keeps whether an authentication context is required, not which one.
                AuthenticationContext = json.Boolean(item, "endUserAssignmentRequiresCAPAuthenticationContext", path) == true ? "an authentication context" : null,
                Location = json.At(path),
            },
            Location = json.At(path),
        };
    }

    private static IEnumerable<string> Flag(JsonElement item, string name, string rule, string path, GraphJson json) =>
        json.Boolean(item, name, path) == true ? [rule] : [];

    private static void NotExpanded(GraphJson json, string path, string why) =>
        json.Report(EntraDiagnosticCodes.MissingField, DiagnosticSeverity.Warning, $"a role management policy assignment whose activation settings cannot be read: {why}; PIM activations under it stay conditional", path);

    private static FrozenSet<string> Set(params string[] names) => names.ToFrozenSet(StringComparer.Ordinal);
}
