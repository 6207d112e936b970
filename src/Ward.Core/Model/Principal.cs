using System.Collections.Immutable;

namespace Ward.Core.Model;

/// <summary>An identity that can be granted access, in any cloud.</summary>
public sealed record Principal
{
    public required PrincipalId Id { get; init; }

    public required PrincipalKind Kind { get; init; }

    public required CloudProvider Provider { get; init; }

    /// <summary>The name people use: user name, role name, display name.</summary>
    public required string Name { get; init; }

    /// <summary>The account, subscription, tenant or project that owns the principal, when there is one.</summary>
    public string? Scope { get; init; }

    public ImmutableSortedDictionary<string, string> Tags { get; init; } = ImmutableSortedDictionary<string, string>.Empty;

    /// <summary>When the principal was last seen authenticating, if the export says.</summary>
    public DateTimeOffset? LastUsed { get; init; }

    public DateTimeOffset? Created { get; init; }
}
