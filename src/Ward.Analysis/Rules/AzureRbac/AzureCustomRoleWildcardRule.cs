using Ward.Microsoft.Azure.Evaluation;
using Ward.Microsoft.Azure.Rbac;

namespace Ward.Analysis.Rules.AzureRbac;

/// <summary>
/// <c>azure-custom-role-wildcard</c>: a custom role whose actions include <c>*</c>, or a wildcard pattern
/// (<c>Microsoft.Authorization/*</c>, <c>*/write</c>…) that grants role assignment writes.
/// </summary>
public sealed class AzureCustomRoleWildcardRule : IRule
{
    private const string AssignRoles = "Microsoft.Authorization/roleAssignments/write";

    public RuleMetadata Metadata { get; } = new(
        "azure-custom-role-wildcard",
        "Custom role with wildcard actions",
        "over-permissive",
        Severity.High,
        "A custom Azure role grants `*` (every control-plane action of every resource provider, today's and tomorrow's), or grants role assignment writes through a wildcard such as `Microsoft.Authorization/*` or `*/write`. A role that may write role assignments is Owner under another name: its holders can assign themselves Owner. High when it grants role assignment writes and is assigned, medium when it grants `*` without them and is assigned, low while nobody holds it.",
        "List the actions the role's holders actually need and replace the wildcards with them; remove `Microsoft.Authorization/*` and `*/write` patterns unless the role is meant to delegate access, and then use Role Based Access Control Administrator with a condition instead. If full control is intended, use the built-in Owner or Contributor role so the intent is visible.",
        ["azure"],
        ["https://learn.microsoft.com/en-us/azure/role-based-access-control/custom-roles", "https://learn.microsoft.com/en-us/azure/role-based-access-control/role-definitions#actions", "https://learn.microsoft.com/en-us/azure/role-based-access-control/best-practices#avoid-using-a-wildcard-when-creating-custom-roles"]);

    public IEnumerable<Finding> Evaluate(AnalysisContext context)
    {
        if (context.Microsoft is not { } microsoft)
        {
            yield break;
        }

        var azure = microsoft.Azure;
        foreach (var role in azure.RoleDefinitions.Where(d => d.RoleType == RoleType.CustomRole).OrderBy(d => d.Name, StringComparer.Ordinal))
        {
            var everything = role.Permissions.Where(b => b.Actions.Contains("*", StringComparer.Ordinal)).ToList();
            // A block grants role assignment writes when an action matches and none of its own notActions removes it.
            var assigning = role.Permissions
                .Select(b => (Block: b, Pattern: ActionPattern.FirstMatch(b.Actions, AssignRoles)))
                .FirstOrDefault(x => x.Pattern is not null && x.Pattern.Contains('*', StringComparison.Ordinal) && ActionPattern.FirstMatch(x.Block.NotActions, AssignRoles) is null);
            if (everything.Count == 0 && assigning.Pattern is null)
            {
                continue;
            }

            var holders = Holders(microsoft, role.Name);
            var severity = holders.Count == 0 ? Severity.Low : assigning.Pattern is not null ? Severity.High : Severity.Medium;
            var removed = everything.SelectMany(b => b.NotActions).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
            yield return new Finding
            {
                RuleId = Metadata.Id,
                Category = Metadata.Category,
                Severity = severity,
                Provider = "azure",
                Account = microsoft.TenantId,
                Principal = role.Id,
                PrincipalName = role.RoleName,
                Title = $"Custom role `{role.RoleName}` grants {(everything.Count > 0 ? "`*`" : "role assignment writes through a wildcard")}",
                Explanation = $"Custom role `{role.RoleName}` ({role.Name}) "
                    + (everything.Count > 0 ? $"grants `*`, every action{(removed.Count == 0 ? string.Empty : $" except {string.Join(", ", removed.Select(a => $"`{a}`"))}")}; " : string.Empty)
                    + (assigning.Pattern is not null
                        ? $"`{assigning.Pattern}` allows `{AssignRoles}`, so its holders can assign themselves Owner"
                        : $"its notActions remove `{AssignRoles}`, so it is Contributor-like rather than Owner-like")
                    + $". Assignable at {string.Join(", ", role.AssignableScopes.Select(s => $"`{s}`"))}. "
                    + (holders.Count == 0 ? "Nobody holds it in the export." : $"It is held {holders.Count} time{(holders.Count == 1 ? string.Empty : "s")}: {string.Join("; ", holders)}."),
                Remediation = Metadata.Remediation,
                References = Metadata.References,
                Fingerprint = Finding.FingerprintOf(Metadata.Id, role.Name),
            };
        }
    }

    /// <summary>Each assignment and PIM eligibility in force of the role: who (a group with its member count) at which scope.</summary>
    private static List<string> Holders(MicrosoftAnalysisContext microsoft, string roleGuid)
    {
        var azure = microsoft.Azure;
        var active = azure.RoleAssignments.Where(a => a.RoleDefinitionGuid == roleGuid).Select(a => (a.PrincipalId, a.Scope, Eligible: false));
        var eligible = azure.EligibleAssignments.Where(e => e.RoleDefinitionGuid == roleGuid && e.IsInForceAt(microsoft.ReferenceTime)).Select(e => (e.PrincipalId, e.Scope, Eligible: true));
        return [.. active.Concat(eligible).Select(h =>
        {
            var name = microsoft.NameOf(h.PrincipalId) ?? h.PrincipalId;
            var who = microsoft.Directory.FindGroup(h.PrincipalId) is { } group
                ? $"group `{name}` ({(microsoft.Edges.Membership.KnowsMembersOf(group.Id) ? Members(microsoft.Edges.Membership.MembersOf(group.Id).Count) : "members not exported")})"
                : $"`{name}`";
            return $"{who} at {AzureScopeNames.Describe(azure, h.Scope)}{(h.Eligible ? " (PIM-eligible)" : string.Empty)}";
        }).Order(StringComparer.Ordinal)];
    }

    private static string Members(int count) => count == 1 ? "1 member" : $"{count} members";
}
