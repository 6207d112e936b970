using System.Globalization;
using Ward.Reporting.Csv;
using Ward.Reporting.Tests.Testing;

namespace Ward.Reporting.Tests.Csv;

public sealed class CsvReporterTests
{
    private static readonly string[] ExpectedHeader =
        ["ruleId", "category", "severity", "provider", "account", "principal", "principalName", "title", "fingerprint", "pathLength", "target", "explanation", "remediation", "principalDisplayName"];

    [Fact]
    public void There_is_a_header_and_one_record_per_finding_in_order()
    {
        // When the sample is written as CSV and read back by an independent RFC 4180 reader
        var records = CsvText.Parse(Scans.Render(CsvReporter.Write, Scans.Sample));

        // Then the header comes first, then one record of fourteen fields per finding
        Assert.Equal(ExpectedHeader, records[0], StringComparer.Ordinal);
        Assert.Equal(Scans.Sample.Findings.Length, records.Count - 1);
        Assert.All(records, r => Assert.Equal(ExpectedHeader.Length, r.Count));
        Assert.All(records.Skip(1).Zip(Scans.Sample.Findings), pair =>
        {
            var (record, finding) = pair;
            Assert.Equal(finding.RuleId, record[0]);
            Assert.Equal(ScanFacts.Name(finding.Severity), record[2]);
            Assert.Equal(finding.Principal, record[5]);
            Assert.Equal(finding.PrincipalName ?? string.Empty, record[6]);
            Assert.Equal(finding.Fingerprint, record[8]);
            Assert.Equal(finding.Path.Length.ToString(CultureInfo.InvariantCulture), record[9]);
            Assert.Equal(finding.Path.IsEmpty ? string.Empty : finding.Path[^1].To, record[10]);
            Assert.Equal(finding.Explanation, record[11]);
            Assert.Equal(finding.PrincipalDisplayName ?? string.Empty, record[13]);
        });
    }

    [Fact]
    public void Records_end_with_crlf_and_bare_line_breaks_occur_only_inside_quotes()
    {
        var text = Scans.Render(CsvReporter.Write, Scans.Hostile);

        Assert.EndsWith("\r\n", text, StringComparison.Ordinal);
        Assert.Equal(Scans.Hostile.Findings.Length + 1, CsvText.Parse(text).Count);
    }

    [Fact]
    public void Commas_quotes_and_line_breaks_are_quoted_and_read_back_intact()
    {
        // Given the hand-made finding, whose explanation has quotes, commas and a line break
        var records = CsvText.Parse(Scans.Render(CsvReporter.Write, Scans.Hostile));
        var record = Assert.Single(records, r => r[0] == Scans.HostileFinding.RuleId);

        // Then the field reads back exactly, and the raw text doubles the quotes
        Assert.Equal(Scans.HostileFinding.Explanation, record[11]);
        Assert.Contains("\"\"quotes\"\"", Scans.Render(CsvReporter.Write, Scans.Hostile), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("plain", "plain")]
    [InlineData("a,b", "\"a,b\"")]
    [InlineData("say \"hi\"", "\"say \"\"hi\"\"\"")]
    [InlineData("two\nlines", "\"two\nlines\"")]
    [InlineData("cr\rhere", "\"cr\rhere\"")]
    [InlineData("", "")]
    public void Fields_are_quoted_only_when_they_must_be(string value, string written) =>
        Assert.Equal(written, CsvReporter.Field(value));

    [Theory]
    [InlineData("=HYPERLINK(\"https://attacker.example\")")]
    [InlineData("+1+1")]
    [InlineData("-2+3*cmd|' /C calc'!A0")]
    [InlineData("@SUM(1+1)")]
    [InlineData("\t=1+1")]
    [InlineData("\r=1+1")]
    public void A_field_a_spreadsheet_would_evaluate_is_prefixed_with_a_quote(string value)
    {
        // When the field is read back from what is written
        var written = CsvReporter.Field(value);
        var read = CsvText.Parse(written + "\r\n")[0][0];

        // Then it starts with a single quote and otherwise holds the value
        Assert.Equal("'" + value, read);
    }

    [Fact]
    public void The_hostile_findings_formula_fields_are_neutralised()
    {
        var record = Assert.Single(CsvText.Parse(Scans.Render(CsvReporter.Write, Scans.Hostile)), r => r[0] == Scans.HostileFinding.RuleId);

        Assert.Equal("'=1+1", record[4]);
        Assert.Equal("'" + Scans.HostileFinding.Title, record[7]);
        Assert.Equal("'" + Scans.HostileFinding.Remediation, record[12]);
        Assert.All(record, field => Assert.False(field.Length > 0 && field[0] is '=' or '+' or '-' or '@' or '\t' or '\r', field));
    }

    [Fact]
    public void A_scan_without_findings_is_the_header_alone()
    {
        Assert.Equal(string.Join(',', ExpectedHeader) + "\r\n", Scans.Render(CsvReporter.Write, Scans.Empty));
    }
}
