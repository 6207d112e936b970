using Ward.Core.Graph;
using Ward.Core.Model;
using Ward.Microsoft.Azure.Rbac;
using Ward.Microsoft.Entra.Directory;
using Ward.Microsoft.Entra.Federation;

namespace Ward.Microsoft.Edges;

/// <summary>
/// Parties outside the tenant that edges come from: the workloads a broad federated identity credential of an
/// application or of a user-assigned managed identity (<see cref="FederatedCredentialHolders"/>) lets sign in (<see cref="FederatedSubjects"/>), one node per issuer and subject pattern, so that paths
/// from outside the tenant to its administrators are found like any other (as the AWS side does for identity
/// providers its roles trust).
/// </summary>
public static class OutsideParties
{
    /// <summary>Every broad federated credential of the applications and user-assigned identities, with the outside party it lets in.</summary>
    public static IEnumerable<FederatedWorkloads> FederatedWorkloadsOf(EntraDirectory directory, AzureEstate azure)
    {
        foreach (var holder in FederatedCredentialHolders.Of(directory, azure))
        {
            foreach (var credential in holder.Credentials)
            {
                if (FederatedSubjects.Judge(credential) is { } verdict)
                {
                    yield return new FederatedWorkloads(holder, credential, verdict);
                }
            }
        }
    }

    /// <summary>The graph node of an outside party an edge comes from; null for an id that names none.</summary>
    public static GraphNode? NodeOf(string id, EntraDirectory directory, AzureEstate azure) =>
        FederatedWorkloadsOf(directory, azure).FirstOrDefault(w => w.NodeId == id) is { } workloads
            ? new GraphNode(new PrincipalId(id), PrincipalKind.FederatedPrincipal, CloudProvider.Entra, workloads.Label, null)
            : null;
}

/// <summary>
/// The workloads a broad federated identity credential lets in: whoever obtains a token of its issuer that it accepts.
/// </summary>
/// <param name="Holder">The application or user-assigned identity the credential belongs to.</param>
/// <param name="Credential">The credential.</param>
/// <param name="Verdict">How broadly it accepts (<see cref="FederatedSubjects.Judge"/>).</param>
public sealed record FederatedWorkloads(FederatedCredentialHolder Holder, FederatedIdentityCredential Credential, SubjectVerdict Verdict)
{
    /// <summary>The subject, or the flexible credential's expression: what a token must match.</summary>
    public string Pattern => Credential.ClaimsMatchingExpression ?? Credential.Subject ?? string.Empty;

    /// <summary>The node id: the issuer and the pattern, so credentials that trust the same workloads share a node.</summary>
    public string NodeId => $"{Credential.Issuer.TrimEnd('/')}#{Pattern}";

    /// <summary>"workflows of any GitHub repository (https://token.actions.githubusercontent.com, subject …)", without backticks: findings quote it.</summary>
    public string Label => $"{Verdict.Brief.Replace("`", string.Empty, StringComparison.Ordinal)} ({Credential.Issuer.TrimEnd('/')}, {(Credential.ClaimsMatchingExpression is null ? "subject" : "claims matching")} {Pattern})";

    /// <summary>Anyone may obtain such a token: the issuer is open to anyone and the credential accepts any owner's workloads.</summary>
    public bool AnyoneMayObtain => Verdict.Breadth == SubjectBreadth.Anyone && FederatedSubjects.IsOpenToAnyone(Credential.Issuer);
}
