using Ward.Gcp.Edges;
using Ward.Gcp.Iam;

namespace Ward.Analysis.Rules.Credentials;

/// <summary>
/// <c>gcp-unused-service-account-key</c>: an enabled, unexpired user-managed key of an enabled service account that
/// has not authenticated for <c>--unused-days</c> days before the reference time (Activity Analyzer's
/// <c>serviceAccountKeyLastAuthentication</c>), or never since it was created while its project's key activity was
/// observed. Without key activity the rule does not run, and the scan says so.
/// </summary>
public sealed class GcpUnusedServiceAccountKeyRule : IRule
{
    public RuleMetadata Metadata { get; } = new(
        "gcp-unused-service-account-key",
        "Unused user-managed service account key",
        "credential-hygiene",
        Severity.Medium,
        "A user-managed key that has not been used to authenticate for the threshold (default 90 days, --unused-days), or ever, by Activity Analyzer's record (`gcloud policy-intelligence query-activity --activity-type=serviceAccountKeyLastAuthentication`). Nothing needs it, but whoever holds a copy of its private key can still act as the account. High when the account is owner-equivalent. Google counts a key as used also when a system lists it while authenticating a request (signed URLs, some third-party tools).",
        "Disable the key (`gcloud iam service-accounts keys disable`), check that nothing breaks, then delete it. Prefer attached service accounts, workload identity federation or impersonation to keys; enforce `iam.disableServiceAccountKeyCreation` where keys are not needed.",
        ["gcp"],
        ["https://cloud.google.com/policy-intelligence/docs/activity-analyzer-service-account-authentication", "https://cloud.google.com/iam/docs/best-practices-for-managing-service-account-keys"]);

    public IEnumerable<Finding> Evaluate(AnalysisContext context)
    {
        if (context.Gcp is not { } gcp || !GcpAuthentications.KeyActivityGiven(gcp.Estate))
        {
            yield break;
        }

        var reference = context.ReferenceTime;
        var days = context.Settings.UnusedDays;
        foreach (var (key, account) in Candidates(gcp, reference))
        {
            if (Unused(gcp, key, account, reference, days) is not { } unused)
            {
                continue;
            }

            var email = account?.Email ?? key.ServiceAccount;
            var principal = GcpPrincipals.ServiceAccountId(email);
            var owner = gcp.Graph.Node(principal)?.AdminReason;
            yield return new Finding
            {
                RuleId = Metadata.Id,
                Category = Metadata.Category,
                Severity = owner is null ? Severity.Medium : Severity.High,
                Provider = "gcp",
                Account = account?.ProjectId is { } project ? "projects/" + project : key.Project,
                Principal = principal,
                Title = unused.Days is { } idle ? $"A key of `{email}` has not been used for {Elapsed.Days(idle)}" : $"A key of `{email}` has never been used",
                Explanation = $"Key `{key.KeyId}` of `{email}` is user-managed and enabled{(key.ValidAfterTime is { } created ? $", created {Elapsed.Ago(created, reference)}" : string.Empty)}; {unused.How}."
                    + (owner is null ? string.Empty : $" The account {owner}, so the key is a credential of an owner.")
                    + $" Keys unused for {Elapsed.Days(days)} (--unused-days) are reported; {Elapsed.Reference(context)}.",
                Remediation = Metadata.Remediation,
                References = Metadata.References,
                Fingerprint = Finding.FingerprintOf(Metadata.Id, key.Name),
            };
        }
    }

    public IEnumerable<SkippedAnalysis> Skipped(AnalysisContext context)
    {
        if (context.Gcp is not { } gcp)
        {
            yield break;
        }

        var candidates = Candidates(gcp, context.ReferenceTime).ToList();
        if (candidates.Count == 0)
        {
            yield break;
        }

        if (!GcpAuthentications.KeyActivityGiven(gcp.Estate))
        {
            yield return new SkippedAnalysis(
                $"{Metadata.Id} for {Count(candidates.Count)}",
                "no service account key activity was given (gcloud policy-intelligence query-activity --activity-type=serviceAccountKeyLastAuthentication per project; scripts/export-gcp.sh writes it under activity/), so whether the keys are used is unknown");
            yield break;
        }

        var undecided = candidates.Where(c => GcpAuthentications.KeyActivity(gcp.Estate, c.Key, c.Account)?.LastAuthenticated is null && Unused(gcp, c.Key, c.Account, context.ReferenceTime, context.Settings.UnusedDays) is null).ToList();
        if (undecided.Count > 0)
        {
            yield return new SkippedAnalysis(
                $"{Metadata.Id} for {Count(undecided.Count)} without a recorded authentication",
                $"the key activity exports record no authentication of {string.Join(", ", undecided.Take(5).Select(c => $"`{c.Key.KeyId}`"))}{(undecided.Count > 5 ? " and others" : string.Empty)}, and their project's export was not given, observed too short a time, or the key is younger than the threshold");
        }
    }

    /// <summary>Enabled, unexpired user-managed keys of accounts that are not disabled, in name order.</summary>
    private static IEnumerable<(ServiceAccountKey Key, ServiceAccount? Account)> Candidates(GcpAnalysisContext gcp, DateTimeOffset reference) =>
        gcp.Estate.ServiceAccountKeys
            .Where(k => k is { KeyType: ServiceAccountKeyType.UserManaged, Disabled: false } && !(k.ValidBeforeTime <= reference) && !(k.ValidAfterTime > reference))
            .OrderBy(k => k.Name, StringComparer.Ordinal)
            .Select(k => (k, gcp.Estate.FindServiceAccount(k.ServiceAccount)))
            .Where(x => x.Item2 is not { Disabled: true });

    /// <summary>How long and how the key has been unused, when the activity shows it unused for the threshold; null otherwise.</summary>
    private static Unusedness? Unused(GcpAnalysisContext gcp, ServiceAccountKey key, ServiceAccount? account, DateTimeOffset reference, int days)
    {
        if (GcpAuthentications.KeyActivity(gcp.Estate, key, account) is { LastAuthenticated: { } last })
        {
            return Elapsed.AtLeast(last, reference, days)
                ? new Unusedness(Elapsed.DaysBefore(last, reference), $"it last authenticated {Elapsed.Ago(last, reference)} (Activity Analyzer; Google records the day)")
                : null;
        }

        var project = account?.ProjectId ?? key.Project;
        if (GcpAuthentications.Observation(gcp.Estate, project, keys: true) is not { Listed: true, Since: { } since } || key.ValidAfterTime is not { } created || !Elapsed.AtLeast(created, reference, days))
        {
            return null;
        }

        // Observed since its creation: never used. Observed for the threshold only: unused at least that long.
        return since <= created
            ? new Unusedness(null, $"the key activity export of `{project}` (observed since {Elapsed.Day(since)}) records no authentication with it")
            : Elapsed.AtLeast(since, reference, days)
                ? new Unusedness(Elapsed.DaysBefore(since, reference), $"the key activity export of `{project}` records no authentication with it since {Elapsed.Day(since)}, when its observation began")
                : null;
    }

    private static string Count(int keys) => keys == 1 ? "1 user-managed key" : $"{keys} user-managed keys";

    private sealed record Unusedness(int? Days, string How);
}
