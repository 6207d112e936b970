using System.Globalization;
using System.Text;
using Ward.Analysis;

namespace Ward.Reporting.Csv;

/// <summary>
/// Writes one row per finding (RFC 4180: CRLF line ends, a field with a comma, quote or line break is quoted and its
/// quotes doubled; UTF-8 without a byte-order mark). Names come from the estate, so a field that a spreadsheet
/// would take for a formula (starting with <c>=</c>, <c>+</c>, <c>-</c>, <c>@</c>, a tab or a carriage return) is
/// prefixed with a single quote.
/// </summary>
public static class CsvReporter
{
    public static IReadOnlyList<string> Header { get; } =
        ["ruleId", "category", "severity", "provider", "account", "principal", "principalName", "title", "fingerprint", "pathLength", "target", "explanation", "remediation", "principalDisplayName"];

    public static void Write(ScanResult result, Stream output)
    {
        using var writer = new StreamWriter(output, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), bufferSize: 1 << 16, leaveOpen: true);
        Write(result, writer);
    }

    public static void Write(ScanResult result, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(output);
        WriteRow(output, Header);
        foreach (var finding in result.Findings)
        {
            WriteRow(output,
            [
                finding.RuleId,
                finding.Category,
                ScanFacts.Name(finding.Severity),
                finding.Provider,
                finding.Account ?? string.Empty,
                finding.Principal,
                finding.PrincipalName ?? string.Empty,
                finding.Title,
                finding.Fingerprint,
                finding.Path.Length.ToString(CultureInfo.InvariantCulture),
                ScanFacts.Target(finding),
                finding.Explanation,
                finding.Remediation,
                finding.PrincipalDisplayName ?? string.Empty,
            ]);
        }

        output.Flush();
    }

    /// <summary>
    /// One field as written: control and text-reordering characters made visible (<see cref="VisibleText"/>),
    /// neutralised if a spreadsheet would evaluate it, then quoted if it needs to be, also when it holds a <c>;</c>
    /// (where the list separator is <c>;</c>, as in most of Europe, a spreadsheet would split it there and evaluate
    /// what follows).
    /// </summary>
    public static string Field(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        value = VisibleText.Of(value);
        if (value.Length > 0 && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r')
        {
            value = "'" + value;
        }

        return value.AsSpan().IndexOfAny(",;\"\r\n") >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
    }

    private static void WriteRow(TextWriter output, IReadOnlyList<string> fields)
    {
        for (var i = 0; i < fields.Count; i++)
        {
            if (i > 0)
            {
                output.Write(',');
            }

            output.Write(Field(fields[i]));
        }

        output.Write("\r\n");
    }
}
