namespace Ward.Core.Diagnostics;

/// <summary>
/// Something Ward noticed about its input: a stable code (<c>WARD1001</c>), a severity, a message that quotes the
/// user's values in backticks, and the place in the input.
/// </summary>
public sealed record Diagnostic(string Code, DiagnosticSeverity Severity, string Message, SourceLocation Location)
{
    public override string ToString() =>
        Location.ToString() is { Length: > 0 } where
            ? $"{where}: {Severity.ToString().ToLowerInvariant()} {Code}: {Message}"
            : $"{Severity.ToString().ToLowerInvariant()} {Code}: {Message}";
}
