using Ward.Aws.Trust;

namespace Ward.Analysis.Rules.Trust;

/// <summary><c>saml-federated-trust</c>: roles whose users are decided by a SAML identity provider.</summary>
public sealed class SamlFederatedTrustRule : IRule
{
    public RuleMetadata Metadata { get; } = new(
        "saml-federated-trust",
        "Role federated through SAML",
        "trust",
        Severity.Info,
        "The role trusts a SAML provider (an external identity provider, or IAM Identity Center for `AWSReservedSSO_*` roles): who can use it is decided by that provider's assignments, which IAM exports do not show. Listed so the provider's side can be reviewed, especially for administrative roles.",
        "Review who the identity provider (or IAM Identity Center) assigns to this role; keep `SAML:aud` checked, and prefer short sessions for administrative roles.",
        ["aws"],
        ["https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_create_for-idp_saml.html"]);

    public IEnumerable<Finding> Evaluate(AnalysisContext context)
    {
        foreach (var trust in TrustFindings.Admitted(context).Where(t => t.Kind == TrustedPartyKind.SamlProvider))
        {
            var admin = TrustFindings.IsAdmin(context, trust);
            yield return TrustFindings.Make(
                Metadata,
                trust,
                admin ? Severity.Low : Severity.Info,
                $"`{trust.Role.Name}` is assumed through SAML provider `{trust.Party[(trust.Party.LastIndexOf('/') + 1)..]}`",
                $"Who may use `{trust.Role.Name}`{(admin ? " (admin-equivalent)" : string.Empty)} is decided by the identity provider. {TrustFindings.Evidence(trust)}");
        }
    }
}
