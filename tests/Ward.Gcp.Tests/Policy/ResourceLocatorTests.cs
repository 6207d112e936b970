using Ward.Core.Decisions;
using Ward.Gcp.Iam;
using Ward.Gcp.Ingest;
using Ward.Gcp.Policy.Evaluation;
using Ward.Gcp.Tests.Testing;

namespace Ward.Gcp.Tests.Policy;

public sealed class ResourceLocatorTests
{
    [Theory]
    [InlineData("projects/nw-build-prod")]
    [InlineData("projects/310000000001")]
    [InlineData("//cloudresourcemanager.googleapis.com/projects/310000000001")]
    [InlineData("//cloudresourcemanager.googleapis.com/projects/nw-build-prod")]
    public void A_project_by_id_or_number_is_placed_under_its_folder_and_organization(string text)
    {
        // When the Build project is named by id or number, relative or full
        var resource = ResourceLocator.Locate(GcpFixtures.Estate, text, out var problem);

        // Then it is the project as the hierarchy names it, under its folder and organization
        Assert.Null(problem);
        Assert.NotNull(resource);
        Assert.Equal(GcpFixtures.Full(GcpFixtures.BuildProd), resource.Name);
        Assert.Equal(GcpFixtures.BuildProd, resource.RelativeName);
        Assert.Equal("cloudresourcemanager.googleapis.com/Project", resource.Type);
        Assert.Equal([GcpFixtures.Full(GcpFixtures.BuildProd), GcpFixtures.Full(GcpFixtures.Engineering), GcpFixtures.Full(GcpFixtures.Organization)], resource.PolicyHolders);
        Assert.Null(resource.AncestryGap);
    }

    [Theory]
    [InlineData("//storage.googleapis.com/nw-app-prod-uploads", "projects/_/buckets/nw-app-prod-uploads", "storage.googleapis.com/Bucket")]
    [InlineData("//storage.googleapis.com/projects/_/buckets/nw-app-prod-uploads", "projects/_/buckets/nw-app-prod-uploads", "storage.googleapis.com/Bucket")]
    [InlineData("//storage.googleapis.com/projects/_/buckets/nw-app-prod-uploads/objects/2026/a.csv", "projects/_/buckets/nw-app-prod-uploads/objects/2026/a.csv", "storage.googleapis.com/Object")]
    public void A_bucket_in_either_form_and_its_objects_reach_the_bucket_policy_and_the_project_above(string text, string conditionName, string type)
    {
        // When a bucket is named as Cloud Asset Inventory names it or as IAM conditions see it, or an object in it
        var resource = ResourceLocator.Locate(GcpFixtures.Estate, text, out _)!;

        // Then conditions see the IAM name, and the bucket's policy (exported under its asset name) applies, then the
        // project's, the folder's and the organization's
        Assert.Equal(conditionName, resource.RelativeName);
        Assert.Equal(type, resource.Type);
        Assert.Equal("storage.googleapis.com", resource.Service);
        Assert.Equal("//storage.googleapis.com/nw-app-prod-uploads", ResourceLocator.PolicyOf(GcpFixtures.Estate, resource.PolicyHolders[resource.Type!.EndsWith("Object", StringComparison.Ordinal) ? 1 : 0])!.Resource);
        Assert.Equal([GcpFixtures.Full(GcpFixtures.AppProd), GcpFixtures.Full(GcpFixtures.Engineering), GcpFixtures.Full(GcpFixtures.Organization)], resource.PolicyHolders.TakeLast(3), StringComparer.Ordinal);
    }

    [Fact]
    public void A_table_inherits_its_dataset_policy_and_its_project_is_found_by_the_id_in_its_name()
    {
        // Given the audit dataset, whose policy comes from a policy search
        // When a table of it is located
        var resource = ResourceLocator.Locate(GcpFixtures.Estate, "//bigquery.googleapis.com/projects/nw-shared-logs/datasets/audit/tables/events", out _)!;

        // Then the dataset's policy applies, then those of the Shared Logs project, its folder and the organization
        Assert.Equal(
            [
                "//bigquery.googleapis.com/projects/nw-shared-logs/datasets/audit/tables/events",
                "//bigquery.googleapis.com/projects/nw-shared-logs/datasets/audit",
                GcpFixtures.Full(GcpFixtures.SharedLogs),
                GcpFixtures.Full(GcpFixtures.SharedServices),
                GcpFixtures.Full(GcpFixtures.Organization),
            ],
            resource.PolicyHolders);
        Assert.Null(resource.Type);
    }

    [Fact]
    public void A_service_account_named_by_email_reaches_its_policy_exported_under_its_unique_id()
    {
        // Given the terraform service account, whose policy the asset export names by unique id
        // When it is named by email
        var resource = ResourceLocator.Locate(GcpFixtures.Estate, "//iam.googleapis.com/projects/-/serviceAccounts/" + GcpFixtures.Terraform, out _)!;

        // Then conditions see it by email, and its policy and its project's apply
        Assert.Equal("projects/-/serviceAccounts/" + GcpFixtures.Terraform, resource.RelativeName);
        Assert.Equal("iam.googleapis.com/ServiceAccount", resource.Type);
        Assert.Contains("//iam.googleapis.com/projects/nw-build-prod/serviceAccounts/104000000000000000002", resource.PolicyHolders, StringComparer.Ordinal);
        Assert.Contains(GcpFixtures.Full(GcpFixtures.BuildProd), resource.PolicyHolders, StringComparer.Ordinal);
        Assert.Null(resource.AncestryGap);
    }

    [Theory]
    [InlineData("//iam.googleapis.com/organizations/123456789012/roles/securityAuditor", new[] { "organizations/123456789012" })]
    [InlineData("//logging.googleapis.com/folders/210987654321/sinks/audit", new[] { "folders/210987654321", "organizations/123456789012" })]
    public void A_resource_named_under_an_organization_or_folder_is_placed_there(string text, string[] containers)
    {
        // When an organization's custom role and a folder's log sink, which no exported policy places, are located
        var resource = ResourceLocator.Locate(GcpFixtures.Estate, text, out var problem)!;

        // Then the policies of the container their name lies under, and those above it, reach them
        Assert.Null(problem);
        Assert.Null(resource.AncestryGap);
        Assert.Equal([text, .. containers.Select(GcpFixtures.Full)], resource.PolicyHolders.AsEnumerable(), StringComparer.Ordinal);
    }

    [Fact]
    public void An_organizations_custom_role_is_decided_by_the_organizations_policy()
    {
        // Given v-roleadmin, Role Administrator on organization 900000000001 (Fixtures/org-role)
        var estate = GcpEstateLoader.Load([Path.Combine(AppContext.BaseDirectory, "Fixtures", "org-role")], TestContext.Current.CancellationToken);
        var role = ResourceLocator.Locate(estate, "//iam.googleapis.com/organizations/900000000001/roles/myViewer", out _)!;

        // When it asks to update the organization's custom role
        var decision = new GcpAuthorizer(estate).Authorize(new GcpRequest { Principal = Member.Parse("user:v-roleadmin@example.com"), Permission = "iam.roles.update", Resource = role, AsOf = new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero) });

        // Then the organization's binding allows it
        Assert.Equal(DecisionKind.Allowed, decision.Kind);
        Assert.Contains("`roles/iam.roleAdmin` to `user:v-roleadmin@example.com` in the allow policy of `organizations/900000000001` (inherited)", decision.Explanation.Summary, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("//iam.googleapis.com/organizations/999/roles/other", "`organizations/999` is not in the exported hierarchy")]
    [InlineData("//storage.googleapis.com/projects/_/buckets/elsewhere", "the export does not place")]
    [InlineData("projects/not-exported", "`projects/not-exported` is not in the exported hierarchy")]
    [InlineData("//compute.googleapis.com/projects/other-project/zones/europe-west1-b/instances/vm-1", "project `projects/other-project` is not in the exported hierarchy")]
    public void A_resource_the_export_does_not_place_has_an_ancestry_gap(string text, string gap)
    {
        // When a resource outside the export is located
        var resource = ResourceLocator.Locate(GcpFixtures.Estate, text, out var problem)!;

        // Then it is read, and the gap says why policies above it are unknown
        Assert.Null(problem);
        Assert.Contains(gap, resource.AncestryGap, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("*")]
    [InlineData("")]
    [InlineData("my-bucket")]
    [InlineData("projects/p1/datasets/d")]
    [InlineData("//storage")]
    [InlineData("//storage.googleapis.com/")]
    [InlineData("//storage.googleapis.com/projects/_/buckets//objects/o")]
    [InlineData("arn:aws:s3:::bucket")]
    public void Text_that_names_no_resource_is_refused_with_the_form_expected(string text)
    {
        // When the text is neither a full resource name nor a container's name
        var resource = ResourceLocator.Locate(GcpFixtures.Estate, text, out var problem);

        // Then there is no resource, and the problem quotes the text
        Assert.Null(resource);
        Assert.Contains($"`{text}`", problem, StringComparison.Ordinal);
    }
}
