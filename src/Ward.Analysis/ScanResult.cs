using System.Collections.Frozen;
using System.Collections.Immutable;
using Ward.Analysis.Suppressions;
using Ward.Aws.Edges;
using Ward.Aws.Estate;
using Ward.Core.Graph;

namespace Ward.Analysis;

/// <summary>An analysis that could not run, and why (a missing input narrows what is reported).</summary>
public sealed record SkippedAnalysis(string Analysis, string Reason);

/// <summary>How long one rule took (rules run in parallel, so these overlap).</summary>
public sealed record RuleTime(string RuleId, TimeSpan Elapsed);

/// <summary>How long building something several rules read took (a provider's graph), before the rules that read it.</summary>
public sealed record SharedWorkTime(string Work, TimeSpan Elapsed);

/// <summary>Everything a scan produced, in deterministic order.</summary>
public sealed record ScanResult(
    DateTimeOffset ReferenceTime,
    AwsEstate Estate,
    AwsGraph Graph,
    ImmutableArray<Finding> Findings,
    ImmutableArray<SkippedAnalysis> Skipped)
{
    /// <summary>Findings hidden by an unexpired suppression (not in <see cref="Findings"/>).</summary>
    public ImmutableArray<SuppressedFinding> Suppressed { get; init; } = [];

    /// <summary>Suppressions past their expiry at the reference time: the findings they matched are reported again.</summary>
    public ImmutableArray<Suppression> Expired { get; init; } = [];

    /// <summary>Unexpired suppressions that matched no finding (the risk is gone, or the pattern is wrong).</summary>
    public ImmutableArray<Suppression> Unused { get; init; } = [];

    /// <summary>The files read and skipped, and the diagnostics on them, over every provider.</summary>
    public ScanInputs Inputs { get => field ??= ScanInputs.Of(Estate); init; }

    /// <summary>Facts about the inputs that qualify the findings: when each credential report was generated, stale inputs.</summary>
    public ImmutableArray<string> Notes { get; init; } = [];

    /// <summary>What was read of Entra ID and Azure; null when the scan had no Microsoft input.</summary>
    public MicrosoftEstateSummary? Microsoft { get; init; }

    /// <summary>What was read of Google Cloud; null when the scan had no Google Cloud input.</summary>
    public GcpEstateSummary? Gcp { get; init; }

    /// <summary>
    /// The Entra ID / Azure and Google Cloud graph nodes of the principals the findings name (their kind, scope and
    /// whether they are administrators), by id: <see cref="Graph"/> holds the AWS ones.
    /// </summary>
    public FrozenDictionary<string, GraphNode> OtherNodes { get; init; } = FrozenDictionary<string, GraphNode>.Empty;

    /// <summary>How long each rule took, in catalog order; for benchmarks, never in reports.</summary>
    public ImmutableArray<RuleTime> RuleTimes { get; init; } = [];

    /// <summary>How long each shared piece of work took (see <see cref="SharedWorkTime"/>); for benchmarks, never in reports.</summary>
    public ImmutableArray<SharedWorkTime> SharedWorkTimes { get; init; } = [];

    /// <summary>The thresholds the time-based rules used.</summary>
    public AnalysisSettings Settings { get; init; } = AnalysisSettings.Default;
}
