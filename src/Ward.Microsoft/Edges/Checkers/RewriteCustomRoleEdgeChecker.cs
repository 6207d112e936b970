using Ward.Core.Decisions;
using Ward.Core.Graph;
using Ward.Microsoft.Azure.Evaluation;
using Ward.Microsoft.Azure.Rbac;

namespace Ward.Microsoft.Edges.Checkers;

/// <summary>
/// <c>azure-rewrite-custom-role</c>: a principal holding a custom role at the tenant root, a management group or a
/// subscription, and allowed <c>Microsoft.Authorization/roleDefinitions/write</c> on that role, rewrites the role's
/// actions to <c>*</c> and holds Owner-equivalent rights where the role is assigned. A self-escalation. Decided by the
/// Azure authorizer at every one of the role's assignable scopes: updating a custom role takes the write on all of them
/// (Microsoft: "Users that are granted this operation on all the AssignableScopes of the custom role can update custom
/// roles in those scopes").
/// </summary>
public sealed class RewriteCustomRoleEdgeChecker : IMicrosoftEdgeChecker
{
    private const string Write = "Microsoft.Authorization/roleDefinitions/write";

    public string TechniqueId => "azure-rewrite-custom-role";

    public bool GrantsAdmin => true;

    /// <summary>
    /// Where Azure checks <c>Microsoft.Authorization/roleDefinitions/write</c> to update the custom role: each of its
    /// assignable scopes, or, when none can be read, the scope it is held at.
    /// </summary>
    /// <param name="role">The custom role.</param>
    /// <param name="heldAt">The scope of the assignment of it.</param>
    public static IReadOnlyList<AzureScope> DefinitionScopes(RoleDefinition role, AzureScope heldAt)
    {
        var scopes = role.AssignableScopes.IsDefaultOrEmpty
            ? []
            : role.AssignableScopes.Select(s => AzureScope.TryParse(s, out var scope, out _) ? scope : null).OfType<AzureScope>().Distinct().ToList();
        return scopes.Count == 0 ? [heldAt] : scopes;
    }

    public IEnumerable<Edge> Check(MicrosoftEdgeContext context, IReadOnlySet<string>? targets)
    {
        var azure = context.Azure;
        var held = azure.RoleAssignments
            .Where(a => a.Scope.Kind is AzureScopeKind.Root or AzureScopeKind.ManagementGroup or AzureScopeKind.Subscription)
            .Select(a => (Assignment: a, Role: azure.FindRoleDefinition(a.RoleDefinitionId)))
            .Where(x => x.Role is { RoleType: RoleType.CustomRole })
            .ToList();
        var escalated = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (assignment, found) in held)
        {
            var role = found!;
            var definitionScopes = DefinitionScopes(role, assignment.Scope);
            foreach (var principal in context.WithMembers([assignment.PrincipalId], keepGroups: true))
            {
                if (escalated.Contains(principal))
                {
                    continue;
                }

                // The write must be allowed at every assignable scope; conditions at any of them are the edge's.
                var decisions = definitionScopes.Select(scope => context.Rbac.Authorize(new AzureRequest { PrincipalId = principal, Action = Write, Scope = scope })).ToList();
                if (decisions.Exists(d => d.Kind is not (DecisionKind.Allowed or DecisionKind.Conditional)))
                {
                    continue;
                }

                var name = role.RoleName ?? role.Name;
                var decision = decisions.Find(d => d.Kind == DecisionKind.Conditional) ?? decisions[0];
                if (MicrosoftEdgeContext.EdgeIf(TechniqueId, principal, principal, $"rewrites the custom role `{name}` it holds at `{assignment.Scope.Value}` to allow `*`", decision, Write, role.Id, grantsAdmin: true) is { } rewrite)
                {
                    escalated.Add(principal);
                    var edge = rewrite with { Requirements = [.. decisions.OfType<Conditional>().SelectMany(c => c.Requirements).Distinct(StringComparer.Ordinal)] };
                    yield return assignment.Condition is null
                        ? edge
                        : edge with { Requirements = edge.Requirements.Add($"the condition on its assignment of `{name}` lets the rewritten actions through: `{assignment.Condition}`") };
                }
            }
        }
    }
}
