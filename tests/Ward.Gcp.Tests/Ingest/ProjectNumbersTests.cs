using Ward.Core.Diagnostics;
using Ward.Gcp.Edges;
using Ward.Gcp.Iam;
using Ward.Gcp.Ingest;
using Ward.Gcp.Tests.Testing;

namespace Ward.Gcp.Tests.Ingest;

/// <summary>
/// Project ids matched to project numbers without the resource export: Fixtures/assetpol-only (the IAM policy asset
/// export, service accounts, roles, groups) and Fixtures/search-only (the same policies from a policy search). The
/// policy of p-app's deployer account is exported under `//iam.googleapis.com/projects/p-app/serviceAccounts/1001`
/// with projects/920000000001 as its project; nothing pairs p-data or p-other with a number.
/// </summary>
public sealed class ProjectNumbersTests
{
    private static readonly DateTimeOffset AsOf = new(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly Lazy<GcpEstate> AssetPolicies = new(() => GcpEstateLoader.Load([Path.Combine(AppContext.BaseDirectory, "Fixtures", "assetpol-only")]));
    private static readonly Lazy<GcpEstate> SearchOnly = new(() => GcpEstateLoader.Load([Path.Combine(AppContext.BaseDirectory, "Fixtures", "search-only")]));

    [Fact]
    public void A_service_account_policy_named_by_project_id_gives_its_project_the_id()
    {
        // Given the policy exports without the resource export
        foreach (var estate in new[] { AssetPolicies.Value, SearchOnly.Value })
        {
            // Then p-app is projects/920000000001, by id as by number
            var project = estate.FindNode("projects/920000000001")!;
            Assert.Equal("p-app", project.ProjectId);
            Assert.Same(project, estate.FindNode("projects/p-app"));
            Assert.Null(estate.FindNode("projects/920000000002")!.ProjectId);
        }
    }

    [Fact]
    public void The_accounts_of_a_project_known_by_number_only_escalate_into_it()
    {
        // Given the asset policy export: the deployer is Owner of p-app; v-compute, v-run and v-fn may run code as it there
        var graph = GcpGraphBuilder.Build(new GcpEdgeContext(AssetPolicies.Value, AsOf));

        // When the escalations are searched
        var escalations = graph.Escalations().ToDictionary(e => e.Principal, StringComparer.Ordinal);

        // Then they reach p-app through the deployer, whose project is now known
        Assert.All(["user:v-compute@example.com", "user:v-run@example.com", "user:v-fn@example.com"], p => Assert.False(escalations[p].IsConditional, p));
    }

    [Fact]
    public void Project_ids_nothing_pairs_with_a_number_are_reported_at_an_account_of_theirs()
    {
        // Given p-data's and p-other's accounts, whose projects' numbers nothing gives
        var estate = AssetPolicies.Value;

        // Then one warning names both ids and the projects without an id, at p-data's service accounts export
        var warning = Assert.Single(estate.Diagnostics, d => d.Code == GcpDiagnosticCodes.HierarchyProblem);
        Assert.Equal(DiagnosticSeverity.Warning, warning.Severity);
        Assert.Contains("`p-data`, `p-other`", warning.Message, StringComparison.Ordinal);
        Assert.Contains("`projects/920000000002`, `projects/920000000003`", warning.Message, StringComparison.Ordinal);
        Assert.EndsWith(Path.Combine("service-accounts", "p-data.json"), warning.Location.File, StringComparison.Ordinal);
    }

    [Fact]
    public void A_compute_default_account_pairs_its_project_and_a_second_pairing_is_reported()
    {
        // Given a policy asset export of projects/5 and projects/6, the default Compute Engine account of projects/5
        // listed with project id `lab`, and a dataset asset that names `lab` under projects/6
        using var scratch = new ScratchFolder(
            ("assets/iam-policy.json", """
                {"name": "//cloudresourcemanager.googleapis.com/projects/5", "asset_type": "cloudresourcemanager.googleapis.com/Project", "ancestors": ["projects/5", "organizations/9"], "iam_policy": {"bindings": [{"role": "roles/viewer", "members": ["user:a@example.com"]}]}}
                {"name": "//cloudresourcemanager.googleapis.com/projects/6", "asset_type": "cloudresourcemanager.googleapis.com/Project", "ancestors": ["projects/6", "organizations/9"], "iam_policy": {"bindings": [{"role": "roles/viewer", "members": ["user:a@example.com"]}]}}
                {"name": "//bigquery.googleapis.com/projects/lab/datasets/d", "asset_type": "bigquery.googleapis.com/Dataset", "ancestors": ["projects/6", "organizations/9"], "iam_policy": {"bindings": [{"role": "roles/viewer", "members": ["user:a@example.com"]}]}}
                """),
            ("service-accounts/lab.json", """
                [{"email": "5-compute@developer.gserviceaccount.com", "projectId": "lab", "uniqueId": "11", "name": "projects/lab/serviceAccounts/5-compute@developer.gserviceaccount.com"}]
                """),
            ("roles.json", """[{"name": "roles/viewer", "title": "Viewer", "stage": "GA", "includedPermissions": ["resourcemanager.projects.get"]}]"""));

        // When it is loaded
        var estate = GcpEstateLoader.Load([scratch.Path], TestContext.Current.CancellationToken);

        // Then the asset export's pairing, read first, names projects/6 `lab`, and the account's is reported
        Assert.Equal("lab", estate.FindNode("projects/6")!.ProjectId);
        Assert.Null(estate.FindNode("projects/5")!.ProjectId);
        var warning = Assert.Single(estate.Diagnostics, d => d.Code == GcpDiagnosticCodes.HierarchyProblem && d.Message.Contains("pairs project id", StringComparison.Ordinal));
        Assert.EndsWith(Path.Combine("service-accounts", "lab.json"), warning.Location.File, StringComparison.Ordinal);
    }
}
