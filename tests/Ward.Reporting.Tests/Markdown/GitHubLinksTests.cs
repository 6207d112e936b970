using System.Text;
using System.Text.RegularExpressions;
using Ward.Analysis;
using Ward.Analysis.Suppressions;
using Ward.Reporting.Markdown;
using Ward.Reporting.Tests.Testing;

namespace Ward.Reporting.Tests.Markdown;

/// <summary>
/// The Markdown report is posted on GitHub as a comment or job summary, where plain text becomes a link (a bare URL,
/// a <c>www.</c> domain, an e-mail address), a mention that notifies a user or team, or an issue reference. Names from
/// an estate in real shapes (an IAM user may be called <c>@acme-security</c> or <c>admin@www.evil.example</c>; an
/// Entra display name or a Google Cloud description can hold anything) become none of these.
/// </summary>
public sealed partial class GitHubLinksTests
{
    private const string Break = "<!-- -->";

    // Valid IAM user and policy names: [\w+=,.@-]
    private const string Mention = "@acme-security";
    private const string Address = "admin@www.evil.example";

    // An Entra display name or a Google Cloud description
    private const string Lure = "Visit https://evil.example/login or www.evil.example, ask @acme/security-team & see #12, GH-34";

    private static readonly Lazy<string> Report = new(() => Scans.Render(MarkdownReporter.Write, LinkScan()));

    [Theory]
    [InlineData("@acme/security-team", "@<!-- -->acme/security-team")]
    [InlineData("admin@www.evil.example", "admin@<!-- -->www<!-- -->.evil.example")]
    [InlineData("see https://evil.example/x", "see https:<!-- -->//evil.example/x")]
    [InlineData("HTTP://EVIL.EXAMPLE", "HTTP:<!-- -->//EVIL.EXAMPLE")]
    [InlineData("ftp://files.example", "ftp:<!-- -->//files.example")]
    [InlineData("WWW.evil.example", "WWW<!-- -->.evil.example")]
    [InlineData("fixes #123, acme/app#4 and GH-56", "fixes \\#<!-- -->123, acme/app\\#<!-- -->4 and GH-<!-- -->56")]
    [InlineData("gh-7", "gh-<!-- -->7")]
    [InlineData("arn:aws:iam::123456789012:role/www", "arn:aws:iam::123456789012:role/www")]
    [InlineData("#admins, a-9, wwwx.example, http:/x", "\\#admins, a-9, wwwx.example, http:/x")]
    public void Text_breaks_every_link_mention_and_reference_with_an_empty_comment(string value, string written) =>
        Assert.Equal(written, MarkdownReporter.Text(value));

    [Theory]
    [InlineData("@acme/security-team")]
    [InlineData("https://evil.example/x")]
    [InlineData("a|b@c.example")]
    public void A_code_span_keeps_the_value_as_it_is_since_GitHub_links_nothing_inside_code(string value) =>
        Assert.DoesNotContain(Break, MarkdownReporter.Code(value, inTable: true), StringComparison.Ordinal);

    [Fact]
    public void Outside_code_no_name_in_the_report_can_become_a_link_a_mention_or_an_issue_reference()
    {
        // Given a scan whose names, titles, explanations, notes, reasons, justifications and tenant name hold them
        var markdown = Report.Value;

        // Then no run of plain text between the empty comments holds one
        var linkable = OutsideCode(markdown).Split(Break).Select(run => BackslashEscape().Replace(run, "$1")).Where(run => Linkable().IsMatch(run)).ToList();
        Assert.Empty(linkable);
    }

    [Fact]
    public void Every_place_a_value_is_written_is_covered()
    {
        var markdown = Report.Value;

        // The tenant in the heading line (escaped like any name), the principal cell (written as text: the name holds '&'), the title, a step's
        // explanation and requirement, a policy name, a skipped analysis, a note, a suppression and a skipped input
        Assert.Contains("Entra ID tenant Visit https:<!-- -->//evil.example/login or www<!-- -->.evil.example, ask @<!-- -->acme/security-team &amp; see \\#<!-- -->12", markdown, StringComparison.Ordinal);
        Assert.Contains("| admin@<!-- -->www<!-- -->.evil.example (Visit https:<!-- -->//evil.example/login", markdown, StringComparison.Ordinal);
        Assert.Contains("approved by @<!-- -->acme-security", markdown, StringComparison.Ordinal);
        Assert.Contains("for admin@<!-- -->www<!-- -->.evil.example", markdown, StringComparison.Ordinal);
        Assert.Contains("- only if the caller is Visit https:<!-- -->//", markdown, StringComparison.Ordinal);
        Assert.Contains("(admin@<!-- -->www<!-- -->.evil.example-policy)", markdown, StringComparison.Ordinal);
        Assert.Contains("- **gcp**: the description of project p-1: Visit https:<!-- -->//", markdown, StringComparison.Ordinal);
        Assert.Contains("\n- Visit https:<!-- -->//", markdown, StringComparison.Ordinal);
        Assert.Contains("accepted by @<!-- -->acme-security, see https:<!-- -->//wiki.example/risk", markdown, StringComparison.Ordinal);
        Assert.Contains("`exports/acme-security.json`: Visit https:<!-- -->//", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void The_names_still_read_exactly_as_they_are()
    {
        var markdown = Report.Value.Replace(Break, string.Empty, StringComparison.Ordinal);

        Assert.Contains($"`{Address}`", markdown, StringComparison.Ordinal);
        Assert.Contains("Visit https://evil.example/login or www.evil.example, ask @acme/security-team &amp; see \\#12, GH-34", markdown, StringComparison.Ordinal);
        Assert.Contains($"approved by {Mention}", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void A_statement_number_is_no_issue_reference_either_and_nothing_else_in_an_ordinary_report_changes()
    {
        // Ward's own "statement #0" would link issue 0 of the repository the comment is posted in
        var markdown = Scans.Render(MarkdownReporter.Write, Scans.Sample);

        Assert.Contains(", statement \\#<!-- -->0)", markdown, StringComparison.Ordinal);
        Assert.DoesNotContain(Break, markdown.Replace("\\#" + Break, "\\#", StringComparison.Ordinal), StringComparison.Ordinal);
    }

    private static ScanResult LinkScan()
    {
        const string User = "arn:aws:iam::123456789012:user/" + Address;
        const string Role = "arn:aws:iam::123456789012:role/deploy";
        var finding = Scans.HostileFinding with
        {
            RuleId = "hostile-links",
            Category = "links",
            Principal = User,
            PrincipalName = Address,
            PrincipalDisplayName = Lure,
            Title = $"`{Address}` is {Lure}, approved by {Mention}",
            Path =
            [
                new PathStep(User, "iam:PassRole", Role, $"`{Mention}` passes `{Role}` for {Address}", [new PathPermission("iam:PassRole", Role, Address + "-policy")], ["the caller is " + Lure])
                {
                    ToName = Lure,
                },
            ],
        };
        var expires = new DateTimeOffset(2027, 1, 1, 0, 0, 0, TimeSpan.Zero);
        return Scans.Hostile with
        {
            Findings = [finding],
            Skipped = [new SkippedAnalysis("gcp", "the description of project p-1: " + Lure)],
            Notes = [Lure],
            Suppressed = [new SuppressedFinding(finding, new Suppression(finding.RuleId, User, null, $"accepted by {Mention}, see https://wiki.example/risk", expires, "suppressions.json"))],
            Expired = [new Suppression(finding.RuleId, Mention, null, "old", expires, "suppressions.json")],
            Microsoft = new MicrosoftEstateSummary("00000000-0000-0000-0000-000000000001", Lure, 1, 0, 0, 0, 0, 0),
            Inputs = Scans.Hostile.Inputs with { Skipped = [new SkippedInput("exports/acme-security.json", Lure)] },
        };
    }

    /// <summary>The report with its code spans left out: GitHub links nothing inside code.</summary>
    private static string OutsideCode(string markdown)
    {
        var text = new StringBuilder(markdown.Length);
        var i = 0;
        while (i < markdown.Length)
        {
            if (markdown[i] == '\\' && i + 1 < markdown.Length)
            {
                text.Append(markdown, i, 2);
                i += 2;
                continue;
            }

            if (markdown[i] != '`')
            {
                text.Append(markdown[i++]);
                continue;
            }

            var fence = Fence(markdown, i);
            var close = i + fence;
            while (close < markdown.Length && !(markdown[close] == '`' && Fence(markdown, close) == fence))
            {
                close += markdown[close] == '`' ? Fence(markdown, close) : 1;
            }

            Assert.True(close < markdown.Length, "every code span is closed");
            text.Append(' ');
            i = close + fence;
        }

        return text.ToString();
    }

    private static int Fence(string markdown, int start)
    {
        var end = start;
        while (end < markdown.Length && markdown[end] == '`')
        {
            end++;
        }

        return end - start;
    }

    [GeneratedRegex(@"\\(.)")]
    private static partial Regex BackslashEscape();

    // A scheme's "://", a www. domain, an e-mail address or a mention (both need the name after the '@'), an issue reference
    [GeneratedRegex(@"://|www\.|@[a-z0-9]|#[0-9]|gh-[0-9]", RegexOptions.IgnoreCase)]
    private static partial Regex Linkable();
}
