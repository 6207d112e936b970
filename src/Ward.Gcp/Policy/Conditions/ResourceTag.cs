using System.Collections.Immutable;

namespace Ward.Gcp.Policy.Conditions;

/// <summary>
/// One effective tag: its key and value by id and by namespaced name, each null when neither the binding nor the tag
/// key and value exports give it, and where it is bound.
/// </summary>
/// <param name="KeyId"><c>tagKeys/ID</c>.</param>
/// <param name="KeyNames">The key's namespaced names (<c>ORG/env</c>; a project's key under both its id and its number).</param>
/// <param name="ValueId"><c>tagValues/ID</c>.</param>
/// <param name="ValueName">The value's namespaced name, <c>ORG/env/prod</c>.</param>
/// <param name="BoundTo">The resource it is bound to (relative name), or null when it is inherited from an ancestor the export does not name.</param>
public sealed record ResourceTag(string? KeyId, ImmutableArray<string> KeyNames, string? ValueId, string? ValueName, string? BoundTo)
{
    /// <summary>A tag not bound yet: the one a question supposes bound to the resource (<c>gcp-tag-binding</c>).</summary>
    public bool Supposed { get; init; }

    /// <summary>The value's short name (<c>prod</c>), the second argument of <c>matchTag</c>.</summary>
    public string? ValueShortName => ValueName is { } name ? name[(name.LastIndexOf('/') + 1)..] : null;

    public string Describe() => ValueName is { } name ? $"`{name}`{(ValueId is { } id ? $" (`{id}`)" : string.Empty)}" : $"`{ValueId}`";

    public bool Equals(ResourceTag? other) =>
        other is not null && KeyId == other.KeyId && Supposed == other.Supposed && ValueId == other.ValueId && ValueName == other.ValueName && BoundTo == other.BoundTo && KeyNames.SequenceEqual(other.KeyNames, StringComparer.Ordinal);

    public override int GetHashCode() => HashCode.Combine(KeyId, ValueId, ValueName);
}
