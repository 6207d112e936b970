using System.Collections.Immutable;
using Ward.Aws.Policy.Matching;

namespace Ward.Aws.Policy.Syntax;

/// <summary>A <c>Resource</c> or <c>NotResource</c> element.</summary>
public sealed record ResourceElement(bool Negated, ImmutableArray<string> Patterns, bool IsArray)
{
    /// <summary>The patterns with wildcards translated for <see cref="Wildcard"/> (variables are resolved per request).</summary>
    public ImmutableArray<string> Globs { get; } = [.. Patterns.Select(Wildcard.Translate)];
}
