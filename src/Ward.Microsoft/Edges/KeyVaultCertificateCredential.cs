using Ward.Microsoft.Azure.Resources;
using Ward.Microsoft.Entra.Directory;

namespace Ward.Microsoft.Edges;

/// <summary>
/// A certificate in a key vault that is a sign-in credential of a service principal: its thumbprint is that of a
/// certificate credential (<c>AsymmetricX509Cert</c>, usage <c>Verify</c>) of the service principal or of its
/// application registration, both still valid at the reference time. Whoever can sign with the certificate's key,
/// or download it with its private key, signs a client assertion and gets the service principal's tokens.
/// </summary>
/// <remarks>
/// The thumbprint is the only link the exports hold between a vault and an application, and a sound one: Graph sets
/// <c>customKeyIdentifier</c> to the certificate's thumbprint unless the uploader chose another value (then no match,
/// and no edge). A client secret in a vault carries no such link; one whose name or tags name an application is a
/// weaker one (<see cref="KeyVaultSecretCredential"/>). Only a certificate's current version is listed; older
/// versions, still readable, are not matched.
/// </remarks>
public sealed record KeyVaultCertificateCredential(AzureResource Vault, KeyVaultCertificate Certificate, EntraServicePrincipal ServicePrincipal, string CredentialOf)
{
    /// <summary>Every such certificate whose service principal is one of <paramref name="targets"/> (null: any), in vault, certificate and service principal order.</summary>
    public static IEnumerable<KeyVaultCertificateCredential> Find(MicrosoftEdgeContext context, IReadOnlySet<string>? targets)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Azure.KeyVaultCertificates.IsEmpty)
        {
            yield break;
        }

        var byThumbprint = SignInCertificates(context, targets).ToLookup(c => c.Thumbprint, StringComparer.OrdinalIgnoreCase);
        if (byThumbprint.Count == 0)
        {
            yield break;
        }

        foreach (var vault in context.Azure.ResourcesOfType(AzureResourceTypes.KeyVault).OrderBy(v => v.Id.Value, StringComparer.OrdinalIgnoreCase))
        {
            foreach (var certificate in context.Azure.CertificatesOf(vault).Where(c => c.IsValidAt(context.AsOf)).OrderBy(c => c.Name, StringComparer.OrdinalIgnoreCase))
            {
                foreach (var (_, servicePrincipal, of) in byThumbprint[certificate.Thumbprint].DistinctBy(c => c.ServicePrincipal.Id, StringComparer.OrdinalIgnoreCase))
                {
                    yield return new KeyVaultCertificateCredential(vault, certificate, servicePrincipal, of);
                }
            }
        }
    }

    /// <summary>"certificate `sync` of key vault `kv1`, a credential of the application `Sync`", for edge descriptions.</summary>
    public string Describe() => $"certificate `{Certificate.Name}` of key vault `{Vault.Name}`, a credential of the {CredentialOf} `{ServicePrincipal.DisplayName ?? ServicePrincipal.Id}`";

    private static IEnumerable<(string Thumbprint, EntraServicePrincipal ServicePrincipal, string Of)> SignInCertificates(MicrosoftEdgeContext context, IReadOnlySet<string>? targets)
    {
        foreach (var servicePrincipal in context.Directory.ServicePrincipals.Where(s => (targets?.Contains(s.Id) ?? true) && s.AccountEnabled != false && MicrosoftEdgeContext.IsTakeoverTarget(s)))
        {
            var application = context.Directory.FindApplicationByAppId(servicePrincipal.AppId);
            var credentials = servicePrincipal.KeyCredentials.Select(k => (Key: k, Of: "service principal"))
                .Concat((application?.KeyCredentials ?? []).Select(k => (Key: k, Of: "application")));
            foreach (var (key, of) in credentials)
            {
                if (key.Thumbprint is { } thumbprint && SignsIn(key) && (key.EndDateTime is not { } end || end > context.AsOf))
                {
                    yield return (thumbprint, servicePrincipal, of);
                }
            }
        }
    }

    /// <summary>A certificate Entra ID accepts a client assertion from (not a SAML token-signing key, usage <c>Sign</c>).</summary>
    private static bool SignsIn(KeyCredential key) =>
        (key.Type is null || key.Type.Equals("AsymmetricX509Cert", StringComparison.OrdinalIgnoreCase))
        && (key.Usage is null || key.Usage.Equals("Verify", StringComparison.OrdinalIgnoreCase));
}
