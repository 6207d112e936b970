using Ward.Core.Graph;
using Ward.Microsoft.Azure.Rbac;

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
        var identities = UserAssignedIdentities.Of(context).Where(i => targets?.Contains(i.PrincipalId) ?? true).DistinctBy(i => i.PrincipalId, StringComparer.OrdinalIgnoreCase).ToList();
        if (identities.Count == 0)
        {
            yield break;
        }

        var places = UserAssignedIdentities.Places(context);
        foreach (var (identityId, identity) in identities)
        {
            var group = identity.Parent!;
            foreach (var (principal, assign) in UserAssignedIdentities.Assigners(context, identityId, identity))
            {
                // The first place where the script holds for certain, else the first where it holds under conditions.
                (AzureStep Step, AzureScope Place)? kept = null;
                foreach (var place in places.Prepend(group).Distinct())
                {
                    var step = UserAssignedIdentities.Decide(context, principal, place, ScriptActions, identity, assign);
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
}
