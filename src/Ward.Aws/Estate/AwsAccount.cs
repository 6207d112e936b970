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

    /// <summary>The account's IAM credential report; null when none was given (credential analyses do not run).</summary>
    public CredentialReport? CredentialReport { get; init; }

    /// <summary>Service last accessed data, one report per user or role that has some (usually not every principal).</summary>
    public ImmutableArray<ServiceLastAccessedReport> ServiceLastAccessed { get; init; } = [];

    /// <summary>The files this account was read from.</summary>
    public ImmutableArray<string> Sources { get; init; } = [];
}
