using Ward.Core.Graph;
using Ward.Gcp.Iam;

namespace Ward.Gcp.Edges.Checkers;

/// <summary>
/// <c>gcp-gke-node-service-account</c>: a principal that may run pods in a GKE cluster (<see cref="GkeAccess"/>)
/// schedules one on a node pool and reads, from the node's metadata server, the token of the service account the
/// nodes run as (<c>default</c>: the project's Compute Engine default service account). Where the pool runs the GKE
/// metadata server (<c>GKE_METADATA</c>, workload identity) pods get their own identity instead, except pods on the
/// host network, which the GKE metadata server does not serve and which reach the node's: the edge is then
/// conditional on such a pod being admitted. Autopilot admits none, so its pools give no edge.
/// </summary>
public sealed class GkeNodeServiceAccountEdgeChecker : IGcpEdgeChecker
{
    public string TechniqueId => "gcp-gke-node-service-account";

    public bool GrantsAdmin => false;

    public IEnumerable<Edge> Check(GcpEdgeContext context, IReadOnlySet<string>? targets)
    {
        ArgumentNullException.ThrowIfNull(context);
        foreach (var cluster in context.Estate.Clusters.Where(c => !c.Autopilot))
        {
            if (GkeAccess.ProjectOf(context, cluster) is not { } project || context.ContainerResource(project) is not { } projectResource)
            {
                continue;
            }

            // One edge per node account: from a pool that exposes the node's metadata if there is one.
            var accounts = cluster.NodePools
                .Select(p => (Pool: p, Email: NodeAccount(p, project)))
                .Where(p => p.Email is not null && (targets is null || targets.Contains(GcpPrincipals.ServiceAccountId(p.Email))))
                .GroupBy(p => p.Email!, StringComparer.OrdinalIgnoreCase)
                .Select(g => g.OrderBy(p => ConcealsNode(p.Pool, cluster) ? 1 : 0).First())
                .ToList();
            if (accounts.Count == 0)
            {
                continue;
            }

            var projectName = OwnerEquivalence.Label(project);
            foreach (var (principal, steps) in GkeAccess.PodCreators(context, cluster, projectResource, projectName))
            {
                foreach (var (pool, email) in accounts)
                {
                    var account = GcpPrincipals.ServiceAccountId(email!);
                    var description = $"runs a pod on node pool `{pool.Name}` of GKE cluster `{cluster.Name}` in `{projectName}` and reads the token of {context.Describe(email!)}, which its nodes run as, from the node's metadata server";
                    if (account == principal || context.EdgeIf(TechniqueId, principal, account, description, steps) is not { } edge)
                    {
                        continue;
                    }

                    yield return ConcealsNode(pool, cluster)
                        ? edge with { Requirements = edge.Requirements.Add($"node pool `{pool.Name}` of `{cluster.Name}` runs the GKE metadata server (workload identity): only a pod on the host network (`hostNetwork: true`) reaches the node's service account, and such a pod must be admitted (Ward does not read Pod Security admission or policy controllers)") }
                        : edge;
                }
            }
        }
    }

    /// <summary>The pool's node account: its email, or the Compute Engine default account of the cluster's project for <c>default</c> (null when the project's number is unknown).</summary>
    private static string? NodeAccount(GkeNodePool pool, HierarchyNode project)
    {
        if (!string.Equals(pool.ServiceAccount, GkeNodePool.DefaultServiceAccount, StringComparison.Ordinal))
        {
            return pool.ServiceAccount.ToLowerInvariant();
        }

        var number = project.RelativeName["projects/".Length..];
        return number.All(char.IsAsciiDigit) ? $"{number}-compute@developer.gserviceaccount.com" : null;
    }

    /// <summary>Whether pods of the pool meet the GKE metadata server, not the node's: its mode says so, or, without a mode, the cluster has workload identity (GKE's default for its pools).</summary>
    private static bool ConcealsNode(GkeNodePool pool, GkeCluster cluster) =>
        pool.MetadataMode is { } mode ? string.Equals(mode, GkeNodePool.GkeMetadata, StringComparison.Ordinal) : cluster.WorkloadPool is not null;
}
