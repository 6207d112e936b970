using System.Collections.Immutable;
using Ward.Core.Diagnostics;

namespace Ward.Microsoft.Azure.Rbac;

/// <summary>
/// A deny assignment: the listed principals (minus the excluded ones) may not perform the listed actions at the
/// scope, and below it unless <see cref="DoNotApplyToChildScopes"/>. A matching deny wins over every role assignment.
/// </summary>
public sealed record DenyAssignment
{
    public required string Id { get; init; }

    public required string Name { get; init; }

    /// <summary>The display name (<c>denyAssignmentName</c>).</summary>
    public required string DenyAssignmentName { get; init; }

    public string? Description { get; init; }

    public required ImmutableArray<PermissionBlock> Permissions { get; init; }

    public required AzureScope Scope { get; init; }

    public required ImmutableArray<DenyPrincipal> Principals { get; init; }

    public ImmutableArray<DenyPrincipal> ExcludePrincipals { get; init; } = [];

    public bool DoNotApplyToChildScopes { get; init; }

    public bool IsSystemProtected { get; init; }

    public string? Condition { get; init; }

    public string? ConditionVersion { get; init; }

    public SourceLocation Location { get; init; } = SourceLocation.None;
}
