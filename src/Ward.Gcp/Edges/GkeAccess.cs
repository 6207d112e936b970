using System.Collections.Immutable;
using Ward.Core.Decisions;
using Ward.Gcp.Iam;
using Ward.Gcp.Policy.Evaluation;

namespace Ward.Gcp.Edges;

/// <summary>
/// What the GKE techniques share: a principal reaches a cluster's Kubernetes API with <c>container.clusters.get</c>
/// (what <c>gcloud container clusters get-credentials</c> needs) and runs a pod with <c>container.pods.create</c>,
/// both IAM permissions on the cluster's project. GKE authorizes Kubernetes requests by IAM and by Kubernetes RBAC,
/// either sufficing: RBAC from the cluster's exported role bindings (<see cref="GkeRbac"/>); without them, a principal
/// allowed by RBAC alone is a path Ward misses.
/// </summary>
public static class GkeAccess
{
    public const string GetCluster = "container.clusters.get";

    public const string CreatePods = "container.pods.create";

    /// <summary>The cluster's project in the hierarchy, if exported.</summary>
    public static HierarchyNode? ProjectOf(GcpEdgeContext context, GkeCluster cluster)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(cluster);
        return context.FindProject("projects/" + cluster.Project);
    }

    /// <summary>
    /// Who may run a pod in the cluster, with the steps of each: <see cref="GetCluster"/> on its project, then
    /// <see cref="CreatePods"/> there (IAM, the whole cluster) or a Kubernetes RBAC binding of the cluster
    /// (<see cref="GkeRbac"/>, in <paramref name="inNamespace"/> or in every namespace); IAM first where it is certain.
    /// </summary>
    public static IEnumerable<(string Principal, List<EdgeStep> Steps)> PodCreators(GcpEdgeContext context, GkeCluster cluster, GcpResource project, string projectName, string? inNamespace = null)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(cluster);
        ArgumentNullException.ThrowIfNull(project);
        var iam = context.WhoCan(CreatePods, project).ToDictionary(h => h.Principal, StringComparer.Ordinal);
        var rbac = RbacCreators(context, cluster, project, inNamespace);
        List<EdgeStep> GetFirst(string principal) => [new(GetCluster, projectName, context.StepDecision(principal, GetCluster, project))];
        foreach (var holder in iam.Values.Where(h => h.Decision is Allowed || !rbac.ContainsKey(h.Principal)))
        {
            yield return (holder.Principal, [.. GetFirst(holder.Principal), new(CreatePods, projectName, holder.Decision)]);
        }

        var clusterName = $"projects/{cluster.Project}/locations/{cluster.Region}/clusters/{cluster.Name}";
        foreach (var (principal, decision) in rbac.Where(r => !(iam.TryGetValue(r.Key, out var holder) && holder.Decision is Allowed)))
        {
            // A Kubernetes service account acts from inside the cluster, with its own token: no credentials to get. The
            // public needs no IAM permission either: GKE authenticates any Google account (or, anonymous, none).
            EdgeStep rbacStep = new(GkeRbac.CreatePods, clusterName, decision);
            yield return (principal, KubernetesIdentity.Parse(principal) is { Name: not null } || GkeRbac.IsPublicPrincipal(principal) ? [rbacStep] : [.. GetFirst(principal), rbacStep]);
        }
    }

    /// <summary>
    /// Per principal, the best RBAC grant of pod creation (certain before conditional), <c>system:authenticated</c>
    /// standing for every principal that may get the cluster. A grant to the Kubernetes service accounts' group
    /// (<c>system:serviceaccounts</c>, or one namespace's) is also every principal's that may run a pod as one of them:
    /// RBAC's pod creators in those namespaces (IAM's create pods everywhere already).
    /// </summary>
    private static Dictionary<string, Decision> RbacCreators(GcpEdgeContext context, GkeCluster cluster, GcpResource project, string? inNamespace)
    {
        var best = new Dictionary<string, Decision>(StringComparer.Ordinal);
        var grants = context.RbacGrants(cluster);
        // The public is its node (anyone signs in with a Google account, or not at all, and reaches the endpoint); every
        // principal that may get the cluster is also offered the grant, as its own path.
        IEnumerable<string> Principals(GkeRbac.Grant grant) => GkeRbac.IsPublicPrincipal(grant.Principal)
            ? context.WhoCan(GetCluster, project).Select(h => h.Principal).Prepend(grant.Principal).Distinct(StringComparer.Ordinal)
            : [grant.Principal];
        void Offer(string principal, Decision decision)
        {
            if (!best.TryGetValue(principal, out var known) || (known is not Allowed && decision is Allowed))
            {
                best[principal] = decision;
            }
        }

        foreach (var grant in GkeRbac.In(grants, inNamespace).Where(g => !GkeRbac.IsServiceAccountGroup(g.Principal, out _)))
        {
            foreach (var principal in Principals(grant))
            {
                Offer(principal, grant.Decision);
            }
        }

        foreach (var group in GkeRbac.In(grants, inNamespace).Where(g => GkeRbac.IsServiceAccountGroup(g.Principal, out _)))
        {
            GkeRbac.IsServiceAccountGroup(group.Principal, out var podsIn);

            // The cluster's Kubernetes service accounts Ward has nodes for are members themselves (of this cluster only,
            // when the pool has others).
            var shared = GkeRbac.SharesPool(context.Estate, cluster);
            foreach (var (account, identity) in context.KubernetesIdentities)
            {
                if (identity.Name is { } name && string.Equals(identity.Pool, cluster.WorkloadPool, StringComparison.OrdinalIgnoreCase)
                    && (podsIn is null || identity.Namespace == podsIn))
                {
                    Offer(account, shared ? Through(group.Decision, GkeRbac.OwnClusterRequirement(cluster, $"{identity.Namespace}/{name}")) : group.Decision);
                }
            }

            foreach (var grant in GkeRbac.In(grants, podsIn).Where(g => !GkeRbac.IsServiceAccountGroup(g.Principal, out _)))
            {
                foreach (var principal in Principals(grant).Where(p => KubernetesIdentity.Parse(p) is null))
                {
                    Offer(principal, Through(grant.Decision, group.Decision));
                }
            }
        }

        return best;
    }

    /// <summary>A grant held only under one more requirement.</summary>
    private static Conditional Through(Decision grant, string requirement) =>
        new([.. (grant is Conditional conditional ? conditional.Requirements : []).Append(requirement)], DecisionKind.ImplicitDeny, grant.Explanation);

    /// <summary>A pod creator's grant, then the grant to the service accounts its pods run as: both hold, explained as one step.</summary>
    private static Decision Through(Decision own, Decision group)
    {
        var statement = new StatementMatch(GcpEdgeContext.GrantedBy(own), $"its pods run as Kubernetes service accounts, and {GcpEdgeContext.GrantedBy(group)}", StatementEffect.Allow, []);
        var explanation = new Explanation(string.Empty, [new LayerEvaluation(string.Empty, null, LayerOutcome.Allows, [statement]) { Decisive = true }]);
        var requirements = new[] { own, group }.OfType<Conditional>().SelectMany(c => c.Requirements).Distinct(StringComparer.Ordinal).ToImmutableArray();
        return requirements.IsEmpty ? new Allowed(explanation) : new Conditional(requirements, DecisionKind.ImplicitDeny, explanation);
    }
}
