using System.Text.Json;
using static Ward.Cli.Tests.Rules.GcpFindingsScan;

namespace Ward.Cli.Tests.Rules;

/// <summary>
/// <c>gcp-public-binding</c> on the Contoso export with organization policies and a few more public bindings: the
/// organization enforces Cloud Storage's public access prevention (<c>storage.publicAccessPrevention</c>), ct-data
/// resets it and ct-ops turns it off. A public bucket of ct-app (which inherits the organization's policy) is
/// blocked, reported at info; the public buckets of ct-data and ct-ops are not, and neither is a Pub/Sub topic of
/// ct-app (the constraint covers Cloud Storage only). A public bucket of ct-ops whose own setting enforces prevention
/// is blocked all the same. And a service account anyone may mint ID tokens of is critical,
/// like one anyone may mint access tokens of; its viewer twin only reads.
/// </summary>
public sealed class GcpPublicBindingPreventionTests
{
    private const string Rule = "gcp-public-binding";
    private const string Loader = "//iam.googleapis.com/projects/ct-data/serviceAccounts/loader@ct-data.iam.gserviceaccount.com";

    private static readonly Lazy<JsonElement[]> Findings = new(() => ScannedCopy.Findings(Folder, AsOf, folder =>
    {
        File.AppendAllText(Path.Combine(folder, "assets", "iam-policy.json"), $$"""
            {{PublicBucket("ct-app-site", "projects/960000000001", "folders/950000000001")}}
            {{PublicBucket("ct-data-exports", "projects/960000000002", "folders/950000000001")}}
            {{PublicBucket("ct-ops-site", "projects/960000000003")}}
            {{PublicBucket("ct-ops-locked", "projects/960000000003")}}
            {"name":"{{Loader}}","asset_type":"iam.googleapis.com/ServiceAccount","iam_policy":{"version":3,"etag":"BwYTc0nT0s0=","bindings":[{"role":"roles/iam.serviceAccountOpenIdTokenCreator","members":["allUsers"]},{"role":"roles/iam.serviceAccountViewer","members":["allAuthenticatedUsers"]}]},"ancestors":["projects/960000000002","folders/950000000001","organizations/940000000001"],"update_time":"2026-12-01T06:00:00Z"}

            """);
        File.AppendAllText(Path.Combine(folder, "assets", "resource.json"), $$"""
            {{BucketResource("ct-ops-site", "inherited", "projects/960000000003")}}
            {{BucketResource("ct-ops-locked", "enforced", "projects/960000000003")}}

            """);
        var roles = Path.Combine(folder, "roles", "predefined.json");
        var predefined = File.ReadAllText(roles).TrimEnd();
        File.WriteAllText(roles, predefined[..^1].TrimEnd() + """
            ,
              {
                "name": "roles/iam.serviceAccountOpenIdTokenCreator",
                "title": "Service Account OpenID Connect Identity Token Creator",
                "includedPermissions": ["iam.serviceAccounts.getOpenIdToken"],
                "stage": "GA",
                "etag": "AA=="
              },
              {
                "name": "roles/iam.serviceAccountViewer",
                "title": "View Service Accounts",
                "includedPermissions": ["iam.serviceAccounts.get", "iam.serviceAccounts.list", "resourcemanager.projects.get"],
                "stage": "GA",
                "etag": "AA=="
              }
            ]
            """);
        Directory.CreateDirectory(Path.Combine(folder, "org-policies"));
        File.WriteAllText(Path.Combine(folder, "org-policies", "organizations-940000000001.json"), Prevention("organizations/940000000001", """{"rules": [{"enforce": true}]}"""));
        File.WriteAllText(Path.Combine(folder, "org-policies", "projects-960000000002.json"), Prevention("projects/960000000002", """{"reset": true}"""));
        File.WriteAllText(Path.Combine(folder, "org-policies", "projects-960000000003.json"), Prevention("projects/960000000003", """{"rules": [{"enforce": false}]}"""));
    }));

    [Fact]
    public void A_public_bucket_under_enforced_public_access_prevention_is_info_and_says_it_is_blocked()
    {
        // Given ct-app-site, allUsers Storage Object Viewer, in ct-app, under the organization's enforced prevention
        var finding = Single(Rule, "//storage.googleapis.com/ct-app-site", Findings.Value);

        // Then the public gets nothing while the constraint stays: info, saying where it is set
        Assert.Equal("info", finding.Text("severity"));
        Assert.EndsWith(", blocked by public access prevention", finding.Text("title"), StringComparison.Ordinal);
        Assert.Contains("public access prevention is enforced on it (`storage.publicAccessPrevention` (set on `organizations/940000000001`))", finding.Text("explanation"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("//storage.googleapis.com/ct-data-exports")]   // ct-data resets the constraint: Google's default, not enforced
    [InlineData("//storage.googleapis.com/ct-ops-site")]       // ct-ops sets enforce false, below the organization's true
    public void A_public_bucket_where_a_lower_policy_lifts_prevention_is_still_public(string bucket)
    {
        var finding = Single(Rule, bucket, Findings.Value);

        Assert.Equal("medium", finding.Text("severity"));
        Assert.DoesNotContain("public access prevention", finding.Text("explanation"), StringComparison.Ordinal);
    }

    [Fact]
    public void A_public_bucket_that_enforces_prevention_itself_is_info_whatever_its_project_says()
    {
        // Given ct-ops-locked, allUsers Storage Object Viewer, in ct-ops (which turns the constraint off), exported
        // as a bucket resource with iamConfiguration.publicAccessPrevention "enforced"
        var finding = Single(Rule, "//storage.googleapis.com/ct-ops-locked", Findings.Value);

        // Then the bucket's own setting keeps the public out
        Assert.Equal("info", finding.Text("severity"));
        Assert.EndsWith(", blocked by public access prevention", finding.Text("title"), StringComparison.Ordinal);
        Assert.Contains("the bucket `ct-ops-locked` enforces public access prevention (its `iamConfiguration.publicAccessPrevention` is `enforced`)", finding.Text("explanation"), StringComparison.Ordinal);
    }

    [Fact]
    public void Prevention_concerns_Cloud_Storage_only()
    {
        // Given ct-app's Pub/Sub topic anyone may publish to, under the same organization policy
        var finding = Single(Rule, "//pubsub.googleapis.com/projects/ct-app/topics/orders-in", Findings.Value);

        Assert.Equal("high", finding.Text("severity"));
    }

    [Fact]
    public void A_service_account_anyone_may_mint_ID_tokens_of_is_critical_and_its_viewer_twin_medium()
    {
        var findings = Of(Rule, Findings.Value).Where(f => f.Text("principal") == Loader).ToList();

        var tokens = Assert.Single(findings, f => f.Text("title").Contains("roles/iam.serviceAccountOpenIdTokenCreator", StringComparison.Ordinal));
        Assert.Equal("critical", tokens.Text("severity"));
        Assert.Contains("The role can change access or act as a service account (`iam.serviceAccounts.getOpenIdToken`)", tokens.Text("explanation"), StringComparison.Ordinal);
        var viewer = Assert.Single(findings, f => f.Text("title").Contains("roles/iam.serviceAccountViewer", StringComparison.Ordinal));
        Assert.Equal("medium", viewer.Text("severity"));
    }

    private static string PublicBucket(string name, params string[] containers) =>
        $$"""{"name":"//storage.googleapis.com/{{name}}","asset_type":"storage.googleapis.com/Bucket","iam_policy":{"version":3,"etag":"BwYTc0nT0s0=","bindings":[{"role":"roles/storage.objectViewer","members":["allUsers"]}]},"ancestors":[{{string.Join(",", containers.Append("organizations/940000000001").Select(c => $"\"{c}\""))}}],"update_time":"2026-12-01T06:00:00Z"}""";

    /// <summary>A bucket as <c>gcloud asset export --content-type=resource</c> writes it (the JSON API's bucket resource).</summary>
    private static string BucketResource(string name, string prevention, string project) =>
        $$$"""{"name":"//storage.googleapis.com/{{{name}}}","asset_type":"storage.googleapis.com/Bucket","resource":{"version":"v1","discovery_document_uri":"https://www.googleapis.com/discovery/v1/apis/storage/v1/rest","discovery_name":"Bucket","parent":"//cloudresourcemanager.googleapis.com/{{{project}}}","data":{"id":"{{{name}}}","name":"{{{name}}}","kind":"storage#bucket","location":"EUROPE-WEST1","locationType":"region","storageClass":"STANDARD","projectNumber":"{{{project["projects/".Length..]}}}","timeCreated":"2025-03-01T09:00:00.000Z","updated":"2026-10-01T09:00:00.000Z","iamConfiguration":{"bucketPolicyOnly":{"enabled":true,"lockedTime":"2025-05-30T09:00:00.000Z"},"uniformBucketLevelAccess":{"enabled":true,"lockedTime":"2025-05-30T09:00:00.000Z"},"publicAccessPrevention":"{{{prevention}}}"}},"location":"europe-west1"},"ancestors":["{{{project}}}","organizations/940000000001"],"update_time":"2026-12-01T06:00:00Z"}""";

    /// <summary>A <c>gcloud org-policies list --format=json</c> listing of the public access prevention policy set on a node.</summary>
    private static string Prevention(string node, string spec) => $$"""
        [
          {
            "name": "{{node}}/policies/storage.publicAccessPrevention",
            "spec": {{spec}},
            "etag": "CLD5kMEGEJDu5ZAC-"
          }
        ]
        """;
}
