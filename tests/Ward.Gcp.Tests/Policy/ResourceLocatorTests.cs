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
