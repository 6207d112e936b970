namespace Ward.Analysis;

/// <summary>A rule reads the analysis context (never files, never clouds) and yields findings.</summary>
public interface IRule
{
    RuleMetadata Metadata { get; }

    IEnumerable<Finding> Evaluate(AnalysisContext context);

    /// <summary>
    /// What the rule deliberately or necessarily left out of this scan, beyond the inputs it <see cref="RuleMetadata.Requires"/>
    /// (which the scanner reports itself). Nothing by default.
    /// </summary>
    IEnumerable<SkippedAnalysis> Skipped(AnalysisContext context) => [];
}
