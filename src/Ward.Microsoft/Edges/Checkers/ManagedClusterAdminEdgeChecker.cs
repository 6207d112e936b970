using Ward.Core.Graph;
using Ward.Microsoft.Azure.Evaluation;
using Ward.Microsoft.Azure.Rbac;
using Ward.Microsoft.Azure.Resources;

namespace Ward.Microsoft.Edges.Checkers;

/// <summary>
/// <c>azure-aks-cluster-admin</c>: a principal that can run a pod on an AKS cluster runs it on a node and asks the
/// instance metadata service for a token of the kubelet identity, the user-assigned identity every node carries. It
/// gets there:
/// <list type="bullet">
/// <item>with local accounts enabled, by <c>listClusterAdminCredential</c> (Azure Kubernetes Service Cluster Admin
/// Role, Contributor): the cluster-admin kubeconfig, which no Entra ID sign-in or Kubernetes role binding stands
/// behind;</item>
/// <item>without Entra ID integration, also by <c>listClusterUserCredential</c> (Azure Kubernetes Service Cluster User
/// Role), whose kubeconfig is then the same admin certificate, or by run command (<c>runCommand/action</c>), whose pod
/// uses it;</item>
/// <item>with Azure RBAC for Kubernetes authorization, by the data action that creates pods, with the principal's own
/// Entra ID sign-in (Azure Kubernetes Service RBAC Writer, Admin and Cluster Admin).</item>
/// </list>
/// A principal that may write role assignments on the cluster is also decided after assigning itself a role that
/// grants one of these (<see cref="MicrosoftEdgeContext.DecideAzure"/>).
/// </summary>
/// <remarks>
/// Only clusters in the resource inventory are known. The cluster (control-plane) identity is not a target: the
/// managed control plane uses it outside the nodes, where no pod reaches it. Identities that workloads use (pod
/// workload identity, add-ons) depend on what runs in the cluster, which no export holds; so do Kubernetes role
/// bindings, which is why an Entra ID sign-in without Azure RBAC gives no edge. The pod data action is decided at the
/// cluster: a grant on one namespace only is not seen. The user kubeconfig of an Entra ID cluster is not required:
/// it holds nothing secret (the server, its CA, the sign-in plugin), and Azure's authorization happens at sign-in.
/// </remarks>
public sealed class ManagedClusterAdminEdgeChecker : IMicrosoftEdgeChecker
{
    private const string ListAdminCredential = "Microsoft.ContainerService/managedClusters/listClusterAdminCredential/action";
    private const string ListUserCredential = "Microsoft.ContainerService/managedClusters/listClusterUserCredential/action";
    private const string RunCommand = "Microsoft.ContainerService/managedClusters/runCommand/action";
    private const string WritePods = "Microsoft.ContainerService/managedClusters/pods/write";

    public string TechniqueId => "azure-aks-cluster-admin";

    public bool GrantsAdmin => false;

    public IEnumerable<Edge> Check(MicrosoftEdgeContext context, IReadOnlySet<string>? targets)
    {
        var clusters = context.Azure.ResourcesOfType(AzureResourceTypes.ManagedCluster)
            .Where(c => c.Cluster is { KubeletIdentity: not null })
            .Select(c => (Cluster: c, Kubelet: c.Cluster!.KubeletIdentity!.PrincipalId ?? context.Azure.PrincipalOfIdentity(c.Cluster.KubeletIdentity.IdentityId), Ways: Ways(c.Cluster)))
            .Where(c => c.Kubelet is not null && c.Ways.Count > 0 && (targets?.Contains(c.Kubelet) ?? true))
            .ToList();
        foreach (var (cluster, kubelet, ways) in clusters)
        {
            foreach (var principal in context.AzureAssignees.Where(p => !string.Equals(p, kubelet, StringComparison.OrdinalIgnoreCase)))
            {
                // A certain way wins (one with a self-assigned role only when none is certain without).
                var granted = ways
                    .Select(way => (Way: way, Step: context.DecideAzure(principal, cluster.Id, [new AzureRequest { PrincipalId = principal, Action = way.Action, Scope = cluster.Id, ActionKind = way.Kind }])))
                    .Where(d => d.Step.Holds)
                    .OrderBy(d => d.Step.IsCertain ? 0 : 1).ThenBy(d => d.Step.SelfAssignment is null ? 0 : 1)
                    .FirstOrDefault();
                if (granted.Step?.ToEdge(TechniqueId, principal, kubelet!, $"{granted.Way.How} AKS cluster `{cluster.Name}`, runs a pod on a node and acts as the kubelet identity `{NameOf(cluster.Cluster!.KubeletIdentity!.IdentityId)}`") is { } edge)
                {
                    yield return edge;
                }
            }
        }
    }

    /// <summary>The actions that give a pod on the cluster, in the order an edge names them.</summary>
    private static List<Way> Ways(ManagedClusterSettings cluster)
    {
        var ways = new List<Way>();
        if (cluster.LocalAccountsEnabled)
        {
            ways.Add(new(ListAdminCredential, AzureActionKind.Control, "gets the cluster-admin credential (local accounts enabled) of"));
            if (!cluster.EntraIntegrated)
            {
                // Without Entra ID the user credential is the admin certificate, and run command's pod uses it.
                ways.Add(new(ListUserCredential, AzureActionKind.Control, "gets the user credential, cluster-admin without Entra ID integration, of"));
                ways.Add(new(RunCommand, AzureActionKind.Control, "runs a command as cluster-admin (no Entra ID integration) on"));
            }
        }

        if (cluster.EntraIntegrated && cluster.EnableAzureRbac)
        {
            ways.Add(new(WritePods, AzureActionKind.Data, "creates a pod, authorized by Azure RBAC for Kubernetes, on"));
        }

        return ways;
    }

    private static string NameOf(AzureScope resource) => resource.Value[(resource.Value.LastIndexOf('/') + 1)..];

    /// <summary>One action that gives a pod on the cluster, and how an edge says it.</summary>
    private sealed record Way(string Action, AzureActionKind Kind, string How);
}
