using Ward.Core.Decisions;
using Ward.Gcp.Iam;
using Ward.Gcp.Policy.Evaluation;

namespace Ward.Gcp.Edges;

/// <summary>
/// What the GKE techniques share: a principal reaches a cluster's Kubernetes API with <c>container.clusters.get</c>
/// (what <c>gcloud container clusters get-credentials</c> needs) and runs a pod with <c>container.pods.create</c>,
/// both IAM permissions on the cluster's project. GKE authorizes Kubernetes requests by IAM and by Kubernetes RBAC,
/// either sufficing: RBAC from the cluster's exported role bindings (<see cref="GkeRbac"/>); without them, a principal
/// allowed by RBAC alone is a path Ward misses.
/// </summary>
public static class GkeAccess
{
    public const string GetCluster = "container.clusters.get";

    public const string CreatePods = "container.pods.create";

    /// <summary>The cluster's project in the hierarchy, if exported.</summary>
    public static HierarchyNode? ProjectOf(GcpEdgeContext context, GkeCluster cluster)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(cluster);
        return context.FindProject("projects/" + cluster.Project);
    }

    /// <summary>
    /// Who may run a pod in the cluster, with the steps of each: <see cref="GetCluster"/> on its project, then
    /// <see cref="CreatePods"/> there (IAM, the whole cluster) or a Kubernetes RBAC binding of the cluster
    /// (<see cref="GkeRbac"/>, in <paramref name="inNamespace"/> or in every namespace); IAM first where it is certain.
    /// </summary>
    public static IEnumerable<(string Principal, List<EdgeStep> Steps)> PodCreators(GcpEdgeContext context, GkeCluster cluster, GcpResource project, string projectName, string? inNamespace = null)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(cluster);
        ArgumentNullException.ThrowIfNull(project);
        var iam = context.WhoCan(CreatePods, project).ToDictionary(h => h.Principal, StringComparer.Ordinal);
        var rbac = RbacCreators(context, cluster, project, inNamespace);
        List<EdgeStep> GetFirst(string principal) => [new(GetCluster, projectName, context.StepDecision(principal, GetCluster, project))];
        foreach (var holder in iam.Values.Where(h => h.Decision is Allowed || !rbac.ContainsKey(h.Principal)))
        {
            yield return (holder.Principal, [.. GetFirst(holder.Principal), new(CreatePods, projectName, holder.Decision)]);
        }

        var clusterName = $"projects/{cluster.Project}/locations/{cluster.Region}/clusters/{cluster.Name}";
        foreach (var (principal, decision) in rbac.Where(r => !(iam.TryGetValue(r.Key, out var holder) && holder.Decision is Allowed)))
        {
            // A Kubernetes service account acts from inside the cluster, with its own token: no credentials to get.
            EdgeStep rbacStep = new(GkeRbac.CreatePods, clusterName, decision);
            yield return (principal, GkeRbac.IsKubernetesServiceAccount(principal) ? [rbacStep] : [.. GetFirst(principal), rbacStep]);
        }
    }

    /// <summary>Per principal, the best RBAC grant of pod creation (certain before conditional), <c>system:authenticated</c> standing for every principal that may get the cluster.</summary>
    private static Dictionary<string, Decision> RbacCreators(GcpEdgeContext context, GkeCluster cluster, GcpResource project, string? inNamespace)
    {
        var best = new Dictionary<string, Decision>(StringComparer.Ordinal);
        foreach (var grant in GkeRbac.In(context.RbacGrants(cluster), inNamespace))
        {
            var principals = grant.Principal == GkeRbac.Anyone ? context.WhoCan(GetCluster, project).Select(h => h.Principal) : [grant.Principal];
            foreach (var principal in principals)
            {
                if (!best.TryGetValue(principal, out var known) || (known is not Allowed && grant.Decision is Allowed))
                {
                    best[principal] = grant.Decision;
                }
            }
        }

        return best;
    }
}
