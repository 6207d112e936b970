using Ward.Gcp.Edges;
using Ward.Gcp.Iam;

namespace Ward.Analysis.Rules.Unused;

/// <summary>
/// <c>gcp-dormant-service-account</c>: an enabled service account that has not authenticated for <c>--unused-days</c>
/// days before the reference time, by Activity Analyzer or a service account insight; or that never did, when Google's
/// insight says so over a long enough period, or its project's activity export does not list it although the account
/// is known to be that old (a key of it was created that long ago). Without any activity export the rule does not run,
/// and the scan says so.
/// </summary>
public sealed class GcpDormantServiceAccountRule : IRule
{
    public RuleMetadata Metadata { get; } = new(
        "gcp-dormant-service-account",
        "Dormant Google Cloud service account",
        "dormant-identity",
        Severity.Low,
        "The service account has not authenticated to any Google API for the threshold (default 90 days, --unused-days), or ever, by Google's own record: Activity Analyzer's last authentication (`gcloud policy-intelligence query-activity`) or a service account insight (`google.iam.serviceAccount.Insight`). Its roles and keys stay: access nobody uses, for whoever can act as it or holds a key. High when it is owner-equivalent, medium when it holds roles or user-managed keys, low otherwise. Google does not record use through API keys bound to the account or domain-wide delegation to Google Workspace: check the account's usage metrics in Cloud Monitoring before deleting it.",
        "Confirm with the account's owners that nothing runs as it (Cloud Monitoring's service account usage metrics cover what Activity Analyzer does not). Disable it (`gcloud iam service-accounts disable`), wait, then delete its keys and the account; remove its role bindings. If it is kept for rare use, narrow its roles.",
        ["gcp"],
        ["https://cloud.google.com/policy-intelligence/docs/activity-analyzer-service-account-authentication", "https://cloud.google.com/policy-intelligence/docs/service-account-insights", "https://cloud.google.com/iam/docs/best-practices-service-accounts"]);

    public IEnumerable<Finding> Evaluate(AnalysisContext context)
    {
        if (context.Gcp is not { } gcp || !GcpAuthentications.AccountActivityGiven(gcp.Estate))
        {
            yield break;
        }

        var reference = context.ReferenceTime;
        var days = context.Settings.UnusedDays;
        foreach (var account in Candidates(gcp))
        {
            if (Idle(gcp, account, reference, days) is not { } idle)
            {
                continue;
            }

            var principal = GcpPrincipals.ServiceAccountId(account.Email);
            var admin = gcp.Graph.Node(principal)?.AdminReason;
            var roles = GcpAuthentications.RolesOf(gcp, account);
            var keys = gcp.Estate.KeysOf(account).Count(k => k is { KeyType: ServiceAccountKeyType.UserManaged, Disabled: false } && !(k.ValidBeforeTime <= reference));
            var holds = roles.Select(r => "role " + r).Concat(keys == 0 ? [] : [$"{keys} enabled user-managed key{(keys == 1 ? string.Empty : "s")}"]).ToList();
            yield return new Finding
            {
                RuleId = Metadata.Id,
                Category = Metadata.Category,
                Severity = admin is not null ? Severity.High : holds.Count > 0 ? Severity.Medium : Severity.Low,
                Provider = "gcp",
                Account = account.ProjectId is { } project ? "projects/" + project : null,
                Principal = principal,
                Title = idle.Days is { } idleDays ? $"`{account.Email}` has not authenticated for {Elapsed.Days(idleDays)}" : $"`{account.Email}` has no recorded authentication",
                Explanation = $"Service account `{account.Email}` is enabled and {idle.How}. "
                    + (admin is not null ? $"It {admin}. " : string.Empty)
                    + (holds.Count > 0 ? $"It still holds {string.Join(", ", holds)}. " : "It holds no role by name and no user-managed key. ")
                    + $"Service accounts unused for {Elapsed.Days(days)} (--unused-days) are reported; {Elapsed.Reference(context)}.",
                Remediation = Metadata.Remediation,
                References = Metadata.References,
                Fingerprint = Finding.FingerprintOf(Metadata.Id, account.Email.ToLowerInvariant()),
            };
        }
    }

    public IEnumerable<SkippedAnalysis> Skipped(AnalysisContext context)
    {
        if (context.Gcp is not { } gcp)
        {
            yield break;
        }

        var candidates = Candidates(gcp).ToList();
        if (candidates.Count == 0)
        {
            yield break;
        }

        if (!GcpAuthentications.AccountActivityGiven(gcp.Estate))
        {
            yield return new SkippedAnalysis(
                $"{Metadata.Id} for {Count(candidates.Count)}",
                "no service account activity was given (gcloud policy-intelligence query-activity --activity-type=serviceAccountLastAuthentication per project, or gcloud recommender insights list --insight-type=google.iam.serviceAccount.Insight; scripts/export-gcp.sh writes both under activity/), so whether they are used is unknown");
            yield break;
        }

        var undecided = candidates.Where(a => Idle(gcp, a, context.ReferenceTime, context.Settings.UnusedDays) is null && !RecentlyUsed(gcp, a, context.ReferenceTime, context.Settings.UnusedDays)).Select(a => a.Email).ToList();
        if (undecided.Count > 0)
        {
            yield return new SkippedAnalysis(
                $"{Metadata.Id} for {Count(undecided.Count)} without a recorded authentication",
                $"the activity exports record no authentication of {string.Join(", ", undecided.Take(5).Select(e => $"`{e}`"))}{(undecided.Count > 5 ? " and others" : string.Empty)}, and cannot tell whether that is because they are unused, new (service accounts carry no creation date) or of a project whose activity was not exported");
        }
    }

    /// <summary>The enabled exported accounts, in email order.</summary>
    private static IEnumerable<ServiceAccount> Candidates(GcpAnalysisContext gcp) =>
        gcp.Estate.ServiceAccounts.Where(a => !a.Disabled).OrderBy(a => a.Email, StringComparer.OrdinalIgnoreCase);

    private static bool RecentlyUsed(GcpAnalysisContext gcp, ServiceAccount account, DateTimeOffset reference, int days) =>
        GcpAuthentications.LastAuthentication(gcp.Estate, account) is { } last && !Elapsed.AtLeast(last.At, reference, days);

    /// <summary>How long and how the account has been idle, when the exports show it idle for the threshold; null otherwise.</summary>
    private static Idleness? Idle(GcpAnalysisContext gcp, ServiceAccount account, DateTimeOffset reference, int days)
    {
        if (GcpAuthentications.LastAuthentication(gcp.Estate, account) is { } last)
        {
            return Elapsed.AtLeast(last.At, reference, days)
                ? new Idleness(Elapsed.DaysBefore(last.At, reference), $"last authenticated {Elapsed.Ago(last.At, reference)} ({last.Source}; Google records the day)")
                : null;
        }

        if (GcpAuthentications.NeverAuthenticatedInsight(gcp.Estate, account) is { ObservationPeriod: { } period, LastRefresh: { } refresh } insight && period >= TimeSpan.FromDays(days))
        {
            return new Idleness(null, $"has no recorded authentication in the {Elapsed.Days((int)period.TotalDays)} before {Elapsed.Day(refresh)}, by service account insight `{insight.Name[(insight.Name.LastIndexOf('/') + 1)..]}`");
        }

        if (account.ProjectId is not { } project || GcpAuthentications.Observation(gcp.Estate, project, keys: false) is not { Listed: true, Since: { } since } || !Elapsed.AtLeast(since, reference, days))
        {
            return null;
        }

        // Not listed by its project's activity export: unused while observed, and known to be that old only by a key.
        var oldestKey = gcp.Estate.KeysOf(account).Where(k => k.ValidAfterTime is not null).MinBy(k => k.ValidAfterTime);
        return oldestKey is { ValidAfterTime: { } created } && Elapsed.AtLeast(created, reference, days)
            ? new Idleness(null, $"is not listed by the activity export of `{project}` (Activity Analyzer, observed since {Elapsed.Day(since)}), so it has not authenticated since then; it existed by {Elapsed.Ago(created, reference)}, when its key `{oldestKey.KeyId}` was created")
            : null;
    }

    private static string Count(int accounts) => accounts == 1 ? "1 enabled service account" : $"{accounts} enabled service accounts";

    private sealed record Idleness(int? Days, string How);
}
