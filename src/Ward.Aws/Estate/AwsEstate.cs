using System.Collections.Concurrent;
using System.Collections.Frozen;
using System.Collections.Immutable;
using Ward.Aws.Policy.Evaluation;
using Ward.Core.Diagnostics;

namespace Ward.Aws.Estate;

/// <summary>
/// Everything Ward read about an AWS estate: accounts with their IAM contents, the organization, the inputs and
/// their diagnostics. Immutable once built; identity policy sets are assembled once at load time.
/// </summary>
public sealed class AwsEstate
{
    private readonly FrozenDictionary<string, ImmutableArray<NamedPolicy>> _identityPolicies;
    private readonly FrozenDictionary<string, NamedPolicy?> _boundaries;
    private readonly ConcurrentDictionary<string, ImmutableArray<IamGroup>> _groupsOfUsers = new(StringComparer.Ordinal);

    internal AwsEstate(
        ImmutableArray<AwsAccount> accounts,
        AwsOrganization? organization,
        ImmutableArray<InputFile> inputs,
        ImmutableArray<Diagnostic> diagnostics,
        FrozenDictionary<string, ImmutableArray<NamedPolicy>> identityPolicies,
        FrozenDictionary<string, NamedPolicy?> boundaries,
        FrozenDictionary<string, ManagedPolicy> managedPolicies)
    {
        ManagedPolicies = managedPolicies;
        Accounts = accounts;
        Organization = organization;
        Inputs = inputs;
        Diagnostics = diagnostics;
        _identityPolicies = identityPolicies;
        _boundaries = boundaries;
        Users = accounts.SelectMany(a => a.Users).ToFrozenDictionary(u => u.Arn, StringComparer.Ordinal);
        Roles = accounts.SelectMany(a => a.Roles).ToFrozenDictionary(r => r.Arn, StringComparer.Ordinal);
    }

    public ImmutableArray<AwsAccount> Accounts { get; }

    public AwsOrganization? Organization { get; }

    public ImmutableArray<InputFile> Inputs { get; }

    public ImmutableArray<Diagnostic> Diagnostics { get; }

    public FrozenDictionary<string, IamUser> Users { get; }

    public FrozenDictionary<string, IamRole> Roles { get; }

    /// <summary>Every managed policy of the inputs (customer-managed and AWS-managed), by ARN.</summary>
    public FrozenDictionary<string, ManagedPolicy> ManagedPolicies { get; }

    /// <summary>Every exported group, by ARN.</summary>
    public FrozenDictionary<string, IamGroup> Groups => field ??= Accounts.SelectMany(a => a.Groups).DistinctBy(g => g.Arn, StringComparer.Ordinal).ToFrozenDictionary(g => g.Arn, StringComparer.Ordinal);

    /// <summary>The exported groups a user is a member of, in their account's order.</summary>
    public ImmutableArray<IamGroup> GroupsOf(IamUser user) =>
        _groupsOfUsers.TryGetValue(user.Arn, out var groups) ? groups : _groupsOfUsers.GetOrAdd(user.Arn, static (_, state) =>
        {
            var (accounts, user) = state;
            var names = user.Groups.ToHashSet(StringComparer.Ordinal);
            return [.. accounts.First(a => a.Id == user.Account).Groups.Where(g => names.Contains(g.Name))];
        }, (Accounts, user));

    /// <summary>A group's own policies (inline and attached), as its members receive them.</summary>
    public ImmutableArray<NamedPolicy> GroupPoliciesOf(IamGroup group) =>
    [
        .. group.InlinePolicies.Select(p => new NamedPolicy($"group {group.Name} inline policy {p.Name}", p.Document)),
        .. group.AttachedPolicies.Select(a => ManagedPolicies.TryGetValue(a.PolicyArn, out var policy) && policy.DefaultDocument is { } document
            ? new NamedPolicy($"{a.PolicyArn} (via group {group.Name})", document)
            : new NamedPolicy($"{a.PolicyArn} (via group {group.Name})", Policy.Syntax.PolicyDocument.Unreadable($"managed policy `{a.PolicyArn}` is not in the export"))),
    ];

    public bool IsEmpty => Accounts.IsEmpty && Organization is null && ResourcePolicies.Count == 0;

    /// <summary>Every principal of the estate Ward can evaluate: users, roles, and each account's root user.</summary>
    public IEnumerable<AwsPrincipal> Principals()
    {
        foreach (var account in Accounts)
        {
            foreach (var user in account.Users)
            {
                yield return new AwsPrincipal(AwsPrincipalType.IamUser, user.Arn, user.Account, user.Name);
            }

            foreach (var role in account.Roles)
            {
                yield return new AwsPrincipal(AwsPrincipalType.IamRole, role.Arn, role.Account, role.Name);
            }
        }
    }

    /// <summary>Inline, attached and group policies of a user or role (for a session, its role's).</summary>
    public ImmutableArray<NamedPolicy> IdentityPoliciesOf(AwsPrincipal principal) =>
        IdentityKey(principal) is { } key && _identityPolicies.TryGetValue(key, out var policies) ? policies : [];

    /// <summary>The ARN of the permissions boundary of a user or role of the estate, as exported; null when it has none.</summary>
    public string? BoundaryArnOf(string principalArn) =>
        Users.TryGetValue(principalArn, out var user) ? user.PermissionsBoundaryArn
        : Roles.TryGetValue(principalArn, out var role) ? role.PermissionsBoundaryArn
        : null;

    public NamedPolicy? BoundaryOf(AwsPrincipal principal) =>
        IdentityKey(principal) is { } key && _boundaries.TryGetValue(key, out var boundary) ? boundary : null;

    /// <summary>Whether SCPs apply to the principal: members of an organization, not the management account, not service-linked roles.</summary>
    public ImmutableArray<ControlPolicyLevel> ServiceControlLevelsFor(AwsPrincipal principal)
    {
        if (Organization is null || principal.Account is null || principal.Type is AwsPrincipalType.Service or AwsPrincipalType.Anonymous)
        {
            return [];
        }

        if (IdentityKey(principal) is { } key && Roles.TryGetValue(key, out var role) && role.IsServiceLinked)
        {
            return [];
        }

        return Organization.LevelsFor(principal.Account, ControlPolicyType.ServiceControl);
    }

    public ImmutableArray<ControlPolicyLevel> ResourceControlLevelsFor(string? resourceAccount) =>
        Organization is null || resourceAccount is null ? [] : Organization.LevelsFor(resourceAccount, ControlPolicyType.ResourceControl);

    /// <summary>The ARN under which a principal's policies are stored: a session maps to its role.</summary>
    public string? IdentityKey(AwsPrincipal principal)
    {
        switch (principal.Type)
        {
            case AwsPrincipalType.IamUser or AwsPrincipalType.IamRole:
                return principal.Value;
            case AwsPrincipalType.AssumedRoleSession when principal.RoleName is { } roleName:
                return RoleOfSession(principal.Account, roleName);
            default:
                return null;
        }
    }

    // Apart from IdentityKey, whose every call would otherwise allocate this lookup's closure.
    private string? RoleOfSession(string? account, string roleName) =>
        Roles.Values.FirstOrDefault(r => r.Account == account && string.Equals(r.Name, roleName, StringComparison.OrdinalIgnoreCase))?.Arn;

    /// <summary>Every resource-based policy of the inputs (buckets, keys, queues, topics, secrets, functions, repositories), by resource ARN.</summary>
    public FrozenDictionary<string, AwsResourcePolicy> ResourcePolicies { get; init; } = FrozenDictionary<string, AwsResourcePolicy>.Empty;

    /// <summary>IAM Identity Center's configuration; null when no Identity Center export was among the inputs.</summary>
    public AwsIdentityCenter? IdentityCenter { get; init; }

    /// <summary>Whether a resource-policies file was among the inputs (without one, resource exposure is not analysed).</summary>
    public bool HasResourcePolicyExport { get; init; }

    /// <summary>
    /// The exported policy that governs a request on <paramref name="resourceArn"/>: the resource's own, or for an
    /// S3 object its bucket's and for a qualified Lambda ARN (version or alias) its function's. Null when none was exported.
    /// </summary>
    public AwsResourcePolicy? ResourcePolicyFor(string resourceArn)
    {
        if (ResourcePolicies.Count == 0 || resourceArn.Contains('*', StringComparison.Ordinal))
        {
            return null;
        }

        if (ResourcePolicies.TryGetValue(resourceArn, out var policy))
        {
            return policy;
        }

        // `arn:PARTITION:s3:::bucket/key` → `arn:PARTITION:s3:::bucket` (no allocation unless it is an S3 object).
        var s3 = resourceArn.IndexOf(":s3:::", StringComparison.Ordinal);
        if (s3 > 0)
        {
            var slash = resourceArn.IndexOf('/', s3);
            return slash > s3 + 6 ? ResourcePolicies.GetValueOrDefault(resourceArn[..slash]) : null;
        }

        // `arn:PARTITION:s3:REGION:ACCOUNT:accesspoint/NAME/object/KEY` → the access point's own ARN.
        if (AccessPointFor(resourceArn) is { } accessPoint)
        {
            return ResourcePolicies.GetValueOrDefault(accessPoint.Arn);
        }

        // `arn:PARTITION:lambda:REGION:ACCOUNT:function:NAME:QUALIFIER` → without the qualifier.
        var function = resourceArn.IndexOf(":function:", StringComparison.Ordinal);
        if (function > 0 && resourceArn.Contains(":lambda:", StringComparison.Ordinal))
        {
            var qualifier = resourceArn.IndexOf(':', function + ":function:".Length);
            return qualifier > 0 ? ResourcePolicies.GetValueOrDefault(resourceArn[..qualifier]) : null;
        }

        return null;
    }

    /// <summary>Each exported bucket's Block Public Access setting, ACL and object ownership, by bucket ARN.</summary>
    public FrozenDictionary<string, S3BucketSettings> S3Buckets { get; init; } = FrozenDictionary<string, S3BucketSettings>.Empty;

    /// <summary>Each account whose S3 settings were exported (an <c>s3-buckets.json</c>), with its own Block Public Access setting.</summary>
    public FrozenDictionary<string, S3AccountSettings> S3Accounts { get; init; } = FrozenDictionary<string, S3AccountSettings>.Empty;

    /// <summary>What Block Public Access and the ACL make of each bucket's access, by bucket ARN (see <see cref="S3BucketAccess"/>).</summary>
    public FrozenDictionary<string, S3BucketAccess> S3Access { get; init; } = FrozenDictionary<string, S3BucketAccess>.Empty;

    /// <summary>The access settings of the bucket a request on <paramref name="resourceArn"/> (the bucket or one of its objects) meets; null when none were exported.</summary>
    public S3BucketAccess? S3AccessFor(string resourceArn)
    {
        var s3 = resourceArn.IndexOf(":s3:::", StringComparison.Ordinal);
        if (S3Access.Count == 0 || s3 < 0 || resourceArn.Contains('*', StringComparison.Ordinal))
        {
            return null;
        }

        var slash = resourceArn.IndexOf('/', s3);
        return S3Access.GetValueOrDefault(slash < 0 ? resourceArn : resourceArn[..slash]);
    }

    /// <summary>Every exported S3 access point, by its ARN.</summary>
    public FrozenDictionary<string, S3AccessPoint> S3AccessPoints { get; init; } = FrozenDictionary<string, S3AccessPoint>.Empty;

    /// <summary>The access point a request on <paramref name="resourceArn"/> goes through (its ARN, or an object or prefix under it); null when none was exported.</summary>
    public S3AccessPoint? AccessPointFor(string resourceArn)
    {
        if (S3AccessPoints.Count == 0)
        {
            return null;
        }

        var start = resourceArn.IndexOf(":accesspoint/", StringComparison.Ordinal);
        if (start < 0 || !resourceArn.Contains(":s3:", StringComparison.Ordinal))
        {
            return null;
        }

        var end = resourceArn.IndexOf('/', start + ":accesspoint/".Length);
        return S3AccessPoints.GetValueOrDefault(end < 0 ? resourceArn : resourceArn[..end]);
    }

    /// <summary>The role whose trust policy governs assuming it, when the resource is a role of the estate.</summary>
    public IamRole? RoleFor(string resourceArn) => Roles.GetValueOrDefault(resourceArn);
}
