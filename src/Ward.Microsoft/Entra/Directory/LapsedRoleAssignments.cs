using System.Collections.Frozen;

namespace Ward.Microsoft.Entra.Directory;

/// <summary>
/// The <c>roleAssignments</c> entries that no longer stand at a reference time. Such an entry has no dates; its PIM
/// schedule instances (direct ones, with the same principal, role and scope) have: when every one of them ended before
/// the reference time or starts after it, the entry is a time-bound assignment or an activation that lapsed after the
/// export. An entry with no instance, or with one in force, stands.
/// </summary>
public sealed class LapsedRoleAssignments
{
    private readonly FrozenSet<string> _lapsed;

    public LapsedRoleAssignments(EntraDirectory directory, DateTimeOffset referenceTime)
    {
        ArgumentNullException.ThrowIfNull(directory);
        _lapsed = directory.RoleAssignmentScheduleInstances
            .Where(a => !IsThroughGroup(a))
            .GroupBy(ScheduleKey, StringComparer.OrdinalIgnoreCase)
            .Where(g => !g.Any(a => a.IsInForceAt(referenceTime)))
            .Select(g => g.Key)
            .ToFrozenSet(StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>Whether the assignment is a <c>roleAssignments</c> entry whose schedule instances all lapsed.</summary>
    public bool Contains(DirectoryRoleAssignment assignment)
    {
        ArgumentNullException.ThrowIfNull(assignment);
        return assignment.Source == RoleAssignmentSource.RoleAssignment && _lapsed.Contains(ScheduleKey(assignment));
    }

    /// <summary>What a <c>roleAssignments</c> entry and its schedule instances share: principal, role and scope.</summary>
    public static string ScheduleKey(DirectoryRoleAssignment assignment)
    {
        ArgumentNullException.ThrowIfNull(assignment);
        return $"{assignment.PrincipalId}|{assignment.RoleDefinitionId}|{assignment.DirectoryScope.Text}";
    }

    /// <summary>An instance a user holds through a group (<c>memberType</c> Group), which repeats the group's own.</summary>
    public static bool IsThroughGroup(DirectoryRoleAssignment assignment)
    {
        ArgumentNullException.ThrowIfNull(assignment);
        return string.Equals(assignment.MemberType, "Group", StringComparison.OrdinalIgnoreCase);
    }
}
