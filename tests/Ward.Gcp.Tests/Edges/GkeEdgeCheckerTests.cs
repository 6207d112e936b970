using Ward.Gcp.Edges;
using Ward.Gcp.Tests.Testing;

namespace Ward.Gcp.Tests.Edges;

/// <summary>The GKE techniques on the GKE lab (Fixtures/gke).</summary>
public sealed class GkeEdgeCheckerTests
{
    private const string DevDefault = "serviceAccount:730000000002-compute@developer.gserviceaccount.com";
    private const string ProdNodes = "serviceAccount:nodes@gke-prod.iam.gserviceaccount.com";
    private const string AutopilotNodes = "serviceAccount:ap-nodes@gke-prod.iam.gserviceaccount.com";
    private const string Deployer = "serviceAccount:gke-prod.svc.id.goog[deploy/deployer]";
    private const string DevRunner = "serviceAccount:gke-dev.svc.id.goog[ci/runner]";
    private static readonly DateTimeOffset AsOf = new(2026, 5, 1, 9, 0, 0, TimeSpan.Zero);
    private static readonly Lazy<GcpEdgeContext> Context = new(() => new GcpEdgeContext(GcpFixtures.Gke, AsOf));

    public enum Expect
    {
        Certain,
        Conditional,
        None,
    }

    public static TheoryData<string, string, string, Expect> Cases => new()
    {
        // Node service accounts: the metadata server of a GCE_METADATA pool; a GKE_METADATA pool only through a host-network pod; Autopilot never; viewing a cluster is not enough.
        { "gcp-gke-node-service-account", "user:v-dev@example.io", DevDefault, Expect.Certain },
        { "gcp-gke-node-service-account", "user:s-viewer@example.io", DevDefault, Expect.None },
        { "gcp-gke-node-service-account", "user:c-prod@example.io", ProdNodes, Expect.Conditional },
        { "gcp-gke-node-service-account", "user:u-pods@example.io", ProdNodes, Expect.Conditional },
        { "gcp-gke-node-service-account", "user:c-prod@example.io", AutopilotNodes, Expect.None },
        { "gcp-gke-node-service-account", "user:v-dev@example.io", ProdNodes, Expect.None },

        // Kubernetes RBAC (Fixtures/gke/kubernetes): a cluster role binding to cluster-admin or to a custom role that creates pods lets a principal that may get the cluster in;
        // not without getting the cluster, not view or a role that only reads pods; a Google group only with Google Groups for RBAC and nested in its security group (exported).
        { "gcp-gke-node-service-account", "user:v-rbac@example.io", DevDefault, Expect.Certain },
        { "gcp-gke-node-service-account", "user:s-rbacnoget@example.io", DevDefault, Expect.None },
        { "gcp-gke-node-service-account", "user:s-rbacview@example.io", DevDefault, Expect.None },
        { "gcp-gke-node-service-account", "user:v-rbaccustom@example.io", DevDefault, Expect.Certain },
        { "gcp-gke-node-service-account", "user:s-rbaccustom@example.io", DevDefault, Expect.None },
        { "gcp-gke-node-service-account", "group:gke-admins@example.io", DevDefault, Expect.Certain },
        { "gcp-gke-node-service-account", "group:gke-contractors@example.io", DevDefault, Expect.None },
        { "gcp-gke-node-service-account", "user:v-rbac@example.io", ProdNodes, Expect.None },

        // RBAC that lets one grant oneself a role: bind on cluster-admin with creating bindings, escalate on roles, impersonating system:masters; not bind on view only, nor impersonating another group.
        { "gcp-gke-node-service-account", "user:v-rbacbind@example.io", DevDefault, Expect.Certain },
        { "gcp-gke-node-service-account", "user:s-rbacbind@example.io", DevDefault, Expect.None },
        { "gcp-gke-node-service-account", "user:v-rbacescalate@example.io", DevDefault, Expect.Certain },
        { "gcp-gke-node-service-account", "user:v-rbacimpersonate@example.io", DevDefault, Expect.Certain },
        { "gcp-gke-node-service-account", "user:s-rbacimpersonate@example.io", DevDefault, Expect.None },

        // RBAC in one namespace: pods anywhere reach the nodes; a Kubernetes service account only from its own namespace. system:authenticated stands for every principal that may get the cluster.
        { "gcp-gke-node-service-account", "user:v-rbacns@example.io", ProdNodes, Expect.Conditional },
        { "gcp-gke-node-service-account", "user:s-viewer@example.io", ProdNodes, Expect.Conditional },
        { "gcp-gke-workload-identity", "user:v-rbacns@example.io", Deployer, Expect.Conditional },
        { "gcp-gke-workload-identity", "user:s-rbacns@example.io", Deployer, Expect.None },

        // Workload identity: creating the Kubernetes service account makes it certain; pods alone, conditional on it existing; a pool no cluster uses, nothing.
        { "gcp-gke-workload-identity", "user:c-prod@example.io", Deployer, Expect.Certain },
        { "gcp-gke-workload-identity", "user:u-pods@example.io", Deployer, Expect.Conditional },
        { "gcp-gke-workload-identity", "user:s-viewer@example.io", Deployer, Expect.None },
        { "gcp-gke-workload-identity", "user:v-dev@example.io", Deployer, Expect.None },
        { "gcp-gke-workload-identity", "user:v-dev@example.io", DevRunner, Expect.None },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Each_GKE_technique_gives_its_edge_to_the_vulnerable_principal_and_none_to_its_safe_twin(string technique, string from, string to, Expect expected)
    {
        // Given the GKE lab and the technique's checker
        var checker = Assert.Single(GcpEdgeCheckers.All, c => c.TechniqueId == technique);

        // When it checks every target
        var edges = checker.Check(Context.Value, targets: null).Where(e => e.From.Value == from && e.To.Value == to).ToList();

        // Then the edge is there, certain or conditional, or absent
        if (expected == Expect.None)
        {
            Assert.Empty(edges);
            return;
        }

        var edge = Assert.Single(edges);
        Assert.Equal(expected == Expect.Conditional, edge.IsConditional);
        Assert.Contains(edge.Permissions, p => p.Action is "container.pods.create" or GkeRbac.CreatePods);
        Assert.Contains(edge.Permissions, p => p.Action == "container.clusters.get");
    }

    [Fact]
    public void An_edge_through_Kubernetes_RBAC_names_the_binding_and_a_Google_group_counts_when_nested_in_the_security_group()
    {
        var checker = Assert.Single(GcpEdgeCheckers.All, c => c.TechniqueId == "gcp-gke-node-service-account");
        var edges = checker.Check(Context.Value, targets: null).ToList();

        // Given v-rbac's edge, through the cluster role binding platform-admins
        var rbac = Assert.Single(edges, e => e.From.Value == "user:v-rbac@example.io" && e.To.Value == DevDefault).Permissions.Single(p => p.Action == GkeRbac.CreatePods);
        Assert.Equal("projects/gke-dev/locations/europe-west1-b/clusters/dev", rbac.Resource);
        Assert.Contains("ClusterRoleBinding `platform-admins`: ClusterRole `cluster-admin` to User `v-rbac@example.io`", rbac.GrantedBy, StringComparison.Ordinal);

        // Then the group's edge is certain, the security group's exported memberships nesting it; without them it would be conditional
        var group = Assert.Single(edges, e => e.From.Value == "group:gke-admins@example.io" && e.To.Value == DevDefault);
        Assert.False(group.IsConditional);
        Assert.Contains("is a member of group `gke-security-groups@example.io`", group.Permissions.Single(p => p.Action == GkeRbac.CreatePods).GrantedBy, StringComparison.Ordinal);

        // And an IAM grant, where certain, is preferred to RBAC's
        Assert.DoesNotContain(edges.Single(e => e.From.Value == "user:v-dev@example.io" && e.To.Value == DevDefault).Permissions, p => p.Action == GkeRbac.CreatePods);
    }

    [Fact]
    public void A_Kubernetes_service_account_that_RBAC_lets_create_pods_reaches_the_nodes_from_inside_the_cluster()
    {
        // Given prod's RoleBindings of edit to deploy/deployer and of admin to sandbox/builder (a Kubernetes service account no IAM policy names)
        var nodes = Assert.Single(GcpEdgeCheckers.All, c => c.TechniqueId == "gcp-gke-node-service-account").Check(Context.Value, targets: null).ToList();
        const string Builder = "serviceAccount:gke-prod.svc.id.goog[sandbox/builder]";

        // Then each reaches the nodes' account with its RBAC step alone (no credentials to get: it is inside the cluster),
        // conditional on the pod being in prod itself (the pool is shared with the Autopilot cluster) and on the host network
        foreach (var account in new[] { Deployer, Builder })
        {
            var edge = Assert.Single(nodes, e => e.From.Value == account && e.To.Value == ProdNodes);
            Assert.Equal(GkeRbac.CreatePods, Assert.Single(edge.Permissions).Action);
            Assert.Contains(edge.Requirements, r => r.Contains("not in another cluster of the workload identity pool `gke-prod.svc.id.goog`", StringComparison.Ordinal));
            Assert.Contains(edge.Requirements, r => r.Contains("hostNetwork: true", StringComparison.Ordinal));
        }

        // And whoever may create pods in namespace sandbox (system:authenticated: every principal that may get the cluster) becomes the builder
        var identities = Assert.Single(GcpEdgeCheckers.All, c => c.TechniqueId == "gcp-gke-workload-identity").Check(Context.Value, targets: null).ToList();
        Assert.True(Assert.Single(identities, e => e.From.Value == "user:s-viewer@example.io" && e.To.Value == Builder).IsConditional);
        Assert.DoesNotContain(identities, e => e.From.Value == "user:s-rbacnoget@example.io");
    }

    [Fact]
    public void Kubernetes_identities_named_as_principals_are_reached_by_those_who_run_pods_where_they_live()
    {
        // Given gke-prod's grants to one Kubernetes service account, to every one of namespace sandbox, and to every one of cluster prod, as principal identifiers
        const string Pool = "iam.googleapis.com/projects/730000000001/locations/global/workloadIdentityPools/gke-prod.svc.id.goog";
        const string Ledger = "principal://" + Pool + "/subject/ns/payments/sa/ledger";
        const string Sandbox = "principalSet://" + Pool + "/namespace/sandbox";
        const string Prod = "principalSet://" + Pool + "/kubernetes.cluster/https://container.googleapis.com/v1/projects/gke-prod/locations/europe-west1/clusters/prod";
        var edges = Assert.Single(GcpEdgeCheckers.All, c => c.TechniqueId == "gcp-gke-workload-identity").Check(Context.Value, targets: null).ToList();

        // Then c-prod (pods anywhere, and may create Kubernetes service accounts) becomes each for certain
        Assert.All(new[] { Ledger, Sandbox, Prod }, to => Assert.False(Assert.Single(edges, e => e.From.Value == "user:c-prod@example.io" && e.To.Value == to).IsConditional));

        // And u-pods (pods, no Kubernetes service accounts) becomes the namespace's and cluster's sets through their default account, but the one account only if it exists
        Assert.False(Assert.Single(edges, e => e.From.Value == "user:u-pods@example.io" && e.To.Value == Sandbox).IsConditional);
        Assert.True(Assert.Single(edges, e => e.From.Value == "user:u-pods@example.io" && e.To.Value == Ledger).IsConditional);

        // And s-viewer, whom RBAC lets create pods in sandbox only, becomes sandbox's set and prod's, not payments' account
        Assert.False(Assert.Single(edges, e => e.From.Value == "user:s-viewer@example.io" && e.To.Value == Sandbox).IsConditional);
        Assert.Single(edges, e => e.From.Value == "user:s-viewer@example.io" && e.To.Value == Prod);
        Assert.DoesNotContain(edges, e => e.From.Value == "user:s-viewer@example.io" && e.To.Value == Ledger);

        // And the namespace's set, which deployer@gke-prod trusts (Workload Identity User), creates that account's tokens
        var tokens = Assert.Single(GcpEdgeCheckers.All, c => c.TechniqueId == "gcp-sa-get-access-token").Check(Context.Value, targets: null);
        Assert.Single(tokens, e => e.From.Value == Sandbox && e.To.Value == "serviceAccount:deployer@gke-prod.iam.gserviceaccount.com");

        // And the cluster's set is not reached through the Autopilot cluster of the same pool (v-rbacns edits deploy in prod only, so still reaches it)
        Assert.Contains("GKE cluster `prod`", Assert.Single(edges, e => e.From.Value == "user:v-rbacns@example.io" && e.To.Value == Prod).Description, StringComparison.Ordinal);
    }

    [Fact]
    public void A_grant_to_a_namespace_s_service_accounts_is_every_pod_creator_s_there()
    {
        // Given prod's RoleBinding of edit in namespace reports to system:serviceaccounts:sandbox, and an IAM-named account of reports
        const string Exporter = "principal://iam.googleapis.com/projects/730000000001/locations/global/workloadIdentityPools/gke-prod.svc.id.goog/subject/ns/reports/sa/exporter";
        var edges = Assert.Single(GcpEdgeCheckers.All, c => c.TechniqueId == "gcp-gke-workload-identity").Check(Context.Value, targets: null).ToList();

        // Then s-viewer, whom RBAC lets create pods in sandbox, creates them in reports too, as its pods' accounts may, and reaches the account (if it exists)
        var edge = Assert.Single(edges, e => e.From.Value == "user:s-viewer@example.io" && e.To.Value == Exporter);
        Assert.True(edge.IsConditional);
        var step = edge.Permissions.Single(p => p.Action == GkeRbac.CreatePods).GrantedBy;
        Assert.Contains("public-sandbox", step, StringComparison.Ordinal);
        Assert.Contains("its pods run as Kubernetes service accounts, and", step, StringComparison.Ordinal);
        Assert.Contains("sandbox-builds-reports", step, StringComparison.Ordinal);

        // And sandbox/builder, a member of that group, reaches it with the group's grant alone; deploy/deployer, of another namespace, does not
        var builder = Assert.Single(edges, e => e.From.Value == "serviceAccount:gke-prod.svc.id.goog[sandbox/builder]" && e.To.Value == Exporter);
        Assert.Contains("sandbox-builds-reports", Assert.Single(builder.Permissions, p => p.Action == GkeRbac.CreatePods).GrantedBy, StringComparison.Ordinal);
        Assert.DoesNotContain(edges, e => e.From.Value == Deployer && e.To.Value == Exporter);
    }

    [Fact]
    public void A_pool_on_the_GKE_metadata_server_needs_a_host_network_pod()
    {
        // Given c-prod's edge to the prod cluster's node account
        var edge = Assert.Single(GcpEdgeCheckers.All, c => c.TechniqueId == "gcp-gke-node-service-account").Check(Context.Value, targets: null)
            .Single(e => e.From.Value == "user:c-prod@example.io" && e.To.Value == ProdNodes);

        // Then its requirement says why, and its description names the pool and cluster
        Assert.Contains("hostNetwork: true", Assert.Single(edge.Requirements), StringComparison.Ordinal);
        Assert.Contains("node pool `system` of GKE cluster `prod` in `projects/gke-prod`", edge.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void The_Kubernetes_service_account_then_reaches_the_Google_service_account_that_trusts_it()
    {
        // Given the token-creation checker
        var checker = Assert.Single(GcpEdgeCheckers.All, c => c.TechniqueId == "gcp-sa-get-access-token");

        // When it checks deployer@gke-prod
        var edges = checker.Check(Context.Value, new HashSet<string>(StringComparer.Ordinal) { "serviceAccount:deployer@gke-prod.iam.gserviceaccount.com" }).ToList();

        // Then the Kubernetes service account's Workload Identity User binding is the next step of c-prod's path
        Assert.Contains(edges, e => e.From.Value == Deployer);
    }

    [Fact]
    public void Only_checkers_towards_the_targets_run()
    {
        // Given a target set without the workload identity
        var targets = new HashSet<string>(StringComparer.Ordinal) { DevDefault };

        // When both GKE checkers run towards it
        var edges = GcpEdgeCheckers.All.Where(c => c.TechniqueId.StartsWith("gcp-gke-", StringComparison.Ordinal)).SelectMany(c => c.Check(Context.Value, targets)).ToList();

        // Then every edge leads to the target
        Assert.NotEmpty(edges);
        Assert.All(edges, e => Assert.Equal(DevDefault, e.To.Value));
    }
}
