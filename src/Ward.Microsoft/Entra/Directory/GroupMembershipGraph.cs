using System.Collections.Frozen;
using System.Collections.Immutable;

namespace Ward.Microsoft.Entra.Directory;

/// <summary>
/// Membership edges from each object to the groups that list it, walked upwards for transitive membership. A group
/// with an exported transitive member list contributes only that list (Graph computed it, nesting included); a group
/// without one contributes its direct members, and nesting is followed through the walk. Cycles stop the walk.
/// </summary>
internal sealed class GroupMembershipGraph
{
    private readonly FrozenDictionary<string, ImmutableArray<string>> _parents;
    private readonly FrozenDictionary<string, ImmutableArray<string>> _eligibleParents;

    private GroupMembershipGraph(FrozenDictionary<string, ImmutableArray<string>> parents, FrozenDictionary<string, ImmutableArray<string>> eligibleParents)
    {
        _parents = parents;
        _eligibleParents = eligibleParents;
    }

    public static GroupMembershipGraph Build(IEnumerable<EntraGroup> groups, IEnumerable<PrivilegedGroupAssignment> privileged)
    {
        var parents = new Dictionary<string, SortedSet<string>>(StringComparer.OrdinalIgnoreCase);
        foreach (var group in groups)
        {
            var members = group.TransitiveMembers ?? group.Members;
            foreach (var member in members ?? [])
            {
                Edge(parents, member.Id, group.Id);
            }
        }

        var eligible = new Dictionary<string, SortedSet<string>>(StringComparer.OrdinalIgnoreCase);
        foreach (var assignment in privileged.Where(p => p is { State: AssignmentState.Eligible, Access: GroupAccessType.Member }))
        {
            Edge(eligible, assignment.PrincipalId, assignment.GroupId);
        }

        return new GroupMembershipGraph(Freeze(parents), Freeze(eligible));
    }

    public ImmutableArray<string> TransitiveGroupsOf(string principalId, bool includeEligible)
    {
        var found = new SortedSet<string>(StringComparer.OrdinalIgnoreCase);
        var pending = new Queue<string>();
        pending.Enqueue(principalId);
        while (pending.Count > 0)
        {
            var current = pending.Dequeue();
            foreach (var group in Parents(current, includeEligible))
            {
                // A cycle leads back to the principal: it is not its own member.
                if (!string.Equals(group, principalId, StringComparison.OrdinalIgnoreCase) && found.Add(group))
                {
                    pending.Enqueue(group);
                }
            }
        }

        return [.. found];
    }

    private IEnumerable<string> Parents(string id, bool includeEligible)
    {
        var direct = _parents.GetValueOrDefault(id, []);
        return includeEligible ? direct.Concat(_eligibleParents.GetValueOrDefault(id, [])) : direct;
    }

    private static void Edge(Dictionary<string, SortedSet<string>> edges, string member, string group)
    {
        if (!edges.TryGetValue(member, out var set))
        {
            set = new SortedSet<string>(StringComparer.OrdinalIgnoreCase);
            edges[member] = set;
        }

        set.Add(group);
    }

    private static FrozenDictionary<string, ImmutableArray<string>> Freeze(Dictionary<string, SortedSet<string>> edges) =>
        edges.ToFrozenDictionary(p => p.Key, p => p.Value.ToImmutableArray(), StringComparer.OrdinalIgnoreCase);
}
