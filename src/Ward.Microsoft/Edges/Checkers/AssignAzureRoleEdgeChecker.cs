using Ward.Core.Decisions;
using Ward.Core.Graph;
using Ward.Microsoft.Azure.Evaluation;
using Ward.Microsoft.Azure.Rbac;

namespace Ward.Microsoft.Edges.Checkers;

/// <summary>
/// <c>azure-assign-role</c>: a principal allowed <c>Microsoft.Authorization/roleAssignments/write</c> for Owner at the
/// tenant root, a management group or a subscription (User Access Administrator, Role Based Access Control
/// Administrator without a condition that stops it, a custom role) assigns itself Owner there. Decided by the Azure
/// authorizer with Owner as the role being assigned, so constrained delegation is honoured.
/// </summary>
public sealed class AssignAzureRoleEdgeChecker : IMicrosoftEdgeChecker
{
    private const string Write = "Microsoft.Authorization/roleAssignments/write";
    private const string Owner = "8e3af657-a8ff-443c-a75c-2fe8c4bcb635";

    public string TechniqueId => "azure-assign-role";

    public IEnumerable<Edge> Check(MicrosoftEdgeContext context)
    {
        var azure = context.Azure;
        var scopes = azure.Hierarchy.ManagementGroups.Select(g => AzureScope.ManagementGroup(g.Name))
            .Concat(azure.Hierarchy.Subscriptions.Select(s => AzureScope.Subscription(s.Id)))
            .ToList();
        var membership = new DirectoryGroupMembership(context.Directory);
        var principals = azure.RoleAssignments.Select(a => a.PrincipalId)
            .SelectMany(p => context.Directory.FindGroup(p) is not null ? membership.MembersOf(p).Prepend(p) : [p])
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .Order(StringComparer.Ordinal);
        foreach (var principal in principals)
        {
            foreach (var scope in scopes)
            {
                var request = new AzureRequest { PrincipalId = principal, Action = Write, Scope = scope }.WithRoleDefinitionInRequest(Owner);
                var decision = context.Rbac.Authorize(request);
                if (decision.Kind is DecisionKind.Allowed or DecisionKind.Conditional
                    && MicrosoftEdgeContext.EdgeIf(TechniqueId, principal, principal, $"assigns itself Owner of `{scope.Value}`", decision, Write, scope.Value, grantsAdmin: true) is { } edge)
                {
                    yield return edge;
                    break;
                }
            }
        }
    }
}
