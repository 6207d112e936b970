using Ward.Gcp.Edges;
using Ward.Gcp.Iam;

namespace Ward.Analysis.Rules;

/// <summary>
/// What the Google Cloud activity exports say about a service account or key: Activity Analyzer's last
/// authentication (<c>gcloud policy-intelligence query-activity</c>) and, for accounts, service account insights
/// (<c>google.iam.serviceAccount.Insight</c>). An account or key a project's activity export does not list has not
/// authenticated in its observation period; a project none of whose accounts (keys) is listed may not have been
/// exported, so nothing is concluded for it.
/// </summary>
internal static class GcpAuthentications
{
    /// <summary>Whether any account activity or service account insight was given.</summary>
    public static bool AccountActivityGiven(GcpEstate estate) =>
        estate.AuthenticationActivities.Any(a => a.IsAccountActivity) || estate.ServiceAccountInsights.Any(IsCurrent);

    public static bool KeyActivityGiven(GcpEstate estate) => estate.AuthenticationActivities.Any(a => !a.IsAccountActivity);

    /// <summary>The latest authentication of the account that an activity or a current insight records, with where it was read; null when none records one.</summary>
    public static (DateTimeOffset At, string Source)? LastAuthentication(GcpEstate estate, ServiceAccount account)
    {
        var fromActivity = estate.AuthenticationActivities
            .Where(a => a.IsAccountActivity && a.LastAuthenticated is not null && a.IsAbout(account))
            .Select(a => (At: a.LastAuthenticated!.Value, Source: "Activity Analyzer"));
        var fromInsight = estate.ServiceAccountInsights
            .Where(i => IsCurrent(i) && i.LastAuthenticated is not null && i.IsAbout(account))
            .Select(i => (At: i.LastAuthenticated!.Value, Source: $"service account insight `{Id(i.Name)}`"));
        return fromActivity.Concat(fromInsight).OrderByDescending(x => x.At).Select(x => ((DateTimeOffset, string)?)x).FirstOrDefault();
    }

    /// <summary>A current insight that finds the account inactive without any recorded authentication.</summary>
    public static ServiceAccountInsight? NeverAuthenticatedInsight(GcpEstate estate, ServiceAccount account) =>
        estate.ServiceAccountInsights.FirstOrDefault(i => IsCurrent(i) && i.LastAuthenticated is null && i.IsAbout(account));

    /// <summary>
    /// Whether the account (or key) activity export of a project lists any of them (if not, whether it was exported at
    /// all is unknown), and when its observation began: the earliest start among them, when they give one.
    /// </summary>
    public static (bool Listed, DateTimeOffset? Since) Observation(GcpEstate estate, string project, bool keys)
    {
        var listed = estate.AuthenticationActivities
            .Where(a => a.IsAccountActivity != keys && (string.Equals(a.Project, project, StringComparison.OrdinalIgnoreCase) || string.Equals(ServiceAccount.ProjectIdOfEmail(a.ServiceAccount), project, StringComparison.OrdinalIgnoreCase)))
            .ToList();
        return (listed.Count > 0, listed.Select(a => a.ObservationStart).OfType<DateTimeOffset>().Select(d => (DateTimeOffset?)d).Min());
    }

    /// <summary>The key activity recorded for a key, if any.</summary>
    public static AuthenticationActivity? KeyActivity(GcpEstate estate, ServiceAccountKey key, ServiceAccount? account) =>
        estate.AuthenticationActivities.FirstOrDefault(a => string.Equals(a.KeyId, key.KeyId, StringComparison.Ordinal)
            && (account is not null ? a.IsAbout(account) : string.Equals(a.ServiceAccount, key.ServiceAccount, StringComparison.OrdinalIgnoreCase)));

    /// <summary>The roles bound to the account by name (not through groups or sets), as <c>role on resource</c>; not a binding whose condition has expired at the reference time (it grants nothing).</summary>
    public static List<string> RolesOf(GcpAnalysisContext gcp, ServiceAccount account)
    {
        var member = GcpPrincipals.ServiceAccountId(account.Email);
        return [.. gcp.Estate.Policies
            .SelectMany(p => p.Bindings.Where(b => gcp.ExpiredCondition(b) is null && b.Members.Any(m => !m.IsDeleted && m.Kind == MemberKind.ServiceAccount && string.Equals(m.Text, member, StringComparison.OrdinalIgnoreCase))).Select(b => $"`{b.Role}` on `{gcp.ResourceLabel(p.Resource)}`"))
            .Distinct(StringComparer.Ordinal)];
    }

    /// <summary>Insights that were acted on (<c>ACCEPTED</c>) or dismissed no longer follow the account.</summary>
    private static bool IsCurrent(ServiceAccountInsight insight) => insight.State is null or "ACTIVE";

    private static string Id(string name) => name[(name.LastIndexOf('/') + 1)..];
}
