using Ward.Core.Model;

namespace Ward.Analysis.Rules.Credentials;

/// <summary><c>root-recently-used</c>: the root user signed in, or one of its keys was used, within <c>--root-use-days</c> of the reference time.</summary>
public sealed class RootRecentlyUsedRule : IRule
{
    public RuleMetadata Metadata { get; } = new(
        "root-recently-used",
        "Root user used recently",
        "root-user",
        Severity.High,
        "The root user is for the handful of tasks only it can do (closing the account, changing its contact details, some support plans). Regular use (default: within 30 days) means everyday work runs with unrestricted power, or that someone else is using it.",
        "Find out who used the root user and why (CloudTrail records root sign-ins and calls: `userIdentity.type` is `Root`). Move the work to roles or IAM Identity Center users with the permissions it needs; delete root access keys; keep the root password and MFA locked away.",
        ["aws"],
        ["https://docs.aws.amazon.com/IAM/latest/UserGuide/root-user-tasks.html", "https://docs.aws.amazon.com/IAM/latest/UserGuide/root-user-best-practices.html"])
    {
        Requires = RuleInputs.CredentialReport | RuleInputs.RootUserLine,
    };

    public IEnumerable<Finding> Evaluate(AnalysisContext context)
    {
        var reference = context.ReferenceTime;
        var days = context.Settings.RootUseDays;
        foreach (var entry in CredentialEntries.Roots(context))
        {
            var uses = new List<(DateTimeOffset At, string What)>();
            if (entry.PasswordLastUsed is { State: UseState.Recorded, At: { } signIn } && !Elapsed.AtLeast(signIn, reference, days))
            {
                uses.Add((signIn, $"signed in to the console {Elapsed.Ago(signIn, reference)}"));
            }

            foreach (var key in entry.AccessKeys)
            {
                if (key.LastUsed is { State: UseState.Recorded, At: { } at } && !Elapsed.AtLeast(at, reference, days))
                {
                    uses.Add((at, $"used {key.Name} {Elapsed.Ago(at, reference)}{(key.LastUsedService is { } service ? $" for {service}" : string.Empty)}"));
                }
            }

            if (uses.Count == 0)
            {
                continue;
            }

            var latest = uses.Max(u => u.At);

            // A use after the reference time (the credential report postdates --as-of) is not "within the days
            // before" it, but counts as recent all the same: said as such.
            var after = uses.Any(u => u.At > reference);
            var before = uses.Any(u => u.At <= reference);
            var window = $"within the {Elapsed.Days(days)} (--root-use-days) before the {Elapsed.Reference(context)}";
            var when = (before, after) switch
            {
                (true, true) => $"{window}, or after it: the credential report postdates the reference time (--as-of is earlier than the export), and a use recorded after it counts as recent",
                (false, true) => $"the credential report postdates the {Elapsed.Reference(context)} (--as-of is earlier than the export), and a use recorded after it counts as recent",
                _ => window,
            };
            yield return CredentialEntries.Create(
                Metadata,
                entry,
                Severity.High,
                latest > reference
                    ? $"The root user of {entry.Account} was used after the reference time"
                    : $"The root user of {entry.Account} was used {Elapsed.Days(Elapsed.DaysBefore(latest, reference))} before the reference time",
                $"The root user of account {entry.Account} {string.Join(" and ", uses.OrderByDescending(u => u.At).Select(u => u.What))}: {when}.");
        }
    }
}
