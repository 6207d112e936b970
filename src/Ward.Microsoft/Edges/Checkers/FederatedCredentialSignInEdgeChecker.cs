using Ward.Core.Graph;

namespace Ward.Microsoft.Edges.Checkers;

/// <summary>
/// <c>entra-federated-credential-sign-in</c>: workloads outside the tenant sign in as an application's service
/// principal, or as a user-assigned managed identity, with a token of the issuer a broad federated identity credential
/// of it trusts (the judgement of
/// <c>federated-credential-broad-subject</c>: a GitHub Actions subject for pull requests, a whole repository or
/// owner; a flexible credential's wildcard). The edge comes from an outside-party node named after the issuer and the
/// subject pattern (<see cref="OutsideParties"/>). Certain when anyone can obtain such a token (an issuer where anyone
/// creates a repository, project or organization, and a pattern of any owner); otherwise conditional on the caller
/// running one of the workloads it accepts (a workflow of that owner or repository, a service account of that
/// cluster).
/// </summary>
public sealed class FederatedCredentialSignInEdgeChecker : IMicrosoftEdgeChecker
{
    // Workload identity federation: the workload's token is the client assertion of a client credentials request.
    private const string TokenExchange = "client_credentials with a client_assertion (workload identity federation)";

    /// <summary>The technique id, for the rules that word a path starting with it.</summary>
    public const string Technique = "entra-federated-credential-sign-in";

    public string TechniqueId => Technique;

    public bool GrantsAdmin => false;

    public IEnumerable<Edge> Check(MicrosoftEdgeContext context, IReadOnlySet<string>? targets)
    {
        foreach (var workloads in OutsideParties.FederatedWorkloadsOf(context.Directory, context.Azure))
        {
            // An application signs in where it has a service principal, an identity as its own: without one known here, not in this tenant.
            var holder = workloads.Holder;
            if (holder.ServicePrincipalId is not { } servicePrincipalId || !(targets?.Contains(servicePrincipalId) ?? true))
            {
                continue;
            }

            var credential = workloads.Credential;
            var name = credential.Name ?? credential.Id ?? workloads.Pattern;
            var signsIn = context.Directory.FindServicePrincipal(servicePrincipalId)?.DisplayName ?? (holder.Kind == FederatedCredentialHolderKind.Application ? servicePrincipalId : holder.Name);
            var whose = holder.Kind == FederatedCredentialHolderKind.Application ? "its application's" : "its";
            var permission = new EdgePermission(TokenExchange, holder.ResourceOf(credential),
                $"federated identity credential `{name}` of {holder.Brief}",
                [.. new[] { $"issuer {credential.Issuer}", credential.ClaimsMatchingExpression is { } expression ? $"claims match {expression}" : $"subject {credential.Subject}" }
                    .Concat(credential.Audiences.Select(a => $"audience {a}"))]);
            yield return new Edge(new(workloads.NodeId), new(servicePrincipalId), TechniqueId,
                $"sign in as `{signsIn}` with a token {whose} federated credential `{name}` accepts: {workloads.Verdict.Accepts}",
                [permission])
            {
                Requirements = workloads.AnyoneMayObtain ? [] : [$"the caller runs a workload that `{credential.Issuer}` issues such a token to ({workloads.Verdict.Brief.Replace("`", string.Empty, StringComparison.Ordinal)})"],
            };
        }
    }
}
