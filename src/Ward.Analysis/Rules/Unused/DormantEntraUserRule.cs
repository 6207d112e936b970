using Ward.Core.Model;
using Ward.Microsoft.Entra.Directory;

namespace Ward.Analysis.Rules.Unused;

/// <summary>
/// <c>dormant-entra-user</c>: an enabled Entra ID user whose last successful sign-in (as its <c>signInActivity</c>
/// records it) is at least <c>--unused-days</c> days before the reference time, or who has not signed in since it was
/// created, or since sign-ins were recorded, at least that long ago.
/// </summary>
public sealed class DormantEntraUserRule : IRule
{
    public RuleMetadata Metadata { get; } = new(
        "dormant-entra-user",
        "Dormant Entra ID user",
        "dormant-identity",
        Severity.Medium,
        "Nobody has signed in successfully as the user for the threshold (default 90 days), or the user never signed in since it was created that long ago; failed attempts (a password spray) do not count. A dormant account is often a person who left, a guest whose project ended or an invitation never used; its roles and group memberships stay, unwatched. High when the user is an administrator, medium when it holds another directory role or an Azure role, low otherwise (members and guests alike).",
        "Confirm with the user's manager (for a guest, its sponsor) that the account is no longer needed, then disable it, remove its roles and group memberships, and delete it once the retention period is over. Emergency access (break-glass) accounts are dormant by design: keep them, sign in with them at regular intervals to check they still work, and alert on every use. Access reviews of inactive users (Microsoft Entra ID Governance) automate the rest.",
        ["entra"],
        ["https://learn.microsoft.com/en-us/entra/identity/monitoring-health/howto-manage-inactive-user-accounts", "https://learn.microsoft.com/en-us/graph/api/resources/signinactivity", "https://learn.microsoft.com/en-us/entra/identity/role-based-access-control/security-emergency-access"]);

    /// <summary>
    /// Since when <c>lastSuccessfulSignInDateTime</c> is recorded (December 1, 2023; not backfilled). The two other
    /// times record attempts, failed ones included.
    /// </summary>
    public static readonly DateTimeOffset SuccessfulSignInsRecordedSince = new(2023, 12, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>Since when <c>signInActivity</c> is recorded at all: it is blank for a user whose last attempt was before April 2020.</summary>
    public static readonly DateTimeOffset SignInsRecordedSince = new(2020, 4, 1, 0, 0, 0, TimeSpan.Zero);

    public IEnumerable<Finding> Evaluate(AnalysisContext context)
    {
        if (context.Microsoft is not { } microsoft)
        {
            return [];
        }

        // A tenant has 100,000s of users, each judged alone: on every core, in id order.
        return Candidates(microsoft).Where(u => u.SignInActivity is not null).OrderBy(u => u.Id, StringComparer.Ordinal)
            .AsParallel().AsOrdered()
            .Select(user => Judge(context, microsoft, user))
            .Where(f => f is not null)
            .Select(f => f!)
            .ToList();
    }

    private Finding? Judge(AnalysisContext context, MicrosoftAnalysisContext microsoft, EntraUser user)
    {
        var reference = microsoft.ReferenceTime;
        var days = context.Settings.UnusedDays;

        var last = LastSignIn(user);
        if (last.Since is not { } since || !Elapsed.AtLeast(since, reference, days))
        {
            return null;
        }

        var name = microsoft.NameOf(user.Id) ?? user.Id;
        var admin = microsoft.Graph.Nodes.TryGetValue(new PrincipalId(user.Id), out var node) ? node.AdminReason : null;
        var (directoryRoles, azureRoles) = MicrosoftGrants.Roles(microsoft, user.Id);
        var roles = directoryRoles.Concat(azureRoles).ToList();
        var severity = admin is not null ? Severity.High : roles.Count > 0 ? Severity.Medium : Severity.Low;
        var guest = user.UserType == EntraUserType.Guest ? "guest " : string.Empty;
        var kind = user.UserType switch { EntraUserType.Guest => "guest user", EntraUserType.Member => "member user", _ => "user" };
        var activity = user.SignInActivity!;
        return new Finding
        {
            RuleId = Metadata.Id,
            Category = Metadata.Category,
            Severity = severity,
            Provider = "entra",
            Account = microsoft.TenantId,
            Principal = user.Id,
            PrincipalName = name == user.Id ? null : name,
            Title = $"Entra ID {guest}user `{name}` " + last.Basis switch
            {
                SignInBasis.LastSuccessful or SignInBasis.LastAttempt or SignInBasis.SuccessNotExported => $"has not signed in for {Elapsed.Days(Elapsed.DaysBefore(since, reference))}",
                SignInBasis.NoSuccessSinceRecorded when user.CreatedDateTime >= SuccessfulSignInsRecordedSince => "has never signed in successfully",
                SignInBasis.NoSuccessSinceRecorded => $"has not signed in successfully since {Elapsed.Day(SuccessfulSignInsRecordedSince)}",
                _ when user.CreatedDateTime < SignInsRecordedSince => "has no sign-in recorded since April 2020",
                _ => "has never signed in",
            },
            Explanation = $"`{name}` is a {kind}"
                + (user.AccountEnabled is null ? " (whether its account is enabled was not exported)" : " whose account is enabled")
                + (user.CreatedDateTime is { } created ? $", created {Elapsed.Ago(created, reference)}" : string.Empty)
                + last.Basis switch
                {
                    SignInBasis.LastSuccessful => $"; its last successful sign-in was {Elapsed.Ago(since, reference)} (last attempts, failed ones included: interactive {Recorded(activity.LastSignIn)}, non-interactive {Recorded(activity.LastNonInteractiveSignIn)})",
                    SignInBasis.NoSuccessSinceRecorded => $"; its signInActivity records sign-in attempts (interactive {Recorded(activity.LastSignIn)}, non-interactive {Recorded(activity.LastNonInteractiveSignIn)}), which count failed ones too, but no successful sign-in, which Entra ID records since {Elapsed.Day(SuccessfulSignInsRecordedSince)}: "
                        + $"none succeeded since {(since > SuccessfulSignInsRecordedSince ? "its creation, " : string.Empty)}{Elapsed.Ago(since, reference)} (failed attempts, such as a password spray, do not make an account active)",
                    SignInBasis.LastAttempt => $"; its last sign-in attempt was {Elapsed.Ago(since, reference)} (interactive {Recorded(activity.LastSignIn)}, non-interactive {Recorded(activity.LastNonInteractiveSignIn)}, which count failed attempts too; no successful sign-in is recorded, and successful ones are recorded only since {Elapsed.Day(SuccessfulSignInsRecordedSince)})",
                    SignInBasis.SuccessNotExported => $"; its last sign-in attempt was {Elapsed.Ago(since, reference)} (interactive {Recorded(activity.LastSignIn)}, non-interactive {Recorded(activity.LastNonInteractiveSignIn)}, which count failed attempts too; the export has no `lastSuccessfulSignInDateTime`, so whether it succeeded is not known: export `signInActivity` again with Microsoft Graph to have it)",
                    _ when since > user.CreatedDateTime => $"; its signInActivity records no sign-in of any kind, and Entra ID keeps none from before April 2020 (the user may have signed in before then)",
                    _ => "; its signInActivity records no sign-in of any kind",
                }
                + ". "
                + (admin is not null ? $"It is an administrator: {admin}. " : string.Empty)
                + (roles.Count > 0 ? $"It holds {string.Join("; ", roles)}. " : "It holds no directory or Azure role. ")
                + $"Users without a successful sign-in for {Elapsed.Days(days)} (--unused-days) are reported; {Elapsed.Reference(context)}.",
            Remediation = Metadata.Remediation,
            References = Metadata.References,
            Fingerprint = Finding.FingerprintOf(Metadata.Id, user.Id),
        };
    }

    public IEnumerable<SkippedAnalysis> Skipped(AnalysisContext context)
    {
        if (context.Microsoft is not { } microsoft)
        {
            yield break;
        }

        var candidates = Candidates(microsoft).ToList();
        var withoutActivity = candidates.Count(u => u.SignInActivity is null);
        if (withoutActivity > 0)
        {
            yield return new SkippedAnalysis(
                $"{Metadata.Id} for {withoutActivity} of {candidates.Count} enabled user{(candidates.Count == 1 ? string.Empty : "s")}",
                "their signInActivity was not exported (selecting it needs AuditLog.Read.All and a Microsoft Entra ID P1 or P2 licence), so whether they are dormant is unknown");
        }

        var undated = candidates.Count(u => u.SignInActivity is not null && LastSignIn(u).Since is null);
        if (undated > 0)
        {
            yield return new SkippedAnalysis(
                $"{Metadata.Id} for {undated} user{(undated == 1 ? string.Empty : "s")} that never signed in",
                "their createdDateTime is not known (null, which Microsoft Graph gives when it could not determine when the user was created, or not exported), so how long they have existed without a sign-in is unknown");
        }
    }

    /// <summary>Users that can sign in: disabled accounts are left out (their roles are inert until someone enables them).</summary>
    private static IEnumerable<EntraUser> Candidates(MicrosoftAnalysisContext microsoft) =>
        microsoft.Directory.Users.Where(u => u.AccountEnabled != false);

    /// <summary>What the user's dormancy is counted from, and on what basis.</summary>
    private enum SignInBasis
    {
        /// <summary><c>lastSuccessfulSignInDateTime</c>.</summary>
        LastSuccessful,

        /// <summary>Attempts since successful sign-ins are recorded, but none successful: counted from then (or the user's creation).</summary>
        NoSuccessSinceRecorded,

        /// <summary>Only attempts from before successful sign-ins were recorded: the latest attempt, which may have failed.</summary>
        LastAttempt,

        /// <summary>The export has no <c>lastSuccessfulSignInDateTime</c>: the latest attempt, which may have failed.</summary>
        SuccessNotExported,

        /// <summary>No sign-in recorded: counted from the user's creation, or from April 2020 when it is older.</summary>
        NoneRecorded,
    }

    /// <summary>
    /// Since when the user has not signed in (null when that cannot be told): the last successful sign-in when recorded.
    /// Interactive and non-interactive times record attempts, failed ones included, so a later attempt without a
    /// recorded success says none succeeded since successful sign-ins are recorded; only when every attempt predates
    /// that is the latest attempt the best there is.
    /// </summary>
    private static (DateTimeOffset? Since, SignInBasis Basis) LastSignIn(EntraUser user)
    {
        var activity = user.SignInActivity!;
        if (activity.LastSuccessfulSignIn is { } successful)
        {
            return (successful, SignInBasis.LastSuccessful);
        }

        var attempt = new[] { activity.LastSignIn, activity.LastNonInteractiveSignIn }.Max();
        if (!activity.SuccessfulSignInExported && attempt is { } latest)
        {
            return (latest, SignInBasis.SuccessNotExported);
        }

        return attempt switch
        {
            { } at when at >= SuccessfulSignInsRecordedSince => (Later(user.CreatedDateTime, SuccessfulSignInsRecordedSince), SignInBasis.NoSuccessSinceRecorded),
            { } at => (at, SignInBasis.LastAttempt),
            _ => (user.CreatedDateTime is { } created ? Later(created, SignInsRecordedSince) : null, SignInBasis.NoneRecorded),
        };
    }

    private static DateTimeOffset Later(DateTimeOffset? created, DateTimeOffset recordedSince) =>
        created is { } at && at > recordedSince ? at : recordedSince;

    private static string Recorded(DateTimeOffset? at) => at is { } time ? Elapsed.Day(time) : "none recorded";
}
