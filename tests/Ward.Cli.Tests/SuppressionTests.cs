using System.Text.Json;
using Ward.Analysis.Suppressions;

namespace Ward.Cli.Tests;

/// <summary>Accepted risks: <c>ward scan --suppressions</c> on the Northwind sample at its reference time (2026-03-16).</summary>
public sealed class SuppressionTests
{
    private const string AsOf = "2026-03-16T09:15:00Z";
    private const string OrganizationRole = "arn:aws:iam::444455556666:role/OrganizationAccountAccessRole";

    [Fact]
    public void An_unexpired_suppression_hides_its_finding_and_the_report_lists_it()
    {
        // Given the organization role's whole-account trust accepted until the end of 2026
        var report = Scan(Entry("whole-account-trust", OrganizationRole, "reviewed with the platform team", "2026-12-31"));

        // Then the finding is not among the findings but among the suppressed, with its justification
        Assert.DoesNotContain(Findings(report), f => f.Rule == "whole-account-trust" && f.Principal == OrganizationRole);
        var suppressed = Assert.Single(report.GetProperty("scan").GetProperty("suppressed").EnumerateArray());
        Assert.Equal(OrganizationRole, suppressed.GetProperty("principal").GetString());
        Assert.Equal("reviewed with the platform team", suppressed.GetProperty("justification").GetString());
        Assert.Equal(1, report.GetProperty("scan").GetProperty("counts").GetProperty("suppressed").GetInt32());

        // And the other whole-account trust is still reported
        Assert.Contains(Findings(report), f => f.Rule == "whole-account-trust" && f.Principal.EndsWith("role/nw-migration-admin", StringComparison.Ordinal));
    }

    [Fact]
    public void An_expired_suppression_hides_nothing_and_is_reported_as_expired()
    {
        // Given the same acceptance, expired the day before the reference time
        var report = Scan(Entry("whole-account-trust", OrganizationRole, "reviewed last year", "2026-03-15"));

        // Then the finding is back and the suppression is listed as expired
        Assert.Contains(Findings(report), f => f.Rule == "whole-account-trust" && f.Principal == OrganizationRole);
        Assert.Empty(report.GetProperty("scan").GetProperty("suppressed").EnumerateArray());
        Assert.Single(report.GetProperty("scan").GetProperty("suppressionsExpired").EnumerateArray());
    }

    [Fact]
    public void A_pattern_suppresses_every_matching_principal_and_a_suppression_matching_nothing_is_listed()
    {
        var report = Scan(
            Entry("data-exfiltration", "arn:aws:iam::*:user/grace.*", "auditor", "2026-12-31"),
            Entry("public-role-trust", "*", "nothing is public", "2026-12-31"));

        Assert.DoesNotContain(Findings(report), f => f.Rule == "data-exfiltration" && f.Principal.EndsWith("user/grace.lee", StringComparison.Ordinal));
        Assert.Contains(Findings(report), f => f.Rule == "data-exfiltration" && f.Principal.EndsWith("user/bob.martin", StringComparison.Ordinal));
        var unused = Assert.Single(report.GetProperty("scan").GetProperty("suppressionsUnused").EnumerateArray());
        Assert.Equal("public-role-trust", unused.GetProperty("rule").GetString());
    }

    [Fact]
    public void Sarif_keeps_suppressed_findings_as_accepted_and_html_and_markdown_list_them_escaped()
    {
        // Given an accepted risk whose justification is hostile markup
        var file = Write($$"""{"suppressions": [{{Entry("whole-account-trust", OrganizationRole, "<script>alert(1)</script> | accepted", "2026-12-31")}}]}""");
        var folder = Path.GetDirectoryName(file)!;
        string Report(string format)
        {
            var output = Path.Combine(folder, "report." + format);
            var (exitCode, console) = WardRunner.Run("scan", Repository.Samples, "--as-of", AsOf, "--suppressions", file, "--format", format, "--output", output);
            Assert.True(exitCode == 0, console);
            return File.ReadAllText(output);
        }

        // Then SARIF has the result, suppressed as accepted with the justification and the last day it holds, and
        // counts it as the JSON report does
        var run = JsonDocument.Parse(Report("sarif")).RootElement.GetProperty("runs")[0];
        var sarif = run.GetProperty("results").EnumerateArray()
            .Single(r => r.GetProperty("ruleId").GetString() == "whole-account-trust" && r.TryGetProperty("suppressions", out _));
        var suppression = sarif.GetProperty("suppressions")[0];
        Assert.Equal("accepted", suppression.GetProperty("status").GetString());
        Assert.StartsWith("<script>alert(1)</script> | accepted (until 2026-12-31; ", suppression.GetProperty("justification").GetString(), StringComparison.Ordinal);
        Assert.Equal(1, run.GetProperty("properties").GetProperty("counts").GetProperty("suppressed").GetInt32());

        // And HTML and Markdown list it, escaped
        var html = Report("html");
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>alert(1)", html, StringComparison.Ordinal);
        var markdown = Report("markdown");
        Assert.Contains("## Accepted risks", markdown, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt; \\| accepted (until 2026-12-31)", markdown, StringComparison.Ordinal);
        Assert.Contains("(until 2026-12-31)</li>", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("utf-8-bom")]
    [InlineData("utf-16")]
    public void A_file_saved_with_a_byte_order_mark_or_in_UTF_16_is_read_as_the_exports_are(string encoding)
    {
        // Given the organization role's acceptance, saved as Windows editors often save
        var file = Write(string.Empty);
        var text = $$"""{"suppressions": [{{Entry("whole-account-trust", OrganizationRole, "reviewed with the platform team", "2026-12-31")}}]}""";
        File.WriteAllText(file, text, encoding == "utf-16" ? System.Text.Encoding.Unicode : new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: true));
        var output = Path.Combine(Path.GetDirectoryName(file)!, "findings.json");

        // When the sample is scanned with it
        var (exitCode, console) = WardRunner.Run("scan", Repository.Samples, "--as-of", AsOf, "--suppressions", file, "--format", "json", "--output", output);

        // Then it applies
        Assert.True(exitCode == 0, console);
        var report = JsonDocument.Parse(File.ReadAllText(output)).RootElement;
        Assert.Equal(1, report.GetProperty("scan").GetProperty("counts").GetProperty("suppressed").GetInt32());
    }

    [Theory]
    [InlineData("9999-12-31")]     // the last date there is: no next day to end at
    [InlineData(" 2026-12-31 ")]   // spaces around a date
    public void An_expiry_at_the_edge_of_the_calendar_or_with_spaces_is_read_as_a_date(string expires)
    {
        var report = Scan(Entry("whole-account-trust", OrganizationRole, "reviewed with the platform team", expires));

        Assert.Equal(1, report.GetProperty("scan").GetProperty("counts").GetProperty("suppressed").GetInt32());
    }

    [Fact]
    public void A_key_written_twice_in_an_entry_stops_the_scan_with_its_line()
    {
        // Given an entry whose expiry is written twice (the later one would have won, unseen)
        var file = Write("{\"suppressions\": [\n  {\"rule\": \"whole-account-trust\", \"justification\": \"x\", \"expires\": \"2020-01-01\",\n   \"expires\": \"2099-01-01\"}\n]}");

        var (exitCode, output) = WardRunner.Run("scan", Repository.Samples, "--as-of", AsOf, "--suppressions", file);

        Assert.Equal(2, exitCode);
        Assert.Contains("WARD4001", output, StringComparison.Ordinal);
        Assert.Contains(":3:", output, StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_that_is_not_json_stops_the_scan_with_its_line()
    {
        var file = Write("{\n  \"suppressions\": [\n    { \"rule\": \"admin-equivalent\",, }\n  ]\n}");

        var (exitCode, output) = WardRunner.Run("scan", Repository.Samples, "--as-of", AsOf, "--suppressions", file);

        Assert.Equal(2, exitCode);
        Assert.Contains("WARD4001", output, StringComparison.Ordinal);
        Assert.Contains(":3:", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Invalid_entries_are_reported_with_their_path_and_line_and_not_applied()
    {
        var (suppressions, diagnostics) = SuppressionFile.Parse(
            """
            {"suppressions": [
              {"rule": "admin-equivalent", "principal": "arn:aws:iam::*:user/alice.nguyen", "expires": "2026-12-31"},
              {"rule": "admin-equivalnt", "justification": "typo in the rule", "expires": "2026-12-31"},
              {"rule": "admin-equivalent", "justification": "bad date", "expires": "next year"},
              {"rule": "*", "principal": "arn:aws:iam::*:role/*", "justification": "all roles", "expires": "2026-12-31", "owner": "me"},
              {"fingerprint": "0123456789abcdef0123456789abcdef", "justification": "ok", "expires": "2026-04-01T00:00:00Z"}
            ]}
            """u8.ToArray(),
            "accepted.json");

        Assert.Single(suppressions);
        Assert.Equal(4, diagnostics.Length);
        Assert.All(diagnostics, d => Assert.Equal(SuppressionFile.InvalidEntry, d.Code));
        Assert.Contains(diagnostics, d => d.Message.Contains("justification", StringComparison.Ordinal) && d.Location.Line == 2);
        Assert.Contains(diagnostics, d => d.Message.Contains("unknown rule `admin-equivalnt`", StringComparison.Ordinal) && d.Location.JsonPath == "$.suppressions[1].rule");
        Assert.Contains(diagnostics, d => d.Message.Contains("next year", StringComparison.Ordinal) && d.Location.Line == 4);
        Assert.Contains(diagnostics, d => d.Message.Contains("unknown field `owner`", StringComparison.Ordinal));
    }

    [Fact]
    public void A_date_holds_through_that_day()
    {
        var (suppressions, _) = SuppressionFile.Parse("""{"suppressions": [{"rule": "*", "justification": "x", "expires": "2026-03-16"}]}"""u8.ToArray(), "f.json");
        var suppression = Assert.Single(suppressions);

        Assert.False(suppression.IsExpiredAt(DateTimeOffset.Parse("2026-03-16T23:59:59Z", System.Globalization.CultureInfo.InvariantCulture)));
        Assert.True(suppression.IsExpiredAt(DateTimeOffset.Parse("2026-03-17T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture)));
    }

    private static string Entry(string rule, string principal, string justification, string expires) =>
        JsonSerializer.Serialize(new { rule, principal, justification, expires });

    private static JsonElement Scan(params string[] entries)
    {
        var file = Write($$"""{"suppressions": [{{string.Join(",", entries)}}]}""");
        var output = Path.Combine(Path.GetDirectoryName(file)!, "findings.json");
        var (exitCode, console) = WardRunner.Run("scan", Repository.Samples, "--as-of", AsOf, "--suppressions", file, "--format", "json", "--output", output);
        Assert.True(exitCode == 0, console);
        return JsonDocument.Parse(File.ReadAllText(output)).RootElement;
    }

    private static string Write(string text)
    {
        var file = Path.Combine(Directory.CreateTempSubdirectory("ward-suppressions-").FullName, "accepted-risks.json");
        File.WriteAllText(file, text);
        return file;
    }

    private static IEnumerable<(string Rule, string Principal)> Findings(JsonElement report) =>
        report.GetProperty("findings").EnumerateArray().Select(f => (f.GetProperty("ruleId").GetString()!, f.GetProperty("principal").GetString()!));
}
