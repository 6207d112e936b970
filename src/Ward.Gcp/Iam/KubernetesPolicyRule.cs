using System.Collections.Immutable;

namespace Ward.Gcp.Iam;

/// <summary>
/// One rule of a Kubernetes role (<c>rules[]</c>): the verbs it allows on the resources of the API groups it names
/// (<c>*</c> for all), limited to the objects <c>resourceNames</c> names when it names any.
/// </summary>
public sealed record KubernetesPolicyRule(ImmutableArray<string> ApiGroups, ImmutableArray<string> Resources, ImmutableArray<string> Verbs)
{
    private const string RbacGroup = "rbac.authorization.k8s.io";

    /// <summary>The objects the rule is limited to (<c>resourceNames</c>); empty for every object.</summary>
    public ImmutableArray<string> ResourceNames { get; init; } = [];

    /// <summary>
    /// What creates pods when created: pods themselves, then the workload resources whose controllers create the pods
    /// they specify (Kubernetes' RBAC good practices, "Workload creation": creating them gives the same access as creating
    /// pods, a pod running as any service account of the namespace).
    /// </summary>
    private static readonly ImmutableArray<(string ApiGroup, string Resource)> PodMakers =
    [
        ("", "pods"), ("apps", "deployments"), ("apps", "replicasets"), ("apps", "statefulsets"), ("apps", "daemonsets"),
        ("batch", "jobs"), ("batch", "cronjobs"), ("", "replicationcontrollers"),
    ];

    /// <summary>
    /// What the rule lets its holder create that runs pods as it specifies: <c>pods</c>, or a workload resource
    /// (<c>apps/deployments</c>, <c>apps/replicasets</c>, <c>apps/statefulsets</c>, <c>apps/daemonsets</c>,
    /// <c>batch/jobs</c>, <c>batch/cronjobs</c>, <c>replicationcontrollers</c>), pods first; null when it allows
    /// <c>create</c> on none of them (a rule with <see cref="ResourceNames"/> never allows <c>create</c>).
    /// </summary>
    public string? CreatesPodsThrough =>
        ResourceNames.IsEmpty && PodMakers.FirstOrDefault(m => Allows(m.ApiGroup, m.Resource, "create")) is { Resource: not null } maker
            ? (maker.ApiGroup.Length == 0 ? maker.Resource : $"{maker.ApiGroup}/{maker.Resource}")
            : null;

    /// <summary>Whether the rule allows creating pods, directly or through a workload resource (<see cref="CreatesPodsThrough"/>).</summary>
    public bool AllowsCreatingPods => CreatesPodsThrough is not null;

    /// <summary>How rules let their holder create pods, said of the holder ("creates pods", "creates `apps/deployments`, …"); null when they do not.</summary>
    public static string? HowTheyCreatePods(IEnumerable<KubernetesPolicyRule> rules)
    {
        ArgumentNullException.ThrowIfNull(rules);
        var made = rules.Select(r => r.CreatesPodsThrough).OfType<string>().ToList();
        return made.Count == 0 ? null
            : made.Contains("pods", StringComparer.Ordinal) ? "creates pods"
            : $"creates `{made[0]}`, whose controller creates the pods it specifies, as any service account of the namespace";
    }

    /// <summary>Whether the rule allows a verb on a resource of an API group, wildcards included (whatever <see cref="ResourceNames"/> says).</summary>
    public bool Allows(string apiGroup, string resource, string verb) =>
        ApiGroups.Any(g => g == "*" || g == apiGroup) && Resources.Any(r => r == "*" || r == resource) && Verbs.Any(v => v == "*" || v == verb);

    /// <summary>Whether the rule allows creating role bindings (<c>rolebindings</c> or <c>clusterrolebindings</c>).</summary>
    public bool AllowsCreatingBindings => Allows(RbacGroup, "rolebindings", "create") || Allows(RbacGroup, "clusterrolebindings", "create");

    /// <summary>Whether the rule allows binding roles whatever their permissions (<c>bind</c> on roles or cluster roles), limited to <see cref="ResourceNames"/> when it names any.</summary>
    public bool AllowsBinding => Allows(RbacGroup, "clusterroles", "bind") || Allows(RbacGroup, "roles", "bind");

    /// <summary>
    /// Whether the rule allows impersonating the group <c>system:masters</c> (<c>impersonate</c> on <c>groups</c>, any or
    /// that one), which Kubernetes binds to <c>cluster-admin</c> in every cluster.
    /// </summary>
    public bool AllowsImpersonatingMasters =>
        Allows("", "groups", "impersonate") && (ResourceNames.IsEmpty || ResourceNames.Contains("system:masters", StringComparer.Ordinal));

    /// <summary>Whether the rule allows rewriting any role with permissions its holder lacks (<c>escalate</c> and <c>update</c> or <c>patch</c> on roles, no <see cref="ResourceNames"/>).</summary>
    public bool AllowsEscalatingRoles =>
        ResourceNames.IsEmpty
        && ((Allows(RbacGroup, "clusterroles", "escalate") && (Allows(RbacGroup, "clusterroles", "update") || Allows(RbacGroup, "clusterroles", "patch")))
            || (Allows(RbacGroup, "roles", "escalate") && (Allows(RbacGroup, "roles", "update") || Allows(RbacGroup, "roles", "patch"))));
}
