using Ward.Gcp.Iam;

namespace Ward.Gcp.Policy.Evaluation;

/// <summary>
/// Decides whether a principal is a member of a Google group from the exported memberships, directly or through
/// nested groups (a membership of type <c>GROUP</c>, or whose email is an exported group), cycles included. A nested
/// group whose memberships were not exported leaves the answer possible, not denied.
/// </summary>
internal sealed class GroupMembers(GcpEstate estate)
{
    /// <summary>Null when the group's memberships are not known; otherwise Yes (with the path), Possibly or No.</summary>
    public MemberMatch? Match(string groupEmail, Member principal)
    {
        if (estate.MembershipsOf(groupEmail) is null)
        {
            return null;
        }

        // Breadth first, so the shortest path through nested groups is the one explained.
        var visited = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { groupEmail };
        var queue = new Queue<(string Group, List<string> Through)>();
        queue.Enqueue((groupEmail, []));
        string? unknownNested = null;
        while (queue.TryDequeue(out var current))
        {
            if (estate.MembershipsOf(current.Group) is not { } memberships)
            {
                unknownNested ??= current.Group;
                continue;
            }

            foreach (var membership in memberships)
            {
                if (membership.IsMember(principal))
                {
                    var how = current.Through.Count == 0 ? "directly" : $"through group{(current.Through.Count == 1 ? string.Empty : "s")} {string.Join(", ", current.Through.Select(g => $"`{g}`"))}";
                    return MemberMatch.Through($"`{principal.Text}` is a member of group `{groupEmail}` ({how})");
                }

                var nested = membership.MemberType == GroupMemberType.Group
                    || (membership.MemberType == GroupMemberType.Unspecified && estate.FindGroup(membership.MemberEmail) is not null);
                if (nested && visited.Add(membership.MemberEmail))
                {
                    queue.Enqueue((membership.MemberEmail, [.. current.Through, membership.MemberEmail]));
                }
            }
        }

        return unknownNested is null
            ? MemberMatch.No
            : MemberMatch.If($"`{principal.Text}` is a member of group `{unknownNested}`, nested in group `{groupEmail}`, whose memberships were not exported");
    }

    /// <summary>The members of a group, directly or through nested groups whose memberships were exported, as policies would name them.</summary>
    public IEnumerable<Member> TransitiveMembers(string groupEmail)
    {
        var visited = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { groupEmail };
        var queue = new Queue<string>([groupEmail]);
        while (queue.TryDequeue(out var group))
        {
            foreach (var membership in estate.MembershipsOf(group) ?? [])
            {
                var nested = membership.MemberType == GroupMemberType.Group
                    || (membership.MemberType == GroupMemberType.Unspecified && estate.FindGroup(membership.MemberEmail) is not null);
                var prefix = nested ? "group:"
                    : membership.MemberType == GroupMemberType.ServiceAccount || membership.MemberEmail.EndsWith(".gserviceaccount.com", StringComparison.OrdinalIgnoreCase) ? "serviceAccount:"
                    : membership.MemberType is GroupMemberType.User or GroupMemberType.Unspecified ? "user:"
                    : null;
                if (prefix is null)
                {
                    continue;
                }

                yield return Member.Parse(prefix + membership.MemberEmail);
                if (nested && visited.Add(membership.MemberEmail))
                {
                    queue.Enqueue(membership.MemberEmail);
                }
            }
        }
    }
}
