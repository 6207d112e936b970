using System.Globalization;
using System.Text;
using Ward.Analysis;

namespace Ward.Reporting.Markdown;

/// <summary>
/// Writes a GitHub-flavoured Markdown summary for pull-request comments and wikis: reference time, counts by
/// severity and category, the most severe findings, the shortest escalation paths as numbered steps, and the
/// analyses that could not run. Every value from the estate is escaped (<see cref="Text"/>, <see cref="Code"/>),
/// so a name can neither break a table nor add links, images or HTML to the comment, nor become a bare link, a
/// mention or an issue reference on GitHub (<see cref="GitHubLinks"/>).
/// </summary>
public static class MarkdownReporter
{
    public const int DefaultTopFindings = 25;

    public const int DefaultPaths = 10;

    public static void Write(ScanResult result, Stream output) => Write(result, output, DefaultTopFindings, DefaultPaths);

    public static void Write(ScanResult result, Stream output, int topFindings, int paths)
    {
        using var writer = new StreamWriter(output, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), bufferSize: 1 << 16, leaveOpen: true);
        Write(result, writer, topFindings, paths);
    }

    public static void Write(ScanResult result, TextWriter output, int topFindings = DefaultTopFindings, int paths = DefaultPaths)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(output);
        var findings = result.Findings;
        output.Write("# Ward scan report\n\n");
        output.Write(Invariant($"Reference time **{ScanFacts.ReferenceTime(result)}** · {Text(ScanFacts.EstateSummary(result))} · **{findings.Length} findings** · ward {ScanFacts.ToolVersion}\n\n"));

        output.Write("## Findings by severity\n\n");
        output.Write("| " + string.Join(" | ", ScanFacts.SeveritiesDescending.Select(ScanFacts.Name)) + " |\n");
        output.Write("|" + string.Concat(ScanFacts.SeveritiesDescending.Select(_ => "---:|")) + "\n");
        output.Write("| " + string.Join(" | ", ScanFacts.SeveritiesDescending.Select(s => ScanFacts.CountOf(result, s).ToString(CultureInfo.InvariantCulture))) + " |\n\n");

        output.Write("## Findings by category\n\n");
        var categories = ScanFacts.ByCategory(result);
        if (categories.Count == 0)
        {
            output.Write("No findings.\n\n");
        }
        else
        {
            output.Write("| Category | Findings |\n|---|---:|\n");
            foreach (var (category, count) in categories)
            {
                output.Write(Invariant($"| {Text(category)} | {count} |\n"));
            }

            output.Write('\n');
        }

        if (findings.Length > 0)
        {
            var shown = findings.Take(Math.Max(0, topFindings)).ToList();
            output.Write("## Top findings\n\n");
            output.Write(shown.Count < findings.Length
                ? Invariant($"The {shown.Count} most severe of {findings.Length} findings; every finding is in the JSON, SARIF, CSV and HTML reports.\n\n")
                : "Every finding, most severe first.\n\n");
            output.Write("| Severity | Rule | Principal | Title |\n|---|---|---|---|\n");
            foreach (var finding in shown)
            {
                output.Write($"| **{ScanFacts.Name(finding.Severity)}** | {Code(finding.RuleId, inTable: true)} | {Code(ScanFacts.Principal(finding), inTable: true)} | {Rich(finding.Title, inTable: true)} |\n");
            }

            output.Write('\n');
        }

        var withPaths = ScanFacts.ShortestPaths(result).ToList();
        if (withPaths.Count > 0)
        {
            var shown = withPaths.Take(Math.Max(0, paths)).ToList();
            output.Write("## Shortest escalation paths\n\n");
            if (shown.Count < withPaths.Count)
            {
                output.Write(Invariant($"The {shown.Count} shortest of {withPaths.Count} paths.\n\n"));
            }

            for (var i = 0; i < shown.Count; i++)
            {
                var finding = shown[i];
                // CommonMark nests a list item under another only when indented to the parent's content column: the
                // width of its marker (`10. ` is four characters, not three).
                var marker = Invariant($"{i + 1}. ");
                var stepIndent = new string(' ', marker.Length);
                output.Write(Invariant($"{marker}**{ScanFacts.Name(finding.Severity)}** {Code(ScanFacts.Principal(finding))}: {Rich(finding.Title)}\n"));
                for (var s = 0; s < finding.Path.Length; s++)
                {
                    var step = finding.Path[s];
                    var stepMarker = Invariant($"{s + 1}. ");
                    var detailIndent = stepIndent + new string(' ', stepMarker.Length);
                    output.Write(Invariant($"{stepIndent}{stepMarker}{Code(step.Technique)} → {Code(ScanFacts.Named(step.To, step.ToName))}: {Rich(step.Description)}\n"));
                    foreach (var permission in step.Permissions)
                    {
                        output.Write($"{detailIndent}- {Code(permission.Action)} on {Code(permission.Resource)} ({Text(permission.GrantedBy)})\n");
                    }

                    foreach (var requirement in step.Requirements)
                    {
                        output.Write($"{detailIndent}- only if {Rich(requirement)}\n");
                    }
                }
            }

            output.Write('\n');
        }

        output.Write("## Analyses not run\n\n");
        if (result.Skipped.IsDefaultOrEmpty)
        {
            output.Write("Every analysis ran.\n");
        }
        else
        {
            foreach (var skipped in result.Skipped)
            {
                output.Write($"- **{Text(skipped.Analysis)}**: {Text(skipped.Reason)}\n");
            }
        }

        if (!result.Notes.IsDefaultOrEmpty)
        {
            output.Write("\n## Notes\n\n");
            foreach (var note in result.Notes)
            {
                output.Write($"- {Text(note)}\n");
            }
        }

        if (!result.Suppressed.IsDefaultOrEmpty || !result.Expired.IsDefaultOrEmpty)
        {
            output.Write("\n## Accepted risks\n\n");
            foreach (var (finding, suppression) in result.Suppressed)
            {
                output.Write($"- Suppressed: {Text(finding.RuleId)} on {Code(finding.Principal)}: {Text(suppression.Justification)} (until {Text(suppression.Until)})\n");
            }

            foreach (var expired in result.Expired)
            {
                output.Write($"- Expired (it held until {Text(expired.Until)}), its findings are reported again: {Text(expired.Rule)} {Text(expired.Principal ?? expired.Fingerprint ?? string.Empty)}\n");
            }
        }

        var skippedInputs = result.Inputs.Skipped;
        if (skippedInputs.Length > 0)
        {
            output.Write("\n## Inputs skipped\n\n");
            foreach (var input in skippedInputs)
            {
                output.Write($"- {Code(input.Path)}: {Text(input.Reason)}\n");
            }
        }

        output.Flush();
    }

    /// <summary>
    /// Plain text for Markdown, table cells included: every character Markdown or a table would interpret is
    /// backslash-escaped, <c>&lt;</c>, <c>&gt;</c> and <c>&amp;</c> become entities (no HTML), <c>$</c> is written in
    /// span tags (no maths), line breaks become spaces (a row is one line), and an empty HTML comment is written inside every bare URL, <c>www.</c> domain,
    /// e-mail address, mention and issue reference, so GitHub links and notifies none (<see cref="GitHubLinks"/>).
    /// </summary>
    public static string Text(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return string.Empty;
        }

        value = VisibleText.Of(value);

        var text = new StringBuilder(value.Length + 16);
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            switch (c)
            {
                case '\\' or '`' or '*' or '_' or '[' or ']' or '|' or '~' or '#':
                    text.Append('\\').Append(c);
                    break;
                case '$':
                    // GitHub renders $…$ as maths (a name could restyle the comment); its documented way to write a
                    // dollar sign outside maths is inside span tags.
                    text.Append("<span>$</span>");
                    break;
                case '<':
                    text.Append("&lt;");
                    break;
                case '>':
                    text.Append("&gt;");
                    break;
                case '&':
                    text.Append("&amp;");
                    break;
                case '\r' or '\n':
                    text.Append(' ');
                    break;
                default:
                    text.Append(c);
                    break;
            }

            if (GitHubLinks.BreakAfter(value, i))
            {
                text.Append(GitHubLinks.Break);
            }
        }

        return text.ToString();
    }

    /// <summary>
    /// Text whose <c>`backticked`</c> parts are names (as Ward's titles and explanations write them): those become code
    /// spans, the rest plain <see cref="Text"/>; a backtick without its pair is escaped.
    /// </summary>
    public static string Rich(string? value, bool inTable = false)
    {
        if (string.IsNullOrEmpty(value))
        {
            return string.Empty;
        }

        var parts = value.Split('`');
        var text = new StringBuilder(value.Length + 16);
        for (var i = 0; i < parts.Length; i++)
        {
            if (i == parts.Length - 1 && parts.Length % 2 == 0)
            {
                text.Append("\\`").Append(Text(parts[i]));
            }
            else
            {
                text.Append(i % 2 == 1 ? Code(parts[i], inTable) : Text(parts[i]));
            }
        }

        return text.ToString();
    }

    /// <summary>
    /// A code span (for ARNs, actions, rule and technique ids): fenced with more backticks than any run inside it,
    /// on one line, and in a table cell with <c>|</c> written <c>\|</c>: GFM's table extension splits a row at its
    /// unescaped pipes before it parses the cells and takes <c>\|</c> as a pipe in the cell, inside a code span too
    /// (the spec's tables section, "Include a pipe in a cell's content by escaping it, including inside other inline
    /// spans"). GitHub links and notifies nothing inside code, so a code span needs no <see cref="GitHubLinks"/>.
    /// A value with <c>&lt;</c>, <c>&gt;</c> or <c>&amp;</c> is written as escaped <see cref="Text"/> instead: entities
    /// cannot be used inside code, and no renderer should be trusted to keep a raw tag there inert.
    /// </summary>
    public static string Code(string? value, bool inTable = false)
    {
        if (string.IsNullOrEmpty(value))
        {
            return string.Empty;
        }

        value = VisibleText.Of(value);

        if (value.AsSpan().IndexOfAny("<>&") >= 0)
        {
            return Text(value);
        }

        var code = value.Replace("\r\n", " ", StringComparison.Ordinal).Replace('\r', ' ').Replace('\n', ' ');
        if (inTable)
        {
            code = code.Replace("|", "\\|", StringComparison.Ordinal);
        }

        var longestRun = 0;
        var run = 0;
        foreach (var c in code)
        {
            run = c == '`' ? run + 1 : 0;
            longestRun = Math.Max(longestRun, run);
        }

        var fence = new string('`', longestRun + 1);
        var pad = longestRun > 0 || code.StartsWith(' ') || code.EndsWith(' ') ? " " : string.Empty;
        return fence + pad + code + pad + fence;
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
