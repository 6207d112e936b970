using System.Collections.Frozen;
using Ward.Core.Decisions;
using Ward.Gcp.Iam;
using Ward.Gcp.Policy.Evaluation;

namespace Ward.Gcp.Edges;

/// <summary>
/// Who Kubernetes RBAC lets create pods in a GKE cluster, from the cluster's exported roles and role bindings
/// (<c>kubectl</c>). GKE authorizes a Kubernetes request if IAM or RBAC allows it, so a principal RBAC alone lets in
/// creates pods as one IAM lets in does.
/// <list type="bullet">
/// <item>A binding's role creates pods when one of its rules allows <c>create</c> on <c>pods</c> or on a workload resource
/// whose controller creates them (<see cref="KubernetesPolicyRule.CreatesPodsThrough"/>); when it lets its
/// holder bind itself such a role (<c>bind</c>, with <c>create</c> on role bindings), rewrite roles
/// (<c>escalate</c>) or impersonate <c>system:masters</c>; or, not exported, when it is a built-in role that does (<c>cluster-admin</c>, <c>admin</c>,
/// <c>edit</c>).</item>
/// <item>Subjects: Google accounts and service accounts (<c>User</c>); Google groups (<c>Group</c>, with Google Groups
/// for RBAC on, when nested in the cluster's security group: decided from exported memberships, else conditional);
/// <c>system:authenticated</c> (<c>allAuthenticatedUsers</c>), <c>system:unauthenticated</c> and <c>system:anonymous</c>
/// (<c>allUsers</c>, when the cluster lets anonymous requests in); Kubernetes service
/// accounts of a cluster with workload identity (the node <c>serviceAccount:POOL[NAMESPACE/NAME]</c>); the groups of
/// Kubernetes service accounts (<see cref="AllServiceAccounts"/>, worked out by <see cref="GkeAccess"/>). Certificate
/// users are not followed.</item>
/// </list>
/// </summary>
public static class GkeRbac
{
    /// <summary>The step an RBAC grant stands for in an edge, beside <see cref="GkeAccess.GetCluster"/>.</summary>
    public const string CreatePods = "create pods (Kubernetes RBAC)";

    /// <summary>
    /// The group of every request GKE authenticates: on GKE, anyone signed in with a Google account or a service
    /// account, in any organization (security bulletin GCP-2024-003: it works as IAM's <c>allAuthenticatedUsers</c>).
    /// </summary>
    public const string Anyone = "system:authenticated";

    /// <summary>The node <see cref="Anyone"/> stands for: IAM's <c>allAuthenticatedUsers</c>.</summary>
    public const string AnyGoogleAccount = "allAuthenticatedUsers";

    /// <summary>The node <c>system:unauthenticated</c> and <c>system:anonymous</c> stand for: IAM's <c>allUsers</c>.</summary>
    public const string AnyoneAnonymous = "allUsers";

    /// <summary>Whether a grant's principal is the public (<see cref="AnyGoogleAccount"/>, <see cref="AnyoneAnonymous"/>), which reaches the cluster's endpoint with no IAM permission.</summary>
    public static bool IsPublicPrincipal(string principal) => principal is AnyGoogleAccount or AnyoneAnonymous;

    /// <summary>
    /// The group of every Kubernetes service account of the cluster (<c>system:serviceaccounts</c>), or with
    /// <c>:NAMESPACE</c> of one namespace's: a grant to it is every pod's, so every pod creator's where those pods run.
    /// </summary>
    public const string AllServiceAccounts = "system:serviceaccounts";

    /// <summary>
    /// Whether a Kubernetes service account's node stands for the account in other clusters too (the cluster's workload
    /// identity pool has several): then only a pod of this cluster holds this cluster's bindings.
    /// </summary>
    public static bool SharesPool(GcpEstate estate, GkeCluster cluster)
    {
        ArgumentNullException.ThrowIfNull(estate);
        ArgumentNullException.ThrowIfNull(cluster);
        return cluster.WorkloadPool is { } pool && estate.Clusters.Any(c => string.Equals(c.WorkloadPool, pool, StringComparison.OrdinalIgnoreCase) && c.Context != cluster.Context);
    }

    /// <summary>The requirement of a grant to a Kubernetes service account (<c>NAMESPACE/NAME</c>) whose pool <see cref="SharesPool"/>.</summary>
    public static string OwnClusterRequirement(GkeCluster cluster, string account)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        return $"the pod runs as `{account}` in `{cluster.Name}` itself, not in another cluster of the workload identity pool `{cluster.WorkloadPool}`";
    }

    /// <summary>Whether a grant's principal is a group of Kubernetes service accounts, and which namespace's (null: every namespace's).</summary>
    public static bool IsServiceAccountGroup(string principal, out string? @namespace)
    {
        ArgumentNullException.ThrowIfNull(principal);
        @namespace = principal.StartsWith(AllServiceAccounts + ":", StringComparison.Ordinal) ? principal[(AllServiceAccounts.Length + 1)..] : null;
        return principal == AllServiceAccounts || @namespace is not null;
    }

    private static readonly FrozenSet<string> BuiltInPodCreators = FrozenSet.Create(StringComparer.Ordinal, "cluster-admin", "admin", "edit");

    /// <summary>One binding's grant of pod creation to one principal.</summary>
    /// <param name="Principal">A node id (<c>user:…</c>, <c>serviceAccount:…</c>, <c>group:…</c>, <see cref="AnyGoogleAccount"/>, <see cref="AnyoneAnonymous"/>).</param>
    /// <param name="Namespace">Where pods may be created: the namespace of a <c>RoleBinding</c>, null for every namespace.</param>
    /// <param name="Decision">Allowed, naming the binding; conditional for a Google group (membership of the cluster's security group).</param>
    public sealed record Grant(string Principal, string? Namespace, Decision Decision);

    /// <summary>The grants of pod creation in the cluster, in binding order.</summary>
    public static IEnumerable<Grant> PodCreators(GcpEstate estate, GkeCluster cluster)
    {
        ArgumentNullException.ThrowIfNull(estate);
        ArgumentNullException.ThrowIfNull(cluster);
        var context = cluster.Context;
        var roles = estate.KubernetesRolesOf(context).ToList();
        GroupMembers? groups = null;
        // A Kubernetes service account's identity is the pool's: the same name in another cluster of the pool is the same
        // node, but only a pod of this cluster holds this cluster's bindings.
        var sharedPool = SharesPool(estate, cluster);
        foreach (var binding in estate.KubernetesRoleBindingsOf(context))
        {
            if (HowItCreatesPods(binding, roles) is not { } how)
            {
                continue;
            }

            var source = $"Kubernetes RBAC of GKE cluster `{cluster.Name}`";
            var granted = $"{binding.Kind} `{(binding.Namespace is { } ns ? ns + "/" : string.Empty)}{binding.Name}`: {binding.RoleKind} `{binding.RoleName}`";
            foreach (var subject in binding.Subjects)
            {
                if (Principal(subject, cluster) is not { } principal)
                {
                    continue;
                }

                var statement = new StatementMatch(source, $"{granted} to {subject.Kind} `{subject.Name}`: {how}{(binding.Namespace is { } where ? $" in namespace `{where}`" : string.Empty)}", StatementEffect.Allow, []);
                var explanation = Naming(statement);
                if (principal.StartsWith("group:", StringComparison.Ordinal))
                {
                    // Without Google Groups for RBAC the cluster does not see Google groups at all; with it, only the
                    // groups nested in its security group, which exported memberships may tell.
                    var nested = !cluster.GoogleGroupsForRbac ? MemberMatch.No
                        : cluster.SecurityGroup is { } security ? (groups ??= new GroupMembers(estate)).Match(security, Member.Parse(principal)) : null;
                    if (nested is { Kind: MemberMatchKind.No })
                    {
                        continue;
                    }

                    if (nested is { Kind: MemberMatchKind.Yes } yes)
                    {
                        var through = statement with { Statement = $"{statement.Statement} ({yes.How}, the security group of Google Groups for RBAC)" };
                        yield return new Grant(principal, binding.Namespace, new Allowed(Naming(through)));
                        continue;
                    }

                    var requirement = nested?.Requirement ?? $"`{subject.Name}` is nested in `{cluster.SecurityGroup ?? "gke-security-groups"}`, the security group of Google Groups for RBAC on `{cluster.Name}` (its memberships were not exported)";
                    yield return new Grant(principal, binding.Namespace, new Conditional([requirement], DecisionKind.ImplicitDeny, explanation));
                    continue;
                }

                if (principal == AnyoneAnonymous && !string.Equals(cluster.AnonymousAuthentication, "ENABLED", StringComparison.OrdinalIgnoreCase))
                {
                    // LIMITED lets anonymous requests reach the health check endpoints only; without the setting, whether they get in is unknown.
                    if (string.Equals(cluster.AnonymousAuthentication, "LIMITED", StringComparison.OrdinalIgnoreCase))
                    {
                        continue;
                    }

                    yield return new Grant(principal, binding.Namespace, new Conditional([$"`{cluster.Name}` lets anonymous requests in (`anonymousAuthenticationConfig.mode` `ENABLED`, not `LIMITED`; the export does not say)"], DecisionKind.ImplicitDeny, explanation));
                    continue;
                }

                if (subject.Kind == "ServiceAccount" && sharedPool)
                {
                    yield return new Grant(principal, binding.Namespace, new Conditional([OwnClusterRequirement(cluster, $"{subject.Namespace}/{subject.Name}")], DecisionKind.ImplicitDeny, explanation));
                    continue;
                }

                yield return new Grant(principal, binding.Namespace, new Allowed(explanation));
            }
        }
    }

    /// <summary>An explanation naming the binding alone, as edges read it (<see cref="GcpEdgeContext.GrantedBy"/>).</summary>
    private static Explanation Naming(StatementMatch binding) =>
        new(string.Empty, [new LayerEvaluation(string.Empty, null, LayerOutcome.Allows, [binding]) { Decisive = true }]);

    private static bool AllowsCreatingPods(KubernetesRoleBinding binding, List<KubernetesRole> roles) => HowItCreatesPods(binding, roles) is not null;

    /// <summary>How the binding's role lets its subjects create pods, said of them; null when it does not.</summary>
    private static string? HowItCreatesPods(KubernetesRoleBinding binding, List<KubernetesRole> roles)
    {
        if (RoleOf(binding, roles) is not { } role)
        {
            return binding.RoleKind == "ClusterRole" && BuiltInPodCreators.Contains(binding.RoleName) ? "creates pods" : null;
        }

        return KubernetesPolicyRule.HowTheyCreatePods(role.Rules) is { } creates ? creates
            : role.Rules.Any(r => r.AllowsImpersonatingMasters) ? "impersonates the group `system:masters` (`impersonate` on groups), which holds `cluster-admin`, then creates pods"
            : role.Rules.Any(r => r.AllowsEscalatingRoles) ? "rewrites a role it holds to create pods (`escalate`), then creates them"
            : BindsItselfPods(role, roles) ? "binds itself a role that creates pods (`bind`, and `create` on role bindings), then creates them"
            : null;
    }

    /// <summary>
    /// Whether a role lets its holders bind themselves a role that creates pods: <c>create</c> on role bindings with
    /// <c>bind</c> on such a role (any role, or one <c>resourceNames</c> names). Kubernetes otherwise refuses a binding
    /// that grants more than its author holds.
    /// </summary>
    private static bool BindsItselfPods(KubernetesRole role, List<KubernetesRole> roles)
    {
        if (!role.Rules.Any(r => r.AllowsCreatingBindings))
        {
            return false;
        }

        return role.Rules.Where(r => r.AllowsBinding).Any(r => r.ResourceNames.IsEmpty || r.ResourceNames.Any(name =>
            roles.Find(c => c.Kind == "ClusterRole" && c.Name == name) is { } named ? named.Rules.Any(n => n.AllowsCreatingPods) : BuiltInPodCreators.Contains(name)));
    }

    /// <summary>Whether the binding's role lets its subjects create pods: its exported rules, or, not exported, a built-in cluster role that does.</summary>
    public static bool CreatesPods(GcpEstate estate, KubernetesRoleBinding binding)
    {
        ArgumentNullException.ThrowIfNull(estate);
        ArgumentNullException.ThrowIfNull(binding);
        return AllowsCreatingPods(binding, [.. estate.KubernetesRolesOf(binding.Cluster)]);
    }

    /// <summary>How the binding's role lets its subjects create pods ("creates pods", "creates `apps/deployments`, …"); null when it does not.</summary>
    public static string? HowItCreatesPods(GcpEstate estate, KubernetesRoleBinding binding)
    {
        ArgumentNullException.ThrowIfNull(estate);
        ArgumentNullException.ThrowIfNull(binding);
        return HowItCreatesPods(binding, [.. estate.KubernetesRolesOf(binding.Cluster)]);
    }

    /// <summary>The exported role a binding grants, if any.</summary>
    public static KubernetesRole? RoleOf(GcpEstate estate, KubernetesRoleBinding binding)
    {
        ArgumentNullException.ThrowIfNull(estate);
        ArgumentNullException.ThrowIfNull(binding);
        return RoleOf(binding, [.. estate.KubernetesRolesOf(binding.Cluster)]);
    }

    // A RoleBinding may refer to a ClusterRole (granting it in its namespace) or to a Role of its own namespace.
    private static KubernetesRole? RoleOf(KubernetesRoleBinding binding, List<KubernetesRole> roles) =>
        binding.RoleKind == "Role"
            ? roles.Find(r => r.Kind == "Role" && r.Name == binding.RoleName && r.Namespace == binding.Namespace)
            : roles.Find(r => r.Kind == "ClusterRole" && r.Name == binding.RoleName);

    /// <summary>Whether a subject stands for everyone: <c>system:authenticated</c> (any Google account), <c>system:unauthenticated</c>, <c>system:anonymous</c>.</summary>
    public static bool IsPublic(KubernetesSubject subject)
    {
        ArgumentNullException.ThrowIfNull(subject);
        return Principal(subject, cluster: null) is { } principal && IsPublicPrincipal(principal);
    }

    /// <summary>The node of a Kubernetes service account a binding names: its workload identity in the cluster's pool; null without workload identity.</summary>
    public static string? KubernetesServiceAccountId(GkeCluster cluster, KubernetesSubject subject)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        ArgumentNullException.ThrowIfNull(subject);
        return subject.Kind == "ServiceAccount" && cluster.WorkloadPool is { } pool && subject.Namespace is { Length: > 0 } ns
            ? GcpPrincipals.ServiceAccountId($"{pool}[{ns}/{subject.Name}]")
            : null;
    }

    /// <summary>The node id a subject stands for; null for what Ward has no node for.</summary>
    private static string? Principal(KubernetesSubject subject, GkeCluster? cluster) => subject.Kind switch
    {
        "ServiceAccount" => cluster is null ? null : KubernetesServiceAccountId(cluster, subject),
        "Group" when subject.Name == Anyone => AnyGoogleAccount,
        "Group" when subject.Name == "system:unauthenticated" => AnyoneAnonymous,
        "Group" when subject.Name == AllServiceAccounts || subject.Name.StartsWith(AllServiceAccounts + ":", StringComparison.Ordinal) => subject.Name,
        "User" when subject.Name == "system:anonymous" => AnyoneAnonymous,
        "User" when subject.Name.Contains('@', StringComparison.Ordinal) => subject.Name.EndsWith(".gserviceaccount.com", StringComparison.OrdinalIgnoreCase)
            ? GcpPrincipals.ServiceAccountId(subject.Name)
            : "user:" + subject.Name.ToLowerInvariant(),
        "Group" when subject.Name.Contains('@', StringComparison.Ordinal) => "group:" + subject.Name.ToLowerInvariant(),
        _ => null,
    };

    /// <summary>The grants of <paramref name="grants"/> that let pods be created in the namespace (null: in some namespace).</summary>
    public static IEnumerable<Grant> In(IEnumerable<Grant> grants, string? @namespace) =>
        grants.Where(g => @namespace is null || g.Namespace is null || string.Equals(g.Namespace, @namespace, StringComparison.Ordinal));
}
