using Ward.Core.Diagnostics;

namespace Ward.Microsoft.Azure.Rbac;

/// <summary>
/// A PIM eligibility on Azure resources (a role eligibility schedule or one of its instances): the principal may
/// activate the role, but holds nothing until it does. Decisions use active assignments unless asked otherwise.
/// </summary>
public sealed record EligibleRoleAssignment
{
    public required string Id { get; init; }

    public required string PrincipalId { get; init; }

    public string? PrincipalType { get; init; }

    /// <summary>The principal's display name, when the export expands it.</summary>
    public string? PrincipalName { get; init; }

    public required string RoleDefinitionId { get; init; }

    public required AzureScope Scope { get; init; }

    public DateTimeOffset? StartDateTime { get; init; }

    /// <summary>Null for a permanent eligibility.</summary>
    public DateTimeOffset? EndDateTime { get; init; }

    /// <summary><c>Direct</c>, <c>Group</c> or <c>Inherited</c>.</summary>
    public string? MemberType { get; init; }

    public string? Status { get; init; }

    public string? Condition { get; init; }

    public string? ConditionVersion { get; init; }

    public SourceLocation Location { get; init; } = SourceLocation.None;

    public string RoleDefinitionGuid => RoleDefinition.GuidOf(RoleDefinitionId);

    /// <summary>Whether the eligibility is in force at <paramref name="instant"/> (no dates: always).</summary>
    public bool IsInForceAt(DateTimeOffset instant) =>
        (StartDateTime is null || StartDateTime <= instant) && (EndDateTime is null || instant < EndDateTime);
}
