using Ward.Core.Decisions;
using Ward.Core.Graph;

namespace Ward.Microsoft.Edges.Checkers;

/// <summary>
/// <c>entra-assign-role</c>: a principal that may create directory role assignments (Privileged Role Administrator,
/// Global Administrator) assigns itself Global Administrator; so does a service principal holding Microsoft Graph's
/// <c>RoleManagement.ReadWrite.Directory</c> or <c>RoleAssignmentSchedule.ReadWrite.Directory</c> (a PIM assignment
/// request), or <c>AppRoleAssignment.ReadWrite.All</c> (which lets it grant itself the first one). A self-escalation: the principal ends with every permission of the tenant.
/// </summary>
public sealed class AssignDirectoryRoleEdgeChecker : IMicrosoftEdgeChecker
{
    private const string AssignRoles = "microsoft.directory/roleAssignments/allProperties/allTasks";
    private static readonly string[] GraphPermissions = ["RoleManagement.ReadWrite.Directory", "RoleAssignmentSchedule.ReadWrite.Directory", "AppRoleAssignment.ReadWrite.All"];

    public string TechniqueId => "entra-assign-role";

    public bool GrantsAdmin => true;

    public IEnumerable<Edge> Check(MicrosoftEdgeContext context, IReadOnlySet<string>? targets)
    {
        foreach (var holder in context.RoleHoldersFor(AssignRoles))
        {
            var decision = context.Roles.Authorize(holder, AssignRoles, holder);
            if (decision.Kind != DecisionKind.ImplicitDeny
                && MicrosoftEdgeContext.EdgeIf(TechniqueId, holder, holder, "assigns itself Global Administrator with its directory role", decision, AssignRoles, "/", grantsAdmin: true) is { } edge)
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
                    _ => "assigns itself Global Administrator",
                };
                yield return new Edge(new(principal), new(principal), TechniqueId, $"{how} with Microsoft Graph {permission}",
                    [new EdgePermission(permission, "/", "Microsoft Graph application permission", [])]) { GrantsAdmin = true };
            }
        }
    }
}
