using Ward.Core.Decisions;
using Ward.Core.Graph;

namespace Ward.Microsoft.Edges.Checkers;

/// <summary>
/// <c>entra-pim-activate</c>: a principal eligible (Privileged Identity Management) for an administrator role, in
/// Entra ID or at an Azure management group or subscription, activates it. Certain when the role's exported PIM
/// policy requires no approval; conditional on an approver when it does, and on the activation settings when no
/// policy was exported.
/// </summary>
public sealed class ActivateEligibleRoleEdgeChecker : IMicrosoftEdgeChecker
{
    internal const string Requirement = "the role's PIM settings let the principal activate it (approval and MFA settings are not exported)";

    public string TechniqueId => "entra-pim-activate";

    public bool GrantsAdmin => true;

    public IEnumerable<Edge> Check(MicrosoftEdgeContext context, IReadOnlySet<string>? targets)
    {
        var directory = context.Directory;
        foreach (var assignment in directory.RoleEligibilities.Where(a => AdminRoles.IsEntraAdminRole(directory, a.RoleDefinitionId) && InForce(a.StartDateTime, a.EndDateTime, context.AsOf)))
        {
            var role = directory.FindRoleDefinition(assignment.RoleDefinitionId)?.DisplayName ?? assignment.RoleDefinitionId;
            var verdict = ActivationVerdict.Decide(directory.DirectoryRoleActivationPolicy(assignment.RoleDefinitionId), assignment.PrincipalId, "the role's", Requirement, directory);
            yield return Activation(assignment.PrincipalId, $"activates its eligible directory role {role}", "microsoft.directory/privilegedIdentityManagement/activate", "/", verdict);
        }

        foreach (var assignment in context.Azure.EligibleAssignments.Where(a => AdminRoles.IsAzureAdminAssignment(context.Azure, a.RoleDefinitionId, a.Scope) && InForce(a.StartDateTime, a.EndDateTime, context.AsOf)))
        {
            var role = context.Azure.FindRoleDefinition(assignment.RoleDefinitionId)?.RoleName ?? assignment.RoleDefinitionId;
            // User Access Administrator is the right to write role assignments: where a deny assignment refuses it that
            // write, activating it makes the principal nothing (or only under the deny's condition).
            var writes = AdminRoles.SelfAssignsOwner(context, assignment.PrincipalId, assignment.RoleDefinitionId, assignment.Scope, eligible: true);
            if (writes is not null and not (Allowed or Conditional))
            {
                continue;
            }

            var verdict = ActivationVerdict.Decide(context.Azure.FindActivationPolicy(assignment.Scope, assignment.RoleDefinitionId), assignment.PrincipalId, "the role's", Requirement, directory);
            if (writes is Conditional conditional)
            {
                verdict = verdict with { Requirements = verdict.Requirements.AddRange(conditional.Requirements) };
            }

            yield return Activation(assignment.PrincipalId, $"activates its eligible Azure role {role} at `{assignment.Scope.Value}`", "Microsoft.Authorization/roleAssignmentScheduleRequests/write", assignment.Scope.Value, verdict);
        }

        Edge Activation(string principal, string description, string action, string resource, ActivationVerdict verdict) =>
            new(new(principal), new(principal), TechniqueId, description + verdict.Supplies, [new EdgePermission(action, resource, "PIM eligibility", [])])
            {
                Requirements = verdict.Requirements,
                GrantsAdmin = true,
            };
    }

    private static bool InForce(DateTimeOffset? start, DateTimeOffset? end, DateTimeOffset asOf) => (start is null || start <= asOf) && (end is null || end > asOf);
}
