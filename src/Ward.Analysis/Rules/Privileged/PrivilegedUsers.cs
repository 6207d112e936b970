using System.Collections.Immutable;
using Ward.Microsoft.Edges;
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
        foreach (var user in context.Directory.Users.Where(u => u.AccountEnabled != false).OrderBy(u => u.Id, StringComparer.Ordinal))
        {
            var holders = HoldersOf(context, user.Id);
            var directory = DirectoryRoles(context, holders);
            var azure = AzureRoles(context, holders);
            if (directory.Count + azure.Count > 0)
            {
                yield return new PrivilegedUser(
                    user,
                    context.NameOf(user.Id) ?? user.Id,
                    [.. directory.Select(r => r.Text).Concat(azure).Distinct(StringComparer.Ordinal)],
                    directory.Any(r => string.Equals(r.TemplateId, PrivilegedDirectoryRoles.GlobalAdministrator, StringComparison.OrdinalIgnoreCase)),
                    directory.Count == 0);
            }
        }
    }

    /// <summary>The user and the groups it belongs to (PIM-eligible memberships too).</summary>
    private static Holders HoldersOf(MicrosoftAnalysisContext context, string userId)
    {
        var all = context.Directory.TransitiveGroupsOf(userId, includeEligible: true);
        // Without PIM for Groups, every membership is active: the groups are worked out once.
        var active = context.Directory.PrivilegedGroupAssignments.IsEmpty ? null : context.Directory.TransitiveGroupsOf(userId).ToHashSet(StringComparer.OrdinalIgnoreCase);
        return new Holders(userId, [userId, .. all], active);
    }

    /// <summary>A user and the groups it belongs to; how it holds what is assigned to one is worded only when something is.</summary>
    private sealed record Holders(string UserId, ImmutableArray<string> Ids, HashSet<string>? Active)
    {
        public string How(MicrosoftAnalysisContext context, string holder) =>
            string.Equals(holder, UserId, StringComparison.OrdinalIgnoreCase) ? string.Empty
            : $" through group `{context.NameOf(holder) ?? holder}`{(Active is null || Active.Contains(holder) ? string.Empty : " (a PIM-eligible membership)")}";
    }

    private static List<(string TemplateId, string Text)> DirectoryRoles(MicrosoftAnalysisContext context, Holders holders) =>
        [.. holders.Ids.SelectMany(context.DirectoryRoleAssignmentsOf)
            .Where(a => a.DirectoryScope.Kind == DirectoryScopeKind.Tenant && (a.EndDateTime is not { } end || end > context.ReferenceTime))
            .Select(a => (Definition: context.Directory.FindRoleDefinition(a.RoleDefinitionId), Assignment: a))
            .Where(r => PrivilegedDirectoryRoles.Contains(r.Definition?.TemplateId ?? r.Assignment.RoleDefinitionId))
            .Select(r => (r.Definition?.TemplateId ?? r.Assignment.RoleDefinitionId,
                $"{r.Definition?.DisplayName ?? r.Assignment.RoleDefinitionId}{(r.Assignment.State == AssignmentState.Eligible ? " (PIM-eligible)" : string.Empty)}{holders.How(context, r.Assignment.PrincipalId)}"))
            .DistinctBy(r => r.Item2, StringComparer.Ordinal)
            .OrderBy(r => r.Item2, StringComparer.Ordinal)];

    private static List<string> AzureRoles(MicrosoftAnalysisContext context, Holders holders)
    {
        var azure = context.Azure;
        var active = holders.Ids.SelectMany(context.AzureRoleAssignmentsOf)
            .Where(a => a.Condition is null && AdminRoles.IsAzureAdminAssignment(azure, a.RoleDefinitionId, a.Scope))
            .Select(a => $"{MicrosoftGrants.RoleName(context, a.RoleDefinitionId, a.RoleDefinitionName)} of {AzureScopeNames.Describe(azure, a.Scope)}{holders.How(context, a.PrincipalId)}");
        var eligible = holders.Ids.SelectMany(context.AzureEligibleAssignmentsOf)
            .Where(e => e.Condition is null && e.IsInForceAt(context.ReferenceTime) && AdminRoles.IsAzureAdminAssignment(azure, e.RoleDefinitionId, e.Scope))
            .Select(e => $"{MicrosoftGrants.RoleName(context, e.RoleDefinitionId, null)} of {AzureScopeNames.Describe(azure, e.Scope)} (PIM-eligible){holders.How(context, e.PrincipalId)}");
        return [.. active.Concat(eligible).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];
    }
}
