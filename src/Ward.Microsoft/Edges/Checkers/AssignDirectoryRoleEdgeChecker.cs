using Ward.Core.Decisions;
using Ward.Core.Graph;
using Ward.Microsoft.Entra.Catalog;
using Ward.Microsoft.Entra.Directory;

namespace Ward.Microsoft.Edges.Checkers;

/// <summary>
/// <c>entra-assign-role</c>: a principal that may create directory role assignments (Privileged Role Administrator,
/// Global Administrator) assigns itself Global Administrator; so does a service principal holding Microsoft Graph's
/// <c>RoleManagement.ReadWrite.Directory</c> or <c>RoleAssignmentSchedule.ReadWrite.Directory</c> (a PIM assignment
/// request), or <c>AppRoleAssignment.ReadWrite.All</c> (which lets it grant itself the first one). A self-escalation: the principal ends with every permission of the tenant.
/// <c>RoleEligibilitySchedule.ReadWrite.Directory</c> makes anyone eligible (a PIM eligibility request,
/// <c>adminAssign</c>), itself included, but the eligible principal must then activate the role (<c>selfActivate</c>,
/// which Microsoft documents for users): conditional on that and on the role's activation settings.
/// </summary>
public sealed class AssignDirectoryRoleEdgeChecker : IMicrosoftEdgeChecker
{
    private const string AssignRoles = "microsoft.directory/roleAssignments/allProperties/allTasks";
    private const string EligibilityPermission = "RoleEligibilitySchedule.ReadWrite.Directory";
    private const string ActivationRequirement = "the service principal can activate a role it is eligible for (PIM documents self-activation for users) and the role's PIM settings allow it (approval and MFA settings are not exported)";
    private const string SelfActivationRequirement = "the service principal can activate a role it is eligible for (PIM documents self-activation for users)";

    // Certain ones first: a principal holding one of them needs no activation.
    private static readonly string[] GraphPermissions = ["RoleManagement.ReadWrite.Directory", "RoleAssignmentSchedule.ReadWrite.Directory", "AppRoleAssignment.ReadWrite.All", EligibilityPermission];

    public string TechniqueId => "entra-assign-role";

    public bool GrantsAdmin => true;

    public IEnumerable<Edge> Check(MicrosoftEdgeContext context, IReadOnlySet<string>? targets)
    {
        foreach (var holder in context.RoleHoldersFor(AssignRoles))
        {
            // An eligibility for an administrator role over the whole directory (Privileged Role Administrator) is
            // entra-pim-activate's: activated, it is the administrator.
            var step = context.DecideDirectoryRole(holder, AssignRoles, holder);
            if (step.Activation?.Eligibility is { DirectoryScope.Kind: DirectoryScopeKind.Tenant } eligibility && AdminRoles.IsEntraAdminRole(context.Directory, eligibility.RoleDefinitionId))
            {
                continue;
            }

            if (step.Kind != DecisionKind.ImplicitDeny
                && step.ToEdge(TechniqueId, holder, holder, "assigns itself Global Administrator with its directory role", AssignRoles, "/", grantsAdmin: true) is { } edge)
            {
                yield return edge;
            }
        }

        foreach (var (principal, permissions) in context.GraphPermissions.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            if (GraphPermissions.FirstOrDefault(permissions.Contains) is { } permission)
            {
                var how = permission switch
                {
                    "AppRoleAssignment.ReadWrite.All" => "grants itself RoleManagement.ReadWrite.Directory, then assigns itself Global Administrator",
                    "RoleAssignmentSchedule.ReadWrite.Directory" => "requests an active PIM assignment of Global Administrator for itself",
                    EligibilityPermission => "makes itself eligible for Global Administrator through PIM, then activates it",
                    _ => "assigns itself Global Administrator",
                };
                // Eligible first, it then activates under Global Administrator's PIM policy, when that was exported.
                var policy = permission == EligibilityPermission ? context.Directory.DirectoryRoleActivationPolicy(DirectoryRoleTiers.GlobalAdministrator) : null;
                var activation = ActivationVerdict.Decide(policy, principal, "the role's", ActivationRequirement, context.Directory);
                yield return new Edge(new(principal), new(principal), TechniqueId, $"{how} with Microsoft Graph {permission}{(permission == EligibilityPermission ? activation.Supplies : string.Empty)}",
                    [new EdgePermission(permission, "/", "Microsoft Graph application permission", [])])
                {
                    GrantsAdmin = true,
                    Requirements = permission != EligibilityPermission ? [] : policy is null ? activation.Requirements : [SelfActivationRequirement, .. activation.Requirements],
                };
            }
        }
    }
}
