using Ward.Core.Diagnostics;

namespace Ward.Microsoft.Entra.Directory;

/// <summary>
/// An Entra role given to a principal at a scope: an item of <c>roleAssignments</c>, of the PIM
/// <c>roleAssignmentScheduleInstances</c>, or (eligible) of <c>roleEligibilitySchedules</c> /
/// <c>roleEligibilityScheduleInstances</c>; <see cref="Source"/> says which.
/// </summary>
public sealed record DirectoryRoleAssignment
{
    public required string Id { get; init; }

    public required string PrincipalId { get; init; }

    public required string RoleDefinitionId { get; init; }

    public required DirectoryScope DirectoryScope { get; init; }

    /// <summary>An application-specific scope; null (or <c>/</c>) for directory-wide assignments.</summary>
    public string? AppScopeId { get; init; }

    public required RoleAssignmentSource Source { get; init; }

    public AssignmentState State => Source is RoleAssignmentSource.EligibilitySchedule or RoleAssignmentSource.EligibilityScheduleInstance ? AssignmentState.Eligible : AssignmentState.Active;

    /// <summary>For schedule instances in force: <c>Assigned</c> (permanent or time-bound) or <c>Activated</c> (a PIM activation).</summary>
    public string? AssignmentType { get; init; }

    /// <summary><c>Direct</c>, <c>Group</c> (through a role-assignable group) or <c>Inherited</c>; null when not exported.</summary>
    public string? MemberType { get; init; }

    public DateTimeOffset? StartDateTime { get; init; }

    /// <summary>When it ends; null when it does not expire.</summary>
    public DateTimeOffset? EndDateTime { get; init; }

    public SourceLocation Location { get; init; } = SourceLocation.None;

    /// <summary>Whether it is in force at an instant: started (or with no start) and not ended.</summary>
    public bool IsInForceAt(DateTimeOffset instant) =>
        (StartDateTime is not { } start || start <= instant) && (EndDateTime is not { } end || end > instant);
}
