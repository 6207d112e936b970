using System.Collections.Immutable;
using Ward.Core.Diagnostics;

namespace Ward.Gcp.Iam;

/// <summary>A Kubernetes <c>ClusterRole</c> or namespaced <c>Role</c> of a GKE cluster (<c>kubectl get clusterroles,roles -A -o json</c>).</summary>
public sealed record KubernetesRole
{
    /// <summary>The cluster, as its kubectl context names it (<see cref="GkeCluster.Context"/>).</summary>
    public required string Cluster { get; init; }

    /// <summary><c>ClusterRole</c> or <c>Role</c>.</summary>
    public required string Kind { get; init; }

    public required string Name { get; init; }

    /// <summary>The namespace of a <c>Role</c>; null for a <c>ClusterRole</c>.</summary>
    public string? Namespace { get; init; }

    public ImmutableArray<KubernetesPolicyRule> Rules { get; init; } = [];

    public SourceLocation Location { get; init; } = SourceLocation.None;
}
