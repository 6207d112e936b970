namespace Ward.Aws.Policy.Matching;

/// <summary>
/// Matches translated ARN patterns against ARNs segment by segment: each of the first five parts on its own
/// (a wildcard never crosses a colon there), the resource part as a whole (a wildcard spans <c>/</c> and <c>:</c>).
/// </summary>
public static class ArnMatcher
{
    /// <returns>Whether it matches, or null when the pattern is not an ARN pattern.</returns>
    public static bool? PatternMatches(string pattern, Arn arn, bool ignoreCaseBeforeResource) =>
        PatternMatches(pattern.AsSpan(), arn, ignoreCaseBeforeResource);

    /// <inheritdoc cref="PatternMatches(string, Arn, bool)"/>
    public static bool? PatternMatches(ReadOnlySpan<char> pattern, Arn arn, bool ignoreCaseBeforeResource)
    {
        if (!pattern.StartsWith("arn:", StringComparison.Ordinal))
        {
            return null;
        }

        var rest = pattern[4..];
        Span<Range> parts = stackalloc Range[5];
        var count = rest.Split(parts, ':');
        if (count < 5)
        {
            // Short ARN patterns such as `arn:aws:s3` leave the missing parts unrestricted.
            for (var i = count; i < 5; i++)
            {
                parts[i] = default;
            }
        }

        return Segment(rest, parts[0], count > 0, arn.Partition, ignoreCaseBeforeResource)
            && Segment(rest, parts[1], count > 1, arn.Service, ignoreCaseBeforeResource)
            && Segment(rest, parts[2], count > 2, arn.Region, ignoreCaseBeforeResource)
            && Segment(rest, parts[3], count > 3, arn.Account, ignoreCaseBeforeResource)
            && Segment(rest, parts[4], count > 4, arn.Resource, ignoreCase: false);
    }

    private static bool Segment(ReadOnlySpan<char> source, Range range, bool present, string value, bool ignoreCase) =>
        !present || Wildcard.IsMatch(source[range], value, ignoreCase);
}
