using System.Collections.Concurrent;
using System.Collections.Frozen;
using System.Collections.Immutable;

namespace Ward.Microsoft.Entra.Directory;

/// <summary>
/// Membership edges from each object to the groups that list it, walked upwards for transitive membership. A group
/// with an exported transitive member list is decided by that list alone (Graph computed it, nesting included), so
/// its edges are followed only from the principal asked about (and from groups it could join through PIM, which the
/// list cannot show); a group without one contributes its direct members, and nesting is followed through the walk.
/// Cycles stop the walk.
/// </summary>
internal sealed class GroupMembershipGraph
{
    private readonly FrozenDictionary<string, ImmutableArray<string>> _direct;
    private readonly FrozenDictionary<string, ImmutableArray<string>> _transitive;
    private readonly FrozenDictionary<string, ImmutableArray<string>> _eligible;

    // The walked answers, per principal and whether PIM memberships count: several rules ask about every user.
    private readonly ConcurrentDictionary<(string Principal, bool IncludeEligible), ImmutableArray<string>> _walked = new(new WalkKeyComparer());

    private GroupMembershipGraph(FrozenDictionary<string, ImmutableArray<string>> direct, FrozenDictionary<string, ImmutableArray<string>> transitive, FrozenDictionary<string, ImmutableArray<string>> eligible)
    {
        _direct = direct;
        _transitive = transitive;
        _eligible = eligible;
    }

    public static GroupMembershipGraph Build(IEnumerable<EntraGroup> groups, IEnumerable<PrivilegedGroupAssignment> privileged)
    {
        var direct = new Dictionary<string, List<string>>(StringComparer.OrdinalIgnoreCase);
        var transitive = new Dictionary<string, List<string>>(StringComparer.OrdinalIgnoreCase);
        foreach (var group in groups)
        {
            var (edges, members) = group.TransitiveMembers is { } listed ? (transitive, listed) : (direct, group.Members ?? []);
            foreach (var member in members)
            {
                Edge(edges, member.Id, group.Id);
            }
        }

        var eligible = new Dictionary<string, List<string>>(StringComparer.OrdinalIgnoreCase);
        foreach (var assignment in privileged.Where(p => p is { State: AssignmentState.Eligible, Access: GroupAccessType.Member }))
        {
            Edge(eligible, assignment.PrincipalId, assignment.GroupId);
        }

        return new GroupMembershipGraph(Freeze(direct), Freeze(transitive), Freeze(eligible));
    }

    public ImmutableArray<string> TransitiveGroupsOf(string principalId, bool includeEligible)
    {
        // Without PIM memberships both questions have one answer: walked and kept once.
        includeEligible &= _eligible.Count > 0;

        // Every group's transitive list exported, and no PIM membership to follow: the principal's list is the answer
        // (a tenant's hundreds of thousands of users are asked about by several rules).
        if (_direct.Count == 0 && (!includeEligible || _eligible.Count == 0))
        {
            var listed = _transitive.GetValueOrDefault(principalId, []);
            return listed.Contains(principalId, StringComparer.OrdinalIgnoreCase) ? listed.Remove(principalId, StringComparer.OrdinalIgnoreCase) : listed;
        }

        return _walked.GetOrAdd((principalId, includeEligible), static (key, graph) => graph.Walk(key.Principal, key.IncludeEligible), this);
    }

    private ImmutableArray<string> Walk(string principalId, bool includeEligible)
    {
        var found = new SortedSet<string>(StringComparer.OrdinalIgnoreCase);
        var pending = new Queue<(string Id, bool AsPrincipal)>();
        pending.Enqueue((principalId, true));
        while (pending.Count > 0)
        {
            var (current, asPrincipal) = pending.Dequeue();
            var next = _direct.GetValueOrDefault(current, []).Select(g => (g, false));
            if (asPrincipal)
            {
                next = next.Concat(_transitive.GetValueOrDefault(current, []).Select(g => (g, false)));
                if (includeEligible)
                {
                    next = next.Concat(_eligible.GetValueOrDefault(current, []).Select(g => (g, true)));
                }
            }

            foreach (var (group, joined) in next)
            {
                // A cycle leads back to the principal: it is not its own member.
                if (!string.Equals(group, principalId, StringComparison.OrdinalIgnoreCase) && found.Add(group))
                {
                    pending.Enqueue((group, joined));
                }
            }
        }

        return [.. found];
    }

    private static void Edge(Dictionary<string, List<string>> edges, string member, string group)
    {
        if (!edges.TryGetValue(member, out var groups))
        {
            groups = [];
            edges[member] = groups;
        }

        groups.Add(group);
    }

    /// <summary>Principal ids compare as the rest of the graph does: without case.</summary>
    private sealed class WalkKeyComparer : IEqualityComparer<(string Principal, bool IncludeEligible)>
    {
        public bool Equals((string Principal, bool IncludeEligible) x, (string Principal, bool IncludeEligible) y) =>
            x.IncludeEligible == y.IncludeEligible && StringComparer.OrdinalIgnoreCase.Equals(x.Principal, y.Principal);

        public int GetHashCode((string Principal, bool IncludeEligible) obj) =>
            HashCode.Combine(StringComparer.OrdinalIgnoreCase.GetHashCode(obj.Principal), obj.IncludeEligible);
    }

    // Each list sorted without case, the first spelling of an id kept (most members are in one group or a few).
    private static FrozenDictionary<string, ImmutableArray<string>> Freeze(Dictionary<string, List<string>> edges) =>
        edges.ToFrozenDictionary(p => p.Key, p => p.Value.Count == 1 ? [p.Value[0]] : p.Value.Distinct(StringComparer.OrdinalIgnoreCase).Order(StringComparer.OrdinalIgnoreCase).ToImmutableArray(), StringComparer.OrdinalIgnoreCase);
}
