using System.Collections.Immutable;
using Ward.Core.Diagnostics;

namespace Ward.Aws.Estate;

/// <summary>
/// One S3 Block Public Access configuration (<c>PublicAccessBlockConfiguration</c>), of a bucket or of an account.
/// A flag the CLI leaves out is off.
/// </summary>
/// <param name="BlockPublicAcls">Rejects new public ACLs; existing ones stay effective.</param>
/// <param name="IgnorePublicAcls">Makes every public ACL grant of the bucket ineffective.</param>
/// <param name="BlockPublicPolicy">Rejects a new public bucket policy; an existing one stays effective.</param>
/// <param name="RestrictPublicBuckets">
/// When the bucket policy is public, only AWS service principals and principals of the bucket owner's account may
/// use what it grants.
/// </param>
public sealed record S3PublicAccessBlock(bool BlockPublicAcls, bool IgnorePublicAcls, bool BlockPublicPolicy, bool RestrictPublicBuckets)
{
    public static S3PublicAccessBlock None { get; } = new(false, false, false, false);

    /// <summary>Either setting (a bucket's and its account's) on: the two are combined, the most restrictive wins.</summary>
    public S3PublicAccessBlock Or(S3PublicAccessBlock other) => new(
        BlockPublicAcls || other.BlockPublicAcls,
        IgnorePublicAcls || other.IgnorePublicAcls,
        BlockPublicPolicy || other.BlockPublicPolicy,
        RestrictPublicBuckets || other.RestrictPublicBuckets);
}

/// <summary>Who an ACL grant names.</summary>
public enum S3AclGranteeKind
{
    /// <summary>The <c>AllUsers</c> group: anyone, anonymous callers included.</summary>
    AllUsers,

    /// <summary>The <c>AuthenticatedUsers</c> group: any principal of any AWS account.</summary>
    AuthenticatedUsers,

    /// <summary>The <c>LogDelivery</c> group: the S3 server access log delivery service.</summary>
    LogDelivery,

    /// <summary>An AWS account, by its canonical user ID.</summary>
    CanonicalUser,

    /// <summary>An e-mail address (only some older regions accept them) or a group Ward does not know.</summary>
    Other,
}

/// <summary>One grant of a bucket ACL (<c>aws s3api get-bucket-acl</c>).</summary>
/// <param name="Grantee">Who it names.</param>
/// <param name="Id">The canonical user ID, group URI or e-mail address, as written.</param>
/// <param name="Permission"><c>READ</c>, <c>WRITE</c>, <c>READ_ACP</c>, <c>WRITE_ACP</c> or <c>FULL_CONTROL</c>.</param>
/// <param name="Location">Where the grant was read.</param>
public sealed record S3AclGrant(S3AclGranteeKind Grantee, string Id, string Permission, SourceLocation Location)
{
    /// <summary>AWS deems a grant to <c>AllUsers</c> or <c>AuthenticatedUsers</c> public.</summary>
    public bool IsPublic => Grantee is S3AclGranteeKind.AllUsers or S3AclGranteeKind.AuthenticatedUsers;

    /// <summary>How explanations name the grantee.</summary>
    public string GranteeText => Grantee switch
    {
        S3AclGranteeKind.AllUsers => "AllUsers",
        S3AclGranteeKind.AuthenticatedUsers => "AuthenticatedUsers",
        S3AclGranteeKind.LogDelivery => "LogDelivery",
        _ => Id,
    };
}

/// <summary>A bucket ACL: its owner's canonical user ID and its grants.</summary>
public sealed record S3BucketAcl(string? OwnerId, ImmutableArray<S3AclGrant> Grants);

/// <summary>
/// What an <c>s3-buckets.json</c> export says about one bucket: its Block Public Access setting, ACL and object
/// ownership. A property that was not exported (the call failed) is unknown and taken as having no effect.
/// </summary>
public sealed record S3BucketSettings
{
    /// <summary><c>arn:aws:s3:::bucket</c>.</summary>
    public required string Arn { get; init; }

    public required string Name { get; init; }

    public required string Account { get; init; }

    public string? Region { get; init; }

    /// <summary>The bucket's own Block Public Access setting; <see cref="S3PublicAccessBlock.None"/> when it has none.</summary>
    public S3PublicAccessBlock PublicAccessBlock { get; init; } = S3PublicAccessBlock.None;

    /// <summary>Whether the Block Public Access setting was exported (null or a configuration), not left out.</summary>
    public bool PublicAccessBlockKnown { get; init; }

    /// <summary>The ACL; null when it was not exported.</summary>
    public S3BucketAcl? Acl { get; init; }

    /// <summary><c>BucketOwnerEnforced</c>, <c>BucketOwnerPreferred</c> or <c>ObjectWriter</c>; null when none is set or not exported.</summary>
    public string? ObjectOwnership { get; init; }

    /// <summary>ACLs are disabled: S3 ignores every grant and the bucket owner owns every object.</summary>
    public bool AclsDisabled => string.Equals(ObjectOwnership, "BucketOwnerEnforced", StringComparison.Ordinal);

    public SourceLocation Location { get; init; } = SourceLocation.None;
}

/// <summary>An account's own Block Public Access setting, from an <c>s3-buckets.json</c> export.</summary>
public sealed record S3AccountSettings
{
    public required string Account { get; init; }

    /// <summary>The account-level setting; <see cref="S3PublicAccessBlock.None"/> when the account has none.</summary>
    public S3PublicAccessBlock PublicAccessBlock { get; init; } = S3PublicAccessBlock.None;

    /// <summary>Whether it was exported (null or a configuration), not left out.</summary>
    public bool PublicAccessBlockKnown { get; init; }

    public SourceLocation Location { get; init; } = SourceLocation.None;
}
