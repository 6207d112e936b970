using Ward.Core.Model;
using Ward.Microsoft.Entra.Directory;

namespace Ward.Analysis.Rules.Unused;

/// <summary>
/// <c>dormant-entra-user</c>: an enabled Entra ID user whose latest sign-in (interactive, non-interactive or
/// successful, as its <c>signInActivity</c> records them) is at least <c>--unused-days</c> days before the reference
/// time, or who never signed in and was created at least that long ago.
/// </summary>
public sealed class DormantEntraUserRule : IRule
{
    public RuleMetadata Metadata { get; } = new(
        "dormant-entra-user",
        "Dormant Entra ID user",
        "dormant-identity",
        Severity.Medium,
        "Nobody has signed in as the user for the threshold (default 90 days), interactively or not, or the user never signed in since it was created that long ago. A dormant account is often a person who left, a guest whose project ended or an invitation never used; its roles and group memberships stay, unwatched. High when the user is an administrator, medium when it holds another directory role or an Azure role, low otherwise (members and guests alike).",
        "Confirm with the user's manager (for a guest, its sponsor) that the account is no longer needed, then disable it, remove its roles and group memberships, and delete it once the retention period is over. Emergency access (break-glass) accounts are dormant by design: keep them, sign in with them at regular intervals to check they still work, and alert on every use. Access reviews of inactive users (Microsoft Entra ID Governance) automate the rest.",
        ["entra"],
        ["https://learn.microsoft.com/en-us/entra/identity/monitoring-health/howto-manage-inactive-user-accounts", "https://learn.microsoft.com/en-us/graph/api/resources/signinactivity", "https://learn.microsoft.com/en-us/entra/identity/role-based-access-control/security-emergency-access"]);

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

        // Never signed in counts from the account's creation.
        var last = LastSignIn(user);
        if ((last ?? user.CreatedDateTime) is not { } since || !Elapsed.AtLeast(since, reference, days))
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
            Title = last is { } at
                ? $"Entra ID {guest}user `{name}` has not signed in for {Elapsed.Days(Elapsed.DaysBefore(at, reference))}"
                : $"Entra ID {guest}user `{name}` has never signed in",
            Explanation = $"`{name}` is a {kind}"
                + (user.AccountEnabled is null ? " (whether its account is enabled was not exported)" : " whose account is enabled")
                + (user.CreatedDateTime is { } created ? $", created {Elapsed.Ago(created, reference)}" : string.Empty)
                + (last is { } signedIn
                    ? $"; its last sign-in was {Elapsed.Ago(signedIn, reference)} (interactive {Recorded(activity.LastSignIn)}, non-interactive {Recorded(activity.LastNonInteractiveSignIn)}, successful {Recorded(activity.LastSuccessfulSignIn)}; the first two count failed attempts too)"
                    : "; its signInActivity records no sign-in of any kind")
                + ". "
                + (admin is not null ? $"It is an administrator: {admin}. " : string.Empty)
                + (roles.Count > 0 ? $"It holds {string.Join("; ", roles)}. " : "It holds no directory or Azure role. ")
                + $"Users without a sign-in for {Elapsed.Days(days)} (--unused-days) are reported; {Elapsed.Reference(context)}.",
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

        var undated = candidates.Count(u => u.SignInActivity is not null && LastSignIn(u) is null && u.CreatedDateTime is null);
        if (undated > 0)
        {
            yield return new SkippedAnalysis(
                $"{Metadata.Id} for {undated} user{(undated == 1 ? string.Empty : "s")} that never signed in",
                "their createdDateTime was not exported, so how long they have existed without a sign-in is unknown");
        }
    }

    /// <summary>Users that can sign in: disabled accounts are left out (their roles are inert until someone enables them).</summary>
    private static IEnumerable<EntraUser> Candidates(MicrosoftAnalysisContext microsoft) =>
        microsoft.Directory.Users.Where(u => u.AccountEnabled != false);

    /// <summary>The latest sign-in of any kind the export records; null when it records none (or was not exported).</summary>
    private static DateTimeOffset? LastSignIn(EntraUser user) =>
        user.SignInActivity is not { } activity ? null
        : new[] { activity.LastSignIn, activity.LastNonInteractiveSignIn, activity.LastSuccessfulSignIn }.Max();

    private static string Recorded(DateTimeOffset? at) => at is { } time ? Elapsed.Day(time) : "none recorded";
}
