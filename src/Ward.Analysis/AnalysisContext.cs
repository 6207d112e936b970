using Ward.Aws.Edges;
using Ward.Aws.Estate;

namespace Ward.Analysis;

/// <summary>
/// Everything rules may read: the estate, its entitlement graph, the scan's reference time (every time verdict is
/// measured against it, never against the clock) and the rules' thresholds.
/// </summary>
public sealed record AnalysisContext(AwsEstate Estate, AwsGraph Graph, DateTimeOffset ReferenceTime)
{
    private readonly Lazy<AwsEdgeContext> _probes = new(() => Graph.Probes ?? new AwsEdgeContext(Estate, ReferenceTime));

    public AnalysisSettings Settings { get; init; } = AnalysisSettings.Default;

    /// <summary>The Entra ID tenant and Azure estate scanned beside AWS; null when neither was given.</summary>
    public MicrosoftAnalysisContext? Microsoft { get; init; }

    /// <summary>The Google Cloud estate scanned beside the others; null when none was given.</summary>
    public GcpAnalysisContext? Gcp { get; init; }

    /// <summary>Decisions and pre-filters shared by the rules (and with the graph, which asked many of the same questions).</summary>
    public AwsEdgeContext Probes => _probes.Value;
}
