using Ward.Core.Decisions;
using Ward.Core.Diagnostics;
using Ward.Gcp.Edges;
using Ward.Gcp.Iam;
using Ward.Gcp.Ingest;
using Ward.Gcp.Policy.Evaluation;
using Ward.Gcp.Tests.Testing;

namespace Ward.Gcp.Tests.Ingest;

/// <summary>
/// The hierarchy rebuilt from <c>gcloud asset search-all-iam-policies</c> output alone (Fixtures/search-only: no
/// resource export): organization 900000000001, folder 910000000001 holding projects 920000000001 (p-app) and
/// 920000000002, project 920000000003 under the organization; and folders listed in no documented order.
/// </summary>
public sealed class SearchedHierarchyTests
{
    private const string Organization = "organizations/900000000001";
    private const string Folder = "folders/910000000001";
    private const string App = "projects/920000000001";
    private static readonly DateTimeOffset AsOf = new(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly Lazy<GcpEstate> SearchOnly = new(() => GcpEstateLoader.Load([Path.Combine(AppContext.BaseDirectory, "Fixtures", "search-only")]));

    [Fact]
    public void A_policy_search_alone_gives_the_organization_its_folder_and_projects_with_their_ancestry()
    {
        // Given the search results only
        var estate = SearchOnly.Value;

        // Then every container a result names is a node, each with its ancestry, and nothing is reported about the hierarchy
        // but the project ids that nothing pairs with a number
        Assert.Equal(1, estate.Nodes.Count(n => n.Kind == HierarchyNodeKind.Organization));
        Assert.Equal(1, estate.Nodes.Count(n => n.Kind == HierarchyNodeKind.Folder));
        Assert.Equal(3, estate.Nodes.Count(n => n.Kind == HierarchyNodeKind.Project));
        Assert.Equal([App, Folder, Organization], estate.FindNode(App)!.Ancestors.AsEnumerable(), StringComparer.Ordinal);
        Assert.Equal(Folder, estate.FindNode(App)!.Parent);
        Assert.Equal(["projects/920000000003", Organization], estate.FindNode("projects/920000000003")!.Ancestors.AsEnumerable(), StringComparer.Ordinal);
        Assert.Equal([Folder, Organization], estate.FindNode(Folder)!.Ancestors.AsEnumerable(), StringComparer.Ordinal);
        Assert.DoesNotContain(estate.Diagnostics, d => d.Code == GcpDiagnosticCodes.HierarchyProblem && !d.Message.Contains("match no project of the hierarchy", StringComparison.Ordinal));
    }

    [Fact]
    public void A_policy_search_alone_finds_the_escalation_that_the_evaluator_allows()
    {
        // Given the search results only: the deployer is Owner of p-app, v-tokencreator-proj its Token Creator on the project
        var graph = GcpGraphBuilder.Build(new GcpEdgeContext(SearchOnly.Value, AsOf));

        // When the escalations are searched
        var escalations = graph.Escalations().ToDictionary(e => e.Principal, StringComparer.Ordinal);

        // Then the deployer is owner-equivalent of p-app and the token creator reaches it through the deployer, as `ward can` says
        Assert.NotNull(graph.OwnerEquivalenceOf("serviceAccount:deployer@p-app.iam.gserviceaccount.com", ResourceNames.Container(App)));
        Assert.NotNull(graph.OwnerEquivalenceOf("user:v-secadmin@example.com", ResourceNames.Container(Organization)));
        Assert.False(escalations["user:v-tokencreator-proj@example.com"].IsConditional);
        Assert.Equal(DecisionKind.Allowed, Can(SearchOnly.Value, "user:v-tokencreator-proj@example.com", "iam.serviceAccounts.getAccessToken", "//iam.googleapis.com/projects/-/serviceAccounts/deployer@p-app.iam.gserviceaccount.com").Kind);
    }

    [Fact]
    public void Folders_listed_out_of_order_are_put_in_order_by_the_folders_own_results()
    {
        // Given projects/3 under folders/2 under folders/1, whose result lists the folders top first, folders/1's own
        // result (folders/2 has no policy, so no result); and projects/7 under folders/8, folders/6 and folders/5 (in
        // that order, closest first), listed as 5, 8, 6, where only folders/6's result says folders/5 is above it
        using var scratch = new ScratchFolder(("iam-policies.json", Results(
            ("//cloudresourcemanager.googleapis.com/folders/1", "cloudresourcemanager.googleapis.com/Folder", null, ["folders/1"]),
            ("//cloudresourcemanager.googleapis.com/projects/3", "cloudresourcemanager.googleapis.com/Project", "projects/3", ["folders/1", "folders/2"]),
            ("//cloudresourcemanager.googleapis.com/folders/6", "cloudresourcemanager.googleapis.com/Folder", null, ["folders/5", "folders/6"]),
            ("//storage.googleapis.com/bucket-7", "storage.googleapis.com/Bucket", "projects/7", ["folders/5", "folders/8", "folders/6"]))),
            ("roles.json", Roles));

        // When it is loaded
        var estate = GcpEstateLoader.Load([scratch.Path], TestContext.Current.CancellationToken);

        // Then each project lies under its folders in their order, and nothing is reported
        Assert.Equal(["projects/3", "folders/2", "folders/1", "organizations/9"], estate.FindNode("projects/3")!.Ancestors.AsEnumerable(), StringComparer.Ordinal);
        Assert.Equal("folders/2", estate.FindNode("projects/3")!.Parent);
        Assert.Equal(["folders/2", "folders/1", "organizations/9"], estate.FindNode("folders/2")!.Ancestors.AsEnumerable(), StringComparer.Ordinal);
        Assert.Equal(["projects/7", "folders/8", "folders/6", "folders/5", "organizations/9"], estate.FindNode("projects/7")!.Ancestors.AsEnumerable(), StringComparer.Ordinal);
        Assert.DoesNotContain(estate.Diagnostics, d => d.Code == GcpDiagnosticCodes.HierarchyProblem);
    }

    [Fact]
    public void Folders_whose_nesting_nothing_says_all_reach_the_project_and_are_reported_where_listed()
    {
        // Given projects/3 under folders/1, folders/2 and folders/4, of which only folders/4's own result (naming no
        // other folder: it is the topmost) is exported; and Project IAM Admin on the organization
        using var scratch = new ScratchFolder(("roles.json", Roles));
        var file = scratch.Write("iam-policies.json", Results(
            ("//cloudresourcemanager.googleapis.com/organizations/9", "cloudresourcemanager.googleapis.com/Organization", null, []),
            ("//cloudresourcemanager.googleapis.com/folders/4", "cloudresourcemanager.googleapis.com/Folder", null, ["folders/4"]),
            ("//cloudresourcemanager.googleapis.com/projects/3", "cloudresourcemanager.googleapis.com/Project", "projects/3", ["folders/1", "folders/4", "folders/2"])));

        // When it is loaded
        var estate = GcpEstateLoader.Load([scratch.Path], TestContext.Current.CancellationToken);

        // Then the project has every folder above it, so that their policies reach it, but no parent
        var project = estate.FindNode("projects/3")!;
        Assert.Equal(["projects/3", "folders/1", "folders/4", "folders/2", "organizations/9"], project.Ancestors.AsEnumerable(), StringComparer.Ordinal);
        Assert.Null(project.Parent);

        // And a folder takes only what is known to be above it
        Assert.Equal(["folders/1", "folders/4", "organizations/9"], estate.FindNode("folders/1")!.Ancestors.AsEnumerable(), StringComparer.Ordinal);
        Assert.Equal(["folders/4", "organizations/9"], estate.FindNode("folders/4")!.Ancestors.AsEnumerable(), StringComparer.Ordinal);

        // And a warning at the result's place says the order is not known
        var warning = Assert.Single(estate.Diagnostics, d => d.Code == GcpDiagnosticCodes.HierarchyProblem);
        Assert.Equal(DiagnosticSeverity.Warning, warning.Severity);
        Assert.Equal(file, warning.Location.File);
        Assert.NotNull(warning.Location.Line);
        Assert.Contains("`projects/3`", warning.Message, StringComparison.Ordinal);
        Assert.Contains("no documented order", warning.Message, StringComparison.Ordinal);

        // And the project is placed: its ancestors' policies are known, so an answer is decided
        Assert.Equal(DecisionKind.Allowed, Can(estate, "user:admin@example.com", "resourcemanager.projects.setIamPolicy", "projects/3").Kind);
        Assert.Equal(DecisionKind.ImplicitDeny, Can(estate, "user:nobody@example.com", "resourcemanager.projects.setIamPolicy", "projects/3").Kind);
    }

    [Fact]
    public void Policies_that_place_nothing_in_the_hierarchy_are_reported_rather_than_leaving_the_scan_without_targets()
    {
        // Given a search result whose fields name no project, folder or organization
        using var scratch = new ScratchFolder(("roles.json", Roles));
        var file = scratch.Write("iam-policies.json", """
            [{"resource": "//storage.googleapis.com/lost", "assetType": "storage.googleapis.com/Bucket",
              "policy": {"bindings": [{"role": "roles/resourcemanager.projectIamAdmin", "members": ["user:admin@example.com"]}]}}]
            """);

        // When it is loaded
        var estate = GcpEstateLoader.Load([scratch.Path], TestContext.Current.CancellationToken);

        // Then no container is known, and a warning at the file says so
        Assert.Empty(estate.Nodes);
        var warning = Assert.Single(estate.Diagnostics, d => d.Code == GcpDiagnosticCodes.HierarchyProblem);
        Assert.Equal(file, warning.Location.File);
        Assert.Contains("no organization, folder or project", warning.Message, StringComparison.Ordinal);
    }

    private const string Roles = """
        [{"name": "roles/resourcemanager.projectIamAdmin", "title": "Project IAM Admin", "stage": "GA",
          "includedPermissions": ["resourcemanager.projects.getIamPolicy", "resourcemanager.projects.setIamPolicy"]}]
        """;

    private static string Results(params (string Resource, string AssetType, string? Project, string[] Folders)[] results) =>
        "[" + string.Join(",", results.Select(Result)) + "]";

    private static string Result((string Resource, string AssetType, string? Project, string[] Folders) r)
    {
        var project = r.Project is null ? string.Empty : $"\"project\": \"{r.Project}\", ";
        var folders = string.Join(", ", r.Folders.Select(f => $"\"{f}\""));
        const string Policy = """{"bindings": [{"role": "roles/resourcemanager.projectIamAdmin", "members": ["user:admin@example.com"]}]}""";
        return $"{{\"resource\": \"{r.Resource}\", \"assetType\": \"{r.AssetType}\", {project}\"folders\": [{folders}], \"organization\": \"organizations/9\",\n \"policy\": {Policy}}}";
    }

    private static Decision Can(GcpEstate estate, string principal, string permission, string resource)
    {
        var located = ResourceLocator.Locate(estate, resource, out var problem) ?? throw new InvalidOperationException(problem);
        var request = new GcpRequest { Principal = Member.Parse(principal), Permission = permission, Resource = located, AsOf = AsOf };
        return new GcpAuthorizer(estate).Authorize(request);
    }
}
