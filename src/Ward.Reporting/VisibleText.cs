using System.Buffers;
using System.Globalization;
using System.Text;

namespace Ward.Reporting;

/// <summary>
/// Names from an estate as reports show them to people: control characters (a terminal's escape sequences, a bell),
/// the invisible characters that reorder text (bidirectional overrides and isolates) and the other invisible format
/// characters (zero-width spaces and joiners, the word joiner, the soft hyphen, the byte order mark; Unicode category
/// Cf, the tag characters beyond the first plane included, written <c>\U000E0041</c>), and the line and paragraph
/// separators are written as <c>\u001B</c>, so a name can neither drive the terminal or
/// the viewer nor make itself read as another (<c>carol.smith\u200B</c> is not <c>carol.smith</c>). Tabs and line
/// breaks are left to each format.
/// </summary>
public static class VisibleText
{
    // Left-to-right and right-to-left marks, embeddings, overrides and isolates, and the Arabic letter mark (all of
    // category Cf, listed for the check's fast path), and the line and paragraph separators.
    private static readonly SearchValues<char> Invisible = SearchValues.Create("\u200B\u200C\u200D\u200E\u200F\u202A\u202B\u202C\u202D\u202E\u2060\u2066\u2067\u2068\u2069\u061C\u00AD\uFEFF\u2028\u2029");

    public static string Of(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return text ?? string.Empty;
        }

        var first = FirstHidden(text);
        if (first < 0)
        {
            return text;
        }

        var visible = new StringBuilder(text.Length + 16).Append(text, 0, first);
        for (var i = first; i < text.Length; i++)
        {
            var c = text[i];
            if (IsHiddenPair(text, i) is { } rune)
            {
                // A format character beyond the first plane (the tag characters, U+E0000 to U+E007F) is two UTF-16 units.
                visible.Append("\\U").Append(rune.Value.ToString("X8", CultureInfo.InvariantCulture));
                i++;
            }
            else if (IsHidden(c))
            {
                visible.Append("\\u").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture));
            }
            else
            {
                visible.Append(c);
            }
        }

        return visible.ToString();
    }

    /// <summary>A value for the console: made visible as <see cref="Of"/> says, line breaks as spaces, Spectre markup escaped.</summary>
    public static string ForConsole(string? text) => Spectre.Console.Markup.Escape(Of(text).ReplaceLineEndings(" "));

    private static int FirstHidden(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (IsHidden(text[i]) || IsHiddenPair(text, i) is not null)
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>The invisible format character a surrogate pair at <paramref name="i"/> encodes; null for anything else.</summary>
    private static Rune? IsHiddenPair(string text, int i) =>
        char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1])
        && new Rune(text[i], text[i + 1]) is var rune && Rune.GetUnicodeCategory(rune) == UnicodeCategory.Format
            ? rune
            : null;

    private static bool IsHidden(char c) =>
        (char.IsControl(c) && c is not ('\t' or '\r' or '\n')) || Invisible.Contains(c)
        || (c > '\u00FF' && !char.IsSurrogate(c) && char.GetUnicodeCategory(c) == UnicodeCategory.Format);
}
