using Ward.Core.Graph;

namespace Ward.Gcp.Edges.Checkers;

/// <summary>
/// <c>gcp-gke-workload-identity</c>: a Kubernetes service account of a workload identity pool
/// (<c>serviceAccount:PROJECT_ID.svc.id.goog[NAMESPACE/NAME]</c>, a member some policy names) is whoever runs a pod as
/// it in a cluster of that pool. A principal that may run pods in such a cluster (<see cref="GkeAccess"/>, any
/// namespace: IAM's <c>container.*</c> permissions apply to the whole cluster; RBAC's, to the bindings' namespaces) becomes it; with
/// <c>container.serviceAccounts.create</c> it creates the Kubernetes service account if need be, without, the edge is
/// conditional on the account existing (Kubernetes objects are not exported). What the Kubernetes service account may
/// then do (Workload Identity User on a Google service account) is the evaluator's, through the other techniques.
/// </summary>
public sealed class GkeWorkloadIdentityEdgeChecker : IGcpEdgeChecker
{
    private const string CreateServiceAccounts = "container.serviceAccounts.create";
    private const string PoolSuffix = ".svc.id.goog[";

    public string TechniqueId => "gcp-gke-workload-identity";

    public bool GrantsAdmin => false;

    public IEnumerable<Edge> Check(GcpEdgeContext context, IReadOnlySet<string>? targets)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Estate.Clusters.IsEmpty)
        {
            yield break;
        }

        var clustersByPool = context.Estate.Clusters.Where(c => c.WorkloadPool is not null).ToLookup(c => c.WorkloadPool!, StringComparer.OrdinalIgnoreCase);
        foreach (var identity in context.ServiceAccounts.Where(a => a.Contains(PoolSuffix, StringComparison.Ordinal) && (targets is null || targets.Contains(a))))
        {
            var email = GcpPrincipals.ServiceAccountEmail(identity)!;
            var split = email.IndexOf('[', StringComparison.Ordinal);
            var pool = email[..split];
            var kubernetesAccount = email[(split + 1)..].TrimEnd(']');
            // Per cluster: IAM's pod creators are the project's, but RBAC's are the cluster's, and those of the account's
            // namespace. One edge per principal: the first, or a certain one found later.
            var @namespace = kubernetesAccount.Split('/')[0];
            var best = new Dictionary<string, Edge>(StringComparer.Ordinal);
            foreach (var cluster in clustersByPool[pool])
            {
                if (GkeAccess.ProjectOf(context, cluster) is not { } project || context.ContainerResource(project) is not { } projectResource)
                {
                    continue;
                }

                var projectName = OwnerEquivalence.Label(project);
                var description = $"runs a pod as Kubernetes service account `{kubernetesAccount}` in GKE cluster `{cluster.Name}` of `{projectName}`, and so holds the workload identity `{email}`";
                foreach (var (principal, steps) in GkeAccess.PodCreators(context, cluster, projectResource, projectName, @namespace))
                {
                    if (best.TryGetValue(principal, out var known) && !known.IsConditional)
                    {
                        continue;
                    }

                    var created = steps.Append(new EdgeStep(CreateServiceAccounts, projectName, context.StepDecision(principal, CreateServiceAccounts, projectResource)));
                    if (context.EdgeIf(TechniqueId, principal, identity, description + " (creating the Kubernetes service account)", created) is { } edge)
                    {
                        GcpEdgeContext.KeepBest(best, edge);
                    }
                    else if (context.EdgeIf(TechniqueId, principal, identity, description, steps) is { } existing)
                    {
                        GcpEdgeContext.KeepBest(best, existing with { Requirements = existing.Requirements.Add($"Kubernetes service account `{kubernetesAccount}` exists in a cluster of `{pool}` (Kubernetes objects are not exported)") });
                    }
                }
            }

            foreach (var edge in best.Values)
            {
                yield return edge;
            }
        }
    }
}
