using System.Collections.Concurrent;

namespace Ward.Aws.Policy.Matching;

/// <summary>An ARN split into its six colon-separated parts; the resource part keeps any further colons.</summary>
public readonly record struct Arn(string Partition, string Service, string Region, string Account, string Resource)
{
    private const int SharedPartsLimit = 50_000;

    // Partitions, services, regions and accounts are few and every request parses ARNs: share one string of each.
    private static readonly ConcurrentDictionary<string, string> SharedParts = new(StringComparer.Ordinal);

    // Analyses ask about the same roles, users and probed resources millions of times: parse each ARN once.
    private static readonly BoundedCache<string, Arn> Parsed = new(200_000, StringComparer.Ordinal);

    public static bool TryParse(string text, out Arn arn)
    {
        if (!text.StartsWith("arn:", StringComparison.Ordinal))
        {
            arn = default;
            return false;
        }

        if (Parsed.TryGetValue(text, out arn))
        {
            return true;
        }

        if (!Split(text, out arn))
        {
            return false;
        }

        Parsed.Add(text, arn);

        return true;
    }

    private static bool Split(string text, out Arn arn)
    {
        arn = default;
        var span = text.AsSpan(4);
        Span<Range> parts = stackalloc Range[5];
        var count = span.Split(parts, ':');
        if (count < 5)
        {
            return false;
        }

        // Split puts the remainder (with its colons) in the last range.
        arn = new Arn(Shared(span[parts[0]]), Shared(span[parts[1]]), Shared(span[parts[2]]), Shared(span[parts[3]]), span[parts[4]].ToString());
        return true;
    }

    private static string Shared(ReadOnlySpan<char> part)
    {
        if (part.IsEmpty)
        {
            return string.Empty;
        }

        var lookup = SharedParts.GetAlternateLookup<ReadOnlySpan<char>>();
        if (lookup.TryGetValue(part, out var shared))
        {
            return shared;
        }

        var text = part.ToString();
        return SharedParts.Count < SharedPartsLimit ? SharedParts.GetOrAdd(text, text) : text;
    }

    public override string ToString() => $"arn:{Partition}:{Service}:{Region}:{Account}:{Resource}";
}
