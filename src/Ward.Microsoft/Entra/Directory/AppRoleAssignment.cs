using Ward.Core.Diagnostics;

namespace Ward.Microsoft.Entra.Directory;

/// <summary>
/// An app role granted to a user, group or service principal on a resource service principal (an item of
/// <c>appRoleAssignedTo</c> or <c>appRoleAssignments</c>). For a service principal principal, this is an
/// application permission; <see cref="AppRoleId"/> <c>00000000-0000-0000-0000-000000000000</c> is the default access.
/// </summary>
public sealed record AppRoleAssignment
{
    public required string Id { get; init; }

    public required string PrincipalId { get; init; }

    /// <summary><c>User</c>, <c>Group</c> or <c>ServicePrincipal</c>.</summary>
    public string? PrincipalType { get; init; }

    public string? PrincipalDisplayName { get; init; }

    /// <summary>The resource service principal's object id.</summary>
    public required string ResourceId { get; init; }

    public string? ResourceDisplayName { get; init; }

    public required string AppRoleId { get; init; }

    public DateTimeOffset? CreatedDateTime { get; init; }

    /// <summary>Set when the assignment was deleted (a deleted item listed with the live ones); it then grants nothing.</summary>
    public DateTimeOffset? DeletedDateTime { get; init; }

    public SourceLocation Location { get; init; } = SourceLocation.None;
}
