using Ward.Microsoft.Edges;
using Ward.Microsoft.Entra.Directory;

namespace Ward.Analysis.Rules.Applications;

/// <summary>
/// The sign-in credentials of the tenant's application registrations and service principals, in object id order.
/// Left out: managed identities (Azure issues and rotates their certificates), Microsoft's own service principals
/// (their keys are Microsoft's), and SAML token signing certificates: keys with <c>usage: Sign</c> and what
/// <c>addTokenSigningCertificate</c> creates with them (the <c>Verify</c> half, same dates and name, and the
/// password of its PFX, same key id), whose private key Entra ID keeps; and token encryption certificates (keys with
/// <c>usage: Encrypt</c>), public keys Entra ID encrypts the tokens it issues to, with which nobody signs in.
/// </summary>
internal static class ApplicationCredentials
{
    public static IEnumerable<ApplicationCredential> Of(MicrosoftAnalysisContext microsoft)
    {
        var directory = microsoft.Directory;
        foreach (var application in directory.Applications.OrderBy(a => a.Id, StringComparer.Ordinal))
        {
            var servicePrincipal = directory.FindServicePrincipalByAppId(application.AppId);
            foreach (var credential in Credentials(application.Id, false, application.DisplayName, application.AppId, application.PasswordCredentials, application.KeyCredentials, servicePrincipal))
            {
                yield return credential;
            }
        }

        foreach (var servicePrincipal in directory.ServicePrincipals
                     .Where(s => s.ServicePrincipalType != ServicePrincipalType.ManagedIdentity && !MicrosoftEdgeContext.IsMicrosoftFirstParty(s))
                     .OrderBy(s => s.Id, StringComparer.Ordinal))
        {
            foreach (var credential in Credentials(servicePrincipal.Id, true, servicePrincipal.DisplayName, servicePrincipal.AppId, servicePrincipal.PasswordCredentials, servicePrincipal.KeyCredentials, servicePrincipal))
            {
                yield return credential;
            }
        }
    }

    /// <summary>Who signs in with the credential, and what that unlocks, as sentences.</summary>
    public static string Signer(ApplicationCredential credential, ServicePrincipalHoldings holdings)
    {
        if (credential.ServicePrincipal is not { } servicePrincipal)
        {
            return "The application has no service principal in this tenant: the credential signs in only in the tenants that consented to it.";
        }

        var subject = credential.OnServicePrincipal ? "The service principal" : $"Its service principal `{servicePrincipal.DisplayName ?? servicePrincipal.Id}`";
        var held = holdings.Sentence(subject);
        return held.Length > 0 ? held : $"{subject} holds no application permission or role in the export.";
    }

    /// <summary>
    /// The secrets and keys of one application or service principal that sign in as it: keys with <c>usage: Sign</c>,
    /// the <c>Verify</c> half of a signing certificate (same dates and name) and the password of its PFX (same key id
    /// as the <c>Sign</c> key) left out, and token encryption certificates (<c>usage: Encrypt</c>).
    /// </summary>
    public static (IEnumerable<PasswordCredential> Secrets, IEnumerable<KeyCredential> Keys) SignIn(IReadOnlyList<PasswordCredential> secrets, IReadOnlyList<KeyCredential> keys)
    {
        var signing = keys.Where(k => string.Equals(k.Usage, "Sign", StringComparison.OrdinalIgnoreCase)).ToList();
        bool PfxPassword(PasswordCredential secret) => signing.Exists(k => k.KeyId is not null && string.Equals(k.KeyId, secret.KeyId, StringComparison.OrdinalIgnoreCase));
        bool SigningHalf(KeyCredential key) => signing.Exists(k => k.StartDateTime == key.StartDateTime && k.EndDateTime == key.EndDateTime && string.Equals(k.DisplayName, key.DisplayName, StringComparison.Ordinal));
        bool Encryption(KeyCredential key) => string.Equals(key.Usage, "Encrypt", StringComparison.OrdinalIgnoreCase);
        return (secrets.Where(s => !PfxPassword(s)), keys.Where(k => !string.Equals(k.Usage, "Sign", StringComparison.OrdinalIgnoreCase) && !SigningHalf(k) && !Encryption(k)));
    }

    private static IEnumerable<ApplicationCredential> Credentials(
        string objectId, bool onServicePrincipal, string? name, string appId, IReadOnlyList<PasswordCredential> secrets, IReadOnlyList<KeyCredential> keys, EntraServicePrincipal? servicePrincipal)
    {
        var (signInSecrets, signInKeys) = SignIn(secrets, keys);
        foreach (var secret in signInSecrets)
        {
            yield return new ApplicationCredential(objectId, onServicePrincipal, name, appId, ApplicationCredential.Secret, secret.KeyId, secret.DisplayName, secret.StartDateTime, secret.EndDateTime, servicePrincipal);
        }

        foreach (var key in signInKeys)
        {
            yield return new ApplicationCredential(objectId, onServicePrincipal, name, appId, KindOf(key), key.KeyId, key.DisplayName, key.StartDateTime, key.EndDateTime, servicePrincipal);
        }
    }

    private static string KindOf(KeyCredential key) => string.Equals(key.Type, "Symmetric", StringComparison.OrdinalIgnoreCase) ? "symmetric key" : "certificate";
}
