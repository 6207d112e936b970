using Ward.Core.Diagnostics;
using Ward.Microsoft.Pim;

namespace Ward.Microsoft.Entra.Directory;

/// <summary>
/// A PIM role management policy assignment (<c>policies/roleManagementPolicyAssignments</c>): which policy governs a
/// directory role (scope type <c>DirectoryRole</c> or <c>Directory</c>, scope <c>/</c>) or a group's membership or
/// ownership (scope type <c>Group</c>, the group's id, role <c>member</c> or <c>owner</c>).
/// </summary>
public sealed record RoleManagementPolicyAssignment
{
    public required string Id { get; init; }

    /// <summary><c>DirectoryRole</c>, <c>Directory</c> or <c>Group</c>; null when the export does not say (AzureHound: directory roles).</summary>
    public string? ScopeType { get; init; }

    public string ScopeId { get; init; } = "/";

    /// <summary>The directory role's definition id, or <c>member</c> / <c>owner</c> for a group.</summary>
    public required string RoleDefinitionId { get; init; }

    /// <summary>The activation rules; null when the policy was not expanded with its rules.</summary>
    public ActivationPolicy? Policy { get; init; }

    public SourceLocation Location { get; init; } = SourceLocation.None;

    public bool IsForGroup => string.Equals(ScopeType, "Group", StringComparison.OrdinalIgnoreCase);
}
