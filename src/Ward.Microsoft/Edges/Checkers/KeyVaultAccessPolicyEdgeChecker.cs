using Ward.Core.Graph;
using Ward.Microsoft.Azure.Evaluation;
using Ward.Microsoft.Azure.Rbac;

namespace Ward.Microsoft.Edges.Checkers;

/// <summary>
/// <c>azure-key-vault-access-policy</c>: on a key vault in access-policy mode, a principal allowed to write the
/// vault's access policies (<c>Microsoft.KeyVault/vaults/accessPolicies/write</c>, or <c>vaults/write</c>: Key Vault
/// Contributor, Contributor) gives itself keys <c>sign</c> and secrets <c>get</c>, then uses a certificate of the
/// vault that is a sign-in credential of a service principal (<see cref="KeyVaultCertificateCredential"/>) to act as
/// it, or reads a secret that names an application (<see cref="KeyVaultSecretCredential"/>; conditional, as its
/// value is never read). Not on a vault in RBAC mode: there the data is Azure RBAC's, and switching the vault back to access policies
/// takes unrestricted role-assignment rights, which reach the data directly. A principal that may write role
/// assignments on the vault is also decided after assigning itself a role that writes the policies
/// (<see cref="MicrosoftEdgeContext.DecideAzure"/>).
/// </summary>
public sealed class KeyVaultAccessPolicyEdgeChecker : IMicrosoftEdgeChecker
{
    private const string WritePolicies = "Microsoft.KeyVault/vaults/accessPolicies/write";
    private const string WriteVault = "Microsoft.KeyVault/vaults/write";

    private static readonly string[] WriteActions = [WritePolicies, WriteVault];

    public string TechniqueId => "azure-key-vault-access-policy";

    public bool GrantsAdmin => false;

    public IEnumerable<Edge> Check(MicrosoftEdgeContext context, IReadOnlySet<string>? targets)
    {
        foreach (var credential in KeyVaultCertificateCredential.Find(context, targets).Where(c => c.Vault.KeyVault is { EnableRbacAuthorization: false }))
        {
            var description = $"adds itself an access policy on key vault `{credential.Vault.Name}` (access-policy mode), uses {credential.Describe()}, and signs in as the service principal";
            foreach (var edge in Rewriters(context, credential.Vault.Id, credential.ServicePrincipal.Id, description))
            {
                yield return edge;
            }
        }

        foreach (var credential in KeyVaultSecretCredential.Find(context, targets).Where(c => c.Vault.KeyVault is { EnableRbacAuthorization: false }))
        {
            var description = $"adds itself an access policy on key vault `{credential.Vault.Name}` (access-policy mode), {credential.ReadsAndSignsIn()}";
            foreach (var edge in Rewriters(context, credential.Vault.Id, credential.ServicePrincipal.Id, description))
            {
                yield return edge with { Requirements = edge.Requirements.Insert(0, credential.Requirement()) };
            }
        }
    }

    /// <summary>An edge from each principal that may rewrite the vault's access policies, the certain way first.</summary>
    private IEnumerable<Edge> Rewriters(MicrosoftEdgeContext context, AzureScope vault, string to, string description)
    {
        foreach (var principal in context.AzureAssignees.Where(p => !string.Equals(p, to, StringComparison.OrdinalIgnoreCase)))
        {
            // Either action rewrites the policies; a certain one wins over a conditional one. A principal that may
            // write role assignments on the vault may first assign itself a role that grants one.
            var edges = WriteActions
                .Select(action => context.DecideAzure(principal, vault, [new AzureRequest { PrincipalId = principal, Action = action, Scope = vault }])
                    .ToEdge(TechniqueId, principal, to, description, MicrosoftEdgeContext.GrantedBy, undecidedIsRequirement: true))
                .OfType<Edge>()
                .ToList();
            if ((edges.Find(e => !e.IsConditional) ?? edges.FirstOrDefault()) is { } edge)
            {
                yield return edge;
            }
        }
    }
}
