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
            var holders = Holders(context, user.Id);
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

    /// <summary>The user and the groups it belongs to (PIM-eligible memberships too), each with how it holds what is assigned to it.</summary>
    private static Dictionary<string, string> Holders(MicrosoftAnalysisContext context, string userId)
    {
        var holders = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase) { [userId] = string.Empty };
        var active = context.Directory.TransitiveGroupsOf(userId).ToHashSet(StringComparer.OrdinalIgnoreCase);
        foreach (var group in context.Directory.TransitiveGroupsOf(userId, includeEligible: true))
        {
            holders.TryAdd(group, $" through group `{context.NameOf(group) ?? group}`{(active.Contains(group) ? string.Empty : " (a PIM-eligible membership)")}");
        }

        return holders;
    }

    private static List<(string TemplateId, string Text)> DirectoryRoles(MicrosoftAnalysisContext context, Dictionary<string, string> holders) =>
        [.. holders.Keys.SelectMany(context.DirectoryRoleAssignmentsOf)
            .Where(a => a.DirectoryScope.Kind == DirectoryScopeKind.Tenant && (a.EndDateTime is not { } end || end > context.ReferenceTime))
            .Select(a => (Definition: context.Directory.FindRoleDefinition(a.RoleDefinitionId), Assignment: a))
            .Where(r => PrivilegedDirectoryRoles.Contains(r.Definition?.TemplateId ?? r.Assignment.RoleDefinitionId))
            .Select(r => (r.Definition?.TemplateId ?? r.Assignment.RoleDefinitionId,
                $"{r.Definition?.DisplayName ?? r.Assignment.RoleDefinitionId}{(r.Assignment.State == AssignmentState.Eligible ? " (PIM-eligible)" : string.Empty)}{holders[r.Assignment.PrincipalId]}"))
            .DistinctBy(r => r.Item2, StringComparer.Ordinal)
            .OrderBy(r => r.Item2, StringComparer.Ordinal)];

    private static List<string> AzureRoles(MicrosoftAnalysisContext context, Dictionary<string, string> holders)
    {
        var azure = context.Azure;
        var active = holders.Keys.SelectMany(context.AzureRoleAssignmentsOf)
            .Where(a => a.Condition is null && AdminRoles.IsAzureAdminAssignment(azure, a.RoleDefinitionId, a.Scope))
            .Select(a => $"{MicrosoftGrants.RoleName(context, a.RoleDefinitionId, a.RoleDefinitionName)} of {AzureScopeNames.Describe(azure, a.Scope)}{holders[a.PrincipalId]}");
        var eligible = holders.Keys.SelectMany(context.AzureEligibleAssignmentsOf)
            .Where(e => e.Condition is null && e.IsInForceAt(context.ReferenceTime) && AdminRoles.IsAzureAdminAssignment(azure, e.RoleDefinitionId, e.Scope))
            .Select(e => $"{MicrosoftGrants.RoleName(context, e.RoleDefinitionId, null)} of {AzureScopeNames.Describe(azure, e.Scope)} (PIM-eligible){holders[e.PrincipalId]}");
        return [.. active.Concat(eligible).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];
    }
}
