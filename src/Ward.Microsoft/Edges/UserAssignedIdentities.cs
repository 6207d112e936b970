using System.Collections.Immutable;
using Ward.Core.Decisions;
using Ward.Microsoft.Azure.Evaluation;
using Ward.Microsoft.Azure.Rbac;
using Ward.Microsoft.Entra.Directory;

namespace Ward.Microsoft.Edges;

/// <summary>
/// What the techniques that make a resource run as a user-assigned identity share (a deployment script created with
/// it, a virtual machine it is attached to): the identities, the right to assign one
/// (<c>userAssignedIdentities/*/assign/action</c> on the identity, Managed Identity Operator), and the decision on
/// both scopes, the identity's and the place where the resource runs.
/// </summary>
internal static class UserAssignedIdentities
{
    // The operation's own name carries the `*` (as the Managed Identity Operator role lists it), so `*/assign/action`
    // patterns and `*` both match it.
    public const string Assign = "Microsoft.ManagedIdentity/userAssignedIdentities/*/assign/action";

    /// <summary>Every user-assigned identity in a resource group: from the inventory, and from managed identities whose service principal names one.</summary>
    public static IEnumerable<(string PrincipalId, AzureScope Identity)> Of(MicrosoftEdgeContext context)
    {
        foreach (var resource in context.Azure.ResourcesOfType(Azure.Resources.AzureResourceTypes.UserAssignedIdentity))
        {
            if (resource.IdentityPrincipalId is { } id && resource.Id.Parent?.Kind == AzureScopeKind.ResourceGroup)
            {
                yield return (id, resource.Id);
            }
        }

        foreach (var servicePrincipal in context.Directory.ServicePrincipals.Where(s => s.ServicePrincipalType == ServicePrincipalType.ManagedIdentity))
        {
            foreach (var name in servicePrincipal.AlternativeNames.Where(n => n.Contains($"/providers/{Azure.Resources.AzureResourceTypes.UserAssignedIdentity}/", StringComparison.OrdinalIgnoreCase)))
            {
                if (AzureScope.TryParse(name, out var scope, out _) && scope.Kind == AzureScopeKind.Resource && scope.Parent?.Kind == AzureScopeKind.ResourceGroup)
                {
                    yield return (servicePrincipal.Id, scope);
                }
            }
        }
    }

    /// <summary>
    /// The resource groups and subscriptions a role assignment names, in order: the places where a resource that runs as
    /// a user-assigned identity (a deployment script, a container group) may be created, besides the identity's own
    /// resource group. Any resource group of the tenant would do; those are where a principal may hold the right.
    /// </summary>
    public static List<AzureScope> Places(MicrosoftEdgeContext context) =>
        [.. context.Azure.RoleAssignments.Select(a => a.Scope)
            .Where(s => s.Kind is AzureScopeKind.ResourceGroup or AzureScopeKind.Subscription)
            .Distinct()
            .OrderBy(s => s.Value, StringComparer.OrdinalIgnoreCase)];

    /// <summary>
    /// Every principal other than the identity itself that may come to assign it (<see cref="MayAssign"/>), with the
    /// request and its decision: decided once per identity and kept on the context, as the deployment script and every
    /// attach technique ask it of the same identities.
    /// </summary>
    public static ImmutableArray<(string Principal, (AzureRequest Request, Decision Decision) Assign)> Assigners(MicrosoftEdgeContext context, string identityId, AzureScope identity) =>
        context.IdentityAssigners.GetOrAdd((identity, identityId.ToUpperInvariant()), _ =>
        [
            .. context.AzureAssignees
                .Where(p => !string.Equals(p, identityId, StringComparison.OrdinalIgnoreCase))
                .Select(p => (Principal: p, Assign: MayAssign(context, p, identity)))
                .Where(a => a.Assign is not null)
                .Select(a => (a.Principal, a.Assign!.Value)),
        ]);

    /// <summary>
    /// The request to assign the identity and its decision with the principal's roles, or null when the principal can
    /// come to assign it neither so nor by assigning itself a role or activating one on it.
    /// </summary>
    private static (AzureRequest Request, Decision Decision)? MayAssign(MicrosoftEdgeContext context, string principal, AzureScope identity)
    {
        var request = new AzureRequest { PrincipalId = principal, Action = Assign, Scope = identity };
        var decision = context.Rbac.Authorize(request);
        return decision.Kind is DecisionKind.Allowed or DecisionKind.Conditional || context.MayWriteRoleAssignments(principal, identity) || context.MayActivateAt(principal, identity)
            ? (request, decision)
            : null;
    }

    /// <summary>
    /// The actions at <paramref name="place"/> and the assignment of the identity, with at most one role the principal
    /// assigns itself first (<see cref="MicrosoftEdgeContext.DecideAzure"/>): where the place is in the identity's
    /// resource group or subscription (or holds it), one role assigned at the place is tried for both; elsewhere a
    /// role for the actions at the place with the identity assigned as the principal's roles allow, else the actions
    /// as they allow with a role for the identity assigned on it.
    /// </summary>
    public static AzureStep Decide(MicrosoftEdgeContext context, string principal, AzureScope place, IEnumerable<string> actions, AzureScope identity, (AzureRequest Request, Decision Decision) assign)
    {
        var atPlace = actions.Select(action => new AzureRequest { PrincipalId = principal, Action = action, Scope = place }).ToList();
        if (context.Azure.Hierarchy.Reach(place, identity) != ScopeReach.No)
        {
            return context.DecideAzure(principal, place, [.. atPlace, assign.Request]);
        }

        // One activation at most, as one self-assigned role: the role the place's step activates stays active for the
        // identity's assignment.
        var placeStep = context.DecideAzure(principal, place, atPlace);
        if (placeStep.SelfAssignment is not null || placeStep.Activation is not null)
        {
            var assignAfter = placeStep.Activation is { } activated ? context.Rbac.Authorize(assign.Request with { Activating = activated.Eligibility, AsOf = context.AsOf }) : assign.Decision;
            return new AzureStep([.. placeStep.Decisions, (assign.Request, assignAfter)], placeStep.SelfAssignment) { Activation = placeStep.Activation };
        }

        var assignStep = context.DecideAzure(principal, identity, [assign.Request]);
        return new AzureStep([.. placeStep.Decisions, .. assignStep.Decisions], assignStep.SelfAssignment) { Activation = assignStep.Activation };
    }
}
