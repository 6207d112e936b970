using static Ward.Cli.Tests.Rules.GcpFindingsScan;

namespace Ward.Cli.Tests.Rules;

/// <summary>
/// <c>gcp-public-binding</c> on the Contoso export at 2026-12-01, for public bindings under a condition: a condition
/// is checked against the resource a request names, so one that is false for the policy's own resource but may hold
/// for a resource under it (an object of the bucket, a resource of the project) is reported; one that time makes
/// false everywhere is not. And by what the role does: invoking or reading what the owner exposes is medium, a write high.
/// </summary>
public sealed class GcpPublicBindingRuleTests
{
    private const string Rule = "gcp-public-binding";
    private const string Uploads = "//storage.googleapis.com/ct-app-uploads";

    [Fact]
    public void A_public_binding_limited_to_a_folder_of_objects_of_the_bucket_is_reported_at_the_role_s_severity()
    {
        // Given ct-app-uploads, whose policy gives allUsers Storage Object Admin on objects under incoming/ only
        var finding = Assert.Single(Of(Rule), f => f.Text("principal") == Uploads && f.Text("title").Contains("roles/storage.objectAdmin", StringComparison.Ordinal));

        // Then the public may write there: high (the role writes), the condition quoted, said to hold below the bucket only
        Assert.Equal("high", finding.Text("severity"));
        Assert.Contains("under the condition `resource.name.startsWith(\"projects/_/buckets/ct-app-uploads/objects/incoming/\")`, which is false for `//storage.googleapis.com/ct-app-uploads` itself but may hold for resources under it", finding.Text("explanation"), StringComparison.Ordinal);
        Assert.Contains("anyone on the internet, signed in or not has it on the resources under it for which the condition holds", finding.Text("explanation"), StringComparison.Ordinal);
    }

    [Fact]
    public void The_same_public_role_bound_again_under_a_condition_is_a_second_finding_with_its_own_fingerprint()
    {
        // Given the topic orders-in, whose policy lets allUsers publish, and a second binding of Pub/Sub Publisher to
        // allUsers there under a condition that still holds
        const string Topic = "//pubsub.googleapis.com/projects/ct-app/topics/orders-in";
        var findings = Of(Rule, ScannedCopy.Findings(Folder, AsOf, folder => AddConditionalBinding(folder, Topic, "roles/pubsub.publisher", "allUsers")))
            .Where(f => f.Text("principal") == Topic).ToList();

        // Then each binding is its own finding, with its own fingerprint (one alert each in code scanning)
        Assert.Equal(2, findings.Count);
        Assert.Equal(2, findings.Select(f => f.Text("fingerprint")).Distinct(StringComparer.Ordinal).Count());

        // And the unconditional binding keeps the fingerprint it has without the twin
        var unconditional = Assert.Single(findings, f => !f.Text("explanation").Contains($"its condition `{ConditionUntil2027}`", StringComparison.Ordinal));
        Assert.Equal(Assert.Single(Of(Rule), f => f.Text("principal") == Topic).Text("fingerprint"), unconditional.Text("fingerprint"));
    }

    [Fact]
    public void A_public_binding_of_a_project_limited_to_storage_objects_is_reported()
    {
        // Given ct-app, whose policy gives allAuthenticatedUsers Storage Object Viewer where the resource is an object
        var finding = Assert.Single(Of(Rule), f => f.Text("principal") == "projects/ct-app");

        // Then every object of the project is readable by any Google account: medium (the role only reads)
        Assert.Equal("medium", finding.Text("severity"));
        Assert.Equal("`allAuthenticatedUsers` holds `roles/storage.objectViewer` on `projects/ct-app`", finding.Text("title"));
        Assert.Contains("`resource.type == \"storage.googleapis.com/Object\"`", finding.Text("explanation"), StringComparison.Ordinal);
    }

    [Fact]
    public void A_public_binding_whose_condition_may_hold_on_what_the_role_acts_on_is_reported_saying_on_what()
    {
        // Given ct-data, whose policy gives allAuthenticatedUsers BigQuery Data Viewer where the resource is a table
        var finding = Assert.Single(Of(Rule), f => f.Text("principal") == "projects/ct-data" && f.Text("title").StartsWith("`allAuthenticatedUsers`", StringComparison.Ordinal));

        // Then it is reported, the condition quoted, naming the resources it may hold on: BigQuery's, which the role acts on
        Assert.Equal("medium", finding.Text("severity"));
        Assert.Contains("under the condition `resource.type == \"bigquery.googleapis.com/Table\"`, which is false for `projects/ct-data` itself but may hold for resources under it (on resources of `bigquery.googleapis.com`)", finding.Text("explanation"), StringComparison.Ordinal);
    }

    [Fact]
    public void A_public_binding_whose_condition_no_resource_the_role_acts_on_matches_is_not_reported()
    {
        // Given ct-data's other public BigQuery Data Viewer binding (allUsers), limited to Cloud Storage buckets, a
        // type and service none of the role's permissions (BigQuery, Dataplex's search, the project's get) acts on
        Assert.DoesNotContain(Of(Rule), f => f.Text("principal") == "projects/ct-data" && f.Text("title").StartsWith("`allUsers`", StringComparison.Ordinal));

        // And ct-app-uploads' public Storage Object Admin binding for allAuthenticatedUsers, limited to another bucket's
        // objects, names no object of this bucket (its incoming/ twin above is reported, saying where it may hold)
        Assert.DoesNotContain(Of(Rule), f => f.Text("principal") == Uploads && f.Text("title").StartsWith("`allAuthenticatedUsers`", StringComparison.Ordinal));
        var incoming = Assert.Single(Of(Rule), f => f.Text("principal") == Uploads && f.Text("title").Contains("roles/storage.objectAdmin", StringComparison.Ordinal));
        Assert.Contains("(on resources of `storage.googleapis.com` named under `projects/_/buckets/ct-app-uploads/`)", incoming.Text("explanation"), StringComparison.Ordinal);
    }

    [Fact]
    public void A_public_binding_whose_time_bound_has_passed_is_not_reported()
    {
        // Given the bucket's preview binding (allUsers, Storage Object Viewer until 2026-01-01), false for every resource by now
        Assert.DoesNotContain(Of(Rule), f => f.Text("principal") == Uploads && f.Text("title").Contains("roles/storage.objectViewer", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("//run.googleapis.com/projects/ct-app/locations/europe-west1/services/storefront", "roles/run.invoker", "Anyone can invoke what the owner exposes there (`run.jobs.run`, `run.routes.invoke`)")]
    [InlineData("//cloudfunctions.googleapis.com/projects/ct-app/locations/europe-west1/functions/payment-webhook", "roles/cloudfunctions.invoker", "Anyone can invoke what the owner exposes there (`cloudfunctions.functions.invoke`)")]
    [InlineData("//bigquery.googleapis.com/projects/ct-data/datasets/public_stats", "roles/bigquery.dataViewer", "The role only reads")]
    public void A_public_invoker_or_data_reader_is_medium(string resource, string role, string why)
    {
        // Given a Cloud Run service and a function anyone may invoke, and a dataset any Google account may read (and
        // export, snapshot or replicate, which copy the data out)
        var finding = Single(Rule, resource);

        // Then each is medium: invoking what the owner exposes and reading it change nothing of it
        Assert.Equal("medium", finding.Text("severity"));
        Assert.Contains($"`{role}`", finding.Text("title"), StringComparison.Ordinal);
        Assert.Contains(why, finding.Text("explanation"), StringComparison.Ordinal);
    }

    [Fact]
    public void A_public_publisher_still_changes_things()
    {
        // Given a Pub/Sub topic anyone may publish to: its subscribers act on whatever is published
        var finding = Single(Rule, "//pubsub.googleapis.com/projects/ct-app/topics/orders-in");

        Assert.Equal("high", finding.Text("severity"));
        Assert.Contains("The role can change things (`pubsub.topics.publish`)", finding.Text("explanation"), StringComparison.Ordinal);
    }
}
