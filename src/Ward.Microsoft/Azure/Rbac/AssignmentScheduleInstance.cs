using Ward.Core.Diagnostics;

namespace Ward.Microsoft.Azure.Rbac;

/// <summary>
/// A PIM role assignment schedule instance on Azure resources: how an active role assignment is held. Azure keeps one
/// for every active assignment, PIM-managed or not: <c>Assigned</c> (a standing or time-bound assignment) or
/// <c>Activated</c> (a PIM activation of an eligibility, which ends).
/// </summary>
public sealed record AssignmentScheduleInstance
{
    public required string Id { get; init; }

    public required string PrincipalId { get; init; }

    public string? PrincipalType { get; init; }

    public required string RoleDefinitionId { get; init; }

    public required AzureScope Scope { get; init; }

    /// <summary><c>Assigned</c> or <c>Activated</c>.</summary>
    public string? AssignmentType { get; init; }

    /// <summary><c>Direct</c>, <c>Group</c> (held through a group) or <c>Inherited</c>.</summary>
    public string? MemberType { get; init; }

    public DateTimeOffset? StartDateTime { get; init; }

    /// <summary>Null when the assignment does not end.</summary>
    public DateTimeOffset? EndDateTime { get; init; }

    /// <summary>The id of the role assignment the instance describes (<c>originRoleAssignmentId</c>).</summary>
    public string? OriginRoleAssignmentId { get; init; }

    /// <summary>For an activation: the eligibility instance it activated.</summary>
    public string? LinkedRoleEligibilityScheduleInstanceId { get; init; }

    public string? Condition { get; init; }

    public SourceLocation Location { get; init; } = SourceLocation.None;

    public string RoleDefinitionGuid => RoleDefinition.GuidOf(RoleDefinitionId);

    public bool IsActivation => string.Equals(AssignmentType, "Activated", StringComparison.OrdinalIgnoreCase);
}
