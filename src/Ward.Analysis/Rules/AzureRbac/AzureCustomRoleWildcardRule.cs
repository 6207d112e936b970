using Ward.Microsoft.Azure.Evaluation;
using Ward.Microsoft.Azure.Rbac;

namespace Ward.Analysis.Rules.AzureRbac;

/// <summary>
/// <c>azure-custom-role-wildcard</c>: a custom role whose actions include <c>*</c>, or a wildcard pattern
/// (<c>Microsoft.Authorization/*</c>, <c>*/write</c>…) that grants role assignment or role definition writes.
/// </summary>
public sealed class AzureCustomRoleWildcardRule : IRule
{
    private const string AssignRoles = OwnerLikeRoles.AssignRoles;
    private const string WriteRoles = OwnerLikeRoles.WriteRoles;

    // Role assignment writes let a holder assign itself Owner; role definition writes let it rewrite the role (or create one) to allow them.
    private static readonly string[] EscalatingActions = [AssignRoles, WriteRoles];

    public RuleMetadata Metadata { get; } = new(
        "azure-custom-role-wildcard",
        "Custom role with wildcard actions",
        "over-permissive",
        Severity.High,
        "A custom Azure role grants `*` (every control-plane action of every resource provider, today's and tomorrow's), or grants role assignment or role definition writes through a wildcard such as `Microsoft.Authorization/*` or `*/write`. A role that may write role assignments is Owner under another name: its holders can assign themselves Owner; one that may write role definitions can rewrite itself to allow that, when its holder holds it at or above every scope it is assignable at (updating a custom role takes the write on all of them). High when it grants either so and is assigned, medium when it grants `*` without them (Contributor-like) and is assigned, low while nobody holds it.",
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

            // Whether the role grants each action that makes its holder Owner (some block's action matches it, whatever
            // the pattern, and none of that block's notActions removes it), and, apart from that, which wildcards do.
            var escalating = EscalatingActions
                .Where(action => role.Permissions.Any(b => OwnerLikeRoles.Allows(b, action)))
                .Select(action => (Action: action, Wildcards: role.Permissions
                    .Where(b => OwnerLikeRoles.Allows(b, action))
                    .SelectMany(b => b.Actions.Where(p => p.Contains('*', StringComparison.Ordinal) && ActionPattern.Matches(p, action)))
                    .Distinct(StringComparer.OrdinalIgnoreCase)
                    .ToList()))
                .ToList();
            var throughWildcard = escalating.Find(e => e.Wildcards.Count > 0);
            if (everything.Count == 0 && throughWildcard.Action is null)
            {
                continue;
            }

            var held = Held(microsoft, role.Name);
            var holders = Holders(microsoft, held);

            // Updating the role takes role definition writes at every scope it is assignable at: holders that all hold
            // it below one of them cannot rewrite it, and role definition writes alone do not make it Owner-like.
            var unrewritable = held.Count > 0 && !held.Exists(h => OwnerLikeRoles.MayRewrite(azure, role, h.Scope));
            var owning = escalating.Where(e => e.Action == AssignRoles || !unrewritable).ToList();
            var severity = holders.Count == 0 ? Severity.Low : owning.Count > 0 ? Severity.High : Severity.Medium;
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
                Title = $"Custom role `{role.RoleName}` grants {(everything.Count > 0 ? "`*`" : throughWildcard.Action == AssignRoles ? "role assignment writes through a wildcard" : "role definition writes through a wildcard")}",
                Explanation = $"Custom role `{role.RoleName}` ({role.Name}) "
                    + (everything.Count > 0 ? $"grants `*`, every action{(removed.Count == 0 ? string.Empty : $" except {string.Join(", ", removed.Select(a => $"`{a}`"))}")}; " : string.Empty)
                    + (owning.Count > 0 ? Grants(owning)
                        : escalating.Count > 0 ? NotRewritable(escalating[0])
                        : NotOwnerLike(everything))
                    + $". Assignable at {string.Join(", ", role.AssignableScopes.Select(s => $"`{s}`"))}. "
                    + (holders.Count == 0 ? "Nobody holds it in the export." : $"It is held {holders.Count} time{(holders.Count == 1 ? string.Empty : "s")}: {string.Join("; ", holders)}."),
                Remediation = Metadata.Remediation,
                References = Metadata.References,
                Fingerprint = Finding.FingerprintOf(Metadata.Id, role.Name),
            };
        }
    }

    /// <summary>How the role grants the actions that make its holders Owner (the wildcards that allow them, else by name), and what they do with them.</summary>
    private static string Grants(List<(string Action, List<string> Wildcards)> escalating)
    {
        var (action, wildcards) = escalating[0];
        var how = How(action, wildcards);
        return action == AssignRoles
            ? how + ", so its holders can assign themselves Owner" + (escalating.Count > 1 ? $" (it allows `{WriteRoles}` too)" : string.Empty)
            : how + ", so its holders can rewrite this role to allow `*` and then assign themselves Owner";
    }

    private static string How(string action, List<string> wildcards) => wildcards.Count == 0
        ? $"it grants `{action}` by name"
        : $"{string.Join(", ", wildcards.Select(p => $"`{p}`"))} allow{(wildcards.Count == 1 ? "s" : string.Empty)} `{action}`";

    /// <summary>Why role definition writes do not make the role Owner-like: no holder has them on every scope it is assignable at.</summary>
    private static string NotRewritable((string Action, List<string> Wildcards) writes) =>
        How(writes.Action, writes.Wildcards)
        + ", but updating the role takes that write on every scope it is assignable at, and no holder holds the role at or above all of them, so its holders cannot rewrite it: it is Contributor-like rather than Owner-like";

    /// <summary>Why a role granting <c>*</c> is not Owner-like: the notActions of its <c>*</c> blocks that remove role assignment and role definition writes.</summary>
    private static string NotOwnerLike(List<PermissionBlock> everything)
    {
        var removing = everything
            .SelectMany(b => b.NotActions.Where(p => EscalatingActions.Any(action => ActionPattern.Matches(p, action))))
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .ToList();
        return removing.Count > 0
            ? $"its notActions remove `{AssignRoles}` and `{WriteRoles}` ({string.Join(", ", removing.Select(p => $"`{p}`"))}), so it is Contributor-like rather than Owner-like"
            : $"it grants neither `{AssignRoles}` nor `{WriteRoles}`, so it is Contributor-like rather than Owner-like";
    }

    /// <summary>Each assignment and PIM eligibility in force of the role: who at which scope.</summary>
    private static List<(string PrincipalId, AzureScope Scope, bool Eligible)> Held(MicrosoftAnalysisContext microsoft, string roleGuid)
    {
        var azure = microsoft.Azure;
        // A principal Azure lists as `Unknown` was deleted from the directory: nobody holds the role through it.
        var active = azure.RoleAssignments.Where(a => a.RoleDefinitionGuid == roleGuid && a.PrincipalType != "Unknown").Select(a => (a.PrincipalId, a.Scope, Eligible: false));
        var eligible = azure.EligibleAssignments.Where(e => e.RoleDefinitionGuid == roleGuid && e.PrincipalType != "Unknown" && e.IsInForceAt(microsoft.ReferenceTime)).Select(e => (e.PrincipalId, e.Scope, Eligible: true));
        return [.. active.Concat(eligible)];
    }

    /// <summary>Each holder of the role: who (a group with its member count) at which scope.</summary>
    private static List<string> Holders(MicrosoftAnalysisContext microsoft, List<(string PrincipalId, AzureScope Scope, bool Eligible)> held)
    {
        var azure = microsoft.Azure;
        return [.. held.Select(h =>
        {
            var name = ManagedIdentities.HolderName(microsoft, h.PrincipalId) ?? h.PrincipalId;
            var who = microsoft.Directory.FindGroup(h.PrincipalId) is { } group
                ? $"group `{name}` ({(microsoft.Edges.Membership.KnowsMembersOf(group.Id) ? Members(microsoft.Edges.Membership.MembersOf(group.Id).Count) : "members not exported")})"
                : $"`{name}`";
            return $"{who} at {AzureScopeNames.Describe(azure, h.Scope)}{(h.Eligible ? " (PIM-eligible)" : string.Empty)}";
        }).Order(StringComparer.Ordinal)];
    }

    private static string Members(int count) => count == 1 ? "1 member" : $"{count} members";
}
