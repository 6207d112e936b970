using System.Collections.Immutable;

namespace Ward.Aws.Estate;

/// <summary>The IAM contents of one account, merged from every export file that described it.</summary>
public sealed record AwsAccount
{
    public required string Id { get; init; }

    public ImmutableArray<IamUser> Users { get; init; } = [];

    public ImmutableArray<IamGroup> Groups { get; init; } = [];

    public ImmutableArray<IamRole> Roles { get; init; } = [];

    public ImmutableArray<ManagedPolicy> Policies { get; init; } = [];

    /// <summary>The files this account was read from.</summary>
    public ImmutableArray<string> Sources { get; init; } = [];
}
