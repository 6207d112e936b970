using System.Collections.Concurrent;
using System.Collections.Immutable;

namespace Ward.Aws.Policy.Evaluation;

/// <summary>The value of one request-context key: a single string, or a set of strings (multivalued keys).</summary>
public readonly record struct ContextValue
{
    private ContextValue(string? single, ImmutableArray<string> values, bool absent = false)
    {
        Text = single;
        Values = values;
        IsAbsent = absent;
    }

    /// <summary>
    /// Given as a request key's value, says the request does not carry the key at all (e.g. <c>aws:PrincipalOrgID</c>
    /// for a principal of an account in no organization), which <c>...IfExists</c> operators and <c>Null</c> tests
    /// treat differently from an unknown value.
    /// </summary>
    public static ContextValue Absent { get; } = new(null, [], absent: true);

    /// <summary>This is <see cref="Absent"/>: the key is not in the request.</summary>
    public bool IsAbsent { get; }

    /// <summary>The value of a single-valued key; null for multivalued keys.</summary>
    public string? Text { get; }

    /// <summary>All values: one for a single-valued key, zero or more for a multivalued key.</summary>
    public ImmutableArray<string> Values { get; }

    public bool IsMultivalued => Text is null;

    private const int SharedLimit = 10_000;

    // Accounts, organization ids and regions recur in every request: one value of each.
    private static readonly ConcurrentDictionary<string, ContextValue> SharedValues = new(StringComparer.Ordinal);

    public static ContextValue Of(string value) => new(value, [value]);

    /// <summary>As <see cref="Of(string)"/>, shared: for values that recur in request after request (an account, a region).</summary>
    public static ContextValue Shared(string value)
    {
        if (SharedValues.TryGetValue(value, out var shared))
        {
            return shared;
        }

        var made = Of(value);
        return SharedValues.Count < SharedLimit ? SharedValues.GetOrAdd(value, made) : made;
    }

    public static ContextValue Of(IEnumerable<string> values) => new(null, [.. values]);

    public override string ToString() => IsAbsent ? "(absent)" : Text ?? "[" + string.Join(", ", Values) + "]";
}
