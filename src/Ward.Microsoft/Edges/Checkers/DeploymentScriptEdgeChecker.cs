using Ward.Core.Decisions;
using Ward.Core.Graph;
using Ward.Microsoft.Azure.Evaluation;
using Ward.Microsoft.Azure.Rbac;
using Ward.Microsoft.Entra.Directory;

namespace Ward.Microsoft.Edges.Checkers;

/// <summary>
/// <c>azure-deployment-script</c>: a principal that may assign a user-assigned identity
/// (<c>userAssignedIdentities/*/assign/action</c>, Managed Identity Operator) and create a deployment script in some
/// resource group (the script resource, and the container instance and storage account the service runs it in)
/// creates a script that runs as that identity, and acts as the identity through it. A principal that may write role
/// assignments there assigns itself a role first (one at most: at the identity's resource group or subscription for
/// both, else for the script's place or for the identity).
/// </summary>
/// <remarks>
/// The script may live in any resource group of the tenant, not only the identity's: the identity's own group is
/// tried first, then every resource group and subscription a role assignment names; the first place where everything
/// holds for certain is the edge, else the first where it holds under conditions.
/// </remarks>
public sealed class DeploymentScriptEdgeChecker : IMicrosoftEdgeChecker
{
    // The operation's own name carries the `*` (as the Managed Identity Operator role lists it), so `*/assign/action`
    // patterns and `*` both match it.
    private const string Assign = "Microsoft.ManagedIdentity/userAssignedIdentities/*/assign/action";

    // What the deployment principal needs in the script's resource group: the script, and the service's container and storage.
    private static readonly string[] ScriptActions =
    [
        "Microsoft.Resources/deploymentScripts/write",
        "Microsoft.ContainerInstance/containerGroups/write",
        "Microsoft.Storage/storageAccounts/write",
    ];

    public string TechniqueId => "azure-deployment-script";

    public bool GrantsAdmin => false;

    public IEnumerable<Edge> Check(MicrosoftEdgeContext context, IReadOnlySet<string>? targets)
    {
        var identities = Identities(context).Where(i => targets?.Contains(i.PrincipalId) ?? true).DistinctBy(i => i.PrincipalId, StringComparer.OrdinalIgnoreCase).ToList();
        if (identities.Count == 0)
        {
            yield break;
        }

        var places = context.Azure.RoleAssignments.Select(a => a.Scope)
            .Where(s => s.Kind is AzureScopeKind.ResourceGroup or AzureScopeKind.Subscription)
            .Distinct()
            .OrderBy(s => s.Value, StringComparer.OrdinalIgnoreCase)
            .ToList();
        foreach (var (identityId, identity) in identities)
        {
            var group = identity.Parent!;
            foreach (var principal in context.AzureAssignees.Where(p => !string.Equals(p, identityId, StringComparison.OrdinalIgnoreCase)))
            {
                var assignRequest = new AzureRequest { PrincipalId = principal, Action = Assign, Scope = identity };
                var assign = context.Rbac.Authorize(assignRequest);
                if (assign.Kind is not (DecisionKind.Allowed or DecisionKind.Conditional) && !context.MayWriteRoleAssignments(principal, identity) && !context.MayActivateAt(principal, identity))
                {
                    continue;
                }

                // The first place where the script holds for certain, else the first where it holds under conditions.
                (AzureStep Step, AzureScope Place)? kept = null;
                foreach (var place in places.Prepend(group).Distinct())
                {
                    var step = Decide(context, principal, place, identity, assignRequest, assign);
                    if (step.IsCertain)
                    {
                        kept = (step, place);
                        break;
                    }

                    if (step.Holds)
                    {
                        kept ??= (step, place);
                    }
                }

                if (kept is { } found
                    && found.Step.ToEdge(TechniqueId, principal, identityId, $"creates a deployment script in `{found.Place.Value}` that runs as the user-assigned identity `{identity.Value[(identity.Value.LastIndexOf('/') + 1)..]}`") is { } edge)
                {
                    yield return edge;
                }
            }
        }
    }

    /// <summary>
    /// The script's actions at <paramref name="place"/> and the assignment of the identity, with at most one role the
    /// principal assigns itself first (<see cref="MicrosoftEdgeContext.DecideAzure"/>): where the place holds the
    /// identity (its resource group or subscription), one role assigned there is tried for both; elsewhere a role for
    /// the script at the place with the identity assigned as the principal's roles allow, else the script as they allow
    /// with a role for the identity assigned on it.
    /// </summary>
    private static AzureStep Decide(MicrosoftEdgeContext context, string principal, AzureScope place, AzureScope identity, AzureRequest assignRequest, Decision assign)
    {
        var script = ScriptActions.Select(action => new AzureRequest { PrincipalId = principal, Action = action, Scope = place }).ToList();
        if (context.Azure.Hierarchy.Reach(place, identity) != ScopeReach.No)
        {
            return context.DecideAzure(principal, place, [.. script, assignRequest]);
        }

        // One activation at most, as one self-assigned role: the role the script's step activates stays active for the
        // identity's assignment.
        var scriptStep = context.DecideAzure(principal, place, script);
        if (scriptStep.SelfAssignment is not null || scriptStep.Activation is not null)
        {
            var assignAfter = scriptStep.Activation is { } activated ? context.Rbac.Authorize(assignRequest with { Activating = activated.Eligibility, AsOf = context.AsOf }) : assign;
            return new AzureStep([.. scriptStep.Decisions, (assignRequest, assignAfter)], scriptStep.SelfAssignment) { Activation = scriptStep.Activation };
        }

        var assignStep = context.DecideAzure(principal, identity, [assignRequest]);
        return new AzureStep([.. scriptStep.Decisions, .. assignStep.Decisions], assignStep.SelfAssignment) { Activation = assignStep.Activation };
    }

    /// <summary>Every user-assigned identity: from the inventory, and from managed identities whose service principal names one.</summary>
    private static IEnumerable<(string PrincipalId, AzureScope Identity)> Identities(MicrosoftEdgeContext context)
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
}
