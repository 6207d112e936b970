using Ward.Core.Graph;

namespace Ward.Microsoft.Edges.Checkers;

/// <summary>
/// <c>azure-key-vault-certificate</c>: a principal that can use the private key of a key vault certificate which is
/// a sign-in credential of a service principal (<see cref="KeyVaultCertificateCredential"/>) signs a client assertion
/// and acts as the service principal. Either it signs with the certificate's key (<c>keys/sign/action</c>: Key Vault
/// Crypto User; access policy keys <c>sign</c>), or it downloads the certificate with its private key from the secret
/// of the same name (<c>secrets/getSecret/action</c>: Key Vault Secrets User, Key Vault Certificate User; access
/// policy secrets <c>get</c>), which only works when the key is exportable. Each data action is decided by the Azure
/// authorizer on the key or secret itself, so a vault in access-policy mode is decided by its access policies, and an
/// RBAC vault by role assignments (NotDataActions, deny assignments and conditions included) at the vault or the item.
/// A principal that may write role assignments on an RBAC vault is also decided after assigning itself a role with the
/// data action there (Key Vault Administrator, Key Vault Crypto User...).
/// </summary>
public sealed class KeyVaultCertificateEdgeChecker : IMicrosoftEdgeChecker
{
    private const string Sign = "Microsoft.KeyVault/vaults/keys/sign/action";
    private const string GetSecret = "Microsoft.KeyVault/vaults/secrets/getSecret/action";

    public string TechniqueId => "azure-key-vault-certificate";

    public bool GrantsAdmin => false;

    public IEnumerable<Edge> Check(MicrosoftEdgeContext context, IReadOnlySet<string>? targets)
    {
        foreach (var credential in KeyVaultCertificateCredential.Find(context, targets))
        {
            foreach (var principal in KeyVaultData.Candidates(context, credential.Vault).Where(p => !string.Equals(p, credential.ServicePrincipal.Id, StringComparison.OrdinalIgnoreCase)))
            {
                if (Route(context, principal, credential) is { } edge)
                {
                    yield return edge;
                }
            }
        }
    }

    /// <summary>Signing with the key when allowed for certain, else downloading the exportable certificate, else a conditional signing; null when neither is allowed.</summary>
    private Edge? Route(MicrosoftEdgeContext context, string principal, KeyVaultCertificateCredential credential)
    {
        var to = credential.ServicePrincipal.Id;
        var sign = Decide(context, principal, Sign, credential, "keys")
            .ToEdge(TechniqueId, principal, to, $"signs with the key of {credential.Describe()}, and signs in as the service principal", MicrosoftEdgeContext.GrantedBy, undecidedIsRequirement: true);
        if (sign is { IsConditional: false })
        {
            return WithVaultMode(sign, credential);
        }

        Edge? download = null;
        if (credential.Certificate.Exportable != false)
        {
            download = Decide(context, principal, GetSecret, credential, "secrets")
                .ToEdge(TechniqueId, principal, to, $"downloads {credential.Describe()}, with its private key (the secret of the same name), and signs in as the service principal", MicrosoftEdgeContext.GrantedBy, undecidedIsRequirement: true);
            if (download is not null && credential.Certificate.Exportable is null)
            {
                download = download with { Requirements = download.Requirements.Add($"the private key of certificate `{credential.Certificate.Name}` is exportable (Key Vault's default; the certificate list does not give its policy)") };
            }
        }

        var chosen = download is { IsConditional: false } ? download : sign ?? download;
        return chosen is null ? null : WithVaultMode(chosen, credential);
    }

    /// <summary>The data action on the certificate's key or secret, or after a self-assigned role on the vault (an RBAC vault's data role).</summary>
    private static AzureStep Decide(MicrosoftEdgeContext context, string principal, string action, KeyVaultCertificateCredential credential, string collection) =>
        KeyVaultData.Decide(context, principal, action, credential.Vault, collection, credential.Certificate.Name);

    private static Edge WithVaultMode(Edge edge, KeyVaultCertificateCredential credential) => KeyVaultData.WithVaultMode(edge, credential.Vault);
}
