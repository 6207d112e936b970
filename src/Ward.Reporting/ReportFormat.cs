using Ward.Analysis;

namespace Ward.Reporting;

/// <summary>A report format written to a file or standard output: its name on the command line, and its writer.</summary>
public sealed record ReportFormat(string Name, string Description, Action<ScanResult, Stream, ReportOptions> Write);
