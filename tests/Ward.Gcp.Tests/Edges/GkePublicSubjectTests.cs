using Ward.Core.Graph;
using Ward.Gcp.Edges;
using Ward.Gcp.Tests.Testing;

namespace Ward.Gcp.Tests.Edges;

/// <summary>
/// Kubernetes RBAC bindings to the public on the GKE workloads lab (Fixtures/gke-workloads): on GKE,
/// <c>system:authenticated</c> is any Google account (<c>allAuthenticatedUsers</c>), and <c>system:unauthenticated</c> /
/// <c>system:anonymous</c> anyone (<c>allUsers</c>) where the cluster lets anonymous requests in.
/// </summary>
public sealed class GkePublicSubjectTests
{
    private static readonly DateTimeOffset AsOf = new(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly Lazy<GcpEdgeContext> Context = new(() => new GcpEdgeContext(GcpFixtures.GkeWorkloads, AsOf));

    private static List<Edge> NodeEdges() =>
        [.. Assert.Single(GcpEdgeCheckers.All, c => c.TechniqueId == "gcp-gke-node-service-account").Check(Context.Value, targets: null)];

    [Fact]
    public void System_authenticated_is_every_Google_account_with_no_IAM_permission_on_the_project()
    {
        // Given c1's RoleBinding pub-deploy, letting system:authenticated create deployments in namespace sandbox
        var edge = Assert.Single(NodeEdges(), e => e.From.Value == "allAuthenticatedUsers" && e.To.Value == "serviceAccount:nodes@p-app.iam.gserviceaccount.com");

        // Then allAuthenticatedUsers reaches the nodes' account (on the GKE metadata server: through a host-network pod), with the RBAC step alone
        var step = Assert.Single(edge.Permissions);
        Assert.Equal(GkeRbac.CreatePods, step.Action);
        Assert.Contains("pub-deploy", step.GrantedBy, StringComparison.Ordinal);
        Assert.Contains(edge.Requirements, r => r.Contains("hostNetwork: true", StringComparison.Ordinal));
    }

    [Fact]
    public void Anonymous_subjects_are_everyone_where_the_cluster_lets_anonymous_requests_in()
    {
        var edges = NodeEdges();

        // Given edit bound to system:anonymous in c3 (anonymous authentication ENABLED): anyone, certain (its nodes are on the Compute Engine metadata server)
        Assert.False(Assert.Single(edges, e => e.From.Value == "allUsers" && e.To.Value == "serviceAccount:nodes3@p-app.iam.gserviceaccount.com").IsConditional);

        // And to system:unauthenticated in c2 (LIMITED: health checks only): nobody
        Assert.DoesNotContain(edges, e => e.From.Value == "allUsers" && e.To.Value == "serviceAccount:nodes2@p-app.iam.gserviceaccount.com");

        // And in c1, whose export does not say: conditional on the cluster letting anonymous requests in
        var c1 = Assert.Single(edges, e => e.From.Value == "allUsers" && e.To.Value == "serviceAccount:nodes@p-app.iam.gserviceaccount.com");
        Assert.Contains(c1.Requirements, r => r.Contains("anonymousAuthenticationConfig", StringComparison.Ordinal));
    }
}
