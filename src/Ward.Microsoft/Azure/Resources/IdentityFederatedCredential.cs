using Ward.Core.Diagnostics;
using Ward.Microsoft.Azure.Rbac;
using Ward.Microsoft.Entra.Directory;

namespace Ward.Microsoft.Azure.Resources;

/// <summary>
/// A federated identity credential of a user-assigned managed identity (<c>az identity federated-credential list</c>,
/// or the ARM REST list of the identity's <c>federatedIdentityCredentials</c>): tokens of its issuer whose subject
/// matches sign in as the identity's service principal, as they do for an application's.
/// </summary>
/// <param name="IdentityId">The user-assigned identity's resource id: the credential's id without its last two segments.</param>
/// <param name="Credential">The credential, its <c>Id</c> the credential's ARM resource id.</param>
/// <param name="Location">Where the export lists it.</param>
public sealed record IdentityFederatedCredential(AzureScope IdentityId, FederatedIdentityCredential Credential, SourceLocation Location);
