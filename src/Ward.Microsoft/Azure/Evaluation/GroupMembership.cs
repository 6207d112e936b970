using System.Collections.Frozen;

namespace Ward.Microsoft.Azure.Evaluation;

/// <summary>
/// Group membership from a list of direct (group, member) pairs, made transitive once. <see cref="None"/> knows
/// no groups: every principal is decided on its own assignments alone.
/// </summary>
public sealed class GroupMembership : IGroupMembership
{
    private readonly FrozenDictionary<string, string[]> _groupsOf;
    private readonly FrozenDictionary<string, string[]> _membersOf;

    private GroupMembership(IEnumerable<(string GroupId, string MemberId)> directMembers)
    {
        var direct = new Dictionary<string, List<string>>(StringComparer.OrdinalIgnoreCase);
        var parents = new Dictionary<string, List<string>>(StringComparer.OrdinalIgnoreCase);
        foreach (var (group, member) in directMembers)
        {
            Add(direct, group, member);
            Add(parents, member, group);
        }

        _membersOf = direct.Keys.ToFrozenDictionary(g => g, g => Closure(g, direct), StringComparer.OrdinalIgnoreCase);
        _groupsOf = parents.Keys.ToFrozenDictionary(m => m, m => Closure(m, parents), StringComparer.OrdinalIgnoreCase);
    }

    public static GroupMembership None { get; } = new([]);

    /// <summary>Builds membership from direct pairs; nesting (a group as a member) is followed, cycles are harmless.</summary>
    public static GroupMembership FromDirectMembers(IEnumerable<(string GroupId, string MemberId)> directMembers)
    {
        ArgumentNullException.ThrowIfNull(directMembers);
        return new GroupMembership(directMembers);
    }

    public IReadOnlyCollection<string> GroupsOf(string principalId) => _groupsOf.TryGetValue(principalId, out var groups) ? groups : [];

    public IReadOnlyCollection<string> MembersOf(string groupId) => _membersOf.TryGetValue(groupId, out var members) ? members : [];

    public bool KnowsMembersOf(string groupId) => _membersOf.ContainsKey(groupId);

    public bool IsGroup(string objectId) => _membersOf.ContainsKey(objectId);

    private static void Add(Dictionary<string, List<string>> map, string key, string value)
    {
        if (!map.TryGetValue(key, out var list))
        {
            map[key] = list = [];
        }

        list.Add(value);
    }

    private static string[] Closure(string start, Dictionary<string, List<string>> edges)
    {
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { start };
        var result = new List<string>();
        var queue = new Queue<string>([start]);
        while (queue.TryDequeue(out var current))
        {
            foreach (var next in edges.GetValueOrDefault(current) ?? [])
            {
                if (seen.Add(next))
                {
                    result.Add(next);
                    queue.Enqueue(next);
                }
            }
        }

        return [.. result];
    }
}
