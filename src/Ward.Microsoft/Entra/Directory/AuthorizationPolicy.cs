using System.Collections.Immutable;
using Ward.Core.Diagnostics;

namespace Ward.Microsoft.Entra.Directory;

/// <summary>
/// The tenant's authorization policy (<c>GET /policies/authorizationPolicy</c>): what every user may do by default,
/// and how guests are treated. A null value was not exported.
/// </summary>
public sealed record AuthorizationPolicy
{
    /// <summary>The role template of guests with the same access as members (the admin center's "same access as members").</summary>
    public const string MemberLikeGuestRole = "a0b1b346-4d3e-4e8b-98f8-753987be4970";

    /// <summary>The role template of guests with limited access to properties and memberships of directory objects (the default).</summary>
    public const string LimitedGuestRole = "10dae51f-b6af-4016-8d66-8c2a99b929b3";

    /// <summary>The role template of guests restricted to their own directory objects (the most restrictive).</summary>
    public const string RestrictedGuestRole = "2af84b1e-32c8-42b7-82bc-daa82404023b";

    /// <summary>The prefix of a permission grant policy users may consent under, for themselves.</summary>
    public const string SelfConsentPrefix = "ManagePermissionGrantsForSelf.";

    /// <summary>Whether users may register applications (<c>defaultUserRolePermissions.allowedToCreateApps</c>).</summary>
    public bool? AllowedToCreateApps { get; init; }

    public bool? AllowedToCreateSecurityGroups { get; init; }

    /// <summary>Whether users may create tenants (<c>defaultUserRolePermissions.allowedToCreateTenants</c>).</summary>
    public bool? AllowedToCreateTenants { get; init; }

    public bool? AllowedToReadOtherUsers { get; init; }

    /// <summary>
    /// The permission grant policies users may consent under (v1.0 <c>defaultUserRolePermissions.permissionGrantPoliciesAssigned</c>,
    /// beta <c>permissionGrantPolicyIdsAssignedToDefaultUserRole</c>); empty: users cannot consent; null: neither was exported.
    /// </summary>
    public ImmutableArray<string>? PermissionGrantPoliciesAssigned { get; init; }

    /// <summary>Whether users may consent to applications Microsoft flags as risky (<c>allowUserConsentForRiskyApps</c>).</summary>
    public bool? AllowUserConsentForRiskyApps { get; init; }

    /// <summary><c>none</c>, <c>adminsAndGuestInviters</c>, <c>adminsGuestInvitersAndAllMembers</c>, <c>everyone</c>.</summary>
    public string? AllowInvitesFrom { get; init; }

    /// <summary>The role template of guests: <see cref="MemberLikeGuestRole"/>, <see cref="LimitedGuestRole"/> or <see cref="RestrictedGuestRole"/>.</summary>
    public string? GuestUserRoleId { get; init; }

    public SourceLocation Location { get; init; } = SourceLocation.None;

    /// <summary>The permission grant policies users may consent under for themselves, by id (<c>microsoft-user-default-low</c>); null: not exported.</summary>
    public ImmutableArray<string>? SelfConsentPolicies =>
        PermissionGrantPoliciesAssigned is { } assigned
            ? [.. assigned.Where(p => p.StartsWith(SelfConsentPrefix, StringComparison.OrdinalIgnoreCase)).Select(p => p[SelfConsentPrefix.Length..])]
            : null;
}
