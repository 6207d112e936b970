using Ward.Analysis.Rules.Credentials;
using Ward.Core.Model;

namespace Ward.Analysis.Rules.Unused;

/// <summary>
/// <c>dormant-user</c>: an IAM user created at least <c>--unused-days</c> days before the reference time whose password
/// and access keys have not been used for that long (never used counts).
/// </summary>
public sealed class DormantUserRule : IRule
{
    public RuleMetadata Metadata { get; } = new(
        "dormant-user",
        "Dormant IAM user",
        "dormant-identity",
        Severity.Medium,
        "Nobody has signed in as the user or used its access keys for the threshold (default 90 days). A dormant user is often a person who left or a retired integration; its permissions and credentials stay, unwatched.",
        "Confirm with the owner that the user is no longer needed, then remove its console password and access keys and delete it. Break-glass users are dormant by design: keep them, with MFA, and monitor their sign-ins instead.",
        ["aws"],
        ["https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_finding-unused.html", "https://docs.aws.amazon.com/securityhub/latest/userguide/iam-controls.html#iam-8"])
    {
        Requires = RuleInputs.CredentialReport,
    };

    public IEnumerable<Finding> Evaluate(AnalysisContext context)
    {
        var reference = context.ReferenceTime;
        var days = context.Settings.UnusedDays;
        foreach (var entry in CredentialEntries.Users(context))
        {
            if (entry.Created is not { } created || !Elapsed.AtLeast(created, reference, days))
            {
                continue;
            }

            var uses = new List<LastUse> { entry.PasswordLastUsed };
            uses.AddRange(entry.AccessKeys.Select(k => k.LastUsed));
            if (uses.Any(u => !u.IsKnown))
            {
                // A value the report could not give (reported at load time): dormancy cannot be decided.
                continue;
            }

            var last = uses.Where(u => u.State == UseState.Recorded).Select(u => u.At!.Value).DefaultIfEmpty().Max();
            var everUsed = last != default;
            if (everUsed && !Elapsed.AtLeast(last, reference, days))
            {
                continue;
            }

            var active = new List<string>();
            if (entry.PasswordEnabled == true)
            {
                active.Add(entry.MfaActive == true ? "a console password (with MFA)" : "a console password");
            }

            active.AddRange(entry.ActiveAccessKeys.Select(k => $"active {k.Name}"));
            var admin = Admins.IsAdminEquivalent(context, entry.Arn);
            var severity = active.Count == 0 ? Severity.Low : admin ? Severity.High : Severity.Medium;
            var activity = new List<string> { $"password {CredentialEntries.Use(entry.PasswordLastUsed, reference)}" };
            activity.AddRange(entry.AccessKeys.Select(k => $"{k.Name} {CredentialEntries.Use(k.LastUsed, reference)}"));
            if (entry.AccessKeys.IsEmpty)
            {
                activity.Add("no access keys");
            }

            yield return CredentialEntries.Create(
                Metadata,
                entry,
                severity,
                everUsed
                    ? $"`{entry.User}` has not been used for {Elapsed.Days(Elapsed.DaysBefore(last, reference))}"
                    : $"`{entry.User}` has never been used",
                $"`{entry.User}` was created {Elapsed.Ago(created, reference)} and "
                    + (everUsed ? $"was last active {Elapsed.Ago(last, reference)}" : "has never signed in or used an access key")
                    + $" ({string.Join("; ", activity)}). "
                    + (active.Count == 0 ? "It has no active credential left, but keeps its permissions. " : $"It still has {string.Join(" and ", active)}. ")
                    + (admin ? "It is admin-equivalent. " : string.Empty)
                    + $"Users inactive for {Elapsed.Days(days)} (--unused-days) are reported; {Elapsed.Reference(context)}.");
        }
    }
}
