using Ward.Core.Graph;

namespace Ward.Microsoft.Edges.Checkers;

/// <summary>
/// <c>entra-pim-activate</c>: a principal eligible (Privileged Identity Management) for an administrator role, in
/// Entra ID or at an Azure management group or subscription, activates it. Conditional: the activation settings
/// (approval, MFA, justification) are not in the exports.
/// </summary>
public sealed class ActivateEligibleRoleEdgeChecker : IMicrosoftEdgeChecker
{
    private const string Requirement = "the role's PIM settings let the principal activate it (approval and MFA settings are not exported)";

    public string TechniqueId => "entra-pim-activate";

    public bool GrantsAdmin => true;

    public IEnumerable<Edge> Check(MicrosoftEdgeContext context, IReadOnlySet<string>? targets)
    {
        var directory = context.Directory;
        var eligible = directory.RoleEligibilityScheduleInstances.IsDefaultOrEmpty ? directory.RoleEligibilitySchedules : directory.RoleEligibilityScheduleInstances;
        foreach (var assignment in eligible.Where(a => AdminRoles.IsEntraAdminRole(directory, a.RoleDefinitionId) && InForce(a.StartDateTime, a.EndDateTime, context.AsOf)))
        {
            var role = directory.FindRoleDefinition(assignment.RoleDefinitionId)?.DisplayName ?? assignment.RoleDefinitionId;
            yield return Activation(assignment.PrincipalId, $"activates its eligible directory role {role}", "microsoft.directory/privilegedIdentityManagement/activate", "/");
        }

        foreach (var assignment in context.Azure.EligibleAssignments.Where(a => AdminRoles.IsAzureAdminAssignment(context.Azure, a.RoleDefinitionId, a.Scope) && InForce(a.StartDateTime, a.EndDateTime, context.AsOf)))
        {
            var role = context.Azure.FindRoleDefinition(assignment.RoleDefinitionId)?.RoleName ?? assignment.RoleDefinitionId;
            yield return Activation(assignment.PrincipalId, $"activates its eligible Azure role {role} at `{assignment.Scope.Value}`", "Microsoft.Authorization/roleAssignmentScheduleRequests/write", assignment.Scope.Value);
        }

        Edge Activation(string principal, string description, string action, string resource) =>
            new(new(principal), new(principal), TechniqueId, description, [new EdgePermission(action, resource, "PIM eligibility", [])])
            {
                Requirements = [Requirement],
                GrantsAdmin = true,
            };
    }

    private static bool InForce(DateTimeOffset? start, DateTimeOffset? end, DateTimeOffset asOf) => (start is null || start <= asOf) && (end is null || end > asOf);
}
