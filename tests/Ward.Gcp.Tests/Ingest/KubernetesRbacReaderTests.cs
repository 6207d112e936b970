using Ward.Core.Diagnostics;
using Ward.Gcp.Ingest;
using Ward.Gcp.Tests.Testing;

namespace Ward.Gcp.Tests.Ingest;

public sealed class KubernetesRbacReaderTests
{
    private const string OneBinding = """
        {
            "apiVersion": "rbac.authorization.k8s.io/v1",
            "kind": "ClusterRoleBinding",
            "metadata": { "name": "platform-admins", "resourceVersion": "48213" },
            "roleRef": { "apiGroup": "rbac.authorization.k8s.io", "kind": "ClusterRole", "name": "cluster-admin" },
            "subjects": [ { "apiGroup": "rbac.authorization.k8s.io", "kind": "User", "name": "alice@example.io" } ]
        }
        """;

    private const string BrokenList = """
        {
            "apiVersion": "v1",
            "kind": "List",
            "items": [
                {
                    "apiVersion": "rbac.authorization.k8s.io/v1",
                    "kind": "RoleBinding",
                    "metadata": { "name": "no-role", "namespace": "ci" },
                    "subjects": [ { "kind": "User", "name": "bob@example.io" } ]
                },
                {
                    "apiVersion": "rbac.authorization.k8s.io/v1",
                    "kind": "ClusterRole",
                    "metadata": { "name": "monitoring-aggregate" },
                    "aggregationRule": { "clusterRoleSelectors": [ { "matchLabels": { "rbac.example.io/aggregate-to-monitoring": "true" } } ] },
                    "rules": null
                },
                {
                    "apiVersion": "rbac.authorization.k8s.io/v1",
                    "kind": "RoleBinding",
                    "metadata": { "name": "deployers", "namespace": "ci" },
                    "roleRef": { "apiGroup": "rbac.authorization.k8s.io", "kind": "ClusterRole", "name": "edit" },
                    "subjects": [ { "kind": "User", "name": "carol@example.io" } ]
                }
            ]
        }
        """;

    [Fact]
    public void Roles_and_bindings_of_kubectl_lists_are_read_with_the_cluster_their_path_names()
    {
        // Given the GKE lab's kubectl outputs, one named after the dev cluster's context, one in a folder named after prod's
        var estate = GcpFixtures.Gke;

        // Then every binding and role is read, with its cluster, kind, namespace, role and subjects
        var dev = "gke_gke-dev_europe-west1-b_dev";
        var prod = "gke_gke-prod_europe-west1_prod";
        Assert.Equal(30, estate.KubernetesRoleBindings.Length + estate.KubernetesRoles.Length);
        var admins = Assert.Single(estate.KubernetesRoleBindings, b => b.Name == "platform-admins");
        Assert.Equal((dev, "ClusterRoleBinding", null, "ClusterRole", "cluster-admin"), (admins.Cluster, admins.Kind, admins.Namespace, admins.RoleKind, admins.RoleName));
        Assert.Equal(["User v-rbac@example.io", "User s-rbacnoget@example.io", "Group gke-admins@example.io"], admins.Subjects.Select(s => $"{s.Kind} {s.Name}"), StringComparer.Ordinal);
        var deployers = Assert.Single(estate.KubernetesRoleBindings, b => b.Name == "deployers");
        Assert.Equal((prod, "RoleBinding", "deploy"), (deployers.Cluster, deployers.Kind, deployers.Namespace));
        var runner = Assert.Single(Assert.Single(estate.KubernetesRoleBindings, b => b.Name == "ci-runner").Subjects);
        Assert.Equal(("ServiceAccount", "runner", "ci"), (runner.Kind, runner.Name, runner.Namespace));
        var launcher = Assert.Single(estate.KubernetesRoles, r => r.Name == "pod-launcher");
        Assert.True(launcher.Rules[0].AllowsCreatingPods);
        Assert.False(launcher.Rules[1].AllowsCreatingPods);
        Assert.False(Assert.Single(Assert.Single(estate.KubernetesRoles, r => r.Name == "pod-reader").Rules).AllowsCreatingPods);
        var manager = Assert.Single(estate.KubernetesRoles, r => r.Name == "rbac-manager");
        Assert.Equal(["cluster-admin"], manager.Rules[1].ResourceNames);
        Assert.True(manager.Rules[0].AllowsCreatingBindings && manager.Rules[1].AllowsBinding && !manager.Rules[1].AllowsCreatingPods);
        Assert.True(Assert.Single(Assert.Single(estate.KubernetesRoles, r => r.Name == "role-escalator").Rules).AllowsEscalatingRoles);

        // And the dev cluster's Google Groups for RBAC settings are read from its listing
        var cluster = Assert.Single(estate.Clusters, c => c.Name == "dev");
        Assert.Equal((true, "gke-security-groups@example.io", dev), (cluster.GoogleGroupsForRbac, cluster.SecurityGroup, cluster.Context));
        Assert.Empty(estate.Diagnostics.Where(d => d.Severity >= DiagnosticSeverity.Warning));
    }

    [Theory]
    [InlineData("kubernetes/gke_my-project_europe-west1_prod.json", "gke_my-project_europe-west1_prod")]
    [InlineData("exports/gke_my-project_us-central1-a_ci/rbac.json", "gke_my-project_us-central1-a_ci")]
    [InlineData(@"exports\gke_my-project_us-central1-a_ci\rbac.json", "gke_my-project_us-central1-a_ci")]
    [InlineData("kubernetes/rbac.json", null)]
    [InlineData("kubernetes/gke_my_project_europe-west1_prod.json", null)]
    [InlineData("kubernetes/gke_My-Project_europe-west1_prod.json", null)]
    public void The_cluster_is_the_kubectl_context_a_path_segment_is_named_after(string path, string? expected)
    {
        Assert.Equal(expected, KubernetesRbacReader.ClusterOf(path));
    }

    [Fact]
    public void Objects_in_a_file_whose_path_names_no_cluster_are_reported_and_skipped_and_a_bad_binding_is_located()
    {
        // Given one binding saved as rbac.json, the same under a path naming a cluster, and a list with a binding that has no roleRef
        using var scratch = new ScratchFolder(
            ("rbac.json", OneBinding),
            ("kubernetes/gke_p1_europe-west1_prod/binding.json", OneBinding),
            ("kubernetes/gke_p1_europe-west1_prod/bindings.json", BrokenList));

        // When they are loaded
        var estate = GcpEstateLoader.Load([scratch.Path], TestContext.Current.CancellationToken);

        // Then the first is an error at its root; the second is read; the bad binding is reported where it is, the good one beside it read
        LocatedDiagnostics.AssertReported(estate.Diagnostics, GcpDiagnosticCodes.UnplacedKubernetesRbac, DiagnosticSeverity.Error, "rbac.json", "$", "do not name their cluster");
        LocatedDiagnostics.AssertReported(estate.Diagnostics, GcpDiagnosticCodes.MissingField, DiagnosticSeverity.Error, "bindings.json", "$.items[0]", "has no `roleRef`");
        Assert.Equal(["platform-admins", "deployers"], estate.KubernetesRoleBindings.Select(b => b.Name), StringComparer.Ordinal);
        Assert.All(estate.KubernetesRoleBindings, b => Assert.Equal("gke_p1_europe-west1_prod", b.Cluster));
        Assert.Empty(Assert.Single(estate.KubernetesRoles).Rules);

        // And, no cluster listing holding gke_p1_europe-west1_prod, that is said once, at its first object
        var unknown = Assert.Single(estate.Diagnostics, d => d.Code == GcpDiagnosticCodes.UnknownKubernetesCluster);
        Assert.Equal((DiagnosticSeverity.Warning, "$"), (unknown.Severity, unknown.Location.JsonPath));
        Assert.EndsWith("binding.json", unknown.Location.File, StringComparison.Ordinal);
        Assert.Equal(3, estate.Diagnostics.Count(d => d.Severity >= DiagnosticSeverity.Warning));
    }

    [Fact]
    public void Other_Kubernetes_objects_beside_RBAC_are_noted_once_and_a_file_of_them_alone_is_not_recognised()
    {
        // Given a kubectl list of a binding, a Pod and two Services, and one of Pods alone
        const string Pod = """{ "apiVersion": "v1", "kind": "Pod", "metadata": { "name": "web-0", "namespace": "shop" }, "spec": { "containers": [ { "name": "web", "image": "nginx" } ] } }""";
        const string Service = """{ "apiVersion": "v1", "kind": "Service", "metadata": { "name": "web", "namespace": "shop" }, "spec": { "type": "ClusterIP" } }""";
        using var scratch = new ScratchFolder(
            ("gke_p1_europe-west1_prod/mixed.json", $$"""{ "apiVersion": "v1", "kind": "List", "items": [ {{OneBinding}}, {{Pod}}, {{Service}}, {{Service.Replace("\"web\"", "\"api\"", StringComparison.Ordinal)}} ] }"""),
            ("gke_p1_europe-west1_prod/pods.json", $$"""{ "apiVersion": "v1", "kind": "List", "items": [ {{Pod}} ] }"""));

        // When they are loaded
        var estate = GcpEstateLoader.Load([scratch.Path], TestContext.Current.CancellationToken);

        // Then the binding is read, the others noted once at the root, by kind; the file of Pods is not recognised; nothing is an error
        Assert.Equal("platform-admins", Assert.Single(estate.KubernetesRoleBindings).Name);
        LocatedDiagnostics.AssertReported(estate.Diagnostics, GcpDiagnosticCodes.NotRead, DiagnosticSeverity.Info, "mixed.json", "$", "3 Kubernetes objects other than roles and role bindings (Pod, Service) not read");
        LocatedDiagnostics.AssertReported(estate.Diagnostics, GcpDiagnosticCodes.UnrecognizedFile, DiagnosticSeverity.Info, "pods.json", "$", "Kubernetes-style objects");
        Assert.DoesNotContain(estate.Diagnostics, d => d.Severity == DiagnosticSeverity.Error);
    }
}
