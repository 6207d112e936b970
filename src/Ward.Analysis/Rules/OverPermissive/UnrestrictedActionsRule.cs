using Ward.Aws.Edges;
using Ward.Aws.Policy.Evaluation;
using Ward.Aws.Queries;
using Ward.Core.Decisions;
using Ward.Core.Model;

namespace Ward.Analysis.Rules.OverPermissive;

/// <summary>
/// The shape of the Cloudsplaining-style rules: a list of risky actions, and one finding per identity (not
/// admin-equivalent: those are reported as such) whose effective permissions allow some of them on any resource.
/// </summary>
public abstract class UnrestrictedActionsRule : IRule
{
    public abstract RuleMetadata Metadata { get; }

    /// <summary>The actions this rule watches, as the catalog names them.</summary>
    protected abstract IReadOnlyList<string> Actions { get; }

    public IEnumerable<Finding> Evaluate(AnalysisContext context)
    {
        var queries = context.Probes.Queries;
        var prefilter = context.Probes;

        // Principals are independent: decide them in parallel, report them in order.
        return prefilter.Principals.OrderBy(p => p.Value, StringComparer.Ordinal).AsParallel().AsOrdered()
            .Select(principal => Judge(context, queries, prefilter, principal))
            .Where(finding => finding is not null)
            .Select(finding => finding!)
            .ToList();
    }

    private Finding? Judge(AnalysisContext context, AwsAccessQueries queries, AwsEdgeContext prefilter, AwsPrincipal principal)
    {
        if (context.Graph.Admin.TryGetValue(new PrincipalId(principal.Value), out var verdict) && verdict.IsAdmin
            || context.Estate.Roles.TryGetValue(principal.Value, out var role) && role.IsServiceLinked)
        {
            return null;
        }

        var regions = AwsUnrestrictedAccess.ProbeRegions(context.Estate, principal);
        var allowed = new List<string>();
        var conditional = new List<(string Action, Conditional Decision)>();
        foreach (var action in Actions.Where(a => AwsUnrestrictedAccess.MayAllow(prefilter, principal, a, regions)))
        {
            var worthProbing = prefilter.RegionsWorthProbing(principal, action, regions);
            switch (AwsUnrestrictedAccess.Decide(queries, principal, action, worthProbing, onlyDeniesLookAtTheRegion: worthProbing.Count > 1 && prefilter.OnlyDeniesLookAtTheRegion(principal, action)).Decision)
            {
                case Allowed decision:
                    allowed.Add($"{action} ({Grant(decision)})");
                    break;
                case Conditional decision:
                    conditional.Add((action, decision));
                    break;
            }
        }

        return allowed.Count + conditional.Count > 0 ? Make(principal, allowed, conditional) : null;
    }

    private Finding Make(AwsPrincipal principal, List<string> allowed, List<(string Action, Conditional Decision)> conditional)
    {
        var name = principal.Name ?? principal.Value;
        var parts = new List<string>();
        if (allowed.Count > 0)
        {
            parts.Add($"On any resource, `{name}` may: {string.Join("; ", allowed)}.");
        }

        if (conditional.Count > 0)
        {
            parts.Add($"Under conditions: {string.Join("; ", conditional.Select(c => $"{c.Action} (only if {string.Join(" and ", c.Decision.Requirements)})"))}.");
        }

        var count = allowed.Count + conditional.Count;
        return new Finding
        {
            RuleId = Metadata.Id,
            Category = Metadata.Category,
            Severity = allowed.Count > 0 ? Metadata.DefaultSeverity : Lower(Metadata.DefaultSeverity),
            Provider = "aws",
            Account = principal.Account,
            Principal = principal.Value,
            Title = $"`{name}`: {count} {Metadata.Title.ToLowerInvariant()} action{(count == 1 ? string.Empty : "s")} on any resource",
            Explanation = string.Join(" ", parts) + " Decided by the evaluator on a resource no narrow grant names, in the regions the principal uses or its guardrails allow, after denies, permissions boundaries, SCPs and RCPs.",
            Remediation = Metadata.Remediation,
            References = Metadata.References,
            Fingerprint = Finding.FingerprintOf(Metadata.Id, principal.Value),
        };
    }

    private static string Grant(Decision decision) =>
        decision.Explanation.Layers.Where(l => l.Layer is not ("SCP" or "RCP") && !l.Layer.StartsWith("SCP ", StringComparison.Ordinal) && !l.Layer.StartsWith("RCP ", StringComparison.Ordinal))
            .SelectMany(l => l.Statements).FirstOrDefault(s => s.Effect == StatementEffect.Allow) is { } grant
            ? $"`{grant.Policy}` statement `{grant.Statement}`"
            : decision.Explanation.Summary;

    private static Severity Lower(Severity severity) => severity == Severity.Info ? Severity.Info : severity - 1;
}
