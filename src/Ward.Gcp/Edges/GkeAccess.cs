using Ward.Gcp.Iam;
using Ward.Gcp.Policy.Evaluation;

namespace Ward.Gcp.Edges;

/// <summary>
/// What the GKE techniques share: a principal reaches a cluster's Kubernetes API with <c>container.clusters.get</c>
/// (what <c>gcloud container clusters get-credentials</c> needs) and runs a pod with <c>container.pods.create</c>,
/// both IAM permissions on the cluster's project. GKE authorizes Kubernetes requests by IAM and by Kubernetes RBAC,
/// either sufficing; RBAC bindings are not exported, so a principal allowed by RBAC alone is a path Ward misses.
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

    /// <summary>Who may run a pod in the clusters of a project (<see cref="CreatePods"/>, then <see cref="GetCluster"/>), with the steps of each; extra permissions are decided for each candidate too.</summary>
    public static IEnumerable<(string Principal, List<EdgeStep> Steps)> PodCreators(GcpEdgeContext context, GcpResource project, string projectName, params string[] extra)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(project);
        foreach (var holder in context.WhoCan(CreatePods, project))
        {
            var steps = new List<EdgeStep> { new(GetCluster, projectName, context.StepDecision(holder.Principal, GetCluster, project)), new(CreatePods, projectName, holder.Decision) };
            steps.AddRange(extra.Select(p => new EdgeStep(p, projectName, context.StepDecision(holder.Principal, p, project))));
            yield return (holder.Principal, steps);
        }
    }
}
