using System.Collections.Immutable;
using Ward.Core.Diagnostics;

namespace Ward.Microsoft.Entra.Directory;

/// <summary>An application registration (an item of <c>GET /applications</c>) with its credentials and owners.</summary>
public sealed record EntraApplication
{
    /// <summary>The object id.</summary>
    public required string Id { get; init; }

    /// <summary>The application (client) id, shared with its service principals in every tenant.</summary>
    public required string AppId { get; init; }

    public string? DisplayName { get; init; }

    /// <summary><c>AzureADMyOrg</c>, <c>AzureADMultipleOrgs</c>, <c>AzureADandPersonalMicrosoftAccount</c>, <c>PersonalMicrosoftAccount</c>.</summary>
    public string? SignInAudience { get; init; }

    public ImmutableArray<PasswordCredential> PasswordCredentials { get; init; } = [];

    public ImmutableArray<KeyCredential> KeyCredentials { get; init; } = [];

    /// <summary>Null when not exported (neither <c>$expand=federatedIdentityCredentials</c> nor the per-application list).</summary>
    public ImmutableArray<FederatedIdentityCredential>? FederatedIdentityCredentials { get; init; }

    public ImmutableArray<RequiredResourceAccess> RequiredResourceAccess { get; init; } = [];

    /// <summary>Owners (<c>GET /applications/{id}/owners</c>); null when not exported.</summary>
    public ImmutableArray<DirectoryObjectReference>? Owners { get; init; }

    public SourceLocation Location { get; init; } = SourceLocation.None;
}
