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

    public bool GrantsAdmin => true;

    public IEnumerable<Edge> Check(MicrosoftEdgeContext context, IReadOnlySet<string>? targets)
    {
        var azure = context.Azure;

        // Only assignments of a role that can write role assignments at all, made at the root, a management group or
        // a subscription, can make their holder Owner of such a scope: decide their holders (and members) only, and
        // only at the scopes those assignments reach. A role whose definition is missing is kept: the authorizer says
        // what it cannot know.
        var writers = azure.RoleAssignments
            .Where(a => a.Scope.Kind is AzureScopeKind.Root or AzureScopeKind.ManagementGroup or AzureScopeKind.Subscription && CanWriteAssignments(azure, a.RoleDefinitionId))
            .ToList();
        if (writers.Count == 0)
        {
            yield break;
        }

        var scopes = azure.Hierarchy.ManagementGroups.Select(g => AzureScope.ManagementGroup(g.Name))
            .Concat(azure.Hierarchy.Subscriptions.Select(s => AzureScope.Subscription(s.Id)))
            .ToList();

        // Each principal (the assignees, and the members of assignee groups) is decided only at the scopes its own
        // writer assignments reach, the scopes they were made at first: there the first request almost always decides.
        var writersOf = new Dictionary<string, List<RoleAssignment>>(StringComparer.OrdinalIgnoreCase);
        foreach (var writer in writers)
        {
            foreach (var principal in context.WithMembers([writer.PrincipalId], keepGroups: true))
            {
                if (!writersOf.TryGetValue(principal, out var held))
                {
                    writersOf[principal] = held = [];
                }

                held.Add(writer);
            }
        }

        foreach (var (principal, held) in writersOf.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            var candidates = held.Select(w => w.Scope)
                .Concat(scopes.Where(scope => held.Exists(w => azure.Hierarchy.Reach(w.Scope, scope) != ScopeReach.No)))
                .Where(scope => scope.Kind is AzureScopeKind.Root or AzureScopeKind.ManagementGroup or AzureScopeKind.Subscription)
                .Distinct();
            foreach (var scope in candidates)
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

    private static bool CanWriteAssignments(AzureEstate azure, string roleDefinitionId) =>
        azure.FindRoleDefinition(roleDefinitionId) is not { } definition
        || definition.Permissions.Any(block => ActionPattern.FirstMatch(block.Actions, Write) is not null && ActionPattern.FirstMatch(block.NotActions, Write) is null);
}
