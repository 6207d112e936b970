using Ward.Microsoft.Entra.Catalog;
using Ward.Microsoft.Entra.Directory;

namespace Ward.Analysis.Rules.Privileged;

/// <summary>A directory role assignment in force at the reference time, with its role's tier and how it is held.</summary>
/// <param name="Assignment">The assignment or eligibility.</param>
/// <param name="Role">Its role, tiered.</param>
/// <param name="State">How it is held.</param>
/// <param name="End">When it ends; null for no end.</param>
/// <param name="HasScheduleInstance">Whether a PIM schedule instance of the export tells how an active assignment is held (false: a plain roleAssignments entry, read as having no end).</param>
internal sealed record RoleGrant(DirectoryRoleAssignment Assignment, TieredRole Role, RoleHoldState State, DateTimeOffset? End, bool HasScheduleInstance = false)
{
    public string PrincipalId => Assignment.PrincipalId;

    public bool IsTenantWide => Assignment.DirectoryScope.Kind == DirectoryScopeKind.Tenant;
}
