using Ward.Aws.Trust;

namespace Ward.Analysis.Rules.Trust;

/// <summary><c>external-trust-without-external-id</c>: roles third parties may assume without an sts:ExternalId.</summary>
public sealed class ExternalTrustWithoutExternalIdRule : IRule
{
    public RuleMetadata Metadata { get; } = new(
        "external-trust-without-external-id",
        "Third-party trust without ExternalId",
        "trust",
        Severity.High,
        "The role trusts an account (or a principal of one) that is neither in the scanned exports nor in the organization, or every account of another organization (`*` narrowed by `aws:PrincipalOrgID` to an organization that is not the exported one), and its trust statement does not require `sts:ExternalId`. A vendor that assumes roles for many customers can then be tricked into acting on this account (the confused deputy).",
        "Confirm the account is a vendor you use; require the external id the vendor gives you (`\"Condition\": {\"StringEquals\": {\"sts:ExternalId\": \"...\"}}`) and name the vendor's role rather than its whole account.",
        ["aws"],
        ["https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_common-scenarios_third-party.html", "https://docs.aws.amazon.com/IAM/latest/UserGuide/confused-deputy.html"]);

    public IEnumerable<Finding> Evaluate(AnalysisContext context)
    {
        foreach (var trust in TrustFindings.Admitted(context).Where(t => t.IsExternal && t.Kind is TrustedPartyKind.Account or TrustedPartyKind.Principal or TrustedPartyKind.Organization && !t.RequiresExternalId))
        {
            var admin = TrustFindings.IsAdmin(context, trust);
            var organization = trust.Kind == TrustedPartyKind.Organization;
            yield return TrustFindings.Make(
                Metadata,
                trust,
                admin ? Severity.Critical : Severity.High,
                organization ? $"`{trust.Role.Name}` trusts every account of organization {trust.Party} without an ExternalId"
                    : $"`{trust.Role.Name}` trusts external account {trust.PartyAccount} without an ExternalId",
                $"{(organization ? $"Organization {trust.Party} is not the exported organization `{context.Estate.Organization?.Id}`: every principal of every account of it may assume the role." : $"Account {trust.PartyAccount} is not in the exports or the organization.")}{(admin ? " The role is admin-equivalent." : string.Empty)} {TrustFindings.Evidence(trust)}");
        }
    }
}
