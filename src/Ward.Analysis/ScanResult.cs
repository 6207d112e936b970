using System.Collections.Immutable;
using Ward.Aws.Edges;
using Ward.Aws.Estate;

namespace Ward.Analysis;

/// <summary>An analysis that could not run, and why (a missing input narrows what is reported).</summary>
public sealed record SkippedAnalysis(string Analysis, string Reason);

/// <summary>Everything a scan produced, in deterministic order.</summary>
public sealed record ScanResult(
    DateTimeOffset ReferenceTime,
    AwsEstate Estate,
    AwsGraph Graph,
    ImmutableArray<Finding> Findings,
    ImmutableArray<SkippedAnalysis> Skipped)
{
    /// <summary>Facts about the inputs that qualify the findings: when each credential report was generated, stale inputs.</summary>
    public ImmutableArray<string> Notes { get; init; } = [];

    /// <summary>The thresholds the time-based rules used.</summary>
    public AnalysisSettings Settings { get; init; } = AnalysisSettings.Default;
}
