namespace Ward.Analysis.Rules.Credentials;

/// <summary><c>root-without-mfa</c>: the account's root user has no MFA device.</summary>
public sealed class RootWithoutMfaRule : IRule
{
    public RuleMetadata Metadata { get; } = new(
        "root-without-mfa",
        "Root user without MFA",
        "root-user",
        Severity.Critical,
        "Whoever knows the root user's password, or can reset it through the account's e-mail address, controls the account: the root user can do anything, close the account, and change its contact and billing details. MFA is the only second barrier.",
        "Sign in as the root user and register an MFA device (preferably two FIDO2 security keys kept apart). In an organization, consider centralized root access management, which removes root credentials from member accounts.",
        ["aws"],
        ["https://docs.aws.amazon.com/IAM/latest/UserGuide/enable-mfa-for-root.html", "https://docs.aws.amazon.com/IAM/latest/UserGuide/root-user-best-practices.html", "https://docs.aws.amazon.com/securityhub/latest/userguide/iam-controls.html#iam-9"])
    {
        Requires = RuleInputs.CredentialReport | RuleInputs.RootUserLine,
    };

    public IEnumerable<Finding> Evaluate(AnalysisContext context)
    {
        foreach (var entry in CredentialEntries.Roots(context).Where(e => e.MfaActive == false))
        {
            var signIn = CredentialEntries.Password(entry, context.ReferenceTime);
            yield return CredentialEntries.Create(
                Metadata,
                entry,
                Severity.Critical,
                $"The root user of {entry.Account} has no MFA",
                $"The credential report says the root user of account {entry.Account} has no active MFA device (`mfa_active` false); {signIn}; {Elapsed.Reference(context)}. "
                    + "The report does not show whether the root user still has a password: if root credentials were removed through centralized root access management, there is nothing to sign in with.");
        }
    }
}
