namespace Ward.Core.Diagnostics;

/// <summary>How bad a diagnostic is. Errors mean some input was skipped; warnings mean it was read with a caveat.</summary>
public enum DiagnosticSeverity
{
    Info,
    Warning,
    Error,
}
