namespace Ward.Analysis.Rules.Credentials;

/// <summary><c>multiple-active-access-keys</c>: an IAM user with both access key slots active.</summary>
public sealed class MultipleActiveAccessKeysRule : IRule
{
    public RuleMetadata Metadata { get; } = new(
        "multiple-active-access-keys",
        "User with two active access keys",
        "credential-hygiene",
        Severity.Low,
        "Two active keys are normal for the few minutes of a rotation. Left in place, the second key is usually a forgotten copy: twice the secrets to leak, and a rotation that never finished.",
        "Find which key is in use (the credential report's last-used columns), move everything to it, then deactivate and delete the other.",
        ["aws"],
        ["https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_access-keys.html#rotating_access_keys_console", "https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#rotate-credentials"])
    {
        Requires = RuleInputs.CredentialReport,
    };

    public IEnumerable<Finding> Evaluate(AnalysisContext context)
    {
        var reference = context.ReferenceTime;
        foreach (var entry in CredentialEntries.Users(context))
        {
            var keys = entry.ActiveAccessKeys.Where(k => CredentialEntries.ExistedAt(k, reference)).ToList();
            if (keys.Count < 2)
            {
                continue;
            }

            yield return CredentialEntries.Create(
                Metadata,
                entry,
                Severity.Low,
                $"`{entry.User}` has {keys.Count} active access keys",
                $"`{entry.User}` has {keys.Count} active access keys: {string.Join("; ", keys.Select(k => CredentialEntries.Describe(k, reference)))}; {Elapsed.Reference(context)}.");
        }
    }
}
