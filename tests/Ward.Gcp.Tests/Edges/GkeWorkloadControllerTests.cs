using System.Collections.Immutable;
using Ward.Gcp.Edges;
using Ward.Gcp.Iam;
using Ward.Gcp.Tests.Testing;

namespace Ward.Gcp.Tests.Edges;

/// <summary>
/// Creating a workload resource that manages pods (a Deployment, a CronJob, a ReplicationController…) creates pods as it
/// specifies, on the GKE workloads lab (Fixtures/gke-workloads).
/// </summary>
public sealed class GkeWorkloadControllerTests
{
    private const string App = "serviceAccount:p-app.svc.id.goog[dev/app]";
    private const string Nodes = "serviceAccount:nodes@p-app.iam.gserviceaccount.com";
    private static readonly DateTimeOffset AsOf = new(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly Lazy<GcpEdgeContext> Context = new(() => new GcpEdgeContext(GcpFixtures.GkeWorkloads, AsOf));

    [Theory]
    [InlineData("user:v-deploy@example.com", "`apps/deployments`")]
    [InlineData("user:v-cron@example.com", "`batch/cronjobs`")]
    [InlineData("user:v-rc@example.com", "`replicationcontrollers`")]
    [InlineData("user:v-edit@example.com", "creates pods")]
    public void Creating_a_workload_resource_runs_pods_as_any_service_account_of_the_namespace(string from, string how)
    {
        // Given RoleBindings in namespace dev that let the user create a workload resource, and dev/app's workload identity
        var edges = Assert.Single(GcpEdgeCheckers.All, c => c.TechniqueId == "gcp-gke-workload-identity").Check(Context.Value, targets: null).ToList();

        // Then the user reaches dev/app, the RBAC step saying what it creates
        var edge = Assert.Single(edges, e => e.From.Value == from && e.To.Value == App);
        Assert.Contains(how, Assert.Single(edge.Permissions, p => p.Action == GkeRbac.CreatePods).GrantedBy, StringComparison.Ordinal);

        // And the nodes' account too (a host-network pod)
        var nodes = Assert.Single(GcpEdgeCheckers.All, c => c.TechniqueId == "gcp-gke-node-service-account").Check(Context.Value, targets: null);
        Assert.Single(nodes, e => e.From.Value == from && e.To.Value == Nodes);
    }

    [Theory]
    [InlineData("user:s-deploy@example.com")]
    [InlineData("user:s-cron@example.com")]
    [InlineData("user:s-rc@example.com")]
    public void Reading_or_scaling_workloads_another_group_s_resource_or_one_named_object_creates_no_pods(string from)
    {
        // Given RoleBindings in dev that read, scale and delete deployments, create example.com cronjobs, create the replication controller `web` by name
        var edges = GcpEdgeCheckers.All.Where(c => c.TechniqueId.StartsWith("gcp-gke-", StringComparison.Ordinal)).SelectMany(c => c.Check(Context.Value, targets: null));

        // Then the user reaches neither dev/app nor the nodes (system:authenticated creates deployments in sandbox only, reaching the nodes alone)
        Assert.DoesNotContain(edges, e => e.From.Value == from && e.To.Value == App);
    }

    [Theory]
    [InlineData("", "pods", "pods")]
    [InlineData("apps", "deployments", "apps/deployments")]
    [InlineData("apps", "replicasets", "apps/replicasets")]
    [InlineData("apps", "statefulsets", "apps/statefulsets")]
    [InlineData("apps", "daemonsets", "apps/daemonsets")]
    [InlineData("batch", "jobs", "batch/jobs")]
    [InlineData("batch", "cronjobs", "batch/cronjobs")]
    [InlineData("", "replicationcontrollers", "replicationcontrollers")]
    [InlineData("*", "*", "pods")]
    [InlineData("apps", "*", "apps/deployments")]
    [InlineData("extensions", "deployments", null)]
    [InlineData("", "services", null)]
    public void A_rule_creates_pods_through_pods_or_a_workload_resource(string group, string resource, string? expected)
    {
        var rule = new KubernetesPolicyRule([group], [resource], ["create"]);

        Assert.Equal(expected, rule.CreatesPodsThrough);
        Assert.Null(new KubernetesPolicyRule([group], [resource], ["update", "patch", "get"]).CreatesPodsThrough);
        Assert.Null((rule with { ResourceNames = ImmutableArray.Create("web") }).CreatesPodsThrough);
    }
}
