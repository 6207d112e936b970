using Ward.Gcp.Iam;
using Ward.Gcp.Policy.Evaluation;

namespace Ward.Analysis.Rules.Unused;

/// <summary>
/// <c>gcp-unused-permissions</c>: a role binding that Google's IAM policy insight (<c>google.iam.policy.Insight</c>,
/// subtype <c>PERMISSIONS_USAGE</c>) finds mostly unused: the member used (or, by Google's inference, needs) fewer of
/// the role's permissions than it grants during the observation period. Only an insight whose binding an exported
/// allow policy still holds is reported (the insight may be older than the export); the others are counted among the
/// analyses not run. Without policy insights the rule does not run, and the scan says so.
/// </summary>
public sealed class GcpUnusedPermissionsRule : IRule
{
    public RuleMetadata Metadata { get; } = new(
        "gcp-unused-permissions",
        "Google Cloud role binding with unused permissions",
        "over-permissive",
        Severity.Low,
        "Google's policy insight for the binding (`gcloud recommender insights list --insight-type=google.iam.policy.Insight`) counts the permissions of the role the member used during the observation period (90 days), and those it infers the member needs. The rest is standing access nobody exercises. Medium when none of the role's permissions was used, low otherwise.",
        "Replace the role with a narrower predefined or custom role holding the permissions the insight lists as exercised and inferred; the role recommendation linked to the insight proposes one (`gcloud recommender recommendations list --recommender=google.iam.policy.Recommender`). Remove the binding when none is used.",
        ["gcp"],
        ["https://cloud.google.com/policy-intelligence/docs/policy-insights", "https://cloud.google.com/policy-intelligence/docs/role-recommendations-overview"]);

    public IEnumerable<Finding> Evaluate(AnalysisContext context)
    {
        if (context.Gcp is not { } gcp)
        {
            yield break;
        }

        foreach (var insight in ActiveInsights(gcp).Where(i => HoldsBinding(gcp, i)))
        {
            var used = insight.ExercisedPermissions.Union(insight.InferredPermissions, StringComparer.Ordinal).Count();
            var total = insight.TotalPermissions ?? (gcp.Estate.FindRole(insight.Role) is { PermissionsKnown: true } role ? role.IncludedPermissions.Length : (int?)null);
            if (total is not { } granted || used >= granted)
            {
                continue;
            }

            var target = insight.TargetResources.IsEmpty ? "its resource" : string.Join(", ", insight.TargetResources.Select(t => $"`{gcp.ResourceLabel(t)}`"));
            var period = insight.ObservationPeriod is { } observed ? $"the {Elapsed.Days((int)observed.TotalDays)} before {(insight.LastRefresh is { } refresh ? Elapsed.Day(refresh) : "the insight's last refresh")}" : "the observation period";
            yield return new Finding
            {
                RuleId = Metadata.Id,
                Category = Metadata.Category,
                Severity = used == 0 ? Severity.Medium : Severity.Low,
                Provider = "gcp",
                Account = insight.TargetResources.IsEmpty ? null : gcp.ResourceLabel(insight.TargetResources[0]),
                Principal = insight.Member,
                Title = used == 0 ? $"`{insight.Member}` used none of the {granted} permissions of `{insight.Role}`" : $"`{insight.Member}` used {used} of the {granted} permissions of `{insight.Role}`",
                Explanation = $"By Google's policy insight, `{insight.Member}` exercised {insight.ExercisedPermissions.Length} permission{(insight.ExercisedPermissions.Length == 1 ? string.Empty : "s")} of `{insight.Role}` on {target} in {period}"
                    + (insight.InferredPermissions.IsEmpty ? string.Empty : $", and Google infers it needs {insight.InferredPermissions.Length} more")
                    + $": {granted - used} of the {granted} it grants are unused"
                    + (insight.Condition is { } condition ? $" (the binding's condition: `{condition.Expression}`)" : string.Empty)
                    + (used == 0 ? "." : $"; used: {string.Join(", ", insight.ExercisedPermissions.Concat(insight.InferredPermissions).Distinct(StringComparer.Ordinal).Take(10).Select(p => $"`{p}`"))}.")
                    + $" Insight `{insight.Name[(insight.Name.LastIndexOf('/') + 1)..]}`.",
                Remediation = Metadata.Remediation,
                References = Metadata.References,
                // Google gives each conditional binding of the role its own insight.
                Fingerprint = GcpBindingFingerprint.Of(insight.Condition, Metadata.Id, insight.Member, insight.Role, string.Join(',', insight.TargetResources)),
            };
        }
    }

    public IEnumerable<SkippedAnalysis> Skipped(AnalysisContext context)
    {
        if (context.Gcp is { } withInsights && ActiveInsights(withInsights).Where(i => !HoldsBinding(withInsights, i)).ToList() is { Count: > 0 } unheld)
        {
            var named = string.Join(", ", unheld.Take(5).Select(i => $"`{i.Role}` to `{i.Member}`{(i.TargetResources.IsEmpty ? string.Empty : $" on `{withInsights.ResourceLabel(i.TargetResources[0])}`")}"));
            yield return new SkippedAnalysis(
                $"{Metadata.Id} for {unheld.Count} policy insight{(unheld.Count == 1 ? string.Empty : "s")}",
                $"no exported allow policy holds the binding they are about ({named}{(unheld.Count > 5 ? $" and {unheld.Count - 5} more" : string.Empty)}): removed since the insight was last refreshed, granted to a deleted principal, under a condition that has expired, or on a resource whose policy was not exported; they are not reported");
        }

        if (context.Gcp is { } gcp && gcp.Estate.PolicyInsights.IsEmpty && !gcp.Estate.Policies.IsEmpty)
        {
            yield return new SkippedAnalysis(
                Metadata.Id,
                "no IAM policy insights were given (gcloud recommender insights list --insight-type=google.iam.policy.Insight per project, folder and organization; they need Security Command Center Premium or Enterprise, and scripts/export-gcp.sh writes them under activity/ when present), so unused permissions are not reported");
        }
    }

    private static IEnumerable<PolicyInsight> ActiveInsights(GcpAnalysisContext gcp) =>
        gcp.Estate.PolicyInsights.Where(i => i.State is null or "ACTIVE").OrderBy(i => i.Member, StringComparer.Ordinal).ThenBy(i => i.Role, StringComparer.Ordinal);

    /// <summary>
    /// Whether an exported allow policy of the insight's resource (any policy, when the insight names none) holds its
    /// binding: the same role, under the same condition, to the member, not deleted and not under a condition that has
    /// expired. Without any exported allow policy every insight is taken as it is: there is nothing to check it against.
    /// </summary>
    private static bool HoldsBinding(GcpAnalysisContext gcp, PolicyInsight insight)
    {
        if (gcp.Estate.Policies.IsEmpty)
        {
            return true;
        }

        var member = Member.Parse(insight.Member);
        if (member.IsDeleted)
        {
            return false;
        }

        var policies = insight.TargetResources.IsEmpty ? gcp.Estate.Policies : insight.TargetResources.Select(t => ResourceLocator.PolicyOf(gcp.Estate, t)).OfType<IamPolicy>();
        return policies.Any(p => p.Bindings.Any(b =>
            string.Equals(b.Role, insight.Role, StringComparison.Ordinal)
            && SameCondition(b.Condition, insight.Condition)
            && gcp.ExpiredCondition(b) is null
            && b.Members.Contains(member)));
    }

    /// <summary>Both without a condition, or both with the same expression (spaces aside: the insight copies it, perhaps reformatted).</summary>
    private static bool SameCondition(BindingCondition? binding, BindingCondition? insight) =>
        (binding, insight) switch
        {
            (null, null) => true,
            ({ } b, { } i) => string.Equals(WithoutSpaces(b.Expression), WithoutSpaces(i.Expression), StringComparison.Ordinal),
            _ => false,
        };

    private static string WithoutSpaces(string expression) => string.Concat(expression.Where(c => !char.IsWhiteSpace(c)));
}
