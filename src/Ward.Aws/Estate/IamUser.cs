using System.Collections.Immutable;

namespace Ward.Aws.Estate;

public sealed record IamUser
{
    public required string Arn { get; init; }

    public required string Name { get; init; }

    public required string Account { get; init; }

    public string Path { get; init; } = "/";

    public string? UserId { get; init; }

    public DateTimeOffset? Created { get; init; }

    public DateTimeOffset? PasswordLastUsed { get; init; }

    public ImmutableArray<InlinePolicy> InlinePolicies { get; init; } = [];

    public ImmutableArray<IamPolicyAttachment> AttachedPolicies { get; init; } = [];

    public ImmutableArray<string> Groups { get; init; } = [];

    public string? PermissionsBoundaryArn { get; init; }

    /// <summary>Parts of the export about this entity that could not be read and may hide grants.</summary>
    public ImmutableArray<string> Problems { get; init; } = [];

    public ImmutableSortedDictionary<string, string> Tags { get; init; } = ImmutableSortedDictionary<string, string>.Empty;
}
