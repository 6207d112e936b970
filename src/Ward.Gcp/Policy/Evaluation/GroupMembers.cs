using System.Collections.Concurrent;
using System.Collections.Frozen;
using System.Collections.Immutable;
using Ward.Gcp.Iam;

namespace Ward.Gcp.Policy.Evaluation;

/// <summary>
/// Decides whether a principal is a member of a Google group from the exported memberships, directly or through
/// nested groups (a membership of type <c>GROUP</c>, or whose email is an exported group), cycles included. A nested
/// group whose memberships were not exported leaves the answer possible, not denied. A group's transitive
/// memberships hold its nested groups' members already: those groups are not expanded, nor missed. Each group is expanded once
/// (every decision on a binding to it asks); thread-safe.
/// </summary>
internal sealed class GroupMembers(GcpEstate estate)
{
    private readonly ConcurrentDictionary<string, Expansion?> _expansions = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Null when the group's memberships are not known; otherwise Yes (with the path), Possibly or No.</summary>
    public MemberMatch? Match(string groupEmail, Member principal)
    {
        if (ExpansionOf(groupEmail) is not { } expansion)
        {
            return null;
        }

        // The memberships are in breadth-first order, so the shortest path through nested groups is the one explained.
        foreach (var reach in expansion.ByEmail.GetValueOrDefault(principal.Id) ?? [])
        {
            if (reach.Membership.IsMember(principal))
            {
                return MemberMatch.Through(principal, groupEmail, reach.How, static (principal, group, how) => $"`{principal.Text}` is a member of group `{group}` ({how})");
            }
        }

        if (expansion.UnknownNested is not null)
        {
            return MemberMatch.If(principal, groupEmail, expansion.UnknownNested, static (principal, group, nested) => $"`{principal.Text}` is a member of group `{nested}`, nested in group `{group}`, whose memberships were not exported");
        }

        return expansion.PartialListing is null
            ? MemberMatch.No
            : MemberMatch.If(principal, groupEmail, expansion.PartialListing, static (principal, group, partial) => $"`{principal.Text}` is a member of group `{group}` on a page of the transitive memberships of group `{partial}` that was not exported");
    }

    /// <summary>The members of a group, directly or through nested groups whose memberships were exported, as policies would name them.</summary>
    public IEnumerable<Member> TransitiveMembers(string groupEmail) => ExpansionOf(groupEmail)?.Members ?? [];

    /// <summary>Whether an email is that of a membership met expanding the group (nested groups included); false when not exported.</summary>
    public bool HasMemberEmail(string groupEmail, string email) => ExpansionOf(groupEmail)?.ByEmail.ContainsKey(email) ?? false;

    private Expansion? ExpansionOf(string groupEmail) => _expansions.GetOrAdd(groupEmail, static (email, members) => members.Expand(email), this);

    private Expansion? Expand(string groupEmail)
    {
        if (estate.MembershipsOf(groupEmail) is null)
        {
            return null;
        }

        var byEmail = new Dictionary<string, List<Reach>>(StringComparer.OrdinalIgnoreCase);
        var members = ImmutableArray.CreateBuilder<Member>();
        var visited = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { groupEmail };
        var queue = new Queue<(string Group, ImmutableArray<string> Through)>();
        queue.Enqueue((groupEmail, []));
        string? unknownNested = null;
        string? partialListing = null;
        while (queue.TryDequeue(out var current))
        {
            if (estate.MembershipsOf(current.Group) is not { } memberships)
            {
                unknownNested ??= current.Group;
                continue;
            }

            // A transitive listing already holds the members of the group's nested groups: they need no expanding.
            var transitive = memberships.Any(m => m.IsTransitive);
            if (memberships.Any(m => m.OnPartialListing))
            {
                partialListing ??= current.Group;
            }

            foreach (var membership in memberships)
            {
                if (!byEmail.TryGetValue(membership.MemberEmail, out var reaches))
                {
                    byEmail[membership.MemberEmail] = reaches = [];
                }

                reaches.Add(new Reach(membership, current.Through));
                var nested = membership.MemberType == GroupMemberType.Group
                    || (membership.MemberType == GroupMemberType.Unspecified && estate.FindGroup(membership.MemberEmail) is not null);
                if (PolicyMemberOf(membership, nested) is { } member)
                {
                    members.Add(member);
                }

                if (nested && !transitive && visited.Add(membership.MemberEmail))
                {
                    queue.Enqueue((membership.MemberEmail, current.Through.Add(membership.MemberEmail)));
                }
            }
        }

        return new Expansion(byEmail.ToFrozenDictionary(p => p.Key, p => p.Value.ToArray(), StringComparer.OrdinalIgnoreCase), unknownNested, partialListing, members.ToImmutable());
    }

    /// <summary>A membership as a policy member (<c>user:</c>, <c>serviceAccount:</c>, <c>group:</c>); null for other kinds.</summary>
    private static Member? PolicyMemberOf(GroupMembership membership, bool nested)
    {
        var prefix = nested ? "group:"
            : membership.MemberType == GroupMemberType.ServiceAccount || membership.MemberEmail.EndsWith(".gserviceaccount.com", StringComparison.OrdinalIgnoreCase) ? "serviceAccount:"
            : membership.MemberType is GroupMemberType.User or GroupMemberType.Unspecified ? "user:"
            : null;
        return prefix is null ? null : Member.Parse(prefix + membership.MemberEmail);
    }

    /// <summary>One membership met while expanding a group, with the nested groups it was reached through.</summary>
    private sealed record Reach(GroupMembership Membership, ImmutableArray<string> Through)
    {
        /// <summary>How the membership is reached, as explanations say it (worked out once per membership).</summary>
        public string How => field ??= (Through.IsEmpty, Membership.Relation) switch
        {
            (true, GroupRelation.Listed or GroupRelation.Direct) => "directly",
            (true, GroupRelation.Indirect) => "through nested groups",
            (true, _) => "directly or through nested groups",
            (false, GroupRelation.Listed or GroupRelation.Direct) => $"through group{(Through.Length == 1 ? string.Empty : "s")} {Groups}",
            (false, _) => $"through group{(Through.Length == 1 ? string.Empty : "s")} {Groups} and groups nested in {(Through.Length == 1 ? "it" : "them")}",
        };

        private string Groups => string.Join(", ", Through.Select(g => $"`{g}`"));
    }

    /// <summary>
    /// A group expanded: its memberships by member email (breadth-first), the first nested group not exported, the
    /// first group whose transitive memberships are one page of several, its members as policies name them.
    /// </summary>
    private sealed record Expansion(FrozenDictionary<string, Reach[]> ByEmail, string? UnknownNested, string? PartialListing, ImmutableArray<Member> Members);
}
