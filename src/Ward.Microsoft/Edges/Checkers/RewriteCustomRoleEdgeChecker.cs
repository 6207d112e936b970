using Ward.Core.Decisions;
using Ward.Core.Graph;
using Ward.Microsoft.Azure.Evaluation;
using Ward.Microsoft.Azure.Rbac;

namespace Ward.Microsoft.Edges.Checkers;

/// <summary>
/// <c>azure-rewrite-custom-role</c>: a principal holding a custom role at the tenant root, a management group or a
/// subscription, and allowed <c>Microsoft.Authorization/roleDefinitions/write</c> on that role, rewrites the role's
/// actions to <c>*</c> and holds Owner-equivalent rights where the role is assigned. A self-escalation. Decided by the
/// Azure authorizer at the role's first assignable scope (where Azure checks the write).
/// </summary>
public sealed class RewriteCustomRoleEdgeChecker : IMicrosoftEdgeChecker
{
    private const string Write = "Microsoft.Authorization/roleDefinitions/write";

    public string TechniqueId => "azure-rewrite-custom-role";

    public bool GrantsAdmin => true;

    public IEnumerable<Edge> Check(MicrosoftEdgeContext context, IReadOnlySet<string>? targets)
    {
        var azure = context.Azure;
        var held = azure.RoleAssignments
            .Where(a => a.Scope.Kind is AzureScopeKind.Root or AzureScopeKind.ManagementGroup or AzureScopeKind.Subscription)
            .Select(a => (Assignment: a, Role: azure.FindRoleDefinition(a.RoleDefinitionId)))
            .Where(x => x.Role is { RoleType: RoleType.CustomRole })
            .ToList();
        var escalated = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (assignment, role) in held)
        {
            var definitionScope = role!.AssignableScopes.IsDefaultOrEmpty ? assignment.Scope : AzureScope.TryParse(role.AssignableScopes[0], out var first, out _) ? first : assignment.Scope;
            foreach (var principal in context.WithMembers([assignment.PrincipalId], keepGroups: true))
            {
                if (escalated.Contains(principal))
                {
                    continue;
                }

                var decision = context.Rbac.Authorize(new AzureRequest { PrincipalId = principal, Action = Write, Scope = definitionScope });
                if (decision.Kind is not (DecisionKind.Allowed or DecisionKind.Conditional))
                {
                    continue;
                }

                var name = role.RoleName ?? role.Name;
                if (MicrosoftEdgeContext.EdgeIf(TechniqueId, principal, principal, $"rewrites the custom role `{name}` it holds at `{assignment.Scope.Value}` to allow `*`", decision, Write, role.Id, grantsAdmin: true) is { } edge)
                {
                    escalated.Add(principal);
                    yield return assignment.Condition is null
                        ? edge
                        : edge with { Requirements = edge.Requirements.Add($"the condition on its assignment of `{name}` lets the rewritten actions through: `{assignment.Condition}`") };
                }
            }
        }
    }
}
