using System.Collections.Immutable;

namespace Ward.Aws.Policy.Evaluation;

/// <summary>The value of one request-context key: a single string, or a set of strings (multivalued keys).</summary>
public readonly record struct ContextValue
{
    private ContextValue(string? single, ImmutableArray<string> values)
    {
        Text = single;
        Values = values;
    }

    /// <summary>The value of a single-valued key; null for multivalued keys.</summary>
    public string? Text { get; }

    /// <summary>All values: one for a single-valued key, zero or more for a multivalued key.</summary>
    public ImmutableArray<string> Values { get; }

    public bool IsMultivalued => Text is null;

    public static ContextValue Of(string value) => new(value, [value]);

    public static ContextValue Of(IEnumerable<string> values) => new(null, [.. values]);

    public override string ToString() => Text ?? "[" + string.Join(", ", Values) + "]";
}
