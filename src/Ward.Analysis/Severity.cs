namespace Ward.Analysis;

/// <summary>How urgent a finding is. Ordered: a higher value is more severe.</summary>
public enum Severity
{
    Info,
    Low,
    Medium,
    High,
    Critical,
}
