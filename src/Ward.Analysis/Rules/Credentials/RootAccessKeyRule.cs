namespace Ward.Analysis.Rules.Credentials;

/// <summary><c>root-access-key</c>: the account's root user has an active access key.</summary>
public sealed class RootAccessKeyRule : IRule
{
    public RuleMetadata Metadata { get; } = new(
        "root-access-key",
        "Root user has an active access key",
        "root-user",
        Severity.Critical,
        "An access key of the root user signs requests with the account's unlimited authority. No IAM policy or permissions boundary restrains it; only SCPs do, and only in member accounts of an organization. A leaked root key is the whole account.",
        "Sign in as the root user, delete the key (Security credentials → Access keys), and give whatever used it a role or an IAM user with only the permissions it needs. In an organization, centralized root access management can remove root credentials from member accounts altogether.",
        ["aws"],
        ["https://docs.aws.amazon.com/IAM/latest/UserGuide/id_root-user_manage_delete-key.html", "https://docs.aws.amazon.com/IAM/latest/UserGuide/root-user-best-practices.html", "https://docs.aws.amazon.com/securityhub/latest/userguide/iam-controls.html#iam-4"])
    {
        Requires = RuleInputs.CredentialReport | RuleInputs.RootUserLine,
    };

    public IEnumerable<Finding> Evaluate(AnalysisContext context)
    {
        var reference = context.ReferenceTime;
        foreach (var entry in CredentialEntries.Roots(context))
        {
            foreach (var key in entry.ActiveAccessKeys.Where(k => CredentialEntries.ExistedAt(k, reference)))
            {
                yield return CredentialEntries.Create(
                    Metadata,
                    entry,
                    Severity.Critical,
                    $"The root user of {entry.Account} has an active access key ({key.Name})",
                    $"The root user of account {entry.Account} has an active {CredentialEntries.Describe(key, reference)}. The key carries the root user's unlimited authority, which no IAM policy restricts; {Elapsed.Reference(context)}.",
                    key.Name,
                    key.Created is { } created ? Elapsed.Day(created) : "unknown");
            }
        }
    }
}
