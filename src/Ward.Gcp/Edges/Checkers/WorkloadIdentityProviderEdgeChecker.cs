using Ward.Core.Graph;

namespace Ward.Gcp.Edges.Checkers;

/// <summary>
/// <c>gcp-workload-identity-provider</c>: a principal allowed <c>iam.workloadIdentityPoolProviders.create</c> on a
/// workload identity pool (checked on the pool, so granted on it, its project, folders or organization) adds a
/// provider that trusts an issuer it controls, with an attribute mapping of its choosing; one allowed
/// <c>…update</c> rewrites an existing provider's issuer, mapping or condition. Either way its tokens carry any
/// subject and attributes it likes, so it is every <c>principal://…/workloadIdentityPools/POOL/…</c> and
/// <c>principalSet://…</c> identity of the pool that a policy names: the edge goes to each such node, whose own
/// edges (a Workload Identity User binding on a service account) lead on. One who-can question per pool. GKE's
/// pools are Google-managed and take no providers: not counted.
/// </summary>
public sealed class WorkloadIdentityProviderEdgeChecker : IGcpEdgeChecker
{
    private const string Create = "iam.workloadIdentityPoolProviders.create";
    private const string Update = "iam.workloadIdentityPoolProviders.update";
    private const string Marker = "/workloadIdentityPools/";

    public string TechniqueId => "gcp-workload-identity-provider";

    public bool GrantsAdmin => false;

    public IEnumerable<Edge> Check(GcpEdgeContext context, IReadOnlySet<string>? targets)
    {
        ArgumentNullException.ThrowIfNull(context);
        var byPool = (targets ?? (IEnumerable<string>)context.Principals.Keys)
            .Select(id => (Id: id, Pool: PoolOf(id)))
            .Where(p => p.Pool is not null)
            .GroupBy(p => p.Pool!, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal);
        foreach (var pool in byPool)
        {
            var exported = context.Estate.WorkloadIdentityPools.FirstOrDefault(p => p.Name == pool.Key);
            // A disabled or deleted pool issues no token, whatever its providers say; GKE's pools (`PROJECT_ID.svc.id.goog`) are Google's, with no providers to add.
            if (exported is { IsActive: false } || pool.Key.EndsWith(".svc.id.goog", StringComparison.Ordinal) || context.WorkloadIdentityPoolResource(pool.Key) is not { } resource)
            {
                continue;
            }

            var creators = context.WhoCan(Create, resource);
            var provider = context.Estate.WorkloadIdentityProviders.FirstOrDefault(p => p.IsActive && p.PoolName == pool.Key);
            var updaters = context.WhoCan(Update, resource).Where(u => !creators.Any(c => c.Principal == u.Principal));
            foreach (var identity in pool.Select(p => p.Id).Order(StringComparer.Ordinal))
            {
                foreach (var creator in creators.Where(c => c.Principal != identity))
                {
                    var description = $"adds a provider to workload identity pool `{pool.Key}` that trusts an issuer it controls, and presents tokens mapped to `{identity}`";
                    if (context.EdgeIf(TechniqueId, creator.Principal, identity, description, [new EdgeStep(Create, resource.Name, creator.Decision)]) is { } edge)
                    {
                        yield return edge;
                    }
                }

                foreach (var updater in updaters.Where(u => u.Principal != identity))
                {
                    var description = provider is null
                        ? $"rewrites a provider of workload identity pool `{pool.Key}` to trust an issuer it controls, and presents tokens mapped to `{identity}`"
                        : $"rewrites provider `{provider.Name}` of workload identity pool `{pool.Key}` to trust an issuer it controls, and presents tokens mapped to `{identity}`";
                    if (context.EdgeIf(TechniqueId, updater.Principal, identity, description, [new EdgeStep(Update, resource.Name, updater.Decision)]) is { } edge)
                    {
                        yield return provider is null ? edge with { Requirements = edge.Requirements.Add($"workload identity pool `{pool.Key}` has a provider to rewrite (none was exported)") } : edge;
                    }
                }
            }
        }
    }

    /// <summary>The pool (<c>projects/NUMBER/locations/global/workloadIdentityPools/POOL</c>) a pool identity's node id names; null for any other node.</summary>
    internal static string? PoolOf(string id)
    {
        const string Iam = "//iam.googleapis.com/";
        var scheme = id.StartsWith("principal:" + Iam, StringComparison.Ordinal) ? "principal:".Length
            : id.StartsWith("principalSet:" + Iam, StringComparison.Ordinal) ? "principalSet:".Length
            : -1;
        var at = id.IndexOf(Marker, StringComparison.Ordinal);
        if (scheme < 0 || at < 0)
        {
            return null;
        }

        var end = id.IndexOf('/', at + Marker.Length);
        return end < 0 ? null : id[(scheme + Iam.Length)..end];
    }
}
