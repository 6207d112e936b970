using System.Collections.Immutable;
using Ward.Core.Diagnostics;

namespace Ward.Microsoft.Entra.Directory;

/// <summary>A user of the tenant (an item of <c>GET /users</c>).</summary>
public sealed record EntraUser
{
    public required string Id { get; init; }

    public string? UserPrincipalName { get; init; }

    public string? DisplayName { get; init; }

    public EntraUserType UserType { get; init; }

    /// <summary>The user's email address (<c>mail</c>); for a guest, its address in its home organisation. Null when absent or not selected.</summary>
    public string? Mail { get; init; }

    /// <summary>
    /// A guest's invitation state (<c>externalUserState</c>): <c>PendingAcceptance</c> until it redeems its invitation,
    /// then <c>Accepted</c>; null for members and when not selected.
    /// </summary>
    public string? ExternalUserState { get; init; }

    /// <summary>The identities the user signs in with (<c>identities</c>); null when the export did not select them.</summary>
    public ImmutableArray<UserIdentity>? Identities { get; init; }

    /// <summary>
    /// Whether the user authenticates at another organization or identity provider (a B2B collaboration user that has
    /// redeemed its invitation: one of its <see cref="Identities"/> is federated), so that no credential of this
    /// tenant signs it in; null when the export did not select <c>identities</c>.
    /// </summary>
    public bool? AuthenticatesElsewhere => Identities is { } identities ? identities.Any(i => i.IsFederated) : null;

    /// <summary>Whether the account can sign in; null when the export did not select <c>accountEnabled</c>.</summary>
    public bool? AccountEnabled { get; init; }

    public DateTimeOffset? CreatedDateTime { get; init; }

    /// <summary>True when the user is synchronised from on-premises Active Directory.</summary>
    public bool? OnPremisesSyncEnabled { get; init; }

    /// <summary>
    /// Null when the export did not select <c>signInActivity</c> (it needs <c>AuditLog.Read.All</c>); selected or given
    /// as null, it is an activity with no time recorded.
    /// </summary>
    public UserSignInActivity? SignInActivity { get; init; }

    /// <summary>A guest: <c>userType</c> Guest, or a user principal name of an external account (<c>#EXT#</c>).</summary>
    public bool IsGuest => UserType == EntraUserType.Guest || IsInvitedAccount;

    /// <summary>A user principal name Entra ID gives an invited external account (<c>tomas_fabrikam.com#EXT#@…</c>), guest or member.</summary>
    public bool IsInvitedAccount => UserPrincipalName?.Contains("#EXT#", StringComparison.OrdinalIgnoreCase) ?? false;

    /// <summary>Where the export lists the user.</summary>
    public SourceLocation Location { get; init; } = SourceLocation.None;
}
