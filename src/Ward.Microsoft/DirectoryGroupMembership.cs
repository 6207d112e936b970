using System.Collections.Concurrent;
using Ward.Microsoft.Azure.Evaluation;
using Ward.Microsoft.Entra.Directory;

namespace Ward.Microsoft;

/// <summary>
/// Entra group membership as Azure RBAC needs it: the directory's transitive groups of a principal, and the
/// transitive members of a group. Azure role assignments name groups; who is in them only the directory knows.
/// </summary>
public sealed class DirectoryGroupMembership(EntraDirectory directory) : IGroupMembership
{
    private readonly ConcurrentDictionary<string, IReadOnlyCollection<string>> _members = new(StringComparer.OrdinalIgnoreCase);

    public IReadOnlyCollection<string> GroupsOf(string principalId) => directory.TransitiveGroupsOf(principalId);

    public IReadOnlyCollection<string> MembersOf(string groupId) => _members.GetOrAdd(groupId, Expand);

    public bool KnowsMembersOf(string groupId) => directory.HasMemberList(groupId);

    public bool IsGroup(string objectId) => directory.FindGroup(objectId) is not null;

    private HashSet<string> Expand(string groupId)
    {
        // An exported transitive list is Graph's own answer; otherwise direct members are followed through nested
        // groups (cycles included).
        if (directory.FindGroup(groupId)?.TransitiveMembers is { } transitive)
        {
            return transitive.Select(m => m.Id).ToHashSet(StringComparer.OrdinalIgnoreCase);
        }

        var members = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var visited = new HashSet<string>([groupId], StringComparer.OrdinalIgnoreCase);
        var pending = new Queue<string>([groupId]);
        while (pending.TryDequeue(out var group))
        {
            foreach (var member in directory.FindGroup(group)?.Members ?? [])
            {
                members.Add(member.Id);
                if (member.Kind == DirectoryObjectKind.Group && visited.Add(member.Id))
                {
                    pending.Enqueue(member.Id);
                }
            }
        }

        return members;
    }
}
