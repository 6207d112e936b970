namespace Ward.Analysis.Rules.Credentials;

/// <summary><c>old-access-key</c>: an IAM user's active access key created <c>--key-age-days</c> days or more before the reference time.</summary>
public sealed class OldAccessKeyRule : IRule
{
    public RuleMetadata Metadata { get; } = new(
        "old-access-key",
        "Active access key not rotated",
        "credential-hygiene",
        Severity.Medium,
        "An access key never expires. The longer one lives, the more places it has been copied to (laptops, CI settings, scripts, backups) and the longer a leaked copy keeps working. Keys should be replaced regularly (default: within 90 days).",
        "Rotate the key: create a second key, move every user of the key to it, deactivate the old key, and delete it once nothing fails. Better, replace the key with a role and short-lived credentials.",
        ["aws"],
        ["https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_access-keys.html#rotating_access_keys_console", "https://docs.aws.amazon.com/securityhub/latest/userguide/iam-controls.html#iam-3"])
    {
        Requires = RuleInputs.CredentialReport,
    };

    public IEnumerable<Finding> Evaluate(AnalysisContext context)
    {
        var reference = context.ReferenceTime;
        var days = context.Settings.KeyAgeDays;
        foreach (var entry in CredentialEntries.Users(context))
        {
            foreach (var key in entry.ActiveAccessKeys)
            {
                if (key.Created is not { } created || !Elapsed.AtLeast(created, reference, days))
                {
                    continue;
                }

                var age = Elapsed.DaysBefore(created, reference);
                yield return CredentialEntries.Create(
                    Metadata,
                    entry,
                    Severity.Medium,
                    $"`{entry.User}`: {key.Name} is {Elapsed.Days(age)} old",
                    $"The {key.Name} of `{entry.User}` was created {Elapsed.Ago(created, reference)} and is still active ({CredentialEntries.KeyUse(key, reference)}). "
                        + $"Keys older than {Elapsed.Days(days)} (--key-age-days) are reported; {Elapsed.Reference(context)}.",
                    key.Name,
                    Elapsed.Day(created));
            }
        }
    }
}
