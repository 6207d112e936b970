using Ward.Aws.Trust;

namespace Ward.Analysis.Rules.Trust;

/// <summary><c>cross-account-access</c>: the inventory of roles other accounts may assume.</summary>
public sealed class CrossAccountAccessRule : IRule
{
    public RuleMetadata Metadata { get; } = new(
        "cross-account-access",
        "Cross-account role access",
        "trust",
        Severity.Info,
        "The role may be assumed from another account: one of the organization, or one outside it. Each entry says which account, whether it is known, whether an sts:ExternalId is required and whether the role is admin-equivalent, so the cross-account map can be reviewed.",
        "Check every entry against the accounts and vendors you expect; remove trusts nobody uses (see dormant-role findings) and require ExternalId for third parties.",
        ["aws"],
        ["https://docs.aws.amazon.com/IAM/latest/UserGuide/tutorial_cross-account-with-roles.html"]);

    public IEnumerable<Finding> Evaluate(AnalysisContext context)
    {
        foreach (var trust in TrustFindings.Admitted(context).Where(t => t.Kind is TrustedPartyKind.Account or TrustedPartyKind.Principal && t.PartyAccount is { } account && account != t.Role.Account))
        {
            var admin = TrustFindings.IsAdmin(context, trust);
            var where = trust.IsExternal ? (context.Estate.Organization is null ? "not an exported account" : "outside the organization") : context.Estate.Organization?.Contains(trust.PartyAccount!) == true ? "in the organization" : "an exported account";
            yield return TrustFindings.Make(
                Metadata,
                trust,
                Severity.Info,
                $"`{trust.Role.Name}` can be assumed from account {trust.PartyAccount} ({where})",
                $"{(trust.Kind == TrustedPartyKind.Account ? $"Principals of account {trust.PartyAccount}" : $"`{trust.Party}`")} ({where}) may assume `{trust.Role.Name}`{(admin ? ", an admin-equivalent role," : string.Empty)} {(trust.RequiresExternalId ? "with an sts:ExternalId" : "without an sts:ExternalId")}. {TrustFindings.Evidence(trust)}");
        }

        foreach (var trust in TrustFindings.Admitted(context).Where(t => t.Kind == TrustedPartyKind.Organization))
        {
            var admin = TrustFindings.IsAdmin(context, trust);
            yield return TrustFindings.Make(
                Metadata,
                trust,
                Severity.Info,
                $"`{trust.Role.Name}` can be assumed from every account of organization {trust.Party} (not the exported organization)",
                $"The trust names `*` with `aws:PrincipalOrgID` `{trust.Party}`, which is not the exported organization `{context.Estate.Organization?.Id}`: every principal of every account of that organization may assume `{trust.Role.Name}`{(admin ? ", an admin-equivalent role," : string.Empty)} {(trust.RequiresExternalId ? "with an sts:ExternalId" : "without an sts:ExternalId")}. {TrustFindings.Evidence(trust)}");
        }
    }
}
