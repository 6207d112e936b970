using Ward.Analysis.Rules.Credentials;
using Ward.Aws.Estate;
using Ward.Core.Model;

namespace Ward.Analysis.Rules.Unused;

/// <summary>
/// <c>dormant-user</c>: an IAM user created at least <c>--unused-days</c> days before the reference time whose password
/// and access keys have not been used for that long (no recorded use counts), measured from their last recorded use or,
/// if later, the creation of the newest current credential. Users with an unreadable value are not decided (listed).
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
            if (entry.Created is not { } created || !Elapsed.AtLeast(created, reference, days) || IsUndecided(entry))
            {
                continue;
            }

            var uses = new List<LastUse> { entry.PasswordLastUsed };
            uses.AddRange(entry.AccessKeys.Select(k => k.LastUsed));
            var recorded = uses.Where(u => u.State == UseState.Recorded).Select(u => u.At!.Value).ToList();
            DateTimeOffset? lastUse = recorded.Count > 0 ? recorded.Max() : null;

            // The report shows only current credentials: a key rotated or a password set after the last recorded use
            // replaced one whose use is gone with it. Idleness runs from the latest of the recorded uses, the user's
            // creation and each current credential's creation.
            var (since, what) = Newest(entry, created);
            var idleFrom = lastUse >= since ? lastUse.Value : since;
            if (!Elapsed.AtLeast(idleFrom, reference, days))
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
            var activity = new List<string> { CredentialEntries.Password(entry, reference) };
            activity.AddRange(entry.AccessKeys.Select(k => $"{k.Name} {(k.Created is { } keyCreated ? $"created {Elapsed.Day(keyCreated)}, " : string.Empty)}{CredentialEntries.KeyUse(k, reference)}"));
            if (entry.AccessKeys.IsEmpty)
            {
                activity.Add("no access keys");
            }

            var idle = Elapsed.Days(Elapsed.DaysBefore(idleFrom, reference));
            var (title, story) = lastUse switch
            {
                { } last when last >= since => ($"`{entry.User}` has not been used for {idle}", $"was last active {Elapsed.Ago(last, reference)}"),
                { } last => ($"`{entry.User}` has no use recorded for {idle}", $"was last active {Elapsed.Ago(last, reference)}"),
                null => ($"`{entry.User}` has no use recorded for its current credentials", "has no use recorded for its current credentials"),
            };
            var newest = idleFrom == since && since > created
                ? $"Idleness is counted from its newest credential ({what} {Elapsed.Ago(since, reference)}): the report shows only current credentials, and one replaced then may have been in use until then. "
                : string.Empty;
            yield return CredentialEntries.Create(
                Metadata,
                entry,
                severity,
                title,
                $"`{entry.User}` was created {Elapsed.Ago(created, reference)} and {story} ({string.Join("; ", activity)}). "
                    + newest
                    + (active.Count == 0 ? "It has no active credential left, but keeps its permissions. " : $"It still has {string.Join(" and ", active)}. ")
                    + (admin ? "It is admin-equivalent. " : string.Empty)
                    + $"Users inactive for {Elapsed.Days(days)} (--unused-days) are reported; {Elapsed.Reference(context)}.");
        }
    }

    public IEnumerable<SkippedAnalysis> Skipped(AnalysisContext context)
    {
        foreach (var account in CredentialEntries.Users(context).Where(IsUndecided).GroupBy(e => e.Account, StringComparer.Ordinal))
        {
            var users = account.ToList();
            yield return new SkippedAnalysis(
                $"{Metadata.Id} for {users.Count} user{(users.Count == 1 ? string.Empty : "s")} of account {account.Key}",
                $"not decided: their credential report lines have a value that could not be read (whether a password or access key is active, when a key was created, or when one was last used; see the input diagnostics), so whether they are dormant, and how much they can still sign in with, is unknown: {string.Join(", ", users.Select(u => u.User))}");
        }
    }

    /// <summary>
    /// Whether a value dormancy needs could not be read (reported at load time): a last use, whether the password is
    /// set, whether an access key is active, or when it was created (an existing key always has a date).
    /// </summary>
    private static bool IsUndecided(CredentialReportEntry entry) =>
        !entry.PasswordLastUsed.IsKnown || entry.PasswordEnabled is null || entry.AccessKeys.Any(k => !k.LastUsed.IsKnown || k.IsActive is null || k.Created is null);

    /// <summary>The latest of the user's creation, its current keys' creation and, when it has one, its password's last change.</summary>
    private static (DateTimeOffset At, string What) Newest(CredentialReportEntry entry, DateTimeOffset created)
    {
        var newest = (At: created, What: "the user, created");
        foreach (var key in entry.AccessKeys.Where(k => k.Created > newest.At))
        {
            newest = (key.Created!.Value, $"{key.Name}, created");
        }

        if (entry.PasswordEnabled == true && entry.PasswordLastChanged > newest.At)
        {
            newest = (entry.PasswordLastChanged!.Value, "the password, set");
        }

        return newest;
    }
}
