using System.Collections.Frozen;
using System.Collections.Immutable;
using Ward.Core.Diagnostics;

namespace Ward.Microsoft.Azure.Rbac;

/// <summary>Everything read from the Azure RBAC exports: immutable once loaded.</summary>
public sealed record AzureEstate
{
    public static AzureEstate Empty { get; } = new()
    {
        RoleDefinitions = [],
        RoleAssignments = [],
        DenyAssignments = [],
        EligibleAssignments = [],
        Hierarchy = AzureHierarchy.Empty,
        Inputs = [],
        Diagnostics = [],
    };

    public required ImmutableArray<RoleDefinition> RoleDefinitions { get; init; }

    public required ImmutableArray<RoleAssignment> RoleAssignments { get; init; }

    public required ImmutableArray<DenyAssignment> DenyAssignments { get; init; }

    public required ImmutableArray<EligibleRoleAssignment> EligibleAssignments { get; init; }

    public required AzureHierarchy Hierarchy { get; init; }

    /// <summary>Classic subscription administrators, from older exports that list them; empty otherwise.</summary>
    public ImmutableArray<ClassicAdministrator> ClassicAdministrators { get; init; } = [];

    public required ImmutableArray<AzureInputFile> Inputs { get; init; }

    public required ImmutableArray<Diagnostic> Diagnostics { get; init; }

    private FrozenDictionary<string, RoleDefinition> DefinitionsByGuid =>
        field ??= RoleDefinitions.DistinctBy(d => d.Name, StringComparer.OrdinalIgnoreCase).ToFrozenDictionary(d => d.Name, StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// Finds a role definition by full id or bare GUID. Built-in roles have one id per subscription but the same
    /// GUID everywhere, so the GUID is the key.
    /// </summary>
    public RoleDefinition? FindRoleDefinition(string roleDefinitionId) => DefinitionsByGuid.GetValueOrDefault(RoleDefinition.GuidOf(roleDefinitionId));

    /// <summary>Finds role definitions by display name (case-insensitive); custom roles may share a name across scopes.</summary>
    public ImmutableArray<RoleDefinition> FindRoleDefinitionsByName(string roleName) =>
        [.. RoleDefinitions.Where(d => string.Equals(d.RoleName, roleName, StringComparison.OrdinalIgnoreCase))];
}
