using System.Collections.Immutable;
using Ward.Microsoft.Azure.Rbac;
using Ward.Microsoft.Entra.Directory;

namespace Ward.Microsoft.Edges;

/// <summary>
/// The workload identities whose federated identity credentials let workloads of an outside issuer sign in: the
/// directory's applications (as their service principal in this tenant) and the user-assigned managed identities
/// whose credentials the Azure export lists (as the identity's own service principal). Entra ID judges a token
/// against either kind of credential the same way, so the rule and the technique read them alike.
/// </summary>
public static class FederatedCredentialHolders
{
    /// <summary>Every application with exported credentials, then every user-assigned identity with some, in a stable order.</summary>
    public static IEnumerable<FederatedCredentialHolder> Of(EntraDirectory directory, AzureEstate azure)
    {
        ArgumentNullException.ThrowIfNull(directory);
        ArgumentNullException.ThrowIfNull(azure);
        foreach (var application in directory.Applications.OrderBy(a => a.Id, StringComparer.Ordinal))
        {
            if (application.FederatedIdentityCredentials is { IsEmpty: false } credentials)
            {
                yield return new FederatedCredentialHolder
                {
                    Id = application.Id,
                    Name = application.DisplayName ?? application.AppId,
                    DisplayName = application.DisplayName,
                    Kind = FederatedCredentialHolderKind.Application,
                    AppId = application.AppId,
                    ServicePrincipalId = directory.FindServicePrincipalByAppId(application.AppId)?.Id,
                    Credentials = credentials,
                };
            }
        }

        foreach (var identity in azure.FederatedCredentials.GroupBy(c => c.IdentityId).OrderBy(g => g.Key.Value, StringComparer.OrdinalIgnoreCase))
        {
            var resource = azure.FindResource(identity.Key);
            var name = resource?.Name ?? identity.Key.Value[(identity.Key.Value.LastIndexOf('/') + 1)..];
            var clientId = azure.ClientIdOfIdentity(identity.Key);
            yield return new FederatedCredentialHolder
            {
                Id = identity.Key.Value,
                Name = name,
                DisplayName = name,
                Kind = FederatedCredentialHolderKind.UserAssignedIdentity,
                AppId = clientId,
                ServicePrincipalId = ServicePrincipalOfIdentity(directory, azure, identity.Key, clientId),
                Credentials = [.. identity.Select(c => c.Credential)],
            };
        }
    }

    /// <summary>
    /// The object id of a user-assigned identity's service principal: as the inventory gives it (the identity's
    /// <c>principalId</c>, or a resource it is attached to), else the directory's managed identity whose
    /// <c>alternativeNames</c> name the identity's resource id, else the one whose appId is the identity's client id.
    /// </summary>
    public static string? ServicePrincipalOfIdentity(EntraDirectory directory, AzureEstate azure, AzureScope identity, string? clientId = null)
    {
        ArgumentNullException.ThrowIfNull(directory);
        ArgumentNullException.ThrowIfNull(azure);
        ArgumentNullException.ThrowIfNull(identity);
        return azure.PrincipalOfIdentity(identity)
            ?? directory.ServicePrincipals.FirstOrDefault(s => s.ServicePrincipalType == ServicePrincipalType.ManagedIdentity
                && s.AlternativeNames.Any(n => string.Equals(n, identity.Value, StringComparison.OrdinalIgnoreCase)))?.Id
            ?? (clientId is null ? null : directory.FindServicePrincipalByAppId(clientId)?.Id);
    }
}

/// <summary>What kind of workload identity holds a federated credential.</summary>
public enum FederatedCredentialHolderKind
{
    /// <summary>An application registration: its service principal in this tenant signs in.</summary>
    Application,

    /// <summary>A user-assigned managed identity: its own service principal signs in.</summary>
    UserAssignedIdentity,
}

/// <summary>A workload identity and its federated identity credentials.</summary>
public sealed record FederatedCredentialHolder
{
    /// <summary>The application's object id, or the user-assigned identity's resource id.</summary>
    public required string Id { get; init; }

    /// <summary>The name findings and edges quote: the display name (an application without one, its appId).</summary>
    public required string Name { get; init; }

    public string? DisplayName { get; init; }

    public required FederatedCredentialHolderKind Kind { get; init; }

    /// <summary>The application id: an application's appId, a user-assigned identity's client id (when the export gives it).</summary>
    public string? AppId { get; init; }

    /// <summary>The object id of the service principal that signs in with the credentials; null when the exports do not tell.</summary>
    public string? ServicePrincipalId { get; init; }

    public required ImmutableArray<FederatedIdentityCredential> Credentials { get; init; }

    /// <summary>"the application `Release Bot` (appId `…`)", "the user-assigned managed identity `…/id-deploy`".</summary>
    public string Described => Kind == FederatedCredentialHolderKind.Application
        ? $"the application `{Name}` (appId `{AppId}`)"
        : $"the user-assigned managed identity `{Id}`";

    /// <summary>"the application `Release Bot`", "the user-assigned identity `id-deploy`": short, for edges.</summary>
    public string Brief => Kind == FederatedCredentialHolderKind.Application ? $"the application `{Name}`" : $"the user-assigned identity `{Name}`";

    /// <summary>Where a credential lives: the Graph path under the application, or the credential's own ARM resource id.</summary>
    public string ResourceOf(FederatedIdentityCredential credential)
    {
        ArgumentNullException.ThrowIfNull(credential);
        return Kind == FederatedCredentialHolderKind.Application
            ? $"{Id}/federatedIdentityCredentials/{credential.Id ?? credential.Name ?? credential.Subject ?? credential.ClaimsMatchingExpression}"
            : credential.Id ?? $"{Id}/federatedIdentityCredentials/{credential.Name}";
    }
}
