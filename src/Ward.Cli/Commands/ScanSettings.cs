using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;
using Ward.Analysis;
using Ward.Core.Model;
using Ward.Reporting;

namespace Ward.Cli.Commands;

public sealed class ScanSettings : CommandSettings
{
    /// <summary>The largest threshold accepted (100 years): anything above is a typo.</summary>
    public const int MaxDays = 36500;

    [CommandArgument(0, "[PATHS]")]
    [Description("Export files or folders to scan (files are recognised by content).")]
    public string[] Paths { get; init; } = [];

    [CommandOption("-i|--input <PATH>")]
    [Description("More export files or folders (repeatable).")]
    public string[] Inputs { get; init; } = [];

    [CommandOption("-v|--verbose")]
    [Description("List every input diagnostic (warnings and notes too, and errors beyond the first 50); the JSON report always has them all.")]
    public bool Verbose { get; init; }

    [CommandOption("-f|--format <FORMAT>")]
    [Description("`console` (default), `json`, `sarif` (GitHub code scanning), `html` (one self-contained page), `csv` or `markdown`. Without --output, any but `console` goes to standard output alone. Repeatable (or comma-separated) for several reports from one scan, each with its --output.")]
    public string[] Format { get; init; } = [];

    [CommandOption("-o|--output <FILE>")]
    [Description("Write the report (any format but `console`) to FILE, and show the console summary too. With several formats, one --output per format, in the same order.")]
    public string[] Output { get; init; } = [];

    /// <summary>The formats asked for, in order (<c>console</c> when none).</summary>
    public IReadOnlyList<string> Formats =>
        Format.Length == 0 ? [ReportFormats.Console] : [.. Format.SelectMany(f => f.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))];

    /// <summary>
    /// The reports to write, each with its file (null: standard output, for a single report without --output). Valid
    /// once <see cref="Validate"/> has passed.
    /// </summary>
    public IReadOnlyList<(ReportFormat Format, string? Path)> Reports
    {
        get
        {
            var documents = Formats.Where(f => f != ReportFormats.Console).Select(f => ReportFormats.Find(f)!).ToList();
            return Output.Length == 0 ? [.. documents.Select(d => (d, (string?)null))] : [.. documents.Zip(Output, (d, path) => (d, (string?)path))];
        }
    }

    [CommandOption("--html-rows <COUNT>")]
    [Description("The HTML report shows at most this many findings per rule, the most severe first, and this many identities, and says what it left out (the JSON, SARIF and CSV reports hold everything). 0 shows everything. Default: 1000.")]
    public int? HtmlRows { get; init; }

    /// <summary>How the reports are written: the defaults, overridden by the options given.</summary>
    public ReportOptions ReportOptions => HtmlRows is { } rows ? ReportOptions.Default with { HtmlRows = rows } : ReportOptions.Default;

    [CommandOption("--fail-on <SEVERITY>")]
    [Description("Exit with code 1 when a finding is at or above this severity: critical, high, medium, low, info.")]
    public string? FailOn { get; init; }

    [CommandOption("--as-of <TIMESTAMP>")]
    [Description("Reference time for every time-dependent verdict (ISO 8601). Default: now. The report states it.")]
    public string? AsOf { get; init; }

    [CommandOption("--target <ARN>")]
    [Description("A principal, or a resource of the resource policies export, to find paths to besides the administrators (repeatable): every principal that can become it, or read or write the resource's data, is reported (rule path-to-target).")]
    public string[] Targets { get; init; } = [];

    [CommandOption("--suppressions <FILE>")]
    [Description("Accepted risks: a JSON file of {rule, principal or fingerprint, justification, expires} (docs/suppressions.md). Expired entries stop hiding their findings.")]
    public string? Suppressions { get; init; }

    [CommandOption("--unused-days <DAYS>")]
    [Description("An access key, user, role or service not used for this many days is reported as unused or dormant. Default: 90.")]
    public int? UnusedDays { get; init; }

    [CommandOption("--key-age-days <DAYS>")]
    [Description("An active access key at least this many days old is reported as not rotated. Default: 90.")]
    public int? KeyAgeDays { get; init; }

    [CommandOption("--root-use-days <DAYS>")]
    [Description("A root user sign-in or key use within this many days of the reference time is reported. Default: 30.")]
    public int? RootUseDays { get; init; }

    [CommandOption("--credential-lifetime-days <DAYS>")]
    [Description("An Entra ID application or service principal secret or certificate valid for longer than this is reported as long-lived. Default: 365.")]
    public int? CredentialLifetimeDays { get; init; }

    [CommandOption("--owner-limit <COUNT>")]
    [Description("More principals than this holding Owner, or a role that may assign Owner (User Access Administrator, Role Based Access Control Administrator unless a condition refuses it, a custom role that may write role assignments or role definitions), over one Azure subscription, management group or the root are reported. Default: 3.")]
    public int? OwnerLimit { get; init; }

    [CommandOption("--gcp-domain <DOMAIN>")]
    [Description("A domain of your Google Cloud organization besides its primary domain (a secondary domain or domain alias of its Cloud Identity or Workspace account), whose users, groups and domain members are not reported as external (repeatable).")]
    public string[] GcpDomains { get; init; } = [];

    public IEnumerable<string> AllInputs => Paths.Concat(Inputs);

    /// <summary>The rules' thresholds: the defaults, overridden by the options given.</summary>
    public AnalysisSettings AnalysisSettings => AnalysisSettings.Default with
    {
        UnusedDays = UnusedDays ?? AnalysisSettings.Default.UnusedDays,
        KeyAgeDays = KeyAgeDays ?? AnalysisSettings.Default.KeyAgeDays,
        RootUseDays = RootUseDays ?? AnalysisSettings.Default.RootUseDays,
        CredentialLifetimeDays = CredentialLifetimeDays ?? AnalysisSettings.Default.CredentialLifetimeDays,
        OwnerLimit = OwnerLimit ?? AnalysisSettings.Default.OwnerLimit,
        GcpDomains = [.. GcpDomains.Select(d => d.Trim().TrimStart('@').ToLowerInvariant())],
    };

    private string? ValidateReports()
    {
        if (Formats.FirstOrDefault(f => !ReportFormats.Names.Contains(f, StringComparer.Ordinal)) is { } unknown)
        {
            return $"unknown format `{unknown}`; use {string.Join(", ", ReportFormats.Names.SkipLast(1))} or {ReportFormats.Names[^1]}";
        }

        var documents = Formats.Where(f => f != ReportFormats.Console).ToList();
        if (documents.GroupBy(f => f, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1) is { } twice)
        {
            return $"format `{twice.Key}` is given twice";
        }

        if (Output.Length > 0 && documents.Count == 0)
        {
            return $"--output needs a report format: {string.Join(", ", ReportFormats.Documents.Select(f => f.Name))}";
        }

        if (documents.Count > 1 && Output.Length != documents.Count)
        {
            return $"{documents.Count} report formats ({string.Join(", ", documents)}) need {documents.Count} --output files, one per format in the same order; {Output.Length} given";
        }

        if (documents.Count == 1 && Output.Length > 1)
        {
            return $"{Output.Length} --output files for one report format (`{documents[0]}`): give one, or a --format per file";
        }

        if (Output.GroupBy(Path.GetFullPath, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1) is { } same)
        {
            return $"--output `{same.First()}` is given twice: each report needs its own file";
        }

        return documents.Count == 1 && Output.Length == 0 && Formats.Contains(ReportFormats.Console, StringComparer.Ordinal)
            ? $"the console summary and the `{documents[0]}` report cannot both go to standard output: give --output for the report (the summary is then shown too)"
            : null;
    }

    /// <summary>
    /// The --fail-on severity by its one name (not a number such as `4`, nor a list such as `low,critical`, which the
    /// enum parser would OR into a value above every severity and so switch the gate off).
    /// </summary>
    public Severity? FailOnSeverity =>
        FailOn is not null && Enum.GetNames<Severity>().FirstOrDefault(n => n.Equals(FailOn.Trim(), StringComparison.OrdinalIgnoreCase)) is { } name
            ? Enum.Parse<Severity>(name)
            : null;

    public override ValidationResult Validate()
    {
        if (!AllInputs.Any())
        {
            return ValidationResult.Error("give at least one export file or folder to scan");
        }

        if (ValidateReports() is { } reportsProblem)
        {
            return ValidationResult.Error(reportsProblem);
        }

        if (FailOn is not null && FailOnSeverity is null)
        {
            return ValidationResult.Error($"unknown severity `{FailOn}`; use critical, high, medium, low or info");
        }

        if (AsOf is not null && !IsoTimestamp.TryParse(AsOf, out _))
        {
            return ValidationResult.Error($"--as-of `{AsOf}` is not an ISO 8601 timestamp");
        }

        foreach (var (option, value) in new[] { ("--unused-days", UnusedDays), ("--key-age-days", KeyAgeDays), ("--root-use-days", RootUseDays), ("--credential-lifetime-days", CredentialLifetimeDays) })
        {
            if (value is < 1 or > MaxDays)
            {
                return ValidationResult.Error($"{option} `{value}` must be a whole number of days from 1 to {MaxDays}");
            }
        }

        if (HtmlRows is < 0)
        {
            return ValidationResult.Error($"--html-rows `{HtmlRows}` must be 0 (every row) or a positive whole number");
        }

        if (OwnerLimit is < 1 or > 1000)
        {
            return ValidationResult.Error($"--owner-limit `{OwnerLimit}` must be a whole number from 1 to 1000");
        }

        if (GcpDomains.FirstOrDefault(d => !IsDomain(d.Trim().TrimStart('@'))) is { } notDomain)
        {
            return ValidationResult.Error($"--gcp-domain `{notDomain}` is not a domain name (such as `example.com`)");
        }

        return ValidationResult.Success();
    }

    /// <summary>Labels of letters, digits and hyphens, at least two, separated by dots.</summary>
    private static bool IsDomain(string text) =>
        text.Split('.') is { Length: >= 2 } labels && labels.All(l => l.Length > 0 && l.All(c => char.IsAsciiLetterOrDigit(c) || c == '-'));

    public DateTimeOffset ReferenceTime(TimeProvider clock) =>
        AsOf is null ? clock.GetUtcNow() : IsoTimestamp.TryParse(AsOf, out var asOf) ? asOf : throw new InvalidOperationException("--as-of is checked before it is read");
}
