using System.Collections.Immutable;
using Ward.Core.Diagnostics;

namespace Ward.Gcp.Iam;

/// <summary>
/// One member of a Google group: a membership of <c>gcloud identity groups memberships list</c>, which names its
/// group by id, or a transitive membership of <c>search-transitive-memberships</c>, whose group is the one its file
/// is named after (<see cref="GroupEmail"/>).
/// </summary>
public sealed record GroupMembership
{
    /// <summary>
    /// The resource name, <c>groups/GROUP_ID/memberships/MEMBERSHIP_ID</c>; for a transitive membership, the member's
    /// (<c>users/ID</c>, <c>groups/ID</c>), else its email.
    /// </summary>
    public required string Name { get; init; }

    /// <summary>The <c>GROUP_ID</c> of the group the membership belongs to; null for a transitive membership, which does not name it.</summary>
    public string? GroupId { get; init; }

    /// <summary>The email of the group a transitive membership belongs to (from its file's name); null for a listed membership.</summary>
    public string? GroupEmail { get; init; }

    /// <summary>Listed, or transitive and how.</summary>
    public GroupRelation Relation { get; init; }

    /// <summary>Whether the membership holds the members of nested groups too (a transitive search), so that nested groups need no expanding.</summary>
    public bool IsTransitive => Relation != GroupRelation.Listed;

    /// <summary>Whether the transitive search it comes from said more pages follow (<c>nextPageToken</c>): other members may be missing.</summary>
    public bool OnPartialListing { get; init; }

    /// <summary>What distinguishes it from every other membership read: its name, within its group for a transitive one.</summary>
    public string Key => GroupEmail is null ? Name : $"{GroupEmail.ToLowerInvariant()} {Name}";

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
