using System.Collections.Immutable;

namespace Ward.Aws.Estate;

public sealed record IamGroup
{
    public required string Arn { get; init; }

    public required string Name { get; init; }

    public required string Account { get; init; }

    public string Path { get; init; } = "/";

    public ImmutableArray<InlinePolicy> InlinePolicies { get; init; } = [];

    public ImmutableArray<IamPolicyAttachment> AttachedPolicies { get; init; } = [];
}
