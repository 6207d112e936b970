using System.Collections.Frozen;
using Ward.Microsoft.Azure.Rbac;
using Ward.Microsoft.Entra.Directory;

namespace Ward.Microsoft.Edges;

/// <summary>
/// The roles that make their holder an administrator, the targets of escalation paths: Global Administrator,
/// Privileged Role Administrator and Privileged Authentication Administrator in Entra ID (each can make itself Global
/// Administrator or act as one); Owner and User Access Administrator (who can grant themselves Owner) of the tenant
/// root, a management group or a subscription in Azure.
/// </summary>
public static class AdminRoles
{
    private static readonly FrozenDictionary<string, string> EntraAdminTemplates = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        ["62e90394-69f5-4237-9190-012177145e10"] = "Global Administrator",
        ["e8611ab8-c189-46e8-94e1-60213ab1f814"] = "Privileged Role Administrator",
        ["7be44c8a-adaf-4e2a-84d6-ab2649e08a13"] = "Privileged Authentication Administrator",
    }.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);

    private static readonly FrozenDictionary<string, string> AzureAdminRoles = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        ["8e3af657-a8ff-443c-a75c-2fe8c4bcb635"] = "Owner",
        ["18d7d88d-d35e-4fb5-a5c3-7773c20a72d9"] = "User Access Administrator",
    }.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);

    public static bool IsEntraAdminRole(EntraDirectory directory, string roleDefinitionId) =>
        EntraAdminTemplates.ContainsKey(directory.FindRoleDefinition(roleDefinitionId)?.TemplateId ?? roleDefinitionId);

    public static string? EntraAdminRoleName(EntraDirectory directory, string roleDefinitionId) =>
        EntraAdminTemplates.GetValueOrDefault(directory.FindRoleDefinition(roleDefinitionId)?.TemplateId ?? roleDefinitionId);

    /// <summary>An Owner or User Access Administrator assignment at the root, a management group or a subscription.</summary>
    public static bool IsAzureAdminAssignment(AzureEstate azure, string roleDefinitionId, AzureScope scope) =>
        scope.Kind is AzureScopeKind.Root or AzureScopeKind.ManagementGroup or AzureScopeKind.Subscription
        && AzureAdminRoles.ContainsKey(RoleDefinition.GuidOf(roleDefinitionId));

    /// <summary>Why each principal is an administrator (directly or through a group), by object id.</summary>
    public static IReadOnlyDictionary<string, string> Verdicts(EntraDirectory directory, AzureEstate azure)
    {
        var reasons = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var membership = new DirectoryGroupMembership(directory);
        foreach (var assignment in directory.RoleAssignments)
        {
            if (EntraAdminRoleName(directory, assignment.RoleDefinitionId) is { } role && assignment.DirectoryScope.Kind == DirectoryScopeKind.Tenant)
            {
                Grant(assignment.PrincipalId, $"{role} (Entra ID)");
            }
        }

        foreach (var assignment in azure.RoleAssignments.Where(a => IsAzureAdminAssignment(azure, a.RoleDefinitionId, a.Scope) && a.Condition is null))
        {
            Grant(assignment.PrincipalId, $"{azure.FindRoleDefinition(assignment.RoleDefinitionId)?.RoleName ?? "Owner"} of `{assignment.Scope.Value}` (Azure)");
        }

        return reasons;

        // A group's role is its members' too.
        void Grant(string principal, string reason)
        {
            reasons.TryAdd(principal, reason);
            if (directory.FindGroup(principal) is { } group)
            {
                foreach (var member in membership.MembersOf(group.Id))
                {
                    reasons.TryAdd(member, $"{reason} through group `{group.DisplayName ?? group.Id}`");
                }
            }
        }
    }
}
