using System.Text.Json;
using Ward.Analysis;

namespace Ward.Cli.Tests;

/// <summary><c>ward scan --format</c>: every report format on the Northwind sample, to a file and to standard output.</summary>
public sealed class ScanReportFormatsTests
{
    private const string AsOf = "2026-03-16T09:15:00Z";

    private static readonly string[] Formats = ["console", "json", "sarif", "html", "csv", "markdown"];

    private static readonly Lazy<int> SampleFindings = new(() =>
    {
        var (_, _, json) = WardRunner.RunCapturingStandardOutput("scan", Repository.Samples, "--format", "json", "--as-of", AsOf);
        return JsonDocument.Parse(json).RootElement.GetProperty("findings").GetArrayLength();
    });

    [Fact]
    public void Sarif_is_a_log_with_a_result_per_finding()
    {
        var (exitCode, console, sarif) = WriteToFile("sarif", "ward.sarif");

        Assert.Equal(0, exitCode);
        Assert.Contains("wrote", console, StringComparison.Ordinal);
        var run = JsonDocument.Parse(sarif).RootElement.GetProperty("runs")[0];
        Assert.Equal("ward", run.GetProperty("tool").GetProperty("driver").GetProperty("name").GetString());
        Assert.Equal(SampleFindings.Value, run.GetProperty("results").GetArrayLength());
    }

    [Fact]
    public void Html_is_one_complete_page_with_a_row_per_finding()
    {
        var (exitCode, _, html) = WriteToFile("html", "report.html");

        Assert.Equal(0, exitCode);
        Assert.StartsWith("<!DOCTYPE html>", html, StringComparison.Ordinal);
        Assert.EndsWith("</html>\n", html, StringComparison.Ordinal);
        Assert.Equal(SampleFindings.Value, html.Split("<tbody class=\"finding\"").Length - 1);
    }

    [Fact]
    public void Csv_has_a_header_and_a_record_per_finding()
    {
        var (exitCode, _, csv) = WriteToFile("csv", "findings.csv");

        Assert.Equal(0, exitCode);
        Assert.StartsWith("ruleId,category,severity,provider,account,principal,principalName,title,fingerprint,pathLength,target,explanation,remediation,principalDisplayName\r\n", csv, StringComparison.Ordinal);

        // A record starts a line with its rule id (a field with a line break is quoted, so its next line never does)
        Assert.Equal(SampleFindings.Value, csv.Split("\r\n").Count(line => RuleCatalog.All.Any(r => line.StartsWith(r.Metadata.Id + ",", StringComparison.Ordinal))));
    }

    [Fact]
    public void Markdown_is_a_summary_with_the_reference_time()
    {
        var (exitCode, _, markdown) = WriteToFile("markdown", "summary.md");

        Assert.Equal(0, exitCode);
        Assert.StartsWith("# Ward scan report", markdown, StringComparison.Ordinal);
        Assert.Contains(AsOf, markdown, StringComparison.Ordinal);
        Assert.Contains("## Top findings", markdown, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("json")]
    [InlineData("sarif")]
    [InlineData("html")]
    [InlineData("csv")]
    [InlineData("markdown")]
    public void Without_output_the_report_alone_goes_to_standard_output(string format)
    {
        // When a report is asked for without --output
        var (exitCode, console, stdout) = WardRunner.RunCapturingStandardOutput("scan", Repository.Samples, "--format", format, "--as-of", AsOf);

        // Then standard output holds the report and nothing else; messages such as the skipped README went elsewhere
        Assert.Equal(0, exitCode);
        Assert.DoesNotContain("skipped", stdout.Split('\n')[0], StringComparison.Ordinal);
        Assert.DoesNotContain("Scanning", stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("Findings by severity", console, StringComparison.Ordinal);
        Assert.Contains("README.md", console, StringComparison.Ordinal);
        if (format is "json" or "sarif")
        {
            JsonDocument.Parse(stdout).Dispose();
        }
        else
        {
            Assert.StartsWith(format switch { "html" => "<!DOCTYPE html>", "csv" => "ruleId,", _ => "# Ward scan report" }, stdout, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Every_sarif_result_of_a_scan_over_four_providers_points_at_an_export_of_its_own_provider()
    {
        // Given the AWS, Entra ID, Azure and Google Cloud samples scanned together
        var samples = Path.Combine(Repository.Root, "samples");
        var (exitCode, _, sarif) = WardRunner.RunCapturingStandardOutput("scan", Repository.Samples, Path.Combine(samples, "entra"), Path.Combine(samples, "azure"), Path.Combine(samples, "gcp"), "--format", "sarif", "--as-of", AsOf);

        // Then every result has a file, as code scanning requires, and the file is one of its provider's exports
        Assert.Equal(0, exitCode);
        var results = JsonDocument.Parse(sarif).RootElement.GetProperty("runs")[0].GetProperty("results").EnumerateArray().ToList();
        var byProvider = results.GroupBy(r => r.GetProperty("properties").GetProperty("provider").GetString()!, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        Assert.Equal(["aws", "azure", "entra", "gcp"], byProvider.Keys.Order(StringComparer.Ordinal), StringComparer.Ordinal);
        foreach (var (provider, folder) in new[] { ("aws", "/samples/aws/"), ("entra", "/samples/entra/"), ("azure", "/samples/azure/"), ("gcp", "/samples/gcp/") })
        {
            Assert.All(byProvider[provider], result => Assert.Contains(folder, result.GetProperty("locations")[0].GetProperty("physicalLocation").GetProperty("artifactLocation").GetProperty("uri").GetString(), StringComparison.Ordinal));
        }
    }

    [Fact]
    public void Fail_on_applies_to_every_format()
    {
        var (exitCode, _, _) = WardRunner.RunCapturingStandardOutput("scan", Repository.Samples, "--format", "sarif", "--fail-on", "high", "--as-of", AsOf);

        Assert.Equal(1, exitCode);
    }

    [Fact]
    public void An_unknown_format_is_a_usage_error_that_lists_the_formats()
    {
        var (exitCode, output) = WardRunner.Run("scan", Repository.Samples, "--format", "xml");

        Assert.Equal(2, exitCode);
        Assert.Contains("console, json, sarif, html, csv or markdown", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Output_with_the_console_format_is_a_usage_error()
    {
        var (exitCode, output) = WardRunner.Run("scan", Repository.Samples, "--output", "report.txt");

        Assert.Equal(2, exitCode);
        Assert.Contains("--output needs a report format", output, StringComparison.Ordinal);
    }

    [Fact]
    public void One_scan_writes_several_reports_each_as_alone()
    {
        // Given JSON, HTML and CSV asked for at once, by repeated and comma-separated --format
        var folder = Directory.CreateTempSubdirectory("ward-scan-").FullName;
        var (json, html, csv) = (Path.Combine(folder, "findings.json"), Path.Combine(folder, "report.html"), Path.Combine(folder, "findings.csv"));
        var (exitCode, console) = WardRunner.Run("scan", Repository.Samples, "--format", "json,html", "--format", "csv", "--output", json, "--output", html, "--output", csv, "--as-of", AsOf);

        // Then each file holds its own report, as a run for that format alone writes it, and the summary is shown
        Assert.Equal(0, exitCode);
        Assert.Contains("Findings by severity", console, StringComparison.Ordinal);
        Assert.Equal(SampleFindings.Value, JsonDocument.Parse(File.ReadAllText(json)).RootElement.GetProperty("findings").GetArrayLength());
        Assert.Equal(WriteToFile("html", "alone.html").Report, File.ReadAllText(html));
        Assert.Equal(WriteToFile("csv", "alone.csv").Report, File.ReadAllText(csv));
    }

    [Theory]
    [InlineData("2 report formats (json, html) need 2 --output files", "--format", "json", "--format", "html", "--output", "findings.json")]
    [InlineData("2 --output files for one report format", "--format", "json", "--output", "a.json", "--output", "b.json")]
    [InlineData("format `json` is given twice", "--format", "json,json", "--output", "a.json", "--output", "b.json")]
    [InlineData("is given twice: each report needs its own file", "--format", "json,csv", "--output", "same.txt", "--output", "same.txt")]
    [InlineData("cannot both go to standard output", "--format", "console,json")]
    [InlineData("does not exist", "--format", "html", "--output", "no-such-folder/report.html")]
    [InlineData("it is a folder: give a file name for the report", "--format", "json", "--output", ".")]
    [InlineData("--html-rows `-1` must be 0 (every row) or a positive whole number", "--format", "html", "--html-rows", "-1")]
    public void Reports_that_cannot_be_written_as_asked_are_refused_before_the_scan(string message, params string[] options)
    {
        var (exitCode, output) = WardRunner.Run(["scan", Repository.Samples, .. options]);

        Assert.Equal(2, exitCode);
        Assert.Contains(message, output.ReplaceLineEndings(" ").Replace("  ", " ", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.DoesNotContain("Scanning", output, StringComparison.Ordinal);
    }

    [Fact]
    public void A_report_that_fails_while_being_written_is_named_as_an_error()
    {
        // Given a device that refuses every write (a full disk), beside a file that can be written
        Assert.SkipUnless(File.Exists("/dev/full"), "needs /dev/full (Linux)");
        var csv = Path.Combine(Directory.CreateTempSubdirectory("ward-scan-").FullName, "findings.csv");

        var (exitCode, output) = WardRunner.Run("scan", Repository.Samples, "--format", "json,csv", "--output", "/dev/full", "--output", csv, "--as-of", AsOf);

        // Then the failure is said in words, with a usage-or-input exit code, not as "one or more errors occurred"
        Assert.Equal(2, exitCode);
        Assert.Contains("a report could not be written", output, StringComparison.Ordinal);
        Assert.DoesNotContain("One or more errors", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Html_rows_limits_the_page_and_no_other_report()
    {
        // Given one finding per rule asked of the HTML page, beside the JSON report
        var folder = Directory.CreateTempSubdirectory("ward-scan-").FullName;
        var (json, html) = (Path.Combine(folder, "findings.json"), Path.Combine(folder, "report.html"));
        var (exitCode, _) = WardRunner.Run("scan", Repository.Samples, "--format", "json,html", "--output", json, "--output", html, "--html-rows", "1", "--as-of", AsOf);

        // Then the page has a row per rule that found something and says it left the rest out; the JSON has them all
        Assert.Equal(0, exitCode);
        var findings = JsonDocument.Parse(File.ReadAllText(json)).RootElement.GetProperty("findings").EnumerateArray().ToList();
        Assert.Equal(SampleFindings.Value, findings.Count);
        var page = File.ReadAllText(html);
        var rules = findings.Select(f => f.GetProperty("ruleId").GetString()).Distinct(StringComparer.Ordinal).Count();
        Assert.True(rules < findings.Count);
        Assert.Equal(rules, page.Split("<tbody class=\"finding\"").Length - 1);
        Assert.Contains($"This page shows {rules} of the {findings.Count} findings: at most 1 per rule", page, StringComparison.Ordinal);
    }

    [Fact]
    public void Scan_help_lists_every_format()
    {
        var (exitCode, output) = WardRunner.Run("scan", "--help");

        Assert.Equal(0, exitCode);
        Assert.All(Formats, format => Assert.Contains($"`{format}`", output, StringComparison.Ordinal));
    }

    private static (int ExitCode, string Console, string Report) WriteToFile(string format, string name)
    {
        var path = Path.Combine(Directory.CreateTempSubdirectory("ward-scan-").FullName, name);
        var (exitCode, console) = WardRunner.Run("scan", Repository.Samples, "--format", format, "--output", path, "--as-of", AsOf);
        return (exitCode, console, File.ReadAllText(path));
    }
}
