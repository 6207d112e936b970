using Ward.Core.Decisions;
using Ward.Core.Graph;
using Ward.Microsoft.Azure.Evaluation;
using Ward.Microsoft.Azure.Rbac;
using Ward.Microsoft.Azure.Resources;

namespace Ward.Microsoft.Edges.Checkers;

/// <summary>
/// <c>azure-aks-cluster-admin</c>: on an AKS cluster with local accounts enabled, a principal allowed
/// <c>listClusterAdminCredential</c> (Azure Kubernetes Service Cluster Admin Role, Contributor) gets the cluster-admin
/// kubeconfig, which no Entra ID sign-in or Kubernetes role binding stands behind. As cluster-admin it runs a pod on
/// the host network of a node and asks the instance metadata service for a token of the kubelet identity, the
/// user-assigned identity every node carries. On a cluster without Entra ID integration, AKS run command
/// (<c>runCommand/action</c>) runs its pod with the same cluster-admin credential.
/// </summary>
/// <remarks>
/// Only clusters in the resource inventory are known. The cluster (control-plane) identity is not a target: the
/// managed control plane uses it outside the nodes, where no pod reaches it. Identities that workloads use (pod
/// workload identity, add-ons) depend on what runs in the cluster, which no export holds.
/// </remarks>
public sealed class ManagedClusterAdminEdgeChecker : IMicrosoftEdgeChecker
{
    private const string ListAdminCredential = "Microsoft.ContainerService/managedClusters/listClusterAdminCredential/action";
    private const string RunCommand = "Microsoft.ContainerService/managedClusters/runCommand/action";

    public string TechniqueId => "azure-aks-cluster-admin";

    public bool GrantsAdmin => false;

    public IEnumerable<Edge> Check(MicrosoftEdgeContext context, IReadOnlySet<string>? targets)
    {
        var clusters = context.Azure.ResourcesOfType(AzureResourceTypes.ManagedCluster)
            .Where(c => c.Cluster is { LocalAccountsEnabled: true, KubeletIdentity: not null })
            .Select(c => (Cluster: c, Kubelet: c.Cluster!.KubeletIdentity!.PrincipalId ?? context.Azure.PrincipalOfIdentity(c.Cluster.KubeletIdentity.IdentityId)))
            .Where(c => c.Kubelet is not null && (targets?.Contains(c.Kubelet) ?? true))
            .ToList();
        foreach (var (cluster, kubelet) in clusters)
        {
            // Run command uses the admin credential only when Kubernetes sign-in is not Entra ID's (then it is the caller's own).
            var actions = cluster.Cluster!.EntraManaged ? [ListAdminCredential] : new[] { ListAdminCredential, RunCommand };
            foreach (var principal in context.AzureAssignees.Where(p => !string.Equals(p, kubelet, StringComparison.OrdinalIgnoreCase)))
            {
                var granted = actions
                    .Select(action => (Action: action, Decision: context.Rbac.Authorize(new AzureRequest { PrincipalId = principal, Action = action, Scope = cluster.Id })))
                    .OrderBy(d => d.Decision.Kind == DecisionKind.Allowed ? 0 : 1)
                    .FirstOrDefault(d => d.Decision.Kind is DecisionKind.Allowed or DecisionKind.Conditional);
                if (granted.Decision is null)
                {
                    continue;
                }

                var how = granted.Action == ListAdminCredential ? "gets the cluster-admin credential of" : "runs a command as cluster-admin on";
                yield return new Edge(new(principal), new(kubelet!), TechniqueId,
                    $"{how} AKS cluster `{cluster.Name}` (local accounts enabled), runs a pod on a node and acts as the kubelet identity `{NameOf(cluster.Cluster.KubeletIdentity!.IdentityId)}`",
                    [new EdgePermission(granted.Action, cluster.Id.Value, granted.Decision.Explanation.Summary, [])])
                {
                    Requirements = granted.Decision is Conditional conditional ? conditional.Requirements : [],
                };
            }
        }
    }

    private static string NameOf(AzureScope resource) => resource.Value[(resource.Value.LastIndexOf('/') + 1)..];
}
