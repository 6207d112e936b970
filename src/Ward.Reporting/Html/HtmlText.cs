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

    /// <summary>
    /// Text whose <c>`backticked`</c> parts are code (as Ward's titles and explanations write names): every part is
    /// encoded; a backtick without its pair is shown as is.
    /// </summary>
    public static string Rich(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return string.Empty;
        }

        var parts = value.Split('`');
        var html = new System.Text.StringBuilder(value.Length + 32);
        for (var i = 0; i < parts.Length; i++)
        {
            var unpaired = i == parts.Length - 1 && parts.Length % 2 == 0;
            if (unpaired)
            {
                html.Append('`').Append(Encode(parts[i]));
            }
            else if (i % 2 == 1)
            {
                html.Append("<code>").Append(Encode(parts[i])).Append("</code>");
            }
            else
            {
                html.Append(Encode(parts[i]));
            }
        }

        return html.ToString();
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
