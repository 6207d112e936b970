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

    // Control and text-reordering characters are made visible first (VisibleText): an entity would still reorder the text.
    public static string Encode(string? value) => string.IsNullOrEmpty(value) ? string.Empty : Encoder.Encode(VisibleText.Of(value));

    /// <summary>Writes the value HTML-encoded, with no intermediate string unless it holds a control or reordering character.</summary>
    public static void Write(TextWriter output, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            var visible = VisibleText.Of(value);
            Encoder.Encode(output, visible, 0, visible.Length);
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

        value = VisibleText.Of(value);

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

    /// <summary>
    /// Writes remediation text, which the technique catalogues write in a small part of Markdown: paragraphs (separated
    /// by blank lines), <c>-</c> or <c>*</c> bullets, numbered items, fenced code blocks, and inline <c>`code`</c> and
    /// <c>**bold**</c>. Everything is encoded; anything else is shown as written.
    /// </summary>
    public static void WriteMarkdown(TextWriter output, string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return;
        }

        string? open = null;
        var inCode = false;
        foreach (var raw in value.Split('\n'))
        {
            var line = raw.TrimEnd('\r');
            var trimmed = line.Trim();
            if (trimmed.StartsWith("```", StringComparison.Ordinal))
            {
                if (inCode)
                {
                    output.Write("</code></pre>\n");
                    inCode = false;
                }
                else
                {
                    Close(output, ref open);
                    output.Write("<pre><code>");
                    inCode = true;
                }

                continue;
            }

            if (inCode)
            {
                Write(output, line);
                output.Write('\n');
                continue;
            }

            if (trimmed.Length == 0)
            {
                Close(output, ref open);
                continue;
            }

            var (block, text) = trimmed switch
            {
                ['-' or '*', ' ', ..] => ("ul", trimmed[2..]),
                _ when NumberedItem(trimmed) is { } item => ("ol", item),
                _ => ("p", trimmed),
            };
            if (block == "p" && open == "p")
            {
                output.Write(' ');
            }
            else
            {
                if (open != block)
                {
                    Close(output, ref open);
                    output.Write(block == "p" ? "<p>" : $"<{block}>\n");
                    open = block;
                }

                if (block != "p")
                {
                    output.Write("<li>");
                }
            }

            WriteInline(output, text);
            if (block != "p")
            {
                output.Write("</li>\n");
            }
        }

        if (inCode)
        {
            output.Write("</code></pre>\n");
        }

        Close(output, ref open);

        static void Close(TextWriter output, ref string? open)
        {
            if (open is not null)
            {
                output.Write(open == "p" ? "</p>\n" : $"</{open}>\n");
                open = null;
            }
        }

        static string? NumberedItem(string line)
        {
            var digits = 0;
            while (digits < line.Length && char.IsAsciiDigit(line[digits]))
            {
                digits++;
            }

            return digits > 0 && line.Length > digits + 1 && line[digits] == '.' && line[digits + 1] == ' ' ? line[(digits + 2)..] : null;
        }
    }

    /// <summary>As <see cref="WriteRich"/>, with <c>**bold**</c> outside code as well.</summary>
    private static void WriteInline(TextWriter output, string value)
    {
        var parts = value.Split('`');
        var paired = parts.Length % 2 == 1;
        for (var i = 0; i < parts.Length; i++)
        {
            if (i % 2 == 1 && (paired || i < parts.Length - 1))
            {
                output.Write("<code>");
                Write(output, parts[i]);
                output.Write("</code>");
                continue;
            }

            if (i % 2 == 1)
            {
                output.Write('`');
            }

            var bold = parts[i].Split("**");
            for (var j = 0; j < bold.Length; j++)
            {
                var strong = j % 2 == 1 && bold.Length % 2 == 1;
                if (j % 2 == 1 && !strong)
                {
                    output.Write("**");
                }

                if (strong)
                {
                    output.Write("<strong>");
                }

                Write(output, bold[j]);
                if (strong)
                {
                    output.Write("</strong>");
                }
            }
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
