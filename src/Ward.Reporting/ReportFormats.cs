using System.Collections.Immutable;
using Ward.Reporting.Csv;
using Ward.Reporting.Html;
using Ward.Reporting.Json;
using Ward.Reporting.Markdown;
using Ward.Reporting.Sarif;

namespace Ward.Reporting;

/// <summary>Every report format of <c>ward scan</c>: the console summary, and the formats written as a whole document.</summary>
public static class ReportFormats
{
    /// <summary>The summary for people at a terminal (<see cref="Console.ConsoleReporter"/>).</summary>
    public const string Console = "console";

    public static ImmutableArray<ReportFormat> Documents { get; } =
    [
        new("json", "findings and scan metadata (docs/schema/findings.schema.json)", (result, output, _) => JsonReporter.Write(result, output)),
        new("sarif", "SARIF 2.1.0 for GitHub code scanning (docs/formats/sarif.md)", (result, output, _) => SarifReporter.Write(result, output)),
        new("html", "one self-contained page: sortable, filterable findings with path diagrams, identities", HtmlReporter.Write),
        new("csv", "one row per finding", (result, output, _) => CsvReporter.Write(result, output)),
        new("markdown", "a summary for pull-request comments and wikis", (result, output, _) => MarkdownReporter.Write(result, output)),
    ];

    /// <summary>Every format name, the console first.</summary>
    public static ImmutableArray<string> Names { get; } = [Console, .. Documents.Select(f => f.Name)];

    public static ReportFormat? Find(string name) => Documents.FirstOrDefault(f => f.Name == name);
}
