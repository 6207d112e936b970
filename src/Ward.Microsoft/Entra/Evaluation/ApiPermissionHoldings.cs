using System.Collections.Immutable;
using Ward.Microsoft.Entra.Catalog;
using Ward.Microsoft.Entra.Directory;

namespace Ward.Microsoft.Entra.Evaluation;

/// <summary>What a principal holds of API permissions: its application permissions and the delegated grants to it or for it.</summary>
public sealed record ApiPermissionHoldings(ImmutableArray<HeldAppRole> AppRoles, ImmutableArray<HeldGrant> Grants)
{
    /// <summary>
    /// For a service principal: the app roles assigned to it (and, as not app-only, to its groups) and the grants to it
    /// as client. For a user: the grants that cover it (naming it, or for every user), for any client.
    /// </summary>
    public static ApiPermissionHoldings Of(EntraDirectory directory, string principalId)
    {
        ArgumentNullException.ThrowIfNull(directory);
        ArgumentNullException.ThrowIfNull(principalId);
        if (directory.FindServicePrincipal(principalId) is { } client)
        {
            var groups = directory.TransitiveGroupsOf(client.Id).ToHashSet(StringComparer.OrdinalIgnoreCase);
            var roles = directory.AppRoleAssignments
                .Where(a => Same(a.PrincipalId, client.Id) || groups.Contains(a.PrincipalId))
                .Select(a => Role(directory, client, a, groups.Contains(a.PrincipalId) ? directory.FindGroup(a.PrincipalId)?.DisplayName ?? a.PrincipalId : null));
            var grants = directory.OAuth2PermissionGrants.Where(g => Same(g.ClientId, client.Id))
                .Select(g => Grant(directory, g, TokenIssuance.Refusal(client, directory.FindServicePrincipal(g.ResourceId))));
            return new ApiPermissionHoldings([.. roles], [.. grants]);
        }

        if (directory.FindUser(principalId) is { } user)
        {
            var grants = directory.OAuth2PermissionGrants.Where(g => g.IsForAllPrincipals || Same(g.PrincipalId, user.Id))
                .Select(g => Grant(directory, g, user.AccountEnabled == false
                    ? $"{user.UserPrincipalName ?? user.Id} is disabled and cannot sign in"
                    : directory.FindServicePrincipal(g.ClientId) is { } c ? TokenIssuance.Refusal(c, directory.FindServicePrincipal(g.ResourceId)) ?? AssignmentRequirement.Refusal(directory, c, user.Id) : null));
            return new ApiPermissionHoldings([], [.. grants]);
        }

        return new ApiPermissionHoldings([], []);
    }

    private static HeldAppRole Role(EntraDirectory directory, EntraServicePrincipal client, AppRoleAssignment assignment, string? viaGroup)
    {
        var granted = HighRiskPermissions.Resolve(directory, assignment);
        var resource = directory.FindServicePrincipal(assignment.ResourceId);
        var role = resource?.AppRoles.FirstOrDefault(r => Same(r.Id, assignment.AppRoleId));
        var notIssued = assignment.DeletedDateTime is { } deleted ? $"deleted on {deleted:yyyy-MM-dd}"
            : viaGroup is not null ? $"assigned to the group `{viaGroup}`: app-only tokens carry only the app roles assigned to the service principal itself"
            : string.Equals(assignment.AppRoleId, HighRiskPermissions.DefaultAccessRoleId, StringComparison.OrdinalIgnoreCase) ? "the default access role: no permission"
            : TokenIssuance.Refusal(client, resource)
            ?? (role is { IsEnabled: false } ? "the app role is disabled (`isEnabled` false)"
                : role is not null && !role.AllowedMemberTypes.IsDefaultOrEmpty && !role.AllowedMemberTypes.Contains("Application", StringComparer.OrdinalIgnoreCase) ? "the app role is for users and groups only (`allowedMemberTypes`)"
                : null);
        return new HeldAppRole(assignment, granted, viaGroup, notIssued);
    }

    private static HeldGrant Grant(EntraDirectory directory, OAuth2PermissionGrant grant, string? notIssued)
    {
        var resource = directory.FindServicePrincipal(grant.ResourceId)?.DisplayName ?? grant.ResourceId;
        var users = grant.IsForAllPrincipals ? "every user" : directory.FindUser(grant.PrincipalId!)?.UserPrincipalName ?? grant.PrincipalId!;
        if (notIssued is null && !grant.IsForAllPrincipals && directory.FindUser(grant.PrincipalId!) is { AccountEnabled: false })
        {
            notIssued = $"{users} is disabled and cannot sign in";
        }

        // A grant for one user of a client that requires assignment issues nothing until that user is assigned.
        if (notIssued is null && !grant.IsForAllPrincipals && directory.FindServicePrincipal(grant.ClientId) is { } client)
        {
            notIssued = AssignmentRequirement.Refusal(directory, client, grant.PrincipalId!);
        }

        return new HeldGrant(grant, resource, users, notIssued);
    }

    private static bool Same(string? a, string? b) => a is not null && string.Equals(a, b, StringComparison.OrdinalIgnoreCase);
}
