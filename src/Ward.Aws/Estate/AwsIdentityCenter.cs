using System.Collections.Immutable;
using Ward.Aws.Policy.Syntax;
using Ward.Core.Diagnostics;

namespace Ward.Aws.Estate;

public enum IdentityCenterPrincipalType
{
    User,
    Group,
}

/// <summary>An IAM Identity Center instance (an item of <c>aws sso-admin list-instances</c>) and its identity store.</summary>
public sealed record IdentityCenterInstance(string Arn, string IdentityStoreId, string? OwnerAccountId, string? Name)
{
    /// <summary>The instance id (<c>ssoins-…</c>), the last segment of its ARN.</summary>
    public string InstanceId => Arn[(Arn.LastIndexOf('/') + 1)..];

    /// <summary>The partition of the instance ARN (<c>aws</c>, <c>aws-us-gov</c>, <c>aws-cn</c>).</summary>
    public string Partition => Arn.Split(':') is { Length: > 1 } parts ? parts[1] : "aws";

    /// <summary>The identity store's ARN as IAM policies name it: <c>arn:aws:identitystore::OWNER:identitystore/d-…</c>.</summary>
    public string IdentityStoreArn => $"arn:{Partition}:identitystore::{OwnerAccountId}:identitystore/{IdentityStoreId}";

    /// <summary>A group's ARN as IAM policies name it (no account: group ids are unique).</summary>
    public string GroupArn(string groupId) => $"arn:{Partition}:identitystore:::group/{groupId}";

    /// <summary>A user's ARN as IAM policies name it.</summary>
    public string UserArn(string userId) => $"arn:{Partition}:identitystore:::user/{userId}";

    public string AccountArn(string accountId) => $"arn:{Partition}:sso:::account/{accountId}";
}

public sealed record CustomerManagedPolicyReference(string Name, string Path);

/// <summary>A permission set with what it grants, as <c>describe-permission-set</c> and its list/get calls return them.</summary>
public sealed record PermissionSet
{
    public required string Arn { get; init; }

    public required string InstanceArn { get; init; }

    public required string Name { get; init; }

    public ImmutableArray<string> ManagedPolicyArns { get; init; } = [];

    public ImmutableArray<CustomerManagedPolicyReference> CustomerManagedPolicies { get; init; } = [];

    /// <summary>The inline policy; null when the permission set has none.</summary>
    public PolicyDocument? InlinePolicy { get; init; }

    /// <summary>The permissions boundary (a managed policy ARN, or a customer-managed policy's path and name); null when none.</summary>
    public string? PermissionsBoundary { get; init; }
}

/// <summary>A permission set assigned to a user or group in an account (an item of <c>list-account-assignments</c>).</summary>
public sealed record AccountAssignment(string AccountId, string PermissionSetArn, IdentityCenterPrincipalType PrincipalType, string PrincipalId)
{
    /// <summary>Where the export lists it.</summary>
    public SourceLocation Location { get; init; } = SourceLocation.None;
}

public sealed record IdentityStoreUser(string IdentityStoreId, string UserId, string UserName);

public sealed record IdentityStoreGroup(string IdentityStoreId, string GroupId, string DisplayName);

/// <summary>A user's membership of a group (an item of <c>aws identitystore list-group-memberships</c>).</summary>
public sealed record GroupMembership(string IdentityStoreId, string GroupId, string UserId);

/// <summary>
/// IAM Identity Center as exported from the account that administers it (<c>identity-center.json</c>): instances,
/// permission sets, account assignments, and the identity store's users, groups and memberships.
/// </summary>
public sealed record AwsIdentityCenter
{
    private static readonly System.Buffers.SearchValues<char> LowerHexDigits = System.Buffers.SearchValues.Create("0123456789abcdef");

    public ImmutableArray<IdentityCenterInstance> Instances { get; init; } = [];

    /// <summary>Whether the export read who the delegated administrators of Identity Center are.</summary>
    public bool DelegatedAdministratorsExported { get; init; }

    /// <summary>Accounts registered as delegated administrators for <c>sso.amazonaws.com</c> (empty when not exported).</summary>
    public ImmutableArray<string> DelegatedAdministrators { get; init; } = [];

    public ImmutableArray<PermissionSet> PermissionSets { get; init; } = [];

    public ImmutableArray<AccountAssignment> Assignments { get; init; } = [];

    public ImmutableArray<IdentityStoreUser> Users { get; init; } = [];

    public ImmutableArray<IdentityStoreGroup> Groups { get; init; } = [];

    public ImmutableArray<GroupMembership> Memberships { get; init; } = [];

    /// <summary>
    /// The <c>AWSReservedSSO_…</c> role a permission set materialised as in an account, by role ARN, with the
    /// assignments it serves; only roles found in the authorization details of their account.
    /// </summary>
    public ImmutableDictionary<string, ImmutableArray<AccountAssignment>> AssignmentsByRole { get; init; } =
        ImmutableDictionary<string, ImmutableArray<AccountAssignment>>.Empty.WithComparers(StringComparer.Ordinal);

    public PermissionSet? PermissionSetByArn(string arn) => PermissionSets.FirstOrDefault(p => p.Arn == arn);

    /// <summary>The instance a permission set belongs to, by the instance id its ARN carries.</summary>
    public IdentityCenterInstance? InstanceOf(string permissionSetArn) =>
        Instances.FirstOrDefault(i => permissionSetArn.Contains($":permissionSet/{i.InstanceId}/", StringComparison.Ordinal));

    /// <summary>
    /// The accounts from which an instance is administered: its owner (the organization's management account) and
    /// every delegated administrator.
    /// </summary>
    public ImmutableArray<string> AdministeringAccounts(IdentityCenterInstance instance) =>
        [.. (instance.OwnerAccountId is { } owner ? [owner] : Array.Empty<string>()).Concat(DelegatedAdministrators).Distinct(StringComparer.Ordinal)];

    /// <summary>The display name of a group, or its id when the export does not list it.</summary>
    public string GroupName(string groupId) => Groups.FirstOrDefault(g => g.GroupId == groupId)?.DisplayName ?? groupId;

    /// <summary>
    /// Whether an IAM role is the one Identity Center created for a permission set: named
    /// <c>AWSReservedSSO_NAME_</c> and 16 hexadecimal digits, under <c>/aws-reserved/sso.amazonaws.com/</c>
    /// (possibly followed by a region).
    /// </summary>
    public static bool IsRoleOf(IamRole role, string permissionSetName)
    {
        const string Prefix = "AWSReservedSSO_";
        if (!role.Path.StartsWith("/aws-reserved/sso.amazonaws.com/", StringComparison.Ordinal)
            || role.Name.Length != Prefix.Length + permissionSetName.Length + 17
            || !role.Name.StartsWith(Prefix + permissionSetName + "_", StringComparison.Ordinal))
        {
            return false;
        }

        return role.Name.AsSpan(role.Name.Length - 16).IndexOfAnyExcept(LowerHexDigits) < 0;
    }
}
