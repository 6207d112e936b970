namespace Ward.Aws.Policy.Matching;

/// <summary>
/// Glob matching for IAM patterns (<c>*</c> = any run, <c>?</c> = any one character) without backtracking.
/// Patterns are first translated so that wildcards are private-use characters; this keeps literal <c>*</c> and
/// <c>?</c> produced by <c>${*}</c>/<c>${?}</c> or by policy variables distinct from real wildcards.
/// </summary>
/// <remarks>
/// The match splits the pattern at each any-run and finds each piece at its leftmost position, which is optimal
/// for globs: no position is revisited, so pathological patterns such as <c>*?*?*?…</c> cost at most
/// O(text × piece) instead of the exponential time of a backtracking regex.
/// </remarks>
public static class Wildcard
{
    public const char AnyRun = '\uE000';
    public const char AnyOne = '\uE001';

    /// <summary>Turns policy text into a pattern: <c>*</c> and <c>?</c> become wildcards.</summary>
    public static string Translate(string text)
    {
        if (text.AsSpan().IndexOfAny('*', '?') < 0)
        {
            return text;
        }

        return string.Create(text.Length, text, static (span, source) =>
        {
            for (var i = 0; i < source.Length; i++)
            {
                span[i] = source[i] switch
                {
                    '*' => AnyRun,
                    '?' => AnyOne,
                    var c => c,
                };
            }
        });
    }

    public static bool HasWildcards(ReadOnlySpan<char> pattern) => pattern.IndexOfAny(AnyRun, AnyOne) >= 0;

    /// <summary>Whether the translated <paramref name="pattern"/> matches the whole of <paramref name="text"/>.</summary>
    public static bool IsMatch(ReadOnlySpan<char> pattern, ReadOnlySpan<char> text, bool ignoreCase)
    {
        var firstStar = pattern.IndexOf(AnyRun);
        if (firstStar < 0)
        {
            return pattern.Length == text.Length && PieceEquals(pattern, text, ignoreCase);
        }

        var prefix = pattern[..firstStar];
        if (text.Length < prefix.Length || !PieceEquals(prefix, text[..prefix.Length], ignoreCase))
        {
            return false;
        }

        var lastStar = pattern.LastIndexOf(AnyRun);
        var suffix = pattern[(lastStar + 1)..];
        var remaining = text[prefix.Length..];
        if (remaining.Length < suffix.Length || !PieceEquals(suffix, remaining[^suffix.Length..], ignoreCase))
        {
            return false;
        }

        remaining = remaining[..^suffix.Length];
        var middle = lastStar > firstStar ? pattern[(firstStar + 1)..lastStar] : [];
        while (!middle.IsEmpty)
        {
            var star = middle.IndexOf(AnyRun);
            var piece = star < 0 ? middle : middle[..star];
            middle = star < 0 ? [] : middle[(star + 1)..];
            if (piece.IsEmpty)
            {
                continue;
            }

            var at = IndexOfPiece(remaining, piece, ignoreCase);
            if (at < 0)
            {
                return false;
            }

            remaining = remaining[(at + piece.Length)..];
        }

        return true;
    }

    private static int IndexOfPiece(ReadOnlySpan<char> text, ReadOnlySpan<char> piece, bool ignoreCase)
    {
        if (piece.IndexOf(AnyOne) < 0)
        {
            return text.IndexOf(piece, ignoreCase ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal);
        }

        for (var start = 0; start + piece.Length <= text.Length; start++)
        {
            if (PieceEquals(piece, text.Slice(start, piece.Length), ignoreCase))
            {
                return start;
            }
        }

        return -1;
    }

    /// <summary>Compares a piece (no any-run) with text of the same length; any-one matches every character.</summary>
    private static bool PieceEquals(ReadOnlySpan<char> piece, ReadOnlySpan<char> text, bool ignoreCase)
    {
        if (piece.IndexOf(AnyOne) < 0)
        {
            return ignoreCase ? piece.Equals(text, StringComparison.OrdinalIgnoreCase) : piece.SequenceEqual(text);
        }

        for (var i = 0; i < piece.Length; i++)
        {
            var p = piece[i];
            if (p == AnyOne)
            {
                continue;
            }

            var t = text[i];
            if (p != t && !(ignoreCase && char.ToLowerInvariant(p) == char.ToLowerInvariant(t)))
            {
                return false;
            }
        }

        return true;
    }
}
