using Ward.Microsoft.Azure.Rbac;

namespace Ward.Analysis.Rules.AzureRbac;

/// <summary>
/// <c>azure-many-owners</c>: more than <c>--owner-limit</c> distinct principals hold Owner or another role that may make
/// its holder Owner (<see cref="OwnerLikeRoles"/>) over a subscription, a management group or the root,
/// assigned there or inherited from above, groups counted by their members. The finding's principal is the scope.
/// </summary>
public sealed class AzureManyOwnersRule : IRule
{
    public RuleMetadata Metadata { get; } = new(
        "azure-many-owners",
        "Too many owners of a subscription or management group",
        "over-permissive",
        Severity.Medium,
        "More principals than the limit (default 3, --owner-limit) hold Owner, or a role that may assign Owner (User Access Administrator or Role Based Access Control Administrator unless a condition refuses every role that leads to Owner, a custom role that may write role assignments or role definitions), over the scope, assigned there or inherited from a management group or the root above it, groups counted by their members, classic Service Administrators and Co-Administrators counted as owners. Each of them controls everything in the scope and can grant that control to anyone: every extra owner is one more account whose compromise is a full breach. PIM-eligible holders are listed but not counted (they hold nothing until they activate), and so are PIM activations (a role assignment whose schedule instance is `Activated`: an eligible holder who was active when the export ran, for hours). Medium for a subscription, high for a management group or the root.",
        "Keep at most three owners (Microsoft's recommendation for subscriptions), and at least two. Give the others the narrowest role they need (Contributor, a resource-group scope, a custom role), make the remaining owners PIM-eligible instead of permanent, and delegate role assignment with Role Based Access Control Administrator constrained by a condition.",
        ["azure"],
        ["https://learn.microsoft.com/en-us/azure/role-based-access-control/best-practices#limit-the-number-of-subscription-owners", "https://learn.microsoft.com/en-us/azure/role-based-access-control/role-assignments-list-portal#list-owners-of-a-subscription"]);

    public IEnumerable<Finding> Evaluate(AnalysisContext context)
    {
        if (context.Microsoft is not { } microsoft)
        {
            yield break;
        }

        var azure = microsoft.Azure;
        var limit = context.Settings.OwnerLimit;
        var activeGrants = OwnerLikeGrants(microsoft, eligible: false);
        var eligibleGrants = OwnerLikeGrants(microsoft, eligible: true);
        foreach (var scope in Scopes(azure))
        {
            var active = Holders(microsoft, scope, activeGrants, eligible: false);
            if (active.Count <= limit)
            {
                continue;
            }

            var eligible = Holders(microsoft, scope, eligibleGrants, eligible: true).Where(h => !active.ContainsKey(h.Key)).ToDictionary(h => h.Key, h => h.Value, StringComparer.OrdinalIgnoreCase);
            var where = AzureScopeNames.Describe(azure, scope);
            yield return new Finding
            {
                RuleId = Metadata.Id,
                Category = Metadata.Category,
                Severity = scope.Kind == AzureScopeKind.Subscription ? Severity.Medium : Severity.High,
                Provider = "azure",
                Account = microsoft.TenantId,
                Principal = scope.Value,
                PrincipalName = AzureScopeNames.DisplayName(azure, scope),
                Title = $"{Capitalized(where)} has {active.Count} owners (more than {limit})",
                Explanation = $"{active.Count} principals hold Owner or a role that may assign Owner over {where}, more than the limit of {limit} (--owner-limit): "
                    + List(microsoft, active) + "."
                    + (eligible.Count == 0 ? string.Empty : $" Besides, {eligible.Count} may activate such a role through PIM (not counted): {List(microsoft, eligible)}."),
                Remediation = Metadata.Remediation,
                References = Metadata.References,
                Fingerprint = Finding.FingerprintOf(Metadata.Id, scope.Value.ToUpperInvariant()),
            };
        }
    }

    /// <summary>The root (when something is assigned there), every management group and every subscription the export names.</summary>
    private static IEnumerable<AzureScope> Scopes(AzureEstate azure)
    {
        var assigned = azure.RoleAssignments.Select(a => a.Scope).Concat(azure.EligibleAssignments.Select(e => e.Scope)).ToList();
        var scopes = new List<AzureScope>();
        if (assigned.Exists(s => s.Kind == AzureScopeKind.Root))
        {
            scopes.Add(AzureScope.Root);
        }

        scopes.AddRange(azure.Hierarchy.ManagementGroups.Select(g => g.Scope));
        scopes.AddRange(assigned.Where(s => s.Kind == AzureScopeKind.ManagementGroup));
        scopes.AddRange(azure.Hierarchy.Subscriptions.Select(s => s.Scope));
        scopes.AddRange(assigned.Where(s => s.SubscriptionId is not null).Select(s => AzureScope.Subscription(s.SubscriptionId!)));
        scopes.AddRange(azure.ClassicAdministrators.Select(c => c.Scope));
        return scopes.Distinct();
    }

    /// <summary>
    /// The assignments (or PIM eligibilities in force) of an owner-like role, picked once for every scope. A principal
    /// Azure lists as <c>Unknown</c> was deleted from the directory: nobody signs in as it.
    /// </summary>
    private static ILookup<AzureScope, OwnerLikeGrant> OwnerLikeGrants(MicrosoftAnalysisContext microsoft, bool eligible)
    {
        var azure = microsoft.Azure;
        // A role assignment that is a PIM activation (its schedule instance says `Activated`) is an eligible holder
        // who happened to be active when the export ran: it goes with the eligibilities, not with the standing owners.
        var instances = azure.AssignmentScheduleInstances.ToLookup(i => i.PrincipalId, StringComparer.OrdinalIgnoreCase);
        var grants = azure.RoleAssignments
            .Select(a => (Assignment: a, Activation: AzurePermanentPrivilegedAssignmentRule.InstancesOf(instances[a.PrincipalId], a) is { Count: > 0 } held && held.TrueForAll(i => i.IsActivation) ? held[0] : null))
            .Where(a => (a.Activation is not null) == eligible)
            .Select(a => new OwnerLikeGrant(a.Assignment.PrincipalId, a.Assignment.PrincipalType, a.Assignment.RoleDefinitionId, a.Assignment.RoleDefinitionName, a.Assignment.RoleDefinitionGuid, a.Assignment.Condition, a.Assignment.Scope, a.Activation is null ? null : a.Activation.EndDateTime ?? DateTimeOffset.MaxValue));
        if (eligible)
        {
            grants = grants.Concat(azure.EligibleAssignments.Where(e => e.IsInForceAt(microsoft.ReferenceTime)).Select(e => new OwnerLikeGrant(e.PrincipalId, e.PrincipalType, e.RoleDefinitionId, null, e.RoleDefinitionGuid, e.Condition, e.Scope, null)));
        }

        return grants.Where(g => g.PrincipalType != "Unknown" && OwnerLikeRoles.Grants(azure, g.RoleDefinitionId, g.Condition, g.Scope)).ToLookup(g => g.Scope);
    }

    /// <summary>Who holds an owner-like role over the scope (users and service principals; a group whose members are not exported stands for them), with how.</summary>
    private static Dictionary<string, List<string>> Holders(MicrosoftAnalysisContext microsoft, AzureScope scope, ILookup<AzureScope, OwnerLikeGrant> grantsByScope, bool eligible)
    {
        var azure = microsoft.Azure;
        var holders = new Dictionary<string, List<string>>(StringComparer.OrdinalIgnoreCase);

        // Only the grants at the scope or above it can reach it: its ancestors, and the root, which is above every scope.
        var candidates = azure.Hierarchy.Ancestors(scope).Scopes.Append(AzureScope.Root).Distinct().SelectMany(s => grantsByScope[s]);
        foreach (var grant in candidates)
        {
            var reach = azure.Hierarchy.Reach(grant.Scope, scope);
            if (reach is not (ScopeReach.AtScope or ScopeReach.Inherited))
            {
                continue;
            }

            var how = $"{MicrosoftGrants.RoleName(microsoft, grant.RoleDefinitionId, grant.RoleName)}"
                + (reach == ScopeReach.AtScope ? " assigned here" : $" inherited from {AzureScopeNames.Describe(azure, grant.Scope)}")
                + (grant.Condition is null ? string.Empty : " with a condition on the role assignments it may write")
                + (grant.ActivatedUntil is not { } until ? string.Empty
                    : until == DateTimeOffset.MaxValue ? ", activated through PIM"
                    : $", activated through PIM until {until.UtcDateTime:yyyy-MM-dd HH:mm} UTC");
            if (microsoft.Directory.FindGroup(grant.PrincipalId) is { } group && microsoft.Edges.Membership.KnowsMembersOf(group.Id))
            {
                // Members are expanded through nested groups; a nested group whose own members are not exported stands for them.
                foreach (var member in microsoft.Edges.Membership.MembersOf(group.Id))
                {
                    if (microsoft.Directory.FindGroup(member) is null)
                    {
                        Add(member, $"{how} through group `{group.DisplayName ?? group.Id}`");
                    }
                    else if (!microsoft.Edges.Membership.KnowsMembersOf(member))
                    {
                        Add(member, $"{how} through group `{group.DisplayName ?? group.Id}`, as a nested group whose members are not exported");
                    }
                }
            }
            else
            {
                Add(grant.PrincipalId, microsoft.Directory.FindGroup(grant.PrincipalId) is null ? how : $"{how} (a group whose members are not exported)");
            }
        }

        if (!eligible && scope.Kind == AzureScopeKind.Subscription)
        {
            foreach (var classic in azure.ClassicAdministrators.Where(c => c.ActsAsOwner && c.Scope == scope))
            {
                Add(AzureClassicAdministratorRule.PrincipalOf(microsoft, classic) ?? classic.EmailAddress, $"classic {AzureClassicAdministratorRule.Describe(classic.Roles.Where(r => !r.Equals(ClassicAdministrator.AccountAdministrator, StringComparison.OrdinalIgnoreCase)))}");
            }
        }

        return holders;

        void Add(string principal, string how)
        {
            if (!holders.TryGetValue(principal, out var ways))
            {
                holders[principal] = ways = [];
            }

            ways.Add(how);
        }
    }

    private static string List(MicrosoftAnalysisContext microsoft, Dictionary<string, List<string>> holders) =>
        string.Join("; ", holders
            .Select(h => (Name: ManagedIdentities.HolderName(microsoft, h.Key) ?? h.Key, Ways: h.Value))
            .OrderBy(h => h.Name, StringComparer.OrdinalIgnoreCase)
            .Select(h => $"`{h.Name}` ({string.Join(", ", h.Ways.Distinct(StringComparer.Ordinal))})"));

    private static string Capitalized(string text) => char.ToUpperInvariant(text[0]) + text[1..];

    private sealed record OwnerLikeGrant(string PrincipalId, string? PrincipalType, string RoleDefinitionId, string? RoleName, string RoleDefinitionGuid, string? Condition, AzureScope Scope, DateTimeOffset? ActivatedUntil);
}
