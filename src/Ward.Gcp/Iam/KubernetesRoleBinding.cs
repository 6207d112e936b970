using System.Collections.Immutable;
using Ward.Core.Diagnostics;

namespace Ward.Gcp.Iam;

/// <summary>
/// A Kubernetes <c>ClusterRoleBinding</c> or namespaced <c>RoleBinding</c> of a GKE cluster
/// (<c>kubectl get clusterrolebindings,rolebindings -A -o json</c>): the role it grants (<c>roleRef</c>) and to whom.
/// </summary>
public sealed record KubernetesRoleBinding
{
    /// <summary>The cluster, as its kubectl context names it (<see cref="GkeCluster.Context"/>).</summary>
    public required string Cluster { get; init; }

    /// <summary><c>ClusterRoleBinding</c> or <c>RoleBinding</c>.</summary>
    public required string Kind { get; init; }

    public required string Name { get; init; }

    /// <summary>The namespace of a <c>RoleBinding</c>; null for a <c>ClusterRoleBinding</c>.</summary>
    public string? Namespace { get; init; }

    /// <summary><c>ClusterRole</c> or <c>Role</c> (<c>roleRef.kind</c>).</summary>
    public required string RoleKind { get; init; }

    public required string RoleName { get; init; }

    public ImmutableArray<KubernetesSubject> Subjects { get; init; } = [];

    public SourceLocation Location { get; init; } = SourceLocation.None;
}
