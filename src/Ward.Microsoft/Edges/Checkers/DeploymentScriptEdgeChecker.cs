using System.Collections.Immutable;
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
/// creates a script that runs as that identity, and acts as the identity through it.
/// </summary>
/// <remarks>
/// The script may live in any resource group of the tenant, not only the identity's: the identity's own group is
/// tried first, then every resource group and subscription a role assignment names.
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
                var assign = context.Rbac.Authorize(new AzureRequest { PrincipalId = principal, Action = Assign, Scope = identity });
                if (assign.Kind is not (DecisionKind.Allowed or DecisionKind.Conditional))
                {
                    continue;
                }

                var script = places.Prepend(group).Distinct()
                    .Select(scope => (Scope: scope, Decisions: ScriptActions.Select(a => (Action: a, Decision: context.Rbac.Authorize(new AzureRequest { PrincipalId = principal, Action = a, Scope = scope }))).ToList()))
                    .FirstOrDefault(s => s.Decisions.TrueForAll(d => d.Decision.Kind is DecisionKind.Allowed or DecisionKind.Conditional));
                if (script.Decisions is null)
                {
                    continue;
                }

                var decisions = script.Decisions.Select(d => (d.Action, Scope: script.Scope.Value, d.Decision)).Append((Action: Assign, Scope: identity.Value, Decision: assign)).ToList();
                yield return new Edge(new(principal), new(identityId), TechniqueId,
                    $"creates a deployment script in `{script.Scope.Value}` that runs as the user-assigned identity `{identity.Value[(identity.Value.LastIndexOf('/') + 1)..]}`",
                    [.. decisions.Select(d => new EdgePermission(d.Action, d.Scope, d.Decision.Explanation.Summary, []))])
                {
                    Requirements = [.. decisions.SelectMany(d => d.Decision is Conditional c ? c.Requirements : ImmutableArray<string>.Empty).Distinct(StringComparer.Ordinal)],
                };
            }
        }
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
