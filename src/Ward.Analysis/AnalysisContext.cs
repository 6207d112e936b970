using Ward.Aws.Edges;
using Ward.Aws.Estate;

namespace Ward.Analysis;

/// <summary>
/// Everything rules may read: the estate, its entitlement graph, the scan's reference time (every time verdict is
/// measured against it, never against the clock) and the rules' thresholds.
/// </summary>
public sealed record AnalysisContext(AwsEstate Estate, AwsGraph Graph, DateTimeOffset ReferenceTime)
{
    public AnalysisSettings Settings { get; init; } = AnalysisSettings.Default;
}
