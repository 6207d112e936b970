using System.Collections.Immutable;
using Ward.Core.Decisions;
using Ward.Core.Graph;
using Ward.Microsoft.Azure.Evaluation;
using Ward.Microsoft.Azure.Rbac;

namespace Ward.Microsoft.Edges.Checkers;

/// <summary>
/// <c>azure-assign-role</c>: a principal allowed <c>Microsoft.Authorization/roleAssignments/write</c> for Owner at the
/// tenant root, a management group or a subscription (User Access Administrator, Role Based Access Control
/// Administrator without a condition that stops it, a custom role) assigns itself Owner there. Decided by the Azure
/// authorizer with Owner as the role being assigned and the principal itself as the assignee, so constrained
/// delegation is honoured. When the condition keeps Owner out, any other role that may itself write role assignments
/// (User Access Administrator, a custom role with <c>*</c> or <c>Microsoft.Authorization/*</c>) is tried: assigned
/// without a condition, it lets its holder assign Owner next. A PIM eligibility in force for a role that writes role
/// assignments there (Role Based Access Control Administrator, a custom role) is decided the same way, as if it alone
/// were activated (deny assignments and the eligibility's condition count), and the activation by the role's PIM policy
/// (<see cref="MicrosoftEdgeContext.ActivationOf"/>); an eligible Owner or User Access Administrator without a
/// condition is <c>entra-pim-activate</c>'s. The first certain way over the active roles, then the eligibilities, their
/// scopes and the roles to assign is the edge; one that holds only under conditions is kept when no certain one
/// follows. A role to assign whose own permission block's condition certainly refuses Owner, User Access Administrator
/// and Role Based Access Control Administrator (Key Vault Data Access Administrator) is not tried: it does not lead to
/// Owner. Last, a principal that may also write role definitions there (User Access Administrator with a condition that
/// refuses only named roles) creates a custom role granting <c>*</c> and assigns it to itself.
/// </summary>
public sealed class AssignAzureRoleEdgeChecker : IMicrosoftEdgeChecker
{
    private const string Write = "Microsoft.Authorization/roleAssignments/write";
    private const string Owner = MicrosoftEdgeContext.OwnerRoleId;
    private const string WriteDefinitions = "Microsoft.Authorization/roleDefinitions/write";
    private const string UserAccessAdministrator = "18d7d88d-d35e-4fb5-a5c3-7773c20a72d9";
    private const string RoleBasedAccessControlAdministrator = "f58310d9-a9f6-439a-9e8d-f62e7b41a168";

    public string TechniqueId => "azure-assign-role";

    public bool GrantsAdmin => true;

    public IEnumerable<Edge> Check(MicrosoftEdgeContext context, IReadOnlySet<string>? targets)
    {
        var azure = context.Azure;

        // Only assignments of a role that can write role assignments at all, made at the root, a management group or
        // a subscription, can make their holder Owner of such a scope: decide their holders (and members) only, and
        // only at the scopes those assignments reach. A role whose definition is missing is kept: the authorizer says
        // what it cannot know. PIM eligibilities in force for such a role count too, each activated alone, except
        // those entra-pim-activate draws (Owner and User Access Administrator without a condition).
        var writers = azure.RoleAssignments
            .Where(a => IsAdminScope(a.Scope) && CanWriteAssignments(azure, a.RoleDefinitionId))
            .ToList();
        var eligibleWriters = azure.EligibleAssignments
            .Where(e => IsAdminScope(e.Scope) && e.IsInForceAt(context.AsOf) && CanWriteAssignments(azure, e.RoleDefinitionId) && !ActivateEligibleRoleEdgeChecker.IsAdminEligibility(azure, e))
            .ToList();
        if (writers.Count == 0 && eligibleWriters.Count == 0)
        {
            yield break;
        }

        var scopes = azure.Hierarchy.ManagementGroups.Select(g => AzureScope.ManagementGroup(g.Name))
            .Concat(azure.Hierarchy.Subscriptions.Select(s => AzureScope.Subscription(s.Id)))
            .ToList();

        // Each principal (the assignees, and the members of assignee groups) is decided only at the scopes its own
        // writer assignments reach, the scopes they were made at first: there the first request almost always decides.
        var writersOf = ByPrincipal(context, writers, w => w.PrincipalId);
        var eligibleOf = ByPrincipal(context, eligibleWriters, e => e.PrincipalId);

        var assignable = AssignableRoles(azure);
        foreach (var principal in writersOf.Keys.Concat(eligibleOf.Keys).Distinct(StringComparer.OrdinalIgnoreCase).Order(StringComparer.Ordinal))
        {
            // A certain edge wins: after one that holds only under conditions (an undecidable condition at one scope,
            // or on one role, an activation that needs an approver), the other scopes, roles and eligibilities are
            // still tried, and the first certain one replaces it. The active roles come first, then each eligibility
            // activated alone. The edges all lead from the principal to itself, so one is kept: the graph keeps one
            // per technique and pair.
            Edge? conditional = null;
            Edge? certain = null;
            var ways = new List<(IEnumerable<AzureScope> Reach, EligibleRoleAssignment? Activating)>();
            if (writersOf.TryGetValue(principal, out var held))
            {
                ways.Add((held.Select(w => w.Scope), null));
            }

            ways.AddRange(eligibleOf.GetValueOrDefault(principal, []).Select(e => ((IEnumerable<AzureScope>)[e.Scope], (EligibleRoleAssignment?)e)));
            foreach (var (reach, activating) in ways)
            {
                var activation = activating is null ? null : context.ActivationOf(principal, activating);
                var candidates = reach
                    .Concat(scopes.Where(scope => reach.Any(w => azure.Hierarchy.Reach(w, scope) != ScopeReach.No)))
                    .Where(IsAdminScope)
                    .Distinct();
                foreach (var scope in candidates)
                {
                    foreach (var (roleId, description, assignableScopes) in assignable)
                    {
                        // A custom role can be assigned only within its assignable scopes.
                        if (!assignableScopes.IsDefaultOrEmpty && !assignableScopes.Any(a => azure.Hierarchy.Reach(AzureScope.Parse(a), scope) != ScopeReach.No))
                        {
                            continue;
                        }

                        var request = context.SelfAssignment(principal, scope, roleId);
                        var decision = context.Rbac.Authorize(activation is null ? request : request with { Activating = activation.Eligibility, AsOf = context.AsOf });
                        if (decision.Kind is not (DecisionKind.Allowed or DecisionKind.Conditional))
                        {
                            continue;
                        }

                        var what = $"assigns itself {description} of `{scope.Value}`";
                        var edge = activation is null
                            ? MicrosoftEdgeContext.EdgeIf(TechniqueId, principal, principal, what, decision, Write, scope.Value, grantsAdmin: true)
                            : new AzureStep([(request, decision)], null) { Activation = activation }.ToEdge(TechniqueId, principal, principal, what, MicrosoftEdgeContext.GrantedBy) is { } activated
                                ? activated with { GrantsAdmin = true }
                                : null;
                        if (edge is null)
                        {
                            continue;
                        }

                        if (!edge.IsConditional)
                        {
                            certain = edge;
                            break;
                        }

                        conditional ??= edge;
                    }

                    // Last, a role it would create: no condition written before it can name its GUID.
                    if (certain is null && CreatedRoleEdge(context, principal, scope, activation) is { } created)
                    {
                        if (created.IsConditional)
                        {
                            conditional ??= created;
                        }
                        else
                        {
                            certain = created;
                        }
                    }

                    if (certain is not null)
                    {
                        break;
                    }
                }

                if (certain is not null)
                {
                    break;
                }
            }

            if ((certain ?? conditional) is { } kept)
            {
                yield return kept;
            }
        }
    }

    /// <summary>
    /// A principal that may write both role definitions and role assignments at the scope (User Access Administrator,
    /// whose condition names the roles it may not assign) creates a custom role granting <c>*</c>, assignable there, and
    /// assigns it to itself: both writes decided by the Azure authorizer, the assignment with the new role's GUID, so a
    /// condition that allows only named roles refuses it and one that refuses only named roles does not. A custom role
    /// cannot be assignable at the root scope <c>/</c>: there it is made assignable at the tenant root management group
    /// (named after the tenant), and assigned there.
    /// </summary>
    private Edge? CreatedRoleEdge(MicrosoftEdgeContext context, string principal, AzureScope scope, AzureActivation? activation)
    {
        var tenant = context.Directory.TenantId ?? context.Azure.Hierarchy.Subscriptions.Select(s => s.TenantId).FirstOrDefault(t => t is not null);
        var at = scope.Kind == AzureScopeKind.Root && tenant is not null ? AzureScope.ManagementGroup(tenant) : scope;
        var create = new AzureRequest { PrincipalId = principal, Action = WriteDefinitions, Scope = at };
        var assign = context.SelfAssignment(principal, at, NewCustomRole.GuidIn(context.Azure));
        var decisions = new[] { create, assign }
            .Select(request => activation is null ? request : request with { Activating = activation.Eligibility, AsOf = context.AsOf })
            .Select(request => (Request: request, Decision: context.Rbac.Authorize(request)))
            .ToImmutableArray();
        if (decisions.Any(d => d.Decision.Kind is not (DecisionKind.Allowed or DecisionKind.Conditional)))
        {
            return null;
        }

        var where = scope.Kind != AzureScopeKind.Root ? $"`{at.Value}`"
            : tenant is null ? "the tenant root management group"
            : $"the tenant root management group `{at.Value}`";
        var what = $"creates a custom role granting `*`, assignable at {where}, and assigns it to itself there";
        return new AzureStep(decisions, null) { Activation = activation }.ToEdge(TechniqueId, principal, principal, what, MicrosoftEdgeContext.GrantedBy) is { } edge
            ? edge with { GrantsAdmin = true }
            : null;
    }

    private static bool IsAdminScope(AzureScope scope) => scope.Kind is AzureScopeKind.Root or AzureScopeKind.ManagementGroup or AzureScopeKind.Subscription;

    /// <summary>
    /// Owner, then every other role that can write role assignments itself (its holder then assigns Owner), as the role
    /// to assign: built-in roles by name, custom roles named as such. Not one whose permission block's own condition
    /// certainly refuses every role assignment writer it could lead to.
    /// </summary>
    private static List<(string RoleId, string Description, ImmutableArray<string> AssignableScopes)> AssignableRoles(AzureEstate azure) =>
        [
            (Owner, "Owner", []),
            .. azure.RoleDefinitions
                .Where(d => !d.Name.Equals(Owner, StringComparison.OrdinalIgnoreCase) && CanWriteAssignments(azure, d.Id) && LeadsToOwner(d))
                .OrderBy(d => d.RoleType == RoleType.CustomRole).ThenBy(d => d.RoleName, StringComparer.OrdinalIgnoreCase)
                .DistinctBy(d => RoleDefinition.GuidOf(d.Id), StringComparer.OrdinalIgnoreCase)
                .Select(d => (d.Id, $"`{d.RoleName}` (which may assign Owner)", d.RoleType == RoleType.CustomRole ? d.AssignableScopes : [])),
        ];

    private static bool CanWriteAssignments(AzureEstate azure, string roleDefinitionId) =>
        azure.FindRoleDefinition(roleDefinitionId) is not { } definition
        || definition.Permissions.Any(block => ActionPattern.FirstMatch(block.Actions, Write) is not null && ActionPattern.FirstMatch(block.NotActions, Write) is null);

    /// <summary>
    /// Whether a role that writes role assignments leads to Owner: some permission block that grants the write has no
    /// condition, or one that does not certainly refuse Owner, User Access Administrator and Role Based Access Control
    /// Administrator as the role being assigned.
    /// </summary>
    private static bool LeadsToOwner(RoleDefinition definition) =>
        definition.Permissions.Any(block => ActionPattern.FirstMatch(block.Actions, Write) is not null && ActionPattern.FirstMatch(block.NotActions, Write) is null
            && (block.Condition is null || new[] { Owner, UserAccessAdministrator, RoleBasedAccessControlAdministrator }.Any(role => RoleAssignmentConditions.MayAssign(block.Condition, role))));

    /// <summary>Each principal (an assignee, and each member of an assignee group) with the assignments it holds that way.</summary>
    private static Dictionary<string, List<T>> ByPrincipal<T>(MicrosoftEdgeContext context, IEnumerable<T> assignments, Func<T, string> assigneeOf)
    {
        var held = new Dictionary<string, List<T>>(StringComparer.OrdinalIgnoreCase);
        foreach (var assignment in assignments)
        {
            foreach (var principal in context.WithMembers([assigneeOf(assignment)], keepGroups: true))
            {
                if (!held.TryGetValue(principal, out var list))
                {
                    held[principal] = list = [];
                }

                list.Add(assignment);
            }
        }

        return held;
    }
}
