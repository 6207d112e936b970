using System.Collections.Immutable;
using Ward.Microsoft.Edges;
using Ward.Microsoft.Entra.Catalog;
using Ward.Microsoft.Entra.Directory;

namespace Ward.Analysis.Rules.Privileged;

/// <summary>
/// The enabled users that hold privilege: a role of <see cref="PrivilegedDirectoryRoles"/> assigned directory-wide
/// (an administrative-unit or object scope confines it), or Owner or User Access Administrator without a condition
/// at the root, a management group or a subscription in Azure; directly or through a group, active or PIM-eligible
/// (in force at the reference time).
/// </summary>
internal static class PrivilegedUsers
{
    public static IEnumerable<PrivilegedUser> Of(MicrosoftAnalysisContext context)
    {
        // What a group holds reads the same for each of its members, but for whether the membership is PIM-eligible:
        // worked out once per group and kind of membership, as a tenant's users share their groups. One core: the
        // Microsoft graph, which more rules wait for, is built on the other meanwhile.
        var byGroup = new ByGroup(new(StringComparer.OrdinalIgnoreCase), new(StringComparer.OrdinalIgnoreCase));
        foreach (var user in context.Directory.Users.Where(u => u.AccountEnabled != false).OrderBy(u => u.Id, StringComparer.Ordinal))
        {
            if (Judge(context, user, byGroup) is { } privileged)
            {
                yield return privileged;
            }
        }
    }

    private static PrivilegedUser? Judge(MicrosoftAnalysisContext context, EntraUser user, ByGroup byGroup)
    {
        var all = context.Directory.TransitiveGroupsOf(user.Id, includeEligible: true);

        // Without PIM for Groups, every membership is active: the groups are worked out once.
        var active = context.Directory.PrivilegedGroupAssignments.IsEmpty ? null : context.Directory.TransitiveGroupsOf(user.Id).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var held = new List<Held>(all.Length + 1) { HeldBy(context, user.Id, groupMembership: null) };
        foreach (var group in all)
        {
            var eligibleMembership = active is not null && !active.Contains(group);
            var groups = eligibleMembership ? byGroup.Eligible : byGroup.Active;
            if (!groups.TryGetValue(group, out var heldByGroup))
            {
                heldByGroup = HeldBy(context, group, eligibleMembership);
                groups[group] = heldByGroup;
            }

            held.Add(heldByGroup);
        }

        var directory = held.SelectMany(h => h.Directory).DistinctBy(r => r.Text, StringComparer.Ordinal).OrderBy(r => r.Text, StringComparer.Ordinal).ToList();
        var azure = held.SelectMany(h => h.Azure).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        return directory.Count + azure.Count == 0 ? null : new PrivilegedUser(
            user,
            context.NameOf(user.Id) ?? user.Id,
            [.. directory.Select(r => r.Text).Concat(azure).Distinct(StringComparer.Ordinal)],
            directory.Exists(r => string.Equals(r.TemplateId, PrivilegedDirectoryRoles.GlobalAdministrator, StringComparison.OrdinalIgnoreCase)),
            directory.Count == 0);
    }

    /// <summary>What groups hold, worded for members whose membership is active, and for those whose membership is PIM-eligible.</summary>
    private sealed record ByGroup(Dictionary<string, Held> Active, Dictionary<string, Held> Eligible);

    /// <summary>The privileged directory roles (with their template ids) and Azure roles of one holder, each ending with how the user holds it.</summary>
    private sealed record Held(ImmutableArray<(string TemplateId, string Text)> Directory, ImmutableArray<string> Azure);

    /// <summary>What the user itself holds (<paramref name="groupMembership"/> null), or a group it is a member of, PIM-eligible or not.</summary>
    private static Held HeldBy(MicrosoftAnalysisContext context, string holder, bool? groupMembership)
    {
        string How(string principalId) => groupMembership is not { } eligible ? string.Empty
            : $" through group `{context.NameOf(principalId) ?? principalId}`{(eligible ? " (a PIM-eligible membership)" : string.Empty)}";

        var azure = context.Azure;
        var holdings = DirectoryRoleHoldings.Of(context);

        // A roleAssignments entry has no dates: its schedule instance, where the export holds one, tells whether it is still in force.
        var directory = context.DirectoryRoleAssignmentsOf(holder)
            .Where(a => a.DirectoryScope.Kind == DirectoryScopeKind.Tenant && DirectoryRoleHoldings.InForce(a.StartDateTime, a.EndDateTime, context.ReferenceTime) && !holdings.HasLapsed(a))
            .Select(a => (Definition: context.Directory.FindRoleDefinition(a.RoleDefinitionId), Assignment: a))
            .Select(r => (r.Assignment, TemplateId: r.Definition?.TemplateId ?? r.Assignment.RoleDefinitionId, r.Definition?.DisplayName))
            .Where(r => PrivilegedDirectoryRoles.Contains(r.TemplateId))
            .Select(r => (r.TemplateId,
                $"{r.DisplayName ?? DirectoryRoleTiers.FindBuiltIn(r.TemplateId)?.Name ?? r.TemplateId}{(r.Assignment.State == AssignmentState.Eligible ? " (PIM-eligible)" : string.Empty)}{How(r.Assignment.PrincipalId)}"));
        // A condition on an Owner assignment limits only which roles it may assign (the portal's "except privileged
        // roles"): the holder keeps every other action, so it stays privileged. A conditioned User Access
        // Administrator may be limited to harmless roles, and is left out.
        var active = context.AzureRoleAssignmentsOf(holder)
            .Where(a => (a.Condition is null || AzureRbac.OwnerLikeRoles.IsOwner(a.RoleDefinitionId)) && AdminRoles.IsAzureAdminAssignment(azure, a.RoleDefinitionId, a.Scope))
            .Select(a => $"{MicrosoftGrants.RoleName(context, a.RoleDefinitionId, a.RoleDefinitionName)} of {AzureScopeNames.Describe(azure, a.Scope)}{How(a.PrincipalId)}");
        var eligible = context.AzureEligibleAssignmentsOf(holder)
            .Where(e => (e.Condition is null || AzureRbac.OwnerLikeRoles.IsOwner(e.RoleDefinitionId)) && e.IsInForceAt(context.ReferenceTime) && AdminRoles.IsAzureAdminAssignment(azure, e.RoleDefinitionId, e.Scope))
            .Select(e => $"{MicrosoftGrants.RoleName(context, e.RoleDefinitionId, null)} of {AzureScopeNames.Describe(azure, e.Scope)} (PIM-eligible){How(e.PrincipalId)}");
        return new Held([.. directory], [.. active.Concat(eligible)]);
    }
}
