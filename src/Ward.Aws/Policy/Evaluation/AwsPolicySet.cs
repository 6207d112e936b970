using System.Collections.Immutable;
using Ward.Aws.Policy.Syntax;

namespace Ward.Aws.Policy.Evaluation;

/// <summary>A policy with the name explanations use for it (managed policy ARN, inline policy name, SCP name).</summary>
public sealed record NamedPolicy(string Name, PolicyDocument Document);

/// <summary>The SCPs or RCPs attached at one level of an organization (root, an OU, the account).</summary>
public sealed record ControlPolicyLevel(string Target, ImmutableArray<NamedPolicy> Policies);

/// <summary>Every policy that applies to one request, by layer.</summary>
public sealed record AwsPolicySet
{
    public ImmutableArray<NamedPolicy> IdentityPolicies { get; init; } = [];

    public NamedPolicy? PermissionsBoundary { get; init; }

    public NamedPolicy? SessionPolicy { get; init; }

    /// <summary>SCP levels of the principal's account, root first. Empty when no SCPs govern the principal.</summary>
    public ImmutableArray<ControlPolicyLevel> ServiceControlPolicies { get; init; } = [];

    /// <summary>RCP levels of the resource's account, root first. Empty when RCPs are not enabled there.</summary>
    public ImmutableArray<ControlPolicyLevel> ResourceControlPolicies { get; init; } = [];

    /// <summary>The resource's own policy: bucket, key, trust, queue, topic, function or secret policy.</summary>
    public NamedPolicy? ResourcePolicy { get; init; }

    /// <summary>For a bucket or object: the bucket ACL's grants that count, as Allow statements evaluated with the resource policy.</summary>
    public NamedPolicy? AccessControlList { get; init; }

    /// <summary>
    /// Why the resource policy's Allow statements count only for AWS service principals and principals of the
    /// resource's account (S3 Block Public Access, RestrictPublicBuckets, with a public bucket policy); null when
    /// they count for everyone they name.
    /// </summary>
    public string? PublicPolicyRestriction { get; init; }
}
