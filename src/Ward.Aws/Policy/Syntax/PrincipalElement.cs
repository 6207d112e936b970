using System.Collections.Immutable;

namespace Ward.Aws.Policy.Syntax;

/// <summary>The kinds of entry a <c>Principal</c> element can hold.</summary>
public enum PrincipalType
{
    Aws,
    Service,
    Federated,
    CanonicalUser,
}

/// <summary>A <c>Principal</c> or <c>NotPrincipal</c> element.</summary>
public sealed record PrincipalElement
{
    public required bool Negated { get; init; }

    /// <summary>True for the bare string <c>"*"</c>.</summary>
    public required bool IsWildcardString { get; init; }

    /// <summary>Entries in order of appearance, grouped by type as written.</summary>
    public ImmutableArray<PrincipalGroup> Groups { get; init; } = [];

    public IEnumerable<(PrincipalType Type, string Value)> Entries =>
        Groups.SelectMany(g => g.Values.Select(v => (g.Type, v)));
}

public sealed record PrincipalGroup(PrincipalType Type, ImmutableArray<string> Values, bool IsArray);
