using System.Collections.Immutable;
using Ward.Core.Diagnostics;

namespace Ward.Gcp.Iam;

/// <summary>
/// A Google Kubernetes Engine cluster (<c>gcloud container clusters list --format=json</c>): where it runs, the
/// workload identity pool its pods' Kubernetes service accounts belong to, and the service accounts its nodes run as.
/// </summary>
public sealed record GkeCluster
{
    public required string Name { get; init; }

    /// <summary>The project the cluster belongs to, as its <c>selfLink</c> names it (an id or a number).</summary>
    public required string Project { get; init; }

    /// <summary>The region or zone (<c>location</c>, else <c>zone</c>).</summary>
    public string? Region { get; init; }

    /// <summary>The workload identity pool (<c>workloadIdentityConfig.workloadPool</c>, <c>PROJECT_ID.svc.id.goog</c>); null when workload identity is off.</summary>
    public string? WorkloadPool { get; init; }

    /// <summary>Whether the cluster is Autopilot (<c>autopilot.enabled</c>), which admits no pod on the host network.</summary>
    public bool Autopilot { get; init; }

    /// <summary>
    /// Whether Google Groups for RBAC is on (<c>authenticatorGroupsConfig.enabled</c>): only then do Kubernetes RBAC
    /// bindings to a Google group apply to its members (those of groups nested in the cluster's security group).
    /// </summary>
    public bool GoogleGroupsForRbac { get; init; }

    /// <summary>
    /// The cluster's anonymous authentication mode (<c>anonymousAuthenticationConfig.mode</c>): <c>ENABLED</c> lets
    /// anonymous requests reach every endpoint as <c>system:anonymous</c> (group <c>system:unauthenticated</c>),
    /// <c>LIMITED</c> only the health check endpoints; null when the export does not say.
    /// </summary>
    public string? AnonymousAuthentication { get; init; }

    /// <summary>The security group of Google Groups for RBAC (<c>authenticatorGroupsConfig.securityGroup</c>, <c>gke-security-groups@DOMAIN</c>).</summary>
    public string? SecurityGroup { get; init; }

    /// <summary>The cluster's kubectl context as <c>gcloud container clusters get-credentials</c> names it: <c>gke_PROJECT_LOCATION_NAME</c>.</summary>
    public string Context => $"gke_{Project}_{Region}_{Name}";

    /// <summary>The node pools (or, for a cluster listed without any, its default <c>nodeConfig</c> as one pool).</summary>
    public ImmutableArray<GkeNodePool> NodePools { get; init; } = [];

    public SourceLocation Location { get; init; } = SourceLocation.None;
}
