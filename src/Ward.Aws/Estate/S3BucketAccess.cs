using Ward.Aws.Policy.Evaluation;
using Ward.Core.Diagnostics;

namespace Ward.Aws.Estate;

/// <summary>
/// What S3 Block Public Access and the ACL make of one bucket's access: the effective setting (bucket and account
/// combined), whether it confines the bucket policy, and the ACL grants that still count, as policy statements.
/// </summary>
public sealed record S3BucketAccess
{
    /// <summary><c>arn:aws:s3:::bucket</c>.</summary>
    public required string Arn { get; init; }

    public required string Name { get; init; }

    public required string Account { get; init; }

    public string? Region { get; init; }

    /// <summary>The bucket's own Block Public Access setting.</summary>
    public S3PublicAccessBlock BucketBlock { get; init; } = S3PublicAccessBlock.None;

    /// <summary>The bucket account's Block Public Access setting.</summary>
    public S3PublicAccessBlock AccountBlock { get; init; } = S3PublicAccessBlock.None;

    /// <summary>The bucket's and its account's settings combined (either flag on counts).</summary>
    public S3PublicAccessBlock Block => BucketBlock.Or(AccountBlock);

    /// <summary>Whether the bucket's and the account's settings were both exported.</summary>
    public required bool BlockKnown { get; init; }

    /// <summary>Which setting turns a flag on, for explanations: "the bucket", "account 111122223333" or both; null when neither.</summary>
    public string? SetOn(Func<S3PublicAccessBlock, bool> flag) => (flag(BucketBlock), flag(AccountBlock)) switch
    {
        (true, true) => $"the bucket and account {Account}",
        (true, false) => "the bucket",
        (false, true) => $"account {Account}",
        _ => null,
    };

    /// <summary>S3 deems the bucket policy public.</summary>
    public bool PolicyIsPublic { get; init; }

    /// <summary>
    /// Set when RestrictPublicBuckets is on and the bucket policy is public: why the policy's Allow statements count
    /// only for AWS service principals and principals of the bucket's account. Null otherwise.
    /// </summary>
    public string? PublicPolicyRestriction { get; init; }

    /// <summary>The ACL grants that still count, as Allow statements; null when none do (or no ACL was exported).</summary>
    public NamedPolicy? Acl { get; init; }

    /// <summary>What happened to the ACL's grants that do not count (ignored or disabled), for explanations; null when none.</summary>
    public string? AclNote { get; init; }

    /// <summary>The ACL grants that count, as read (for evidence).</summary>
    public System.Collections.Immutable.ImmutableArray<S3AclGrant> EffectiveGrants { get; init; } = [];

    public SourceLocation Location { get; init; } = SourceLocation.None;
}
