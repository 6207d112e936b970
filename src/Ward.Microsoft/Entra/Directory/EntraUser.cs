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

    /// <summary>Whether the account can sign in; null when the export did not select <c>accountEnabled</c>.</summary>
    public bool? AccountEnabled { get; init; }

    public DateTimeOffset? CreatedDateTime { get; init; }

    /// <summary>True when the user is synchronised from on-premises Active Directory.</summary>
    public bool? OnPremisesSyncEnabled { get; init; }

    /// <summary>Null when the export did not select <c>signInActivity</c> (it needs <c>AuditLog.Read.All</c>).</summary>
    public UserSignInActivity? SignInActivity { get; init; }

    /// <summary>A guest: <c>userType</c> Guest, or a user principal name of an external account (<c>#EXT#</c>).</summary>
    public bool IsGuest => UserType == EntraUserType.Guest || (UserPrincipalName?.Contains("#EXT#", StringComparison.OrdinalIgnoreCase) ?? false);

    /// <summary>Where the export lists the user.</summary>
    public SourceLocation Location { get; init; } = SourceLocation.None;
}
