using Ward.Core.Diagnostics;

namespace Ward.Gcp.Tests.Testing;

/// <summary>Bad input is reported where it is: the file, the JSON path and the line.</summary>
internal static class LocatedDiagnostics
{
    public static void AssertReported(IEnumerable<Diagnostic> diagnostics, string code, DiagnosticSeverity severity, string file, string path, string message)
    {
        var diagnostic = Assert.Single(diagnostics, d => d.Code == code && d.Location.JsonPath == path);
        Assert.Equal(severity, diagnostic.Severity);
        Assert.EndsWith(file, diagnostic.Location.File, StringComparison.Ordinal);
        Assert.NotNull(diagnostic.Location.Line);
        Assert.Contains(message, diagnostic.Message, StringComparison.Ordinal);
    }
}
