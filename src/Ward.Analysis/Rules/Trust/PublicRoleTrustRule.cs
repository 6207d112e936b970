using Ward.Aws.Trust;
using Ward.Core.Decisions;

namespace Ward.Analysis.Rules.Trust;

/// <summary><c>public-role-trust</c>: roles any AWS principal of any account may assume.</summary>
public sealed class PublicRoleTrustRule : IRule
{
    public RuleMetadata Metadata { get; } = new(
        "public-role-trust",
        "Role assumable by anyone",
        "trust",
        Severity.Critical,
        "The role's trust policy names every AWS principal (`\"Principal\": \"*\"` or `{\"AWS\": \"*\"}`) and no condition, RCP or deny keeps a principal of an unrelated account out: anyone with an AWS account can obtain the role's credentials.",
        "Name the accounts or roles that need the role instead of `*`; if a wildcard is required, add `aws:PrincipalOrgID` or `aws:PrincipalAccount` conditions, and consider an RCP that limits sts:AssumeRole to the organization.",
        ["aws"],
        ["https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_terms-and-concepts.html#term_trust-policy", "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html#principal-anonymous"]);

    public IEnumerable<Finding> Evaluate(AnalysisContext context)
    {
        foreach (var trust in TrustFindings.Admitted(context).Where(t => t.Kind == TrustedPartyKind.Everyone))
        {
            var certain = trust.Probe.Kind == DecisionKind.Allowed;
            var admin = TrustFindings.IsAdmin(context, trust) ? " It is admin-equivalent." : string.Empty;
            yield return TrustFindings.Make(
                Metadata,
                trust,
                certain ? Severity.Critical : Severity.High,
                certain ? $"`{trust.Role.Name}` can be assumed by any AWS account" : $"`{trust.Role.Name}` can be assumed by any AWS account under conditions",
                $"An outsider's role may assume `{trust.Role.Name}`.{admin} {TrustFindings.Evidence(trust)}");
        }
    }
}
