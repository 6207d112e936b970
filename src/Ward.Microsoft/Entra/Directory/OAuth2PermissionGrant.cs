using System.Collections.Immutable;
using Ward.Core.Diagnostics;

namespace Ward.Microsoft.Entra.Directory;

/// <summary>
/// A delegated permission grant (an item of <c>GET /oauth2PermissionGrants</c>): the client service principal may act
/// with <see cref="Scopes"/> on the resource, for every user (<c>AllPrincipals</c>) or for one (<c>Principal</c>).
/// </summary>
public sealed record OAuth2PermissionGrant
{
    public required string Id { get; init; }

    public required string ClientId { get; init; }

    /// <summary><c>AllPrincipals</c> (admin consent for everyone) or <c>Principal</c> (one user).</summary>
    public required string ConsentType { get; init; }

    /// <summary>The user, for <c>Principal</c> grants; null for <c>AllPrincipals</c>.</summary>
    public string? PrincipalId { get; init; }

    public required string ResourceId { get; init; }

    /// <summary>The space-separated <c>scope</c>, split.</summary>
    public ImmutableArray<string> Scopes { get; init; } = [];

    /// <summary>The beta <c>expiryTime</c>, as written: Microsoft Graph documents that Entra ID ignores it, so the grant holds past it.</summary>
    public DateTimeOffset? ExpiryTime { get; init; }

    public SourceLocation Location { get; init; } = SourceLocation.None;

    public bool IsForAllPrincipals => string.Equals(ConsentType, "AllPrincipals", StringComparison.OrdinalIgnoreCase);
}
