using Ward.Core.Diagnostics;

namespace Ward.Microsoft.Entra.Directory;

/// <summary>
/// A PIM for Groups schedule instance: a principal eligible for (<c>eligibilityScheduleInstances</c>, and the
/// <c>eligibilitySchedules</c> no instance stands for) or holding (<c>assignmentScheduleInstances</c>)
/// membership or ownership of a group.
/// </summary>
public sealed record PrivilegedGroupAssignment
{
    public required string Id { get; init; }

    public required string PrincipalId { get; init; }

    public required string GroupId { get; init; }

    public required GroupAccessType Access { get; init; }

    public required AssignmentState State { get; init; }

    /// <summary>For active instances: <c>Assigned</c> or <c>Activated</c>.</summary>
    public string? AssignmentType { get; init; }

    public string? MemberType { get; init; }

    public DateTimeOffset? StartDateTime { get; init; }

    public DateTimeOffset? EndDateTime { get; init; }

    public SourceLocation Location { get; init; } = SourceLocation.None;
}
