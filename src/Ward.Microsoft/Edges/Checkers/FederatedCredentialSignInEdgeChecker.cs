using Ward.Core.Graph;

namespace Ward.Microsoft.Edges.Checkers;

/// <summary>
/// <c>entra-federated-credential-sign-in</c>: workloads outside the tenant sign in as an application's service
/// principal with a token of the issuer a broad federated identity credential trusts (the judgement of
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
        foreach (var workloads in OutsideParties.FederatedWorkloadsOf(context.Directory))
        {
            // The application signs in where it has a service principal: without one here, not in this tenant.
            if (context.Directory.FindServicePrincipalByAppId(workloads.Application.AppId) is not { } servicePrincipal
                || !(targets?.Contains(servicePrincipal.Id) ?? true))
            {
                continue;
            }

            var credential = workloads.Credential;
            var name = credential.Name ?? credential.Id ?? workloads.Pattern;
            var permission = new EdgePermission(TokenExchange, $"{workloads.Application.Id}/federatedIdentityCredentials/{credential.Id ?? name}",
                $"federated identity credential `{name}` of the application `{workloads.Application.DisplayName ?? workloads.Application.AppId}`",
                [.. new[] { $"issuer {credential.Issuer}", credential.ClaimsMatchingExpression is { } expression ? $"claims match {expression}" : $"subject {credential.Subject}" }
                    .Concat(credential.Audiences.Select(a => $"audience {a}"))]);
            yield return new Edge(new(workloads.NodeId), new(servicePrincipal.Id), TechniqueId,
                $"sign in as `{servicePrincipal.DisplayName ?? servicePrincipal.Id}` with a token its application's federated credential `{name}` accepts: {workloads.Verdict.Accepts}",
                [permission])
            {
                Requirements = workloads.AnyoneMayObtain ? [] : [$"the caller runs a workload that `{credential.Issuer}` issues such a token to ({workloads.Verdict.Brief.Replace("`", string.Empty, StringComparison.Ordinal)})"],
            };
        }
    }
}
