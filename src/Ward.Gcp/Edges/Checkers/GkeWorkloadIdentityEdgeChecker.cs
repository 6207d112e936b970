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
/// Identities named as <c>principal://</c> or <c>principalSet://</c> of the pool (<see cref="KubernetesIdentity"/>) are
/// reached the same way; a namespace's or cluster's set through the <c>default</c> account, which needs no creating.
/// </summary>
public sealed class GkeWorkloadIdentityEdgeChecker : IGcpEdgeChecker
{
    private const string CreateServiceAccounts = "container.serviceAccounts.create";

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
        foreach (var (identity, kubernetes) in context.KubernetesIdentities.Where(k => targets is null || targets.Contains(k.Id)))
        {
            // Per cluster: IAM's pod creators are the project's, but RBAC's are the cluster's, and those of the account's
            // namespace. One edge per principal: the first, or a certain one found later.
            var best = new Dictionary<string, Edge>(StringComparer.Ordinal);
            foreach (var cluster in clustersByPool[kubernetes.Pool].Where(kubernetes.IsIn))
            {
                if (GkeAccess.ProjectOf(context, cluster) is not { } project || context.ContainerResource(project) is not { } projectResource)
                {
                    continue;
                }

                var projectName = OwnerEquivalence.Label(project);
                foreach (var (principal, steps) in GkeAccess.PodCreators(context, cluster, projectResource, projectName, kubernetes.Namespace))
                {
                    if ((!best.TryGetValue(principal, out var known) || known.IsConditional)
                        && EdgeFor(context, identity, kubernetes, cluster, projectName, projectResource, principal, steps) is { } edge)
                    {
                        GcpEdgeContext.KeepBest(best, edge);
                    }
                }
            }

            foreach (var edge in best.Values)
            {
                yield return edge;
            }
        }
    }

    /// <summary>
    /// The edge for one pod creator: as one Kubernetes service account, certain when the principal may also create it,
    /// otherwise conditional on its existing; as any of a namespace or cluster, its <c>default</c> account, which every
    /// namespace has.
    /// </summary>
    private Edge? EdgeFor(GcpEdgeContext context, string identity, KubernetesIdentity kubernetes, Iam.GkeCluster cluster, string projectName, Policy.Evaluation.GcpResource projectResource, string principal, List<EdgeStep> steps)
    {
        if (kubernetes.Name is not { } name)
        {
            var where = kubernetes.Namespace is { } ns ? $"a pod in namespace `{ns}` (as its `default` Kubernetes service account)" : "a pod (as a `default` Kubernetes service account)";
            return context.EdgeIf(TechniqueId, principal, identity, $"runs {where} in GKE cluster `{cluster.Name}` of `{projectName}`, and so is one of `{identity}`", steps);
        }

        var account = $"{kubernetes.Namespace}/{name}";
        var holds = GcpPrincipals.ServiceAccountEmail(identity) ?? identity;
        var description = $"runs a pod as Kubernetes service account `{account}` in GKE cluster `{cluster.Name}` of `{projectName}`, and so holds the workload identity `{holds}`";
        var created = steps.Append(new EdgeStep(CreateServiceAccounts, projectName, context.StepDecision(principal, CreateServiceAccounts, projectResource)));
        return context.EdgeIf(TechniqueId, principal, identity, description + " (creating the Kubernetes service account)", created)
            ?? (context.EdgeIf(TechniqueId, principal, identity, description, steps) is { } existing
                ? existing with { Requirements = existing.Requirements.Add($"Kubernetes service account `{account}` exists in a cluster of `{kubernetes.Pool}` (Kubernetes objects are not exported)") }
                : null);
    }
}
