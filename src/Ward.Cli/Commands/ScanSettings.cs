using System.ComponentModel;
using System.Globalization;
using Spectre.Console;
using Spectre.Console.Cli;
using Ward.Analysis;
using Ward.Reporting;

namespace Ward.Cli.Commands;

public sealed class ScanSettings : CommandSettings
{
    [CommandArgument(0, "[PATHS]")]
    [Description("Export files or folders to scan (files are recognised by content).")]
    public string[] Paths { get; init; } = [];

    [CommandOption("-i|--input <PATH>")]
    [Description("More export files or folders (repeatable).")]
    public string[] Inputs { get; init; } = [];

    [CommandOption("-f|--format <FORMAT>")]
    [Description("`console`, `json`, `sarif` (GitHub code scanning), `html` (one self-contained page), `csv` or `markdown`. Without --output, any but `console` goes to standard output alone.")]
    [DefaultValue("console")]
    public string Format { get; init; } = "console";

    [CommandOption("-o|--output <FILE>")]
    [Description("Write the report (any format but `console`) to FILE, and show the console summary too.")]
    public string? Output { get; init; }

    [CommandOption("--fail-on <SEVERITY>")]
    [Description("Exit with code 1 when a finding is at or above this severity: critical, high, medium, low, info.")]
    public string? FailOn { get; init; }

    [CommandOption("--as-of <TIMESTAMP>")]
    [Description("Reference time for every time-dependent verdict (ISO 8601). Default: now. The report states it.")]
    public string? AsOf { get; init; }

    [CommandOption("--target <ARN>")]
    [Description("A principal to find paths to besides the administrators (repeatable): every principal that can become it is reported (rule path-to-target).")]
    public string[] Targets { get; init; } = [];

    [CommandOption("--suppressions <FILE>")]
    [Description("Accepted risks: a JSON file of {rule, principal or fingerprint, justification, expires} (docs/suppressions.md). Expired entries stop hiding their findings.")]
    public string? Suppressions { get; init; }

    public IEnumerable<string> AllInputs => Paths.Concat(Inputs);

    public Severity? FailOnSeverity => FailOn is not null && Enum.TryParse<Severity>(FailOn, ignoreCase: true, out var severity) ? severity : null;

    public override ValidationResult Validate()
    {
        if (!AllInputs.Any())
        {
            return ValidationResult.Error("give at least one export file or folder to scan");
        }

        if (!ReportFormats.Names.Contains(Format, StringComparer.Ordinal))
        {
            return ValidationResult.Error($"unknown format `{Format}`; use {string.Join(", ", ReportFormats.Names.SkipLast(1))} or {ReportFormats.Names[^1]}");
        }

        if (Output is not null && Format == ReportFormats.Console)
        {
            return ValidationResult.Error($"--output needs a report format: {string.Join(", ", ReportFormats.Documents.Select(f => f.Name))}");
        }

        if (FailOn is not null && FailOnSeverity is null)
        {
            return ValidationResult.Error($"unknown severity `{FailOn}`; use critical, high, medium, low or info");
        }

        if (AsOf is not null && !DateTimeOffset.TryParse(AsOf, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out _))
        {
            return ValidationResult.Error($"--as-of `{AsOf}` is not an ISO 8601 timestamp");
        }

        return ValidationResult.Success();
    }

    public DateTimeOffset ReferenceTime(TimeProvider clock) =>
        AsOf is null ? clock.GetUtcNow() : DateTimeOffset.Parse(AsOf, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);
}
