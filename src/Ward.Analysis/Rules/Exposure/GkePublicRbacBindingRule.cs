using System.Collections.Frozen;
using Ward.Gcp.Edges;
using Ward.Gcp.Iam;

namespace Ward.Analysis.Rules.Exposure;

/// <summary>
/// <c>gke-public-rbac-binding</c>: a Kubernetes RBAC binding of a GKE cluster grants a role to
/// <c>system:authenticated</c> (on GKE, anyone with a Google account or service account), <c>system:unauthenticated</c>
/// or <c>system:anonymous</c>, other than the read-only defaults Kubernetes binds them to. Severity by what the role
/// allows: critical when it creates pods (and so reaches the nodes' and workloads' service accounts), high when it
/// changes anything else or Ward cannot tell, medium when it only reads. The finding's principal is the cluster.
/// </summary>
public sealed class GkePublicRbacBindingRule : IRule
{
    // Kubernetes binds these to system:authenticated / system:unauthenticated in every cluster: discovery and version only.
    private static readonly FrozenSet<string> DefaultPublicRoles = FrozenSet.Create(StringComparer.Ordinal, "system:basic-user", "system:discovery", "system:public-info-viewer");

    private static readonly FrozenSet<string> ReadVerbs = FrozenSet.Create(StringComparer.Ordinal, "get", "list", "watch");

    public RuleMetadata Metadata { get; } = new(
        "gke-public-rbac-binding",
        "Kubernetes role granted to every Google account",
        "exposure",
        Severity.High,
        "A Kubernetes RBAC binding of a GKE cluster grants a role to `system:authenticated`, which on GKE is anyone with a Google account or a service account, in any organization, or to `system:unauthenticated` / `system:anonymous`. Whoever reaches the cluster's endpoint has the role.",
        "Remove `system:authenticated`, `system:unauthenticated` and `system:anonymous` from the binding (keep only Kubernetes' own `system:basic-user`, `system:discovery` and `system:public-info-viewer` bindings) and bind the role to the users, Google groups (Google Groups for RBAC) or Kubernetes service accounts that need it.",
        ["gcp"],
        ["https://cloud.google.com/kubernetes-engine/docs/best-practices/rbac", "https://cloud.google.com/kubernetes-engine/docs/how-to/role-based-access-control"]);

    public IEnumerable<Finding> Evaluate(AnalysisContext context)
    {
        if (context.Gcp is not { } gcp)
        {
            yield break;
        }

        var estate = gcp.Estate;
        var bindings = estate.KubernetesRoleBindings
            .Where(b => !DefaultPublicRoles.Contains(b.RoleName))
            .OrderBy(b => b.Cluster, StringComparer.Ordinal).ThenBy(b => b.Kind, StringComparer.Ordinal).ThenBy(b => b.Namespace, StringComparer.Ordinal).ThenBy(b => b.Name, StringComparer.Ordinal);
        foreach (var binding in bindings)
        {
            foreach (var subject in binding.Subjects.Where(GkeRbac.IsPublic).DistinctBy(s => s.Name, StringComparer.Ordinal))
            {
                var cluster = estate.FindCluster(binding.Cluster);
                var name = cluster is null ? binding.Cluster : $"projects/{cluster.Project}/locations/{cluster.Region}/clusters/{cluster.Name}";
                var (severity, why) = Weigh(estate, binding);
                var where = binding.Namespace is { } ns ? $"in namespace `{ns}`" : "in every namespace";
                var who = subject.Name == GkeRbac.Anyone ? "anyone with a Google account or a service account, in any organization" : "anyone, without signing in";
                yield return new Finding
                {
                    RuleId = Metadata.Id,
                    Category = Metadata.Category,
                    Severity = severity,
                    Provider = "gcp",
                    Account = cluster?.Project ?? binding.Cluster,
                    Principal = name,
                    Title = $"`{subject.Name}` holds {binding.RoleKind} `{binding.RoleName}` in GKE cluster `{cluster?.Name ?? binding.Cluster}`",
                    Explanation = $"{binding.Kind} `{(binding.Namespace is { } n ? n + "/" : string.Empty)}{binding.Name}` of `{name}` binds {binding.RoleKind} `{binding.RoleName}` to {subject.Kind} `{subject.Name}` {where}: {who} who reaches the cluster's endpoint has it. {why}",
                    Remediation = Metadata.Remediation,
                    References = Metadata.References,
                    Fingerprint = Finding.FingerprintOf(Metadata.Id, binding.Cluster, binding.Kind, binding.Namespace ?? string.Empty, binding.Name, subject.Name),
                };
            }
        }
    }

    private static (Severity Severity, string Why) Weigh(GcpEstate estate, KubernetesRoleBinding binding)
    {
        if (GkeRbac.HowItCreatesPods(estate, binding) is { } how)
        {
            return (Severity.Critical, $"`{binding.RoleName}` {how}: a pod reads its node's service account token, or runs as a Kubernetes service account and holds its workload identity.");
        }

        if (GkeRbac.RoleOf(estate, binding) is not { } role)
        {
            return binding.RoleKind == "ClusterRole" && binding.RoleName == "view"
                ? (Severity.Medium, "`view` only reads (not secrets).")
                : (Severity.High, $"The export does not hold `{binding.RoleName}`, so Ward cannot tell whether it only reads.");
        }

        // Kubernetes leaves secrets out of `view`: reading them gives ServiceAccount tokens and other credentials.
        if (role.Rules.FirstOrDefault(r => ReadVerbs.Any(v => r.Allows("", "secrets", v))) is { } secrets)
        {
            return (Severity.High, $"`{binding.RoleName}` reads secrets ({string.Join(", ", ReadVerbs.Where(v => secrets.Allows("", "secrets", v)))}): Kubernetes leaves them out of `view` because they hold credentials, such as ServiceAccount tokens.");
        }

        return role.Rules.All(r => r.Verbs.All(ReadVerbs.Contains))
            ? (Severity.Medium, $"`{binding.RoleName}` only reads ({string.Join(", ", role.Rules.SelectMany(r => r.Resources).Distinct(StringComparer.Ordinal))}).")
            : (Severity.High, $"`{binding.RoleName}` changes objects ({string.Join(", ", role.Rules.Where(r => !r.Verbs.All(ReadVerbs.Contains)).SelectMany(r => r.Verbs).Distinct(StringComparer.Ordinal))}).");
    }
}
