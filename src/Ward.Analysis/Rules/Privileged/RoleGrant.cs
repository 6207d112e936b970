using Ward.Microsoft.Entra.Catalog;
using Ward.Microsoft.Entra.Directory;

namespace Ward.Analysis.Rules.Privileged;

/// <summary>A directory role assignment in force at the reference time, with its role's tier and how it is held.</summary>
internal sealed record RoleGrant(DirectoryRoleAssignment Assignment, TieredRole Role, RoleHoldState State, DateTimeOffset? End)
{
    public string PrincipalId => Assignment.PrincipalId;

    public bool IsTenantWide => Assignment.DirectoryScope.Kind == DirectoryScopeKind.Tenant;
}
