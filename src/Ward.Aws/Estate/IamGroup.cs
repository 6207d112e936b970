using System.Collections.Immutable;

namespace Ward.Aws.Estate;

public sealed record IamGroup
{
    public required string Arn { get; init; }

    public required string Name { get; init; }

    public required string Account { get; init; }

    public string Path { get; init; } = "/";

    public ImmutableArray<InlinePolicy> InlinePolicies { get; init; } = [];

    /// <summary>Parts of the export about this entity that could not be read and may hide grants.</summary>
    public ImmutableArray<string> Problems { get; init; } = [];

    public ImmutableArray<IamPolicyAttachment> AttachedPolicies { get; init; } = [];
}
