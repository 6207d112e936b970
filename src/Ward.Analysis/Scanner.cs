using System.Collections.Immutable;
using Ward.Aws.Edges;
using Ward.Aws.Estate;

namespace Ward.Analysis;

/// <summary>Runs every analysis over a loaded estate: graph, then every rule.</summary>
public static class Scanner
{
    public static ScanResult Scan(AwsEstate estate, DateTimeOffset referenceTime, IProgress<string>? progress = null, CancellationToken cancellationToken = default)
    {
        progress?.Report("building the entitlement graph");
        var graph = AwsGraphBuilder.Build(estate, referenceTime, cancellationToken: cancellationToken);
        var context = new AnalysisContext(estate, graph, referenceTime);
        var findings = new List<Finding>();
        foreach (var rule in RuleCatalog.All)
        {
            cancellationToken.ThrowIfCancellationRequested();
            progress?.Report($"rule {rule.Metadata.Id}");
            findings.AddRange(rule.Evaluate(context));
        }

        var skipped = ImmutableArray.CreateBuilder<SkippedAnalysis>();
        if (estate.Organization is null)
        {
            skipped.Add(new SkippedAnalysis("SCPs and RCPs", "no organization export was given: SCPs and RCPs are not applied, so some findings may not hold in an organization that blocks them"));
        }

        return new ScanResult(
            referenceTime,
            estate,
            graph,
            [.. findings
                .OrderByDescending(f => f.Severity)
                .ThenBy(f => f.RuleId, StringComparer.Ordinal)
                .ThenBy(f => f.Principal, StringComparer.Ordinal)
                .ThenBy(f => f.Fingerprint, StringComparer.Ordinal)],
            skipped.ToImmutable());
    }
}
