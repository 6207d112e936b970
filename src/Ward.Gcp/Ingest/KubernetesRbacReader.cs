using System.Text.RegularExpressions;
using Ward.Core.Diagnostics;
using Ward.Gcp.Iam;

namespace Ward.Gcp.Ingest;

/// <summary>
/// Reads Kubernetes RBAC objects of a GKE cluster as <c>kubectl get clusterroles,clusterrolebindings,roles,rolebindings
/// -A -o json</c> prints them (a <c>List</c> of <c>items</c>, or one object): <c>kind</c>, <c>metadata.name</c> and
/// <c>namespace</c>, a role's <c>rules</c>, a binding's <c>roleRef</c> and <c>subjects</c>. Kubernetes objects do not
/// name their cluster, so the file's path does: a folder or file named after the cluster's kubectl context,
/// <c>gke_PROJECT_LOCATION_CLUSTER</c>, as <c>gcloud container clusters get-credentials</c> names it
/// (<see cref="ClusterOf"/>).
/// </summary>
internal static partial class KubernetesRbacReader
{
    private const string RbacApi = "rbac.authorization.k8s.io/";

    /// <summary>Whether an object is a Kubernetes role or role binding (<c>apiVersion</c> <c>rbac.authorization.k8s.io/…</c>).</summary>
    public static bool IsRbacObject(GcpEntry entry) =>
        entry.Text("apiVersion") is { } api && api.StartsWith(RbacApi, StringComparison.Ordinal)
        && entry.Text("kind") is "ClusterRole" or "Role" or "ClusterRoleBinding" or "RoleBinding";

    /// <summary>Whether an object is a Kubernetes object of any kind (<c>apiVersion</c>, <c>kind</c> and a <c>metadata</c> object).</summary>
    public static bool IsKubernetesObject(GcpEntry entry) =>
        entry.Text("apiVersion") is not null && entry.Text("kind") is not null && entry.Child("metadata") is not null;

    /// <summary>
    /// The cluster a file's objects belong to, from the last segment of its path (a folder, or the file's name without
    /// its extension) that is a GKE kubectl context; null when none is. Project ids, locations and cluster names hold no
    /// underscore, so the context splits one way only.
    /// </summary>
    public static string? ClusterOf(string file)
    {
        var segments = file.Replace('\\', '/').Split('/');
        segments[^1] = Path.GetFileNameWithoutExtension(segments[^1]);
        return segments.LastOrDefault(s => ContextPattern().IsMatch(s));
    }

    public static void Read(GcpEntry entry, GcpJson json, string cluster, ReadEntries entries)
    {
        var kind = entry.Text("kind")!;
        var metadata = json.Object(entry, "metadata");
        var name = metadata is null ? null : json.String(metadata.Value, "name", $"a Kubernetes {kind}");
        if (name is null)
        {
            if (metadata is null)
            {
                json.Report(GcpDiagnosticCodes.MissingField, DiagnosticSeverity.Error, $"a Kubernetes {kind} without `metadata`; skipped", entry.Path);
            }

            return;
        }

        var @namespace = kind is "Role" or "RoleBinding" ? json.String(metadata!.Value, "namespace") : null;
        if (kind is "ClusterRole" or "Role")
        {
            entries.KubernetesRoles.Add(new KubernetesRole
            {
                Cluster = cluster,
                Kind = kind,
                Name = name,
                Namespace = @namespace,
                Rules = [.. ObjectsOrNone(entry, json, "rules").Select(rule => new KubernetesPolicyRule(json.Strings(rule, "apiGroups"), json.Strings(rule, "resources"), json.Strings(rule, "verbs")) { ResourceNames = json.Strings(rule, "resourceNames") })],
                Location = json.At(entry.Path),
            });
            return;
        }

        var roleRef = json.Object(entry, "roleRef");
        var roleKind = roleRef is null ? null : json.String(roleRef.Value, "kind", $"Kubernetes {kind} `{name}`");
        var roleName = roleRef is null ? null : json.String(roleRef.Value, "name", $"Kubernetes {kind} `{name}`");
        if (roleKind is null || roleName is null)
        {
            if (roleRef is null)
            {
                json.Report(GcpDiagnosticCodes.MissingField, DiagnosticSeverity.Error, $"Kubernetes {kind} `{name}` has no `roleRef`; skipped", entry.Path);
            }

            return;
        }

        var subjects = new List<KubernetesSubject>();
        foreach (var subject in ObjectsOrNone(entry, json, "subjects"))
        {
            if (json.String(subject, "kind", $"a subject of Kubernetes {kind} `{name}`") is { } subjectKind && json.String(subject, "name", $"a subject of Kubernetes {kind} `{name}`") is { } subjectName)
            {
                subjects.Add(new KubernetesSubject(subjectKind, subjectName, json.String(subject, "namespace")));
            }
        }

        entries.KubernetesRoleBindings.Add(new KubernetesRoleBinding
        {
            Cluster = cluster,
            Kind = kind,
            Name = name,
            Namespace = @namespace,
            RoleKind = roleKind,
            RoleName = roleName,
            Subjects = [.. subjects],
            Location = json.At(entry.Path),
        });
    }

    /// <summary>The objects of a list field; the API writes <c>null</c> for a binding without subjects or an aggregated role that aggregates nothing yet.</summary>
    private static IEnumerable<GcpEntry> ObjectsOrNone(GcpEntry entry, GcpJson json, string name) =>
        entry.TryGet(name, out var value, out _) && value.ValueKind == System.Text.Json.JsonValueKind.Null ? [] : json.Objects(entry, name);

    [GeneratedRegex("^gke_[a-z0-9-]+_[a-z0-9-]+_[a-z0-9-]+$", RegexOptions.CultureInvariant)]
    private static partial Regex ContextPattern();
}
