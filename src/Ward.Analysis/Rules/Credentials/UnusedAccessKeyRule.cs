using Ward.Core.Model;

namespace Ward.Analysis.Rules.Credentials;

/// <summary>
/// <c>unused-access-key</c>: an IAM user's active access key that has not been used for <c>--unused-days</c> days, or
/// that was never used although it was created at least that long ago. Root keys are <c>root-access-key</c>'s.
/// </summary>
public sealed class UnusedAccessKeyRule : IRule
{
    public RuleMetadata Metadata { get; } = new(
        "unused-access-key",
        "Active access key not used recently",
        "unused-credential",
        Severity.Medium,
        "An active access key that has signed no request for the threshold (default 90 days), or that was never used although it was created that long ago, is a standing secret nobody needs. It can leak from old laptops, CI settings or backups, and it still works.",
        "Deactivate the key (`aws iam update-access-key --status Inactive`), check that nothing breaks, then delete it (`aws iam delete-access-key`). Prefer roles and short-lived credentials (IAM Identity Center, OIDC federation) to access keys.",
        ["aws"],
        ["https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_access-keys.html", "https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_finding-unused.html", "https://docs.aws.amazon.com/securityhub/latest/userguide/iam-controls.html#iam-22"])
    {
        Requires = RuleInputs.CredentialReport,
    };

    public IEnumerable<Finding> Evaluate(AnalysisContext context)
    {
        var reference = context.ReferenceTime;
        var days = context.Settings.UnusedDays;
        foreach (var entry in CredentialEntries.Users(context))
        {
            foreach (var key in entry.ActiveAccessKeys.Where(k => CredentialEntries.ExistedAt(k, reference)))
            {
                var (unused, how) = key.LastUsed switch
                {
                    { State: UseState.Recorded, At: { } at } when Elapsed.AtLeast(at, reference, days) =>
                        (Elapsed.DaysBefore(at, reference), $"was last used {Elapsed.Ago(at, reference)}"),
                    { State: UseState.Never or UseState.BeforeTracking } when key.Created is { } created && Elapsed.AtLeast(created, reference, days) =>
                        (Elapsed.DaysBefore(created, reference), created >= CredentialEntries.KeyUseTrackingStart
                            ? $"has never been used since it was created {Elapsed.Ago(created, reference)}"
                            : $"has no use recorded since IAM began tracking key use on 2015-04-22; it was created {Elapsed.Ago(created, reference)}"),
                    _ => (-1, string.Empty),
                };
                if (unused < 0)
                {
                    continue;
                }

                var admin = Admins.IsAdminEquivalent(context, entry.Arn);
                var never = key.LastUsed.State != UseState.Recorded;
                yield return CredentialEntries.Create(
                    Metadata,
                    entry,
                    admin ? Severity.High : Severity.Medium,
                    !never ? $"`{entry.User}` has an active access key unused for {Elapsed.Days(unused)} ({key.Name})"
                        : key.Created >= CredentialEntries.KeyUseTrackingStart ? $"`{entry.User}` has an active access key that was never used ({key.Name})"
                        : $"`{entry.User}` has an active access key with no use recorded since 2015-04-22 ({key.Name})",
                    $"The {key.Name} of `{entry.User}` is active but {how}"
                        + (never || key.Created is not { } created2 ? string.Empty : $"; it was created {Elapsed.Ago(created2, reference)}")
                        + $". Keys unused for {Elapsed.Days(days)} (--unused-days) are reported; {Elapsed.Reference(context)}."
                        + (admin ? $" `{entry.User}` is admin-equivalent: whoever finds the key controls the account." : string.Empty),
                    key.Name,
                    key.Created is { } c ? Elapsed.Day(c) : "unknown");
            }
        }
    }
}
