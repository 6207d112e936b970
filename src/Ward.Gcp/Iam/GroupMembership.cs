using System.Collections.Immutable;
using Ward.Core.Diagnostics;

namespace Ward.Gcp.Iam;

/// <summary>One member of a Google group (<c>gcloud identity groups memberships list</c>).</summary>
public sealed record GroupMembership
{
    /// <summary>The resource name, <c>groups/GROUP_ID/memberships/MEMBERSHIP_ID</c>.</summary>
    public required string Name { get; init; }

    /// <summary>The <c>GROUP_ID</c> of the group the membership belongs to.</summary>
    public required string GroupId { get; init; }

    /// <summary>The member's email (<c>preferredMemberKey.id</c>).</summary>
    public required string MemberEmail { get; init; }

    public GroupMemberType MemberType { get; init; }

    /// <summary>The membership roles (<c>MEMBER</c>, <c>MANAGER</c>, <c>OWNER</c>); every role makes the member a member.</summary>
    public ImmutableArray<string> Roles { get; init; } = [];

    public required SourceLocation Location { get; init; }

    /// <summary>Whether the member may be the principal: same email (case-insensitive), and a type that fits its kind when the type is given.</summary>
    public bool IsMember(Member principal)
    {
        ArgumentNullException.ThrowIfNull(principal);
        if (!string.Equals(MemberEmail, principal.Id, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        return MemberType switch
        {
            GroupMemberType.Unspecified => principal.Kind is MemberKind.User or MemberKind.ServiceAccount or MemberKind.Group,
            GroupMemberType.User => principal.Kind == MemberKind.User,
            GroupMemberType.ServiceAccount => principal.Kind == MemberKind.ServiceAccount,
            GroupMemberType.Group => principal.Kind == MemberKind.Group,
            _ => false,
        };
    }
}
