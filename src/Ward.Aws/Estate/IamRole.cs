using System.Collections.Immutable;
using Ward.Aws.Policy.Syntax;
using Ward.Core.Model;

namespace Ward.Aws.Estate;

public sealed record IamRole
{
    public required string Arn { get; init; }

    public required string Name { get; init; }

    public required string Account { get; init; }

    public string Path { get; init; } = "/";

    public string? RoleId { get; init; }

    public DateTimeOffset? Created { get; init; }

    /// <summary>The role's trust policy (who may assume it); null when the export lacks it.</summary>
    public PolicyDocument? TrustPolicy { get; init; }

    public ImmutableArray<InlinePolicy> InlinePolicies { get; init; } = [];

    public ImmutableArray<IamPolicyAttachment> AttachedPolicies { get; init; } = [];

    public string? PermissionsBoundaryArn { get; init; }

    /// <summary>Parts of the export about this entity that could not be read and may hide grants.</summary>
    public ImmutableArray<string> Problems { get; init; } = [];

    public ImmutableSortedDictionary<string, string> Tags { get; init; } = ImmutableSortedDictionary<string, string>.Empty;

    /// <summary>
    /// <c>RoleLastUsed</c>: recorded (<c>LastUsedDate</c>), never (<c>{}</c> or no date: no use in IAM's tracking
    /// period), or unknown (the export has no <c>RoleLastUsed</c>, or its date could not be read).
    /// </summary>
    public LastUse LastUsed { get; init; }

    public string? LastUsedRegion { get; init; }

    public ImmutableArray<string> InstanceProfileArns { get; init; } = [];

    /// <summary>Service-linked roles (path <c>/aws-service-role/</c>) are exempt from SCPs and RCPs.</summary>
    public bool IsServiceLinked => Path.StartsWith("/aws-service-role/", StringComparison.Ordinal);

    /// <summary>
    /// IAM Identity Center's role for a permission set (<c>AWSReservedSSO_…</c> under
    /// <c>/aws-reserved/sso.amazonaws.com/</c>): protected, IAM refuses to change or delete it; it follows the
    /// permission set and its account assignments.
    /// </summary>
    public bool IsIdentityCenterRole => Path.StartsWith("/aws-reserved/sso.amazonaws.com/", StringComparison.Ordinal);
}
