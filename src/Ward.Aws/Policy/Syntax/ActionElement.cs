using System.Collections.Concurrent;
using System.Collections.Immutable;
using Ward.Aws.Policy.Matching;

namespace Ward.Aws.Policy.Syntax;

/// <summary>An <c>Action</c> or <c>NotAction</c> element.</summary>
public sealed record ActionElement(bool Negated, ImmutableArray<ActionPattern> Patterns, bool IsArray);

/// <summary>One action pattern such as <c>s3:Get*</c> or <c>*</c>.</summary>
public sealed record ActionPattern
{
    private const int CacheLimit = 200_000;

    // Estates repeat the same few thousand action patterns millions of times: share one instance of each.
    private static readonly ConcurrentDictionary<string, ActionPattern> Cache = new(StringComparer.Ordinal);

    public ActionPattern(string text)
    {
        Text = text;
        Lower = text.ToLowerInvariant();
        MatchesEverything = text == "*";
        var colon = Lower.IndexOf(':', StringComparison.Ordinal);
        Service = colon < 0 ? string.Empty : Lower[..colon];
        HasWildcard = text.AsSpan().IndexOfAny('*', '?') >= 0;
        Glob = Wildcard.Translate(Lower);
    }

    public string Text { get; }

    /// <summary>A shared instance for <paramref name="text"/> (patterns are immutable).</summary>
    public static ActionPattern Of(string text)
    {
        if (Cache.TryGetValue(text, out var pattern))
        {
            return pattern;
        }

        pattern = new ActionPattern(text);
        if (Cache.Count < CacheLimit)
        {
            Cache.TryAdd(text, pattern);
        }

        return pattern;
    }

    /// <summary>The pattern in lower case: actions match case-insensitively.</summary>
    public string Lower { get; }

    /// <summary>The service prefix in lower case, or empty for <c>*</c>.</summary>
    public string Service { get; }

    public bool MatchesEverything { get; }

    public bool HasWildcard { get; }

    /// <summary>The lower-case pattern with wildcards translated for <see cref="Wildcard"/>.</summary>
    public string Glob { get; }
}
