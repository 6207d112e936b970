using System.Collections.Immutable;
using Ward.Core.Diagnostics;
using Ward.Gcp.Iam;

namespace Ward.Gcp.Ingest;

/// <summary>
/// Reads a GKE cluster as <c>gcloud container clusters list --format=json</c> prints it (the Kubernetes Engine API's
/// <c>Cluster</c>): <c>name</c>, <c>selfLink</c> (its project), <c>location</c> / <c>zone</c>,
/// <c>workloadIdentityConfig.workloadPool</c>, <c>autopilot.enabled</c>, <c>authenticatorGroupsConfig</c>, <c>anonymousAuthenticationConfig.mode</c>, <c>nodePools[].name</c>,
/// <c>nodePools[].config.serviceAccount</c> and <c>nodePools[].config.workloadMetadataConfig.mode</c>, and the default
/// <c>nodeConfig</c> when no pool is listed. Kubernetes objects (service accounts, RBAC bindings, pods) are not in it: RBAC is read from <c>kubectl</c> (<see cref="KubernetesRbacReader"/>).
/// </summary>
internal static class GkeClusterReader
{
    private const string Projects = "/projects/";

    /// <summary>Whether a <c>selfLink</c> is a Kubernetes Engine cluster's (<c>https://container.googleapis.com/v1/projects/P/locations|zones/L/clusters/C</c>).</summary>
    public static bool IsClusterLink(string selfLink) =>
        selfLink.Contains("container.googleapis.com/", StringComparison.Ordinal) && selfLink.Contains("/clusters/", StringComparison.Ordinal)
        && !selfLink.Contains("/nodePools/", StringComparison.Ordinal);

    /// <param name="entry">The cluster, as the API gives it.</param>
    /// <param name="json">Where it was read, for diagnostics.</param>
    /// <param name="assetName">
    /// The asset's name when the cluster comes from a Cloud Asset Inventory export
    /// (<c>//container.googleapis.com/projects/P/locations|zones/L/clusters/NAME</c>), which names the project when the
    /// data has no <c>selfLink</c>.
    /// </param>
    public static GkeCluster? Read(GcpEntry entry, GcpJson json, string? assetName = null)
    {
        var name = json.String(entry, "name", "a GKE cluster");
        var fromAssetName = assetName is not null && !entry.Has("selfLink");
        var selfLink = fromAssetName ? assetName : json.String(entry, "selfLink", name is null ? null : $"GKE cluster `{name}`");
        if (name is null || selfLink is null)
        {
            return null;
        }

        var start = selfLink.IndexOf(Projects, StringComparison.Ordinal);
        var end = start < 0 ? -1 : selfLink.IndexOf('/', start + Projects.Length);
        if (end <= start + Projects.Length)
        {
            entry.TryGet("selfLink", out _, out var path);
            json.Report(GcpDiagnosticCodes.WrongShape, DiagnosticSeverity.Error, $"GKE cluster `{name}` has {(fromAssetName ? "an asset name" : "a `selfLink`")} that names no project (`{selfLink}`); skipped", path);
            return null;
        }

        var pools = ImmutableArray.CreateBuilder<GkeNodePool>();
        foreach (var pool in json.Objects(entry, "nodePools"))
        {
            pools.Add(ReadPool(json.String(pool, "name") ?? "(unnamed)", json.Object(pool, "config"), json));
        }

        if (pools.Count == 0 && json.Object(entry, "nodeConfig") is { } nodeConfig)
        {
            pools.Add(ReadPool("(default)", nodeConfig, json));
        }

        return new GkeCluster
        {
            Name = name,
            Project = selfLink[(start + Projects.Length)..end],
            Region = json.String(entry, "location") ?? json.String(entry, "zone"),
            WorkloadPool = json.Object(entry, "workloadIdentityConfig") is { } identity ? json.String(identity, "workloadPool") : null,
            Autopilot = json.Object(entry, "autopilot") is { } autopilot && json.Boolean(autopilot, "enabled"),
            GoogleGroupsForRbac = json.Object(entry, "authenticatorGroupsConfig") is { } groups && json.Boolean(groups, "enabled"),
            SecurityGroup = json.Object(entry, "authenticatorGroupsConfig") is { } config ? json.String(config, "securityGroup") : null,
            AnonymousAuthentication = json.Object(entry, "anonymousAuthenticationConfig") is { } anonymous ? json.String(anonymous, "mode") : null,
            NodePools = pools.ToImmutable(),
            Location = json.At(entry.Path),
        };
    }

    private static GkeNodePool ReadPool(string name, GcpEntry? config, GcpJson json)
    {
        var account = config is { } c ? json.String(c, "serviceAccount") : null;
        var mode = config is { } withMetadata && json.Object(withMetadata, "workloadMetadataConfig") is { } metadata ? json.String(metadata, "mode") : null;
        return new GkeNodePool(name, string.IsNullOrEmpty(account) ? GkeNodePool.DefaultServiceAccount : account, mode);
    }
}
