namespace Ward.Reporting.Markdown;

/// <summary>
/// Where GitHub would turn plain text from an estate into a link or a notification, and how the Markdown report stops
/// it. Posted as a comment or job summary, text becomes a link when it holds a bare URL (<c>https://…</c>, any
/// <c>scheme://</c>), a <c>www.</c> domain or an e-mail address (GFM's extended autolinks), an <c>@user</c> or
/// <c>@org/team</c> mention (which also notifies them), or a <c>#123</c> or <c>GH-123</c> reference (which also adds
/// the comment to that timeline). GitHub finds mentions and references in the rendered text, after Markdown
/// is parsed, so neither a backslash escape (<c>\@</c>) nor an entity (<c>&amp;#64;</c>) stops them. An empty HTML
/// comment, <see cref="Break"/>, inside the sequence stops all of them: GitHub renders nothing for it, so the name reads
/// and copies exactly as it is, but the text around it is no longer one run in which a link, mention or reference
/// can be found, and the extended autolinks (which need <c>www.</c>, <c>://</c> or an address around <c>@</c> written
/// together) no longer match. Code spans need none of this: GitHub links nothing inside code.
/// </summary>
internal static class GitHubLinks
{
    /// <summary>Written between two characters of a value; renders as nothing.</summary>
    public const string Break = "<!-- -->";

    /// <summary>
    /// Whether <see cref="Break"/> goes after <c>value[index]</c>: after every <c>@</c>, after the <c>:</c> of
    /// <c>://</c>, after a <c>#</c> or a <c>GH-</c> followed by a digit, and after the <c>www</c> of <c>www.</c>
    /// (letters in any case).
    /// </summary>
    public static bool BreakAfter(string value, int index)
    {
        ArgumentNullException.ThrowIfNull(value);
        var next = index + 1 < value.Length ? value[index + 1] : '\0';
        return value[index] switch
        {
            '@' => true,
            ':' => value.AsSpan(index + 1).StartsWith("//", StringComparison.Ordinal),
            '#' => char.IsAsciiDigit(next),
            '-' => char.IsAsciiDigit(next) && Before(value, index, "GH"),
            'w' or 'W' => next == '.' && Before(value, index + 1, "www"),
            _ => false,
        };
    }

    private static bool Before(string value, int end, string text) =>
        end >= text.Length && value.AsSpan(end - text.Length, text.Length).Equals(text, StringComparison.OrdinalIgnoreCase);
}
