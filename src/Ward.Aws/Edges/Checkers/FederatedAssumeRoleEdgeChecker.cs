using Ward.Aws.Policy.Evaluation;
using Ward.Aws.Trust;
using Ward.Core.Graph;

namespace Ward.Aws.Edges.Checkers;

/// <summary>
/// <c>ward-sts-federated</c>: whoever holds a token of a trusted OIDC provider (GitHub Actions, EKS, Cognito...) or
/// an assertion of a trusted SAML provider assumes the role (<c>sts:AssumeRoleWithWebIdentity</c>,
/// <c>sts:AssumeRoleWithSAML</c>).
/// </summary>
/// <remarks>
/// Decided first for an outsider's token (a subject of another repository or namespace): if it gets in, anyone the
/// provider issues tokens to can take the role. Otherwise decided for a token whose claims are the values the trust
/// statement names: if that gets in, the edge holds for those token holders only, and says so as a requirement.
/// </remarks>
public sealed class FederatedAssumeRoleEdgeChecker : IAwsEdgeChecker
{
    public string TechniqueId => "ward-sts-federated";

    public bool GrantsAdmin => false;

    public bool TargetsSelf => false;

    public IEnumerable<Edge> Check(AwsEdgeContext context, IReadOnlySet<string>? targets)
    {
        foreach (var trust in AwsTrustAnalysis.Of(context.Estate, context.AsOf))
        {
            if (trust.Kind is not (TrustedPartyKind.OidcProvider or TrustedPartyKind.SamlProvider)
                || (targets is not null && !targets.Contains(trust.Role.Arn)))
            {
                continue;
            }

            var provider = trust.Kind == TrustedPartyKind.SamlProvider ? "SAML assertion" : "token";
            if (trust.Admits)
            {
                var anyone = OutsideParties.EdgeOf(TechniqueId, trust.Party, trust, trust.Probe, $"lets anyone it issues a {provider} to assume `{trust.Role.Name}` (its trust policy does not narrow the claims enough to keep {trust.ProbeCaller} out)", []);
                if (anyone is not null)
                {
                    yield return anyone;
                }

                continue;
            }

            var constraints = trust.Statement.Conditions.Where(c => !c.Operator.IsNegated && !c.Values.IsEmpty && !c.Key.StartsWith("aws:", StringComparison.OrdinalIgnoreCase)).ToList();
            if (constraints.Count == 0)
            {
                continue;
            }

            var claims = new Dictionary<string, ContextValue>(StringComparer.OrdinalIgnoreCase);
            foreach (var condition in constraints)
            {
                // One value the condition allows, wildcards filled in: a token the trust was written for.
                claims.TryAdd(condition.Key, ContextValue.Of(condition.Values[0].Replace('*', 'x').Replace('?', 'x')));
            }

            var decision = context.Can(AwsPrincipal.Parse(trust.Party), trust.ProbeAction, trust.Role.Arn, claims);
            var named = string.Join(", ", constraints.Select(c => c.ToString()));
            var edge = OutsideParties.EdgeOf(
                TechniqueId,
                trust.Party,
                trust,
                decision,
                $"lets the holders of a {provider} with the claims its trust policy names assume `{trust.Role.Name}`",
                [$"the caller holds a {provider} of the provider whose claims meet the trust's conditions ({named})"]);
            if (edge is not null)
            {
                yield return edge;
            }
        }
    }
}
