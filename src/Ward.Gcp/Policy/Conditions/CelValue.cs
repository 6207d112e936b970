using System.Collections.Immutable;

namespace Ward.Gcp.Policy.Conditions;

/// <summary>The values a condition computes with; <see cref="CelUnknown"/> carries why Ward cannot tell a value.</summary>
internal abstract record CelValue
{
    public abstract string TypeName { get; }
}

internal sealed record CelString(string Value) : CelValue
{
    public override string TypeName => "string";
}

internal sealed record CelBool(bool Value) : CelValue
{
    public override string TypeName => "bool";
}

internal sealed record CelInt(long Value) : CelValue
{
    public override string TypeName => "int";
}

internal sealed record CelDouble(double Value) : CelValue
{
    public override string TypeName => "double";
}

internal sealed record CelNull : CelValue
{
    public static CelNull Instance { get; } = new();

    public override string TypeName => "null";
}

internal sealed record CelTimestamp(DateTimeOffset Value) : CelValue
{
    public override string TypeName => "timestamp";
}

internal sealed record CelDuration(TimeSpan Value) : CelValue
{
    public override string TypeName => "duration";
}

internal sealed record CelListValue(ImmutableArray<CelValue> Items) : CelValue
{
    public override string TypeName => "list";

    public bool Equals(CelListValue? other) => other is not null && Items.SequenceEqual(other.Items);

    public override int GetHashCode() => Items.Length;
}

/// <summary>A value that depends on something Ward does not know or does not evaluate (the reasons say what).</summary>
internal sealed record CelUnknown(ImmutableArray<string> Reasons) : CelValue
{
    public override string TypeName => "unknown";

    /// <summary>For an unknown string: a text it is known to begin with unless it is empty, or null (see <see cref="ConditionContext.ResourceTypePrefix"/>).</summary>
    public string? KnownPrefix { get; init; }

    public static CelUnknown Of(string reason) => new([reason]);

    public static CelUnknown Merge(CelValue a, CelValue b) =>
        new([.. ReasonsOf(a).Concat(ReasonsOf(b)).Distinct(StringComparer.Ordinal)]);

    public bool Equals(CelUnknown? other) => other is not null && Reasons.SequenceEqual(other.Reasons, StringComparer.Ordinal);

    public override int GetHashCode() => Reasons.Length;

    private static ImmutableArray<string> ReasonsOf(CelValue value) => value switch
    {
        CelUnknown u => u.Reasons,
        CelError e => [e.Message],
        _ => [],
    };
}

/// <summary>A CEL evaluation error (a function applied to the wrong types, a malformed timestamp).</summary>
internal sealed record CelError(string Message) : CelValue
{
    public override string TypeName => "error";
}
