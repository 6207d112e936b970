using System.Text.Json;

namespace Ward.Cli.Tests.Rules;

/// <summary>
/// <c>gcp-workload-identity-provider-unrestricted</c> on the example.org export of the Google Cloud tests, whose
/// project 920000000001 binds the whole `github` pool, plus the pools and providers
/// <c>gcloud iam workload-identity-pools (providers) list --format=json</c> print: providers trusting GitHub Actions
/// with no condition, or one that does not pin the owner, are reported; pinned, disabled, per-tenant and retired ones
/// are not.
/// </summary>
public sealed class GcpWorkloadIdentityProviderTests
{
    private const string RuleId = "gcp-workload-identity-provider-unrestricted";
    private const string Github = "https://token.actions.githubusercontent.com";

    private static readonly Lazy<JsonElement[]> Findings = new(() => ScannedCopy.Findings(
        Path.Combine(Repository.Root, "tests", "Ward.Gcp.Tests", "Fixtures", "evaluation"),
        "2026-12-01T09:00:00Z",
        folder =>
        {
            // Pools bound only under a time condition: `expired`'s ended before the reference time, `expiring`'s has not.
            File.AppendAllText(Path.Combine(folder, "assets", "iam-policy.json"), """
                {"name":"//storage.googleapis.com/wif-trial","asset_type":"storage.googleapis.com/Bucket","iam_policy":{"version":3,"etag":"BwYQ3m1cX0A=","bindings":[{"role":"roles/iam.workloadIdentityUser","members":["principalSet://iam.googleapis.com/projects/920000000001/locations/global/workloadIdentityPools/expired/*"],"condition":{"title":"trial","expression":"request.time < timestamp(\"2026-06-01T00:00:00Z\")"}},{"role":"roles/iam.workloadIdentityUser","members":["principalSet://iam.googleapis.com/projects/920000000001/locations/global/workloadIdentityPools/expiring/*"],"condition":{"title":"trial","expression":"request.time < timestamp(\"2027-06-01T00:00:00Z\")"}}]},"ancestors":["projects/920000000001","folders/910000000001","organizations/900000000001"],"update_time":"2026-11-30T06:00:00Z"}

                """);
            Directory.CreateDirectory(Path.Combine(folder, "workload-identity"));
            File.WriteAllText(Path.Combine(folder, "workload-identity", "pools-data-dev.json"), $$"""
                [
                  {"name": "projects/920000000001/locations/global/workloadIdentityPools/github", "displayName": "GitHub Actions", "state": "ACTIVE"},
                  {"name": "projects/920000000001/locations/global/workloadIdentityPools/deploy", "displayName": "Deployments", "state": "ACTIVE"},
                  {"name": "projects/920000000001/locations/global/workloadIdentityPools/expired", "state": "ACTIVE"},
                  {"name": "projects/920000000001/locations/global/workloadIdentityPools/expiring", "state": "ACTIVE"},
                  {"name": "projects/920000000001/locations/global/workloadIdentityPools/retired", "state": "ACTIVE", "disabled": true}
                ]
                """);
            File.WriteAllText(Path.Combine(folder, "workload-identity", "providers-data-dev.json"), $$"""
                [
                  {{Provider("github", "open", null)}},
                  {{Provider("github", "ref-only", "assertion.ref == 'refs/heads/main'")}},
                  {{Provider("github", "pinned", "assertion.repository_owner_id == '1342004'")}},
                  {{Provider("github", "pinned-attribute", "attribute.owner == 'example-org'")}},
                  {{Provider("github", "disabled", null, disabled: true)}},
                  {{Provider("github", "circleci", null, issuer: "https://oidc.circleci.com/org/6c3d7e3a-5b1f-4d1e-9a0b-2f8e4c6a1d90")}},
                  {{Provider("github", "visibility", "assertion.repository_visibility == 'public'")}},
                  {{Provider("github", "owner-type", "attribute.owner_type == 'Organization'")}},
                  {{Provider("github", "visibility-mapped", "attribute.vis == 'private'", mapping: new(StringComparer.Ordinal) { ["google.subject"] = "assertion.sub", ["attribute.vis"] = "assertion.repository_visibility" })}},
                  {{Provider("github", "email-verified", "assertion.email_verified == true", issuer: "https://accounts.google.com")}},
                  {{Provider("github", "email", "assertion.email == 'ci@example.org'", issuer: "https://accounts.google.com")}},
                  {{Provider("github", "pinned-index", "assertion['repository_owner_id'] == '1342004'")}},
                  {{Provider("github", "pinned-attribute-index", "attribute[\"owner\"] == 'example-org'")}},
                  {{Provider("github", "pinned-mapped-index", "attribute.org == 'example-org'", mapping: new(StringComparer.Ordinal) { ["google.subject"] = "assertion['sub']", ["attribute.org"] = "assertion['repository_owner']" })}},
                  {{Provider("github", "ref-only-index", "assertion['ref'] == 'refs/heads/main'")}},
                  {{Provider("github", "visibility-index", "assertion['repository_visibility'] == 'public'")}},
                  {{Provider("github", "owner-in-list", "assertion.ref in ['repository_owner']")}},
                  {{Provider("deploy", "open", null)}},
                  {{Provider("expired", "open", null)}},
                  {{Provider("expiring", "open", null)}},
                  {{Provider("retired", "open", null)}}
                ]
                """);
        }));

    [Fact]
    public void A_github_provider_without_a_condition_on_a_bound_pool_is_high_and_names_the_binding()
    {
        var finding = Of("github", "open");

        Assert.Equal("high", finding.GetProperty("severity").GetString());
        Assert.Contains("has no attribute condition", finding.GetProperty("explanation").GetString(), StringComparison.Ordinal);
        Assert.Contains("workloadIdentityPools/github/*", finding.GetProperty("explanation").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_condition_that_pins_no_owner_is_no_better()
    {
        var finding = Of("github", "ref-only");

        Assert.Contains("looks at none of the claims", finding.GetProperty("explanation").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ref-only-index")]       // assertion['ref']: indexing by a key is the field, and `ref` pins no owner
    [InlineData("visibility-index")]     // assertion['repository_visibility'] is not assertion.repository
    [InlineData("owner-in-list")]        // a list that holds a claim's name is not the claim
    public void A_condition_indexing_claims_that_pin_no_owner_is_no_better(string provider) =>
        Assert.Contains("looks at none of the claims", Of("github", provider).GetProperty("explanation").GetString(), StringComparison.Ordinal);

    [Fact]
    public void The_title_names_one_token_of_the_issuer()
    {
        Assert.EndsWith("accepts every GitHub Actions token", Of("github", "open").GetProperty("title").GetString(), StringComparison.Ordinal);
        Assert.EndsWith("accepts every Google ID token", Of("github", "email-verified").GetProperty("title").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_pool_nobody_is_granted_yet_is_medium()
    {
        Assert.Equal("medium", Of("deploy", "open").GetProperty("severity").GetString());
    }

    [Fact]
    public void A_binding_whose_condition_expired_does_not_count()
    {
        // Given pools bound only until 2026-06-01 (before the reference time, 2026-12-01) and until 2027-06-01
        var expired = Of("expired", "open");
        var expiring = Of("expiring", "open");

        // Then the expired one is as if unbound (medium, no binding listed); the other still high, naming its binding
        Assert.Equal("medium", expired.GetProperty("severity").GetString());
        Assert.Contains("No exported allow policy binds the pool's identities", expired.GetProperty("explanation").GetString(), StringComparison.Ordinal);
        Assert.Equal("high", expiring.GetProperty("severity").GetString());
        Assert.Contains("workloadIdentityPools/expiring/*", expiring.GetProperty("explanation").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("visibility")]          // assertion.repository_visibility is not assertion.repository
    [InlineData("owner-type")]          // attribute.owner_type is not attribute.owner (mapped from assertion.repository_owner)
    [InlineData("visibility-mapped")]   // an attribute mapped from assertion.repository_visibility pins nothing either
    [InlineData("email-verified")]      // assertion.email_verified is not assertion.email
    public void A_claim_whose_name_only_begins_with_a_pinning_claim_pins_nothing(string provider) =>
        Assert.Contains("looks at none of the claims", Of("github", provider).GetProperty("explanation").GetString(), StringComparison.Ordinal);

    [Theory]
    [InlineData("github", "email")]              // Google ID tokens pinned by assertion.email
    [InlineData("github", "pinned")]             // the owner's id, a claim that tells customers apart
    [InlineData("github", "pinned-attribute")]   // an attribute mapped from assertion.repository_owner
    [InlineData("github", "pinned-index")]       // assertion['repository_owner_id'] is assertion.repository_owner_id
    [InlineData("github", "pinned-attribute-index")] // attribute["owner"] is attribute.owner
    [InlineData("github", "pinned-mapped-index")]    // an attribute mapped from assertion['repository_owner']
    [InlineData("github", "disabled")]           // a disabled provider accepts nothing
    [InlineData("github", "circleci")]           // CircleCI's issuer is one organization's own
    [InlineData("retired", "open")]              // a disabled pool issues nothing
    public void Pinned_disabled_or_single_tenant_providers_are_not_reported(string pool, string provider) =>
        Assert.DoesNotContain(Findings.Value, f => f.GetProperty("ruleId").GetString() == RuleId && f.GetProperty("principal").GetString() == Name(pool, provider));

    private static JsonElement Of(string pool, string provider) =>
        Assert.Single(Findings.Value, f => f.GetProperty("ruleId").GetString() == RuleId && f.GetProperty("principal").GetString() == Name(pool, provider));

    private static string Name(string pool, string provider) => $"//iam.googleapis.com/projects/920000000001/locations/global/workloadIdentityPools/{pool}/providers/{provider}";

    private static string Provider(string pool, string id, string? condition, bool disabled = false, string issuer = Github, Dictionary<string, string>? mapping = null) => JsonSerializer.Serialize(new Dictionary<string, object?>(StringComparer.Ordinal)
    {
        ["name"] = $"projects/920000000001/locations/global/workloadIdentityPools/{pool}/providers/{id}",
        ["displayName"] = id,
        ["state"] = "ACTIVE",
        ["disabled"] = disabled,
        ["attributeMapping"] = mapping ?? new Dictionary<string, string>(StringComparer.Ordinal) { ["google.subject"] = "assertion.sub", ["attribute.repository"] = "assertion.repository", ["attribute.owner"] = "assertion.repository_owner" },
        ["attributeCondition"] = condition,
        ["oidc"] = new Dictionary<string, object>(StringComparer.Ordinal) { ["issuerUri"] = issuer },
    });
}
