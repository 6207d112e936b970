using System.Collections.Immutable;
using Ward.Aws.Edges;
using Ward.Aws.Estate;

namespace Ward.Analysis;

/// <summary>Runs every analysis over a loaded estate: graph, then every rule.</summary>
public static class Scanner
{
    public static ScanResult Scan(AwsEstate estate, DateTimeOffset referenceTime, IProgress<string>? progress = null, CancellationToken cancellationToken = default) =>
        Scan(estate, referenceTime, AnalysisSettings.Default, progress, cancellationToken);

    public static ScanResult Scan(AwsEstate estate, DateTimeOffset referenceTime, AnalysisSettings settings, IProgress<string>? progress = null, CancellationToken cancellationToken = default)
    {
        progress?.Report("building the entitlement graph");
        var graph = AwsGraphBuilder.Build(estate, referenceTime, cancellationToken: cancellationToken);
        var context = new AnalysisContext(estate, graph, referenceTime) { Settings = settings };
        var findings = new List<Finding>();
        var skippedByRules = new List<SkippedAnalysis>();
        foreach (var rule in RuleCatalog.All)
        {
            cancellationToken.ThrowIfCancellationRequested();
            progress?.Report($"rule {rule.Metadata.Id}");
            findings.AddRange(rule.Evaluate(context));
            skippedByRules.AddRange(rule.Skipped(context));
        }

        var skipped = ImmutableArray.CreateBuilder<SkippedAnalysis>();
        if (estate.Organization is null)
        {
            skipped.Add(new SkippedAnalysis("SCPs and RCPs", "no organization export was given: SCPs and RCPs are not applied, so some findings may not hold in an organization that blocks them"));
        }

        skipped.AddRange(InputCoverage.Missing(estate, RuleCatalog.All));
        skipped.AddRange(skippedByRules);

        return new ScanResult(
            referenceTime,
            estate,
            graph,
            [.. findings
                .OrderByDescending(f => f.Severity)
                .ThenBy(f => f.RuleId, StringComparer.Ordinal)
                .ThenBy(f => f.Principal, StringComparer.Ordinal)
                .ThenBy(f => f.Fingerprint, StringComparer.Ordinal)],
            skipped.ToImmutable())
        {
            Notes = InputCoverage.Notes(estate, referenceTime, settings),
            Settings = settings,
        };
    }
}
