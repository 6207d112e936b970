using Ward.Analysis.Suppressions;
using Ward.Gcp.Iam;

namespace Ward.Analysis;

/// <summary>What a scan is asked for beyond the estate and the reference time.</summary>
public sealed record ScanOptions
{
    public static ScanOptions Default { get; } = new();

    /// <summary>The thresholds of the time-based rules.</summary>
    public AnalysisSettings Settings { get; init; } = AnalysisSettings.Default;

    /// <summary>Accepted risks (<c>--suppressions</c>).</summary>
    public IReadOnlyList<Suppression> Suppressions { get; init; } = [];

    /// <summary>The Entra ID tenant and Azure estate read from the same inputs, analysed beside AWS; null when none was given.</summary>
    public MicrosoftInputs? Microsoft { get; init; }

    /// <summary>The Google Cloud estate read from the same inputs, analysed beside the others; null when none was given.</summary>
    public GcpEstate? Gcp { get; init; }

    /// <summary>
    /// What every provider's readers made of the inputs, for the reports; null when the AWS estate's own record says
    /// it all (only AWS's reader was run).
    /// </summary>
    public ScanInputs? Inputs { get; init; }

    /// <summary>Principals (ARNs) to find paths to besides the administrators (<c>--target</c>).</summary>
    public IReadOnlyCollection<string> Targets { get; init; } = [];
}
