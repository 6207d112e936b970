namespace Ward.Analysis.Rules.Credentials;

/// <summary><c>console-user-without-mfa</c>: an IAM user with a console password and no MFA device.</summary>
public sealed class ConsoleUserWithoutMfaRule : IRule
{
    public RuleMetadata Metadata { get; } = new(
        "console-user-without-mfa",
        "Console user without MFA",
        "credential-hygiene",
        Severity.Medium,
        "The user can sign in to the AWS console with a password alone. Passwords are phished, reused and guessed; without a second factor one of them is enough to act as the user.",
        "Enable an MFA device for the user (a FIDO2 security key or passkey is best), or remove the console password if the user does not need the console (`aws iam delete-login-profile`). A policy that denies everything without `aws:MultiFactorAuthPresent` makes MFA mandatory.",
        ["aws"],
        ["https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_mfa.html", "https://docs.aws.amazon.com/securityhub/latest/userguide/iam-controls.html#iam-5"])
    {
        Requires = RuleInputs.CredentialReport,
    };

    public IEnumerable<Finding> Evaluate(AnalysisContext context)
    {
        var reference = context.ReferenceTime;
        foreach (var entry in CredentialEntries.Users(context))
        {
            if (entry.PasswordEnabled != true || entry.MfaActive != false || entry.Created > reference)
            {
                continue;
            }

            var admin = Admins.IsAdminEquivalent(context, entry.Arn);
            var changed = entry.PasswordLastChanged is { } at ? $", set {Elapsed.Ago(at, reference)}" : string.Empty;
            yield return CredentialEntries.Create(
                Metadata,
                entry,
                admin ? Severity.High : Severity.Medium,
                $"`{entry.User}` signs in to the console without MFA",
                $"`{entry.User}` has a console password ({CredentialEntries.PasswordUse(entry, reference)}{changed}) and no MFA device: the password alone opens the console; {Elapsed.Reference(context)}."
                    + (admin ? $" `{entry.User}` is admin-equivalent." : string.Empty));
        }
    }
}
