using Ward.Aws.Trust;
using Ward.Core.Decisions;

namespace Ward.Analysis.Rules.Trust;

/// <summary><c>whole-account-trust</c>: roles that trust a whole account of the estate without any condition.</summary>
public sealed class WholeAccountTrustRule : IRule
{
    public RuleMetadata Metadata { get; } = new(
        "whole-account-trust",
        "Role trusts a whole account without conditions",
        "trust",
        Severity.Medium,
        "The role's trust policy names an account (`arn:aws:iam::<account>:root` or the bare id) without conditions. That does not mean the root user: it means every principal of the account whose own policies allow sts:AssumeRole on the role, today and after any future grant. Who that is today appears as escalation paths.",
        "Name the roles or users that need the role instead of the account, or add conditions such as `aws:PrincipalArn` or `aws:PrincipalTag`; for administrative roles require MFA.",
        ["aws"],
        ["https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html#principal-accounts"]);

    public IEnumerable<Finding> Evaluate(AnalysisContext context)
    {
        // The probe is a role of the account that nothing singles out: certainly allowed, it means every principal of
        // the account is, whatever conditions the statement has (aws:PrincipalOrgID of the account's own organization,
        // aws:PrincipalAccount of the account itself narrow nothing).
        foreach (var trust in TrustFindings.Admitted(context).Where(t => t.Kind == TrustedPartyKind.Account && !t.IsExternal && t.Probe.Kind == DecisionKind.Allowed))
        {
            var admin = TrustFindings.IsAdmin(context, trust);
            var scope = trust.PartyAccount == trust.Role.Account ? "its own account" : $"account {trust.PartyAccount}";
            yield return TrustFindings.Make(
                Metadata,
                trust,
                admin ? Severity.High : Severity.Medium,
                $"`{trust.Role.Name}` trusts {scope} without {(trust.Statement.Conditions.IsEmpty ? "conditions" : "conditions that narrow it")}",
                $"Any principal of {scope} allowed sts:AssumeRole by its own policies can become `{trust.Role.Name}`{(admin ? ", an admin-equivalent role" : string.Empty)}. {TrustFindings.Evidence(trust)}");
        }
    }
}
