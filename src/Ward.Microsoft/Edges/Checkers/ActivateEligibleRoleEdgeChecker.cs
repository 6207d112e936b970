using Ward.Core.Decisions;
using Ward.Core.Graph;
using Ward.Microsoft.Azure.Rbac;
using Ward.Microsoft.Entra.Directory;

namespace Ward.Microsoft.Edges.Checkers;

/// <summary>
/// <c>entra-pim-activate</c>: a principal eligible (Privileged Identity Management) for an administrator role, in
/// Entra ID or at an Azure management group or subscription, activates it. Certain when the role's exported PIM
/// policy requires no approval; conditional on an approver when it does, and on the activation settings when no
/// policy was exported. A group's eligibility is activated by its members (transitive, as the rest of Ward reads
/// membership): each gets the edge, decided for it (the policy's approvers, a deny assignment that names it).
/// </summary>
public sealed class ActivateEligibleRoleEdgeChecker : IMicrosoftEdgeChecker
{
    internal const string Requirement = "the role's PIM settings let the principal activate it (approval and MFA settings are not exported)";

    public string TechniqueId => "entra-pim-activate";

    public bool GrantsAdmin => true;

    /// <summary>
    /// Whether the Azure eligibility is one this technique draws: Owner or User Access Administrator at the root, a
    /// management group or a subscription, without a condition (a role assignment condition constrains which roles its
    /// holder may assign, which <c>azure-assign-role</c> decides, as for an active assignment).
    /// </summary>
    internal static bool IsAdminEligibility(AzureEstate azure, EligibleRoleAssignment eligibility) =>
        AdminRoles.IsAzureAdminAssignment(azure, eligibility.RoleDefinitionId, eligibility.Scope) && eligibility.Condition is null;

    public IEnumerable<Edge> Check(MicrosoftEdgeContext context, IReadOnlySet<string>? targets) =>
        // A principal eligible several ways (itself, through groups, for several roles) keeps one edge in the graph, the
        // first: a certain one before those that need an approver.
        Edges(context).OrderBy(e => e.IsConditional);

    private IEnumerable<Edge> Edges(MicrosoftEdgeContext context)
    {
        var directory = context.Directory;
        // Only an eligibility over the whole directory makes an administrator once active: one scoped to an administrative
        // unit or an object gives the role's rights there alone (the other techniques read them).
        foreach (var assignment in directory.RoleEligibilities.Where(a => a.DirectoryScope.Kind == DirectoryScopeKind.Tenant && a.AppScopeId is null or "/"
            && AdminRoles.IsEntraAdminRole(directory, a.RoleDefinitionId) && a.IsInForceAt(context.AsOf)))
        {
            var role = directory.FindRoleDefinition(assignment.RoleDefinitionId)?.DisplayName ?? assignment.RoleDefinitionId;
            var policy = directory.DirectoryRoleActivationPolicy(assignment.RoleDefinitionId);
            foreach (var principal in context.WithMembers([assignment.PrincipalId], keepGroups: true))
            {
                var verdict = ActivationVerdict.Decide(policy, principal, "the role's", Requirement, directory);
                var description = Holder(principal, assignment.PrincipalId) is { } group
                    ? $"activates the directory role {role} its group `{group}` is eligible for"
                    : $"activates its eligible directory role {role}";
                yield return Activation(principal, description, "microsoft.directory/privilegedIdentityManagement/activate", "/", verdict);
            }
        }

        foreach (var assignment in context.Azure.EligibleAssignments.Where(a => IsAdminEligibility(context.Azure, a) && a.IsInForceAt(context.AsOf)))
        {
            var role = context.Azure.FindRoleDefinition(assignment.RoleDefinitionId)?.RoleName ?? assignment.RoleDefinitionId;
            var policy = context.Azure.FindActivationPolicy(assignment.Scope, assignment.RoleDefinitionId);
            foreach (var principal in context.WithMembers([assignment.PrincipalId], keepGroups: true))
            {
                // User Access Administrator is the right to write role assignments: where a deny assignment refuses it
                // that write (the principal, or a group of its own, named), activating it makes the principal nothing
                // (or only under the deny's condition).
                var writes = AdminRoles.SelfAssignsOwner(context, principal, assignment.RoleDefinitionId, assignment.Scope, eligible: true);
                if (writes is not null and not (Allowed or Conditional))
                {
                    continue;
                }

                var verdict = ActivationVerdict.Decide(policy, principal, "the role's", Requirement, context.Directory);
                if (writes is Conditional conditional)
                {
                    verdict = verdict with { Requirements = verdict.Requirements.AddRange(conditional.Requirements) };
                }

                var description = Holder(principal, assignment.PrincipalId) is { } group
                    ? $"activates the Azure role {role} at `{assignment.Scope.Value}` its group `{group}` is eligible for"
                    : $"activates its eligible Azure role {role} at `{assignment.Scope.Value}`";
                yield return Activation(principal, description, AzureActivation.Action, assignment.Scope.Value, verdict);
            }
        }

        Edge Activation(string principal, string description, string action, string resource, ActivationVerdict verdict) =>
            new(new(principal), new(principal), TechniqueId, description + verdict.Supplies, [new EdgePermission(action, resource, "PIM eligibility", [])])
            {
                Requirements = verdict.Requirements,
                GrantsAdmin = true,
            };

        // The eligible group's name when the principal activates as one of its members; null when it is the holder.
        string? Holder(string principal, string holder) =>
            string.Equals(principal, holder, StringComparison.OrdinalIgnoreCase) ? null : context.Directory.FindGroup(holder) is { } group ? group.DisplayName ?? group.Id : holder;
    }
}
