using System.Collections.Immutable;

namespace Ward.Microsoft.Azure.Resources;

/// <summary>One access policy of a key vault: the Entra object it names and what it may do with each kind of item.</summary>
public sealed record KeyVaultAccessPolicy
{
    /// <summary>The user, group or service principal the policy is for (lower case).</summary>
    public required string ObjectId { get; init; }

    /// <summary>With a compound identity, the application the object must sign in through; null otherwise.</summary>
    public string? ApplicationId { get; init; }

    public ImmutableArray<string> Keys { get; init; } = [];

    public ImmutableArray<string> Secrets { get; init; } = [];

    public ImmutableArray<string> Certificates { get; init; } = [];

    public ImmutableArray<string> Storage { get; init; } = [];
}
