namespace Ward.Gcp.Edges;

/// <summary>
/// A Kubernetes identity of a GKE workload identity pool (<c>PROJECT_ID.svc.id.goog</c>) that IAM policies name, in
/// either form Google documents:
/// <list type="bullet">
/// <item>one Kubernetes service account: <c>serviceAccount:POOL[NAMESPACE/NAME]</c>, or
/// <c>principal://iam.googleapis.com/projects/NUMBER/locations/global/workloadIdentityPools/POOL/subject/ns/NAMESPACE/sa/NAME</c>;</item>
/// <item>every Kubernetes service account of a namespace: <c>principalSet://…/workloadIdentityPools/POOL/namespace/NAMESPACE</c>;</item>
/// <item>every one of a cluster: <c>principalSet://…/workloadIdentityPools/POOL/kubernetes.cluster/https://container.googleapis.com/v1/projects/P/locations/L/clusters/C</c>.</item>
/// </list>
/// </summary>
/// <param name="Pool">The workload identity pool, <c>PROJECT_ID.svc.id.goog</c>.</param>
/// <param name="Namespace">The namespace, or null for every namespace (a cluster's set).</param>
/// <param name="Name">The Kubernetes service account, or null for any of the namespace or cluster.</param>
/// <param name="Cluster">For a cluster's set, the cluster's URL (<c>…/projects/P/locations/L/clusters/C</c>); null otherwise.</param>
public sealed record KubernetesIdentity(string Pool, string? Namespace, string? Name, string? Cluster)
{
    private const string PoolSuffix = ".svc.id.goog";
    private const string Pools = "/workloadIdentityPools/";

    /// <summary>The identity a node id stands for; null when it is not a GKE pool's.</summary>
    public static KubernetesIdentity? Parse(string nodeId)
    {
        ArgumentNullException.ThrowIfNull(nodeId);
        if (GcpPrincipals.ServiceAccountEmail(nodeId) is { } email)
        {
            var open = email.IndexOf(PoolSuffix + "[", StringComparison.Ordinal);
            var slash = email.IndexOf('/', StringComparison.Ordinal);
            return open > 0 && slash > open && email.EndsWith(']')
                ? new KubernetesIdentity(email[..(open + PoolSuffix.Length)], email[(open + PoolSuffix.Length + 1)..slash], email[(slash + 1)..^1], null)
                : null;
        }

        var at = nodeId.IndexOf(Pools, StringComparison.Ordinal);
        if (!nodeId.StartsWith("principal", StringComparison.Ordinal) || at < 0)
        {
            return null;
        }

        var rest = nodeId[(at + Pools.Length)..];
        var end = rest.IndexOf('/', StringComparison.Ordinal);
        if (end <= 0 || !rest[..end].EndsWith(PoolSuffix, StringComparison.Ordinal))
        {
            return null;
        }

        var pool = rest[..end];
        var selector = rest[(end + 1)..];
        if (nodeId.StartsWith("principal://", StringComparison.Ordinal))
        {
            // subject/ns/NAMESPACE/sa/NAME
            var parts = selector.Split('/');
            return parts is ["subject", "ns", var ns, "sa", var name] && ns.Length > 0 && name.Length > 0 ? new KubernetesIdentity(pool, ns, name, null) : null;
        }

        if (selector.StartsWith("namespace/", StringComparison.Ordinal) && selector.Length > "namespace/".Length && !selector["namespace/".Length..].Contains('/', StringComparison.Ordinal))
        {
            return new KubernetesIdentity(pool, selector["namespace/".Length..], null, null);
        }

        return selector.StartsWith("kubernetes.cluster/", StringComparison.Ordinal) ? new KubernetesIdentity(pool, null, null, selector["kubernetes.cluster/".Length..]) : null;
    }

    /// <summary>Whether a cluster of the pool is the one this identity is limited to (any, without a cluster).</summary>
    public bool IsIn(Ward.Gcp.Iam.GkeCluster cluster)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        return Cluster is null || Cluster.EndsWith($"/projects/{cluster.Project}/locations/{cluster.Region}/clusters/{cluster.Name}", StringComparison.Ordinal)
            || Cluster.EndsWith($"/projects/{cluster.Project}/zones/{cluster.Region}/clusters/{cluster.Name}", StringComparison.Ordinal);
    }
}
