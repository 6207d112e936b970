using System.Text.RegularExpressions;
using Ward.Analysis;
using Ward.Reporting.Markdown;
using Ward.Reporting.Tests.Testing;

namespace Ward.Reporting.Tests.Markdown;

public sealed partial class MarkdownReporterTests
{
    private static readonly Lazy<string> SampleReport = new(() => Scans.Render(MarkdownReporter.Write, Scans.Sample));

    private static readonly Lazy<string> HostileReport = new(() => Scans.Render(MarkdownReporter.Write, Scans.Hostile));

    [Fact]
    public void The_summary_has_a_title_the_reference_time_and_counts_by_severity_and_category()
    {
        var markdown = SampleReport.Value;

        Assert.StartsWith("# Ward scan report\n", markdown, StringComparison.Ordinal);
        Assert.Contains("**2026-03-16T09:15:00Z**", markdown, StringComparison.Ordinal);
        var counts = Enum.GetValues<Severity>().Reverse().Select(s => Scans.Sample.Findings.Count(f => f.Severity == s));
        Assert.Contains("| " + string.Join(" | ", counts) + " |\n", markdown, StringComparison.Ordinal);
        Assert.All(Scans.Sample.Findings.GroupBy(f => f.Category, StringComparer.Ordinal), g => Assert.Contains($"| {MarkdownReporter.Text(g.Key)} | {g.Count()} |", markdown, StringComparison.Ordinal));
        Assert.Contains("## Analyses not run\n", markdown, StringComparison.Ordinal);
        Assert.All(Scans.Sample.Skipped, skipped => Assert.Contains(MarkdownReporter.Text(skipped.Analysis), markdown, StringComparison.Ordinal));
    }

    [Fact]
    public void The_top_findings_table_lists_the_most_severe_first_and_says_when_it_is_cut()
    {
        // When only three findings are asked for
        using var writer = new StringWriter();
        MarkdownReporter.Write(Scans.Sample, writer, topFindings: 3, paths: 1);
        var markdown = writer.ToString();

        // Then the table has the three most severe, and the text says how many there are in all
        var rows = TableRows(markdown, "## Top findings");
        Assert.Equal(3, rows.Count);
        Assert.All(rows.Zip(Scans.Sample.Findings), pair => Assert.Contains($"`{pair.Second.Principal}`", pair.First, StringComparison.Ordinal));
        Assert.Contains($"The 3 most severe of {Scans.Sample.Findings.Length} findings", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void The_shortest_paths_are_numbered_step_lists()
    {
        var markdown = SampleReport.Value;
        var shortest = Scans.Sample.Findings.Where(f => !f.Path.IsEmpty).OrderBy(f => f.Path.Length).First();

        Assert.Contains("## Shortest escalation paths", markdown, StringComparison.Ordinal);
        Assert.Matches(new Regex($"\\n1\\. \\*\\*{ScanFacts.Name(shortest.Severity)}\\*\\* `{Regex.Escape(shortest.Principal)}`"), markdown);
        Assert.Contains($"\n   1. `{shortest.Path[0].Technique}` → `{ScanFacts.Named(shortest.Path[0].To, shortest.Path[0].ToName)}`: ", markdown, StringComparison.Ordinal);
        Assert.Contains($"\n      - `{shortest.Path[0].Permissions[0].Action}` on ", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void From_the_tenth_path_on_steps_are_indented_to_the_wider_marker_so_they_stay_nested()
    {
        // Given twelve principals with the sample's shortest path each
        var shortest = Scans.Sample.Findings.Where(f => !f.Path.IsEmpty).OrderBy(f => f.Path.Length).First();
        var twelve = Scans.Sample with { Findings = [.. Enumerable.Range(10, 12).Select(i => shortest with { Principal = $"{shortest.Principal}-{i}", Fingerprint = $"{shortest.Fingerprint}{i}" })] };
        var markdown = Scans.Render(MarkdownReporter.Write, twelve);

        // Then the tenth path's steps are indented four spaces (under `10. `), its permissions seven (under `   1. `), as the first path's are three and six
        Assert.Matches(new Regex("\\n1\\. [^\\n]*\\n   1\\. `[^\\n]*\\n      - `"), markdown);
        Assert.Matches(new Regex($"\\n10\\. [^\\n]*\\n    1\\. `{Regex.Escape(shortest.Path[0].Technique)}`[^\\n]*\\n       - `"), markdown);
    }

    [Fact]
    public void Every_table_row_has_exactly_its_columns_whatever_the_names_hold()
    {
        // Given the hostile scan, whose principal and title hold pipes and backticks
        var markdown = HostileReport.Value;

        // Then every row of the findings table splits into its four cells (an escaped pipe does not split)
        var rows = TableRows(markdown, "## Top findings");
        Assert.Equal(Scans.Hostile.Findings.Length, rows.Count);
        Assert.All(rows, row => Assert.Equal(5, UnescapedPipes().Count(row)));
    }

    [Fact]
    public void Html_and_link_syntax_from_the_estate_is_escaped()
    {
        var markdown = HostileReport.Value;

        // No raw tag, no link, and the title's backticks and brackets cannot open code or links
        Assert.DoesNotContain("<script", markdown, StringComparison.Ordinal);
        Assert.DoesNotContain("<img", markdown, StringComparison.Ordinal);
        Assert.DoesNotContain("</script", markdown, StringComparison.Ordinal);
        Assert.DoesNotMatch(@"(?<!\\)\]\(", markdown);
        Assert.Contains("&lt;script&gt;", markdown, StringComparison.Ordinal);
        Assert.Contains("\\[link\\]", markdown, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("a|b", "a\\|b")]
    [InlineData("`tick`", "\\`tick\\`")]
    [InlineData("<b>x</b>", "&lt;b&gt;x&lt;/b&gt;")]
    [InlineData("[x](y)", "\\[x\\](y)")]
    [InlineData("**bold** _em_", "\\*\\*bold\\*\\* \\_em\\_")]
    [InlineData("two\nlines", "two lines")]
    [InlineData("&lt;", "&amp;lt;")]
    [InlineData("$\\color{red}{admin}$", "<span>$</span>\\\\color{red}{admin}<span>$</span>")]
    public void Text_is_escaped_for_markdown_and_tables(string value, string escaped) =>
        Assert.Equal(escaped, MarkdownReporter.Text(value));

    // In a table cell a pipe is written \| even inside a code span: GFM's tables extension splits a row at its unescaped
    // pipes before it parses the cells and reads \| as a pipe in the cell, code spans included ("Include a pipe in a
    // cell's content by escaping it, including inside other inline spans"); outside a table the backslash would show.
    [Theory]
    [InlineData("plain", false, "`plain`")]
    [InlineData("a|b", true, "`a\\|b`")]
    [InlineData("a|b", false, "`a|b`")]
    [InlineData("back`tick", false, "`` back`tick ``")]
    [InlineData("``x", false, "``` ``x ```")]
    [InlineData("user/<b>", false, "user/&lt;b&gt;")]
    [InlineData("a&b|c", true, "a&amp;b\\|c")]
    public void Code_spans_are_fenced_longer_than_any_backtick_run(string value, bool inTable, string code) =>
        Assert.Equal(code, MarkdownReporter.Code(value, inTable));

    [Fact]
    public void Analyses_not_run_are_listed_escaped()
    {
        Assert.Contains("\n- **&lt;script&gt;alert(1)&lt;/script&gt;**: \"&gt;&lt;img", HostileReport.Value, StringComparison.Ordinal);
    }

    private static List<string> TableRows(string markdown, string heading)
    {
        var section = markdown[markdown.IndexOf(heading, StringComparison.Ordinal)..];
        return [.. section.Split('\n').SkipWhile(l => !l.StartsWith("|---", StringComparison.Ordinal)).Skip(1).TakeWhile(l => l.StartsWith('|'))];
    }

    [GeneratedRegex(@"(?<!\\)\|")]
    private static partial Regex UnescapedPipes();
}
