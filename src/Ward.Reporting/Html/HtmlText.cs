using System.Text.Encodings.Web;
using System.Text.Unicode;

namespace Ward.Reporting.Html;

/// <summary>
/// The only way data reaches the HTML report: every value is HTML-encoded (text and attribute values alike; every
/// attribute is double-quoted), so names from the estate never become markup.
/// </summary>
internal static class HtmlText
{
    // All Unicode letters stay readable; < > & " ' and other HTML-sensitive characters are always encoded.
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);

    public static string Encode(string? value) => string.IsNullOrEmpty(value) ? string.Empty : Encoder.Encode(value);

    /// <summary>Writes the value HTML-encoded, with no intermediate string.</summary>
    public static void Write(TextWriter output, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            Encoder.Encode(output, value, 0, value.Length);
        }
    }

    /// <summary>
    /// Writes text whose <c>`backticked`</c> parts are code (as Ward's titles and explanations write names): every part
    /// is encoded; a backtick without its pair is shown as is. Streamed: reports hold tens of thousands of these.
    /// </summary>
    public static void WriteRich(TextWriter output, string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return;
        }

        var unpairedLast = value.AsSpan().Count('`') % 2 == 1;
        var start = 0;
        for (var part = 0; ; part++)
        {
            var end = value.IndexOf('`', start);
            var last = end < 0;
            end = last ? value.Length : end;
            if (last && unpairedLast)
            {
                output.Write('`');
                Encoder.Encode(output, value, start, end - start);
            }
            else if (part % 2 == 1)
            {
                output.Write("<code>");
                Encoder.Encode(output, value, start, end - start);
                output.Write("</code>");
            }
            else
            {
                Encoder.Encode(output, value, start, end - start);
            }

            if (last)
            {
                return;
            }

            start = end + 1;
        }
    }

    /// <summary>At most <paramref name="max"/> characters, with an ellipsis when cut (never inside a surrogate pair).</summary>
    public static string Truncate(string value, int max)
    {
        if (value.Length <= max)
        {
            return value;
        }

        var cut = max - 1;
        if (cut > 0 && char.IsHighSurrogate(value[cut - 1]))
        {
            cut--;
        }

        return string.Concat(value.AsSpan(0, cut), "\u2026");
    }
}
