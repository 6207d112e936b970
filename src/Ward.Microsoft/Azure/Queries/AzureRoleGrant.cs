using System.Collections.Immutable;
using Ward.Microsoft.Azure.Rbac;

namespace Ward.Microsoft.Azure.Queries;

/// <summary>One role a principal holds at one scope: directly or via a group, active or eligible.</summary>
public sealed record AzureRoleGrant
{
    public required string RoleName { get; init; }

    public required string RoleDefinitionId { get; init; }

    /// <summary>The role assignment's (or eligibility's) id.</summary>
    public required string AssignmentId { get; init; }

    /// <summary>The group through which the principal holds the role; null when assigned directly.</summary>
    public string? ViaGroupId { get; init; }

    public string? ViaGroupName { get; init; }

    /// <summary>A PIM eligibility: held only once activated.</summary>
    public bool IsEligible { get; init; }

    public string? Condition { get; init; }

    /// <summary>The role's permission blocks; empty when the definition is missing from the export.</summary>
    public required ImmutableArray<PermissionBlock> Permissions { get; init; }

    public bool DefinitionMissing { get; init; }
}
