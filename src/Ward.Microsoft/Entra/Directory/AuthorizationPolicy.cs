using System.Collections.Immutable;
using Ward.Core.Diagnostics;

namespace Ward.Microsoft.Entra.Directory;

/// <summary>
/// The tenant's authorization policy (<c>GET /policies/authorizationPolicy</c>): what every user may do by default,
/// and how guests are treated. A null value was not exported.
/// </summary>
public sealed record AuthorizationPolicy
{
    /// <summary>Whether users may register applications (<c>defaultUserRolePermissions.allowedToCreateApps</c>).</summary>
    public bool? AllowedToCreateApps { get; init; }

    public bool? AllowedToCreateSecurityGroups { get; init; }

    public bool? AllowedToCreateTenants { get; init; }

    public bool? AllowedToReadOtherUsers { get; init; }

    /// <summary>
    /// The permission grant policies users may consent under (v1.0 <c>defaultUserRolePermissions.permissionGrantPoliciesAssigned</c>,
    /// beta <c>permissionGrantPolicyIdsAssignedToDefaultUserRole</c>); empty: users cannot consent.
    /// </summary>
    public ImmutableArray<string> PermissionGrantPoliciesAssigned { get; init; } = [];

    /// <summary><c>none</c>, <c>adminsAndGuestInviters</c>, <c>adminsGuestInvitersAndAllMembers</c>, <c>everyone</c>.</summary>
    public string? AllowInvitesFrom { get; init; }

    /// <summary>The role template of guests: member-like, restricted, or most restricted.</summary>
    public string? GuestUserRoleId { get; init; }

    public SourceLocation Location { get; init; } = SourceLocation.None;
}
