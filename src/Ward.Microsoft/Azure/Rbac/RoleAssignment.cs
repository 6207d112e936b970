using Ward.Core.Diagnostics;

namespace Ward.Microsoft.Azure.Rbac;

/// <summary>An active role assignment: a principal holds a role at a scope (and every scope below it).</summary>
public sealed record RoleAssignment
{
    public required string Id { get; init; }

    /// <summary>The assignment's GUID.</summary>
    public required string Name { get; init; }

    /// <summary>The Entra object id of the user, group, service principal or managed identity.</summary>
    public required string PrincipalId { get; init; }

    /// <summary><c>User</c>, <c>Group</c>, <c>ServicePrincipal</c>, <c>ForeignGroup</c>, <c>Device</c>, when exported.</summary>
    public string? PrincipalType { get; init; }

    /// <summary>The sign-in or display name the az CLI adds (<c>principalName</c>); absent in the REST form.</summary>
    public string? PrincipalName { get; init; }

    public required string RoleDefinitionId { get; init; }

    /// <summary>The role name the az CLI adds (<c>roleDefinitionName</c>); absent in the REST form.</summary>
    public string? RoleDefinitionName { get; init; }

    public required AzureScope Scope { get; init; }

    /// <summary>An ABAC condition, as written.</summary>
    public string? Condition { get; init; }

    public string? ConditionVersion { get; init; }

    public string? Description { get; init; }

    public SourceLocation Location { get; init; } = SourceLocation.None;

    public string RoleDefinitionGuid => RoleDefinition.GuidOf(RoleDefinitionId);
}
