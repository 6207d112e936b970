using System.Collections.Immutable;
using Ward.Core.Diagnostics;

namespace Ward.Microsoft.Entra.Directory;

/// <summary>A service principal (an item of <c>GET /servicePrincipals</c>): an application's identity in this tenant, or a managed identity.</summary>
public sealed record EntraServicePrincipal
{
    public required string Id { get; init; }

    public required string AppId { get; init; }

    public string? DisplayName { get; init; }

    public ServicePrincipalType ServicePrincipalType { get; init; }

    /// <summary>The tenant whose application registration this service principal instantiates (a multi-tenant app of another tenant when it differs from ours).</summary>
    public string? AppOwnerOrganizationId { get; init; }

    public bool? AccountEnabled { get; init; }

    /// <summary>
    /// Whether users and other service principals need an app role assignment to it before users can sign in or apps
    /// can get tokens (<c>appRoleAssignmentRequired</c>); null when the export does not hold the property.
    /// </summary>
    public bool? AppRoleAssignmentRequired { get; init; }

    public ImmutableArray<AppRole> AppRoles { get; init; } = [];

    public ImmutableArray<PermissionScope> Oauth2PermissionScopes { get; init; } = [];

    public ImmutableArray<PasswordCredential> PasswordCredentials { get; init; } = [];

    public ImmutableArray<KeyCredential> KeyCredentials { get; init; } = [];

    /// <summary>For managed identities: the Azure resource id(s) of the identity, as written.</summary>
    public ImmutableArray<string> AlternativeNames { get; init; } = [];

    /// <summary>Null when no sign-in activity was exported for its <c>appId</c>.</summary>
    public ServicePrincipalSignInActivity? SignInActivity { get; init; }

    /// <summary>Owners (<c>GET /servicePrincipals/{id}/owners</c>); null when not exported.</summary>
    public ImmutableArray<DirectoryObjectReference>? Owners { get; init; }

    public SourceLocation Location { get; init; } = SourceLocation.None;
}
