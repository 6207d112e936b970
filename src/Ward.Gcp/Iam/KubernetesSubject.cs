namespace Ward.Gcp.Iam;

/// <summary>
/// Who a Kubernetes RBAC binding names (<c>subjects[]</c>): a <c>User</c> (on GKE, a Google account or service account
/// email), a <c>Group</c> (a Google group, with Google Groups for RBAC, or a <c>system:</c> group) or a Kubernetes
/// <c>ServiceAccount</c> of a namespace.
/// </summary>
public sealed record KubernetesSubject(string Kind, string Name, string? Namespace);
