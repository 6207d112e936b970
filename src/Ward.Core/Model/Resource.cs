using System.Collections.Immutable;

namespace Ward.Core.Model;

/// <summary>Something access is granted to: a bucket, a key, a subscription, a project.</summary>
public sealed record Resource
{
    public required ResourceId Id { get; init; }

    public required CloudProvider Provider { get; init; }

    /// <summary>The provider's type name, e.g. <c>s3:bucket</c>, <c>Microsoft.KeyVault/vaults</c>.</summary>
    public required string Type { get; init; }

    public string? Scope { get; init; }

    public ImmutableSortedDictionary<string, string> Tags { get; init; } = ImmutableSortedDictionary<string, string>.Empty;
}
