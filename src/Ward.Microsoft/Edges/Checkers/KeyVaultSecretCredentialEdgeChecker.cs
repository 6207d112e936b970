using Ward.Core.Graph;

namespace Ward.Microsoft.Edges.Checkers;

/// <summary>
/// <c>azure-key-vault-secret-credential</c>: a principal that may read the value of a key vault secret whose metadata
/// names an application (<see cref="KeyVaultSecretCredential"/>) signs in as its service principal, if the value is a
/// current client secret of it. Reading is <c>secrets/getSecret/action</c> on the secret (Key Vault Secrets User,
/// Key Vault Administrator; access policy secrets <c>get</c>), decided as for the certificate technique
/// (<see cref="KeyVaultData"/>): by the vault's access policies in access-policy mode, by role assignments with their
/// NotDataActions, scopes and deny assignments in RBAC mode, and after a self-assigned role by a principal that may
/// write role assignments on the vault. Always conditional: Ward never reads a secret's value.
/// </summary>
public sealed class KeyVaultSecretCredentialEdgeChecker : IMicrosoftEdgeChecker
{
    private const string GetSecret = "Microsoft.KeyVault/vaults/secrets/getSecret/action";

    public string TechniqueId => "azure-key-vault-secret-credential";

    public bool GrantsAdmin => false;

    public IEnumerable<Edge> Check(MicrosoftEdgeContext context, IReadOnlySet<string>? targets)
    {
        foreach (var credential in KeyVaultSecretCredential.Find(context, targets))
        {
            var to = credential.ServicePrincipal.Id;
            var description = credential.ReadsAndSignsIn();
            foreach (var principal in KeyVaultData.Candidates(context, credential.Vault).Where(p => !string.Equals(p, to, StringComparison.OrdinalIgnoreCase)))
            {
                var edge = KeyVaultData.Decide(context, principal, GetSecret, credential.Vault, "secrets", credential.Secret.Name)
                    .ToEdge(TechniqueId, principal, to, description, MicrosoftEdgeContext.GrantedBy, undecidedIsRequirement: true);
                if (edge is not null)
                {
                    yield return KeyVaultData.WithVaultMode(edge with { Requirements = edge.Requirements.Insert(0, credential.Requirement()) }, credential.Vault);
                }
            }
        }
    }
}
