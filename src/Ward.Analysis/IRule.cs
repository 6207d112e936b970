namespace Ward.Analysis;

/// <summary>A rule reads the analysis context (never files, never clouds) and yields findings.</summary>
public interface IRule
{
    RuleMetadata Metadata { get; }

    IEnumerable<Finding> Evaluate(AnalysisContext context);
}
