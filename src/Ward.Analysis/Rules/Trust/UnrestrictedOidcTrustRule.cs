using Ward.Aws.Policy.Syntax;
using Ward.Aws.Trust;
using Ward.Core.Decisions;

namespace Ward.Analysis.Rules.Trust;

/// <summary><c>oidc-trust-unrestricted</c>: roles trusting an OIDC provider (GitHub Actions, EKS, others) too broadly.</summary>
public sealed class UnrestrictedOidcTrustRule : IRule
{
    public RuleMetadata Metadata { get; } = new(
        "oidc-trust-unrestricted",
        "OIDC trust without a precise subject",
        "trust",
        Severity.High,
        "The role trusts an OpenID Connect provider, and its conditions do not pin the token's subject (`sub`: the repository and branch for GitHub Actions, the service account for EKS) or audience (`aud`). Without `sub`, every identity of the provider (every GitHub repository in the world) can assume the role; with wildcards, every repository, branch, pull request or environment that matches.",
        "Require `aud` (`sts.amazonaws.com` for GitHub Actions and EKS) and an exact `sub` with `StringEquals`, e.g. `repo:org/repo:ref:refs/heads/main` or `repo:org/repo:environment:production`; for EKS `system:serviceaccount:<namespace>:<name>`.",
        ["aws"],
        ["https://docs.github.com/en/actions/security-for-github-actions/security-hardening-your-deployments/configuring-openid-connect-in-amazon-web-services", "https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_create_for-idp_oidc.html#idp_oidc_Create_GitHub", "https://docs.aws.amazon.com/eks/latest/userguide/associate-service-account-role.html"]);

    public IEnumerable<Finding> Evaluate(AnalysisContext context)
    {
        foreach (var trust in TrustFindings.Admitted(context).Where(t => t.Kind == TrustedPartyKind.OidcProvider))
        {
            var admin = TrustFindings.IsAdmin(context, trust);
            var role = trust.Role.Name;
            var certain = trust.Probe.Kind == DecisionKind.Allowed;
            yield return TrustFindings.Make(
                Metadata,
                trust,
                certain ? Severity.Critical : Severity.High,
                certain ? $"`{role}` can be assumed with any token of `{Provider(trust)}`" : $"`{role}` can be assumed with any token of `{Provider(trust)}` under conditions",
                $"{(trust.Party.EndsWith("cognito-identity.amazonaws.com", StringComparison.Ordinal) ? "A token of any Cognito identity pool is accepted, not only of the estate's pools." : "A token whose subject belongs to nobody of this estate is accepted.")}{(admin ? $" `{role}` is admin-equivalent." : string.Empty)} {TrustFindings.Evidence(trust)}");
        }

        foreach (var trust in AwsTrustAnalysis.Of(context.Estate, context.ReferenceTime).Where(t => t.Kind == TrustedPartyKind.OidcProvider && !t.Admits))
        {
            var admin = TrustFindings.IsAdmin(context, trust);
            // Wildcards are wildcards only for the Like operators: `StringEquals "repo:org/*"` matches that text alone.
            var wildcards = trust.ClaimValues("sub", likeOnly: true).Concat(SubjectsDeniesLeave(trust))
                .Where(v => v.Contains('*', StringComparison.Ordinal) || v.Contains('?', StringComparison.Ordinal)).Distinct(StringComparer.Ordinal).ToList();
            if (trust.GuestProbe is { Kind: DecisionKind.Allowed or DecisionKind.Conditional })
            {
                var pool = trust.ClaimValues("aud").FirstOrDefault();
                yield return TrustFindings.Make(
                    Metadata,
                    trust,
                    admin ? Severity.Critical : Severity.High,
                    $"`{trust.Role.Name}` can be assumed by guest identities of identity pool `{pool}`",
                    $"The trust accepts unauthenticated (guest) identities of the pool (`amr` `unauthenticated`): when the pool allows guest access, anyone on the internet gets credentials for `{trust.Role.Name}`{(admin ? ", an admin-equivalent role" : string.Empty)}, without signing in. {TrustFindings.Evidence(trust)}");
            }
            else if (wildcards.Count > 0)
            {
                yield return TrustFindings.Make(
                    Metadata,
                    trust,
                    admin ? Severity.High : Severity.Medium,
                    $"`{trust.Role.Name}` accepts any subject matching {string.Join(", ", wildcards.Select(w => $"`{w}`"))}",
                    $"Outsiders are kept out, but every subject matching {string.Join(" or ", wildcards.Select(w => $"`{w}`"))} (every repository, branch, pull request or environment it covers) can assume `{trust.Role.Name}`{(admin ? ", an admin-equivalent role" : string.Empty)}. {TrustFindings.Evidence(trust)}");
            }
            else if (!ChecksAudience(trust))
            {
                yield return TrustFindings.Make(
                    Metadata,
                    trust,
                    Severity.Low,
                    $"`{trust.Role.Name}` does not check the token audience",
                    $"The subject is pinned, but no condition checks `aud`, so tokens minted for other audiences are accepted. {TrustFindings.Evidence(trust)}");
            }
        }
    }

    /// <summary>
    /// When the Allow statements do not test `sub` themselves: the subject patterns a Deny statement of the trust policy
    /// leaves (one whose only conditions are `StringNotLike` on the provider's `sub`: it denies every other subject), so
    /// an Allow on `aud` narrowed by such a Deny reads like an Allow with `StringLike` `sub` on those patterns.
    /// </summary>
    private static IEnumerable<string> SubjectsDeniesLeave(RoleTrust trust)
    {
        var key = AwsTrustAnalysis.ClaimKey(trust.Party, "sub");
        if (trust.Statements.SelectMany(s => s.Conditions).Any(c => !c.Operator.IsNegated && c.Key.Equals(key, StringComparison.OrdinalIgnoreCase)))
        {
            return [];
        }

        return trust.Role.TrustPolicy!.Statements
            .Where(s => s.Effect == Effect.Deny && !s.Conditions.IsEmpty
                && s.Conditions.All(c => c.Operator.Base == BaseOperator.StringNotLike && !c.Operator.IfExists && c.Key.Equals(key, StringComparison.OrdinalIgnoreCase)))
            .SelectMany(s => s.Conditions)
            .SelectMany(c => c.Values);
    }

    /// <summary>
    /// Each statement naming the provider has a condition that tests `aud` against a value: not only wildcards under
    /// a Like operator (`StringLike aud "*"` matches every audience).
    /// </summary>
    private static bool ChecksAudience(RoleTrust trust) =>
        trust.Statements.All(statement => statement.Conditions.Any(c => !c.Operator.IsNegated && c.Key.EndsWith(":aud", StringComparison.OrdinalIgnoreCase)
            && c.Values.Any(v => c.Operator.Base != BaseOperator.StringLike || v.Any(ch => ch is not ('*' or '?')))));

    private static string Provider(RoleTrust trust) => trust.Party[(trust.Party.IndexOf('/', StringComparison.Ordinal) + 1)..];
}
