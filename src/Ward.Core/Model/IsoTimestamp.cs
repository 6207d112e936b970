using System.Globalization;
using System.Text.RegularExpressions;

namespace Ward.Core.Model;

/// <summary>
/// Timestamps as the clouds' exports and Ward's options write them: ISO 8601, a date (<c>2026-11-01</c>) then
/// optionally a time (<c>T09:30</c>, <c>T09:30:02</c>, with a fraction of any length) and an offset (<c>Z</c>,
/// <c>+02:00</c>, <c>+0200</c>); without an offset, UTC. Anything else is refused, not guessed: .NET's own parser would
/// take <c>08:00</c> as today at eight by the clock, <c>03/04/2026</c> as March 4 and <c>Nov 1 2026</c> as a date.
/// </summary>
public static partial class IsoTimestamp
{
    /// <summary>.NET parses at most seven fractional digits; Google writes nine.</summary>
    private const int FractionDigits = 7;

    public static bool TryParse(string? text, out DateTimeOffset value)
    {
        value = default;
        if (text is null || Shape().Match(text.Trim()) is not { Success: true } match)
        {
            return false;
        }

        var normalized = match.Value;
        if (match.Groups["fraction"] is { Success: true, Length: > FractionDigits } fraction)
        {
            normalized = normalized[..(fraction.Index + FractionDigits)] + normalized[(fraction.Index + fraction.Length)..];
        }

        return DateTimeOffset.TryParse(normalized, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out value);
    }

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}(?:[Tt ]\d{2}:\d{2}(?::\d{2}(?:[.,](?<fraction>\d+))?)?)?(?:[Zz]|[+-]\d{2}(?::?\d{2})?)?$", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex Shape();
}
