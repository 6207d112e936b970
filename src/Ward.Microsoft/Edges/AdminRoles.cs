using System.Collections.Frozen;
using Ward.Core.Decisions;
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
    private const string UserAccessAdministrator = "18d7d88d-d35e-4fb5-a5c3-7773c20a72d9";

    private static readonly FrozenDictionary<string, string> EntraAdminTemplates = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        ["62e90394-69f5-4237-9190-012177145e10"] = "Global Administrator",
        ["e8611ab8-c189-46e8-94e1-60213ab1f814"] = "Privileged Role Administrator",
        ["7be44c8a-adaf-4e2a-84d6-ab2649e08a13"] = "Privileged Authentication Administrator",
    }.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);

    private static readonly FrozenDictionary<string, string> AzureAdminRoles = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        ["8e3af657-a8ff-443c-a75c-2fe8c4bcb635"] = "Owner",
        [UserAccessAdministrator] = "User Access Administrator",
    }.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);

    public static bool IsEntraAdminRole(EntraDirectory directory, string roleDefinitionId) =>
        EntraAdminTemplates.ContainsKey(directory.FindRoleDefinition(roleDefinitionId)?.TemplateId ?? roleDefinitionId);

    public static string? EntraAdminRoleName(EntraDirectory directory, string roleDefinitionId) =>
        EntraAdminTemplates.GetValueOrDefault(directory.FindRoleDefinition(roleDefinitionId)?.TemplateId ?? roleDefinitionId);

    /// <summary>An Owner or User Access Administrator assignment at the root, a management group or a subscription.</summary>
    public static bool IsAzureAdminAssignment(AzureEstate azure, string roleDefinitionId, AzureScope scope) =>
        scope.Kind is AzureScopeKind.Root or AzureScopeKind.ManagementGroup or AzureScopeKind.Subscription
        && AzureAdminRoles.ContainsKey(RoleDefinition.GuidOf(roleDefinitionId));

    /// <summary>
    /// What a User Access Administrator assignment (active, or eligible and counted as activated) lets the principal do
    /// with it: assign itself Owner at the scope, decided by the Azure authorizer. User Access Administrator is only
    /// the right to write role assignments, so where a deny assignment refuses that write to the principal (or leaves it
    /// conditional), the role makes it no administrator, or one only under that condition. Other roles: null (Owner
    /// keeps every other action, whatever is denied of role assignments).
    /// </summary>
    public static Decision? SelfAssignsOwner(MicrosoftEdgeContext context, string principal, string roleDefinitionId, AzureScope scope, bool eligible)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!string.Equals(RoleDefinition.GuidOf(roleDefinitionId), UserAccessAdministrator, StringComparison.OrdinalIgnoreCase) || context.Azure.DenyAssignments.IsEmpty)
        {
            return null;
        }

        return context.Rbac.Authorize(context.SelfAssignment(principal, scope, MicrosoftEdgeContext.OwnerRoleId) with { ActivateEligible = eligible, AsOf = eligible ? context.AsOf : null });
    }

    /// <summary>
    /// Why each principal is an administrator (directly or through a group), by object id. A User Access Administrator
    /// whom a deny assignment keeps from assigning itself Owner there is none (<see cref="SelfAssignsOwner"/>): a
    /// member of a holding group is decided on its own, as the deny may name it and not the group.
    /// </summary>
    public static IReadOnlyDictionary<string, string> Verdicts(MicrosoftEdgeContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var (directory, azure) = (context.Directory, context.Azure);
        var reasons = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var membership = context.Membership;
        foreach (var assignment in directory.RoleAssignments)
        {
            if (EntraAdminRoleName(directory, assignment.RoleDefinitionId) is { } role && assignment.DirectoryScope.Kind == DirectoryScopeKind.Tenant)
            {
                Grant(assignment.PrincipalId, $"{role} (Entra ID)");
            }
        }

        foreach (var assignment in azure.RoleAssignments.Where(a => IsAzureAdminAssignment(azure, a.RoleDefinitionId, a.Scope) && a.Condition is null))
        {
            Grant(assignment.PrincipalId, $"{azure.FindRoleDefinition(assignment.RoleDefinitionId)?.RoleName ?? "Owner"} of `{assignment.Scope.Value}` (Azure)",
                principal => SelfAssignsOwner(context, principal, assignment.RoleDefinitionId, assignment.Scope, eligible: false) is not { Kind: not DecisionKind.Allowed });
        }

        return reasons;

        // A group's role is its members' too.
        void Grant(string principal, string reason, Func<string, bool>? holds = null)
        {
            if (holds?.Invoke(principal) != false)
            {
                reasons.TryAdd(principal, reason);
            }

            if (directory.FindGroup(principal) is { } group)
            {
                foreach (var member in membership.MembersOf(group.Id).Where(m => holds?.Invoke(m) != false))
                {
                    reasons.TryAdd(member, $"{reason} through group `{group.DisplayName ?? group.Id}`");
                }
            }
        }
    }
}
