using System.Text.Json;

namespace Ward.Cli.Tests.Rules;

/// <summary>
/// <c>gcp-dormant-service-account</c>, <c>gcp-unused-service-account-key</c> and <c>gcp-unused-permissions</c> on the
/// Northwind organization of the Google Cloud tests (as of 2026-12-01), with the activity exports
/// <c>gcloud policy-intelligence query-activity</c> and <c>gcloud recommender insights list</c> print: each
/// vulnerable account, key or binding beside a twin the activity shows in use; without the exports the rules do not
/// run, and the scan says so.
/// </summary>
public sealed class GcpActivityRulesTests
{
    private const string AsOf = "2026-12-01T09:00:00Z";
    private const string Terraform = "serviceAccount:terraform@nw-build-prod.iam.gserviceaccount.com";
    private const string CiDeployer = "serviceAccount:ci-deployer@nw-build-prod.iam.gserviceaccount.com";
    private const string TerraformKey = "3f2a9c4b7d1e6f80a2b4c6d8e0f1a3b5c7d9e1f2";
    private static readonly string Organization = Path.Combine(Repository.Root, "tests", "Ward.Gcp.Tests", "Fixtures", "organization");

    private static readonly Lazy<JsonElement> WithActivity = new(() => ScannedCopy.Report(Organization, AsOf, folder => Activity(folder, keyLastUsed: "2026-07-10T07:00:00Z")));

    private static readonly Lazy<JsonElement> WithoutActivity = new(() => ScannedCopy.Report(Organization, AsOf, _ => { }));

    [Fact]
    public void An_account_last_authenticated_nine_months_ago_is_dormant_and_says_when()
    {
        // terraform last authenticated on 2026-03-02 and holds a user-managed key
        var finding = Single(WithActivity.Value, "gcp-dormant-service-account", Terraform);

        Assert.Equal("medium", finding.GetProperty("severity").GetString());
        Assert.Equal("`terraform@nw-build-prod.iam.gserviceaccount.com` has not authenticated for 274 days", finding.GetProperty("title").GetString());
        Assert.Contains("last authenticated 2026-03-02 (274 days before the reference time) (Activity Analyzer", finding.GetProperty("explanation").GetString(), StringComparison.Ordinal);
        Assert.Contains("1 enabled user-managed key", finding.GetProperty("explanation").GetString(), StringComparison.Ordinal);
        Assert.Equal("projects/nw-build-prod", finding.GetProperty("account").GetString());
    }

    [Fact]
    public void An_account_the_insight_finds_never_authenticated_is_dormant()
    {
        // app-runtime has an ACTIVE service account insight without lastAuthenticatedTime over 90 days
        var finding = Single(WithActivity.Value, "gcp-dormant-service-account", "serviceAccount:app-runtime@nw-app-prod.iam.gserviceaccount.com");

        Assert.Equal("`app-runtime@nw-app-prod.iam.gserviceaccount.com` has no recorded authentication", finding.GetProperty("title").GetString());
        Assert.Contains("by service account insight `446303ba-2a14-49cc-b9fa-e2d2499d4f82`", finding.GetProperty("explanation").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("request.time < timestamp(\"2026-06-01T00:00:00Z\")", "low")]
    [InlineData(GcpFindingsScan.ConditionUntil2027, "medium")]
    public void A_dormant_accounts_binding_whose_condition_has_expired_is_not_a_role_it_holds(string expression, string severity)
    {
        // Given app-runtime, dormant by its insight and holding no role by name, bound Storage Object Viewer on
        // nw-app-prod under a condition that expired on 2026-06-01; its twin's condition holds until 2027
        var findings = ScannedCopy.Findings(Organization, AsOf, folder =>
        {
            Activity(folder, keyLastUsed: "2026-07-10T07:00:00Z");
            GcpFindingsScan.AddConditionalBinding(folder, "//cloudresourcemanager.googleapis.com/projects/310000000002", "roles/storage.objectViewer", "serviceAccount:app-runtime@nw-app-prod.iam.gserviceaccount.com", expression);
        });

        // Then the expired binding grants nothing: it neither raises the severity nor is listed as held
        var finding = Assert.Single(findings, f => f.GetProperty("ruleId").GetString() == "gcp-dormant-service-account" && f.GetProperty("principal").GetString() == "serviceAccount:app-runtime@nw-app-prod.iam.gserviceaccount.com");
        Assert.Equal(severity, finding.GetProperty("severity").GetString());
        Assert.Equal(severity == "medium", finding.GetProperty("explanation").GetString()!.Contains("role `roles/storage.objectViewer`", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("serviceAccount:ci-deployer@nw-build-prod.iam.gserviceaccount.com")]   // authenticated two days ago
    [InlineData("serviceAccount:legacy-batch@nw-app-prod.iam.gserviceaccount.com")]    // disabled
    [InlineData("serviceAccount:310000000002-compute@developer.gserviceaccount.com")] // authenticated last week
    public void Accounts_in_use_or_disabled_are_not_dormant(string principal) =>
        Assert.DoesNotContain(Findings(WithActivity.Value), f => f.GetProperty("ruleId").GetString() == "gcp-dormant-service-account" && f.GetProperty("principal").GetString() == principal);

    [Fact]
    public void A_key_unused_since_july_is_reported_and_one_used_last_week_is_not()
    {
        var finding = Single(WithActivity.Value, "gcp-unused-service-account-key", Terraform);

        Assert.Equal("A key of `terraform@nw-build-prod.iam.gserviceaccount.com` has not been used for 144 days", finding.GetProperty("title").GetString());
        Assert.Contains($"Key `{TerraformKey}`", finding.GetProperty("explanation").GetString(), StringComparison.Ordinal);
        var inUse = ScannedCopy.Findings(Organization, AsOf, folder => Activity(folder, keyLastUsed: "2026-11-24T08:00:00Z"));
        Assert.DoesNotContain(inUse, f => f.GetProperty("ruleId").GetString() == "gcp-unused-service-account-key");
    }

    [Fact]
    public void A_binding_whose_insight_shows_unused_permissions_is_reported_and_an_accepted_insight_is_not()
    {
        var finding = Single(WithActivity.Value, "gcp-unused-permissions", CiDeployer);

        Assert.Equal("low", finding.GetProperty("severity").GetString());
        Assert.Equal("`serviceAccount:ci-deployer@nw-build-prod.iam.gserviceaccount.com` used 1 of the 2 permissions of `roles/run.admin`", finding.GetProperty("title").GetString());
        Assert.Contains("used: `run.services.update`", finding.GetProperty("explanation").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain(Findings(WithActivity.Value), f => f.GetProperty("ruleId").GetString() == "gcp-unused-permissions" && f.GetProperty("principal").GetString() == "user:dana@northwind.example");
    }

    [Fact]
    public void An_insight_about_a_binding_no_exported_policy_holds_is_not_reported_and_the_scan_counts_it()
    {
        // Given an ACTIVE insight about Owner for stale@ on nw-build-prod, whose exported allow policy binds no such thing
        Assert.DoesNotContain(Findings(WithActivity.Value), f => f.GetProperty("ruleId").GetString() == "gcp-unused-permissions" && f.GetProperty("principal").GetString() == "user:stale@northwind.example");

        // Then the scan says it left the insight out, and which binding it was about
        var skipped = Assert.Single(WithActivity.Value.GetProperty("scan").GetProperty("analysesNotRun").EnumerateArray(), a => a.GetProperty("analysis").GetString() == "gcp-unused-permissions for 1 policy insight");
        Assert.Contains("no exported allow policy holds the binding they are about (`roles/owner` to `user:stale@northwind.example` on `projects/nw-build-prod`)", skipped.GetProperty("reason").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("", true)]
    [InlineData("request.time < timestamp('2027-01-01T00:00:00Z')", false)]
    public void A_policy_insight_with_googles_empty_condition_matches_the_unconditional_binding(string expression, bool reported)
    {
        // Given Google's policy insight about ci-deployer's unconditional run.admin on nw-app-prod, written as Google
        // writes it: an unconditional binding's `condition` is an object of empty strings; its twin names a condition
        // the exported binding does not have
        var findings = ScannedCopy.Findings(Organization, AsOf, folder =>
        {
            Directory.CreateDirectory(Path.Combine(folder, "activity"));
            File.WriteAllText(Path.Combine(folder, "activity", "policy-insights-projects-nw-app-prod.json"), $"[{RunAdminInsight("3d9b6f20-8c4e-4a71-b5d2-1e7f0a9c6b38", expression)}]");
        });

        // Then the empty condition is no condition: the insight is about the exported binding and is reported
        Assert.Equal(reported, findings.Any(f => f.GetProperty("ruleId").GetString() == "gcp-unused-permissions" && f.GetProperty("principal").GetString() == CiDeployer));
    }

    [Fact]
    public void Insights_about_the_role_bound_with_and_without_a_condition_are_two_findings_with_their_own_fingerprints()
    {
        // Given ci-deployer holds run.admin on nw-app-prod, and run.admin again there under a condition, and Google's
        // insight about each binding
        var findings = ScannedCopy.Findings(Organization, AsOf, folder =>
        {
            GcpFindingsScan.AddConditionalBinding(folder, "//cloudresourcemanager.googleapis.com/projects/310000000002", "roles/run.admin", CiDeployer);
            Directory.CreateDirectory(Path.Combine(folder, "activity"));
            File.WriteAllText(Path.Combine(folder, "activity", "policy-insights-projects-nw-app-prod.json"), $"""
                [
                  {RunAdminInsight("3d9b6f20-8c4e-4a71-b5d2-1e7f0a9c6b38", string.Empty)},
                  {RunAdminInsight("9a4c2e71-5b3d-4f08-a6e1-c27d8b0f5e93", GcpFindingsScan.ConditionUntil2027.Replace("\"", "\\\"", StringComparison.Ordinal))}
                ]
                """);
        }).Where(f => f.GetProperty("ruleId").GetString() == "gcp-unused-permissions" && f.GetProperty("principal").GetString() == CiDeployer).ToList();

        // Then each is reported, with its own fingerprint
        Assert.Equal(2, findings.Count);
        Assert.Equal(2, findings.Select(f => f.GetProperty("fingerprint").GetString()).Distinct(StringComparer.Ordinal).Count());
    }

    /// <summary>Google's policy insight about ci-deployer's run.admin on nw-app-prod, none of whose 2 permissions was used; <paramref name="expression"/> is JSON-escaped.</summary>
    private static string RunAdminInsight(string id, string expression) => $$"""
        {
          "name": "projects/310000000002/locations/global/insightTypes/google.iam.policy.Insight/insights/{{id}}",
          "description": "0 of the permissions in this role binding were used in the past 90 days.",
          "content": {
            "role": "roles/run.admin",
            "member": "{{CiDeployer}}",
            "condition": {"expression": "{{expression}}", "title": "", "description": "", "location": ""},
            "exercisedPermissions": [],
            "inferredPermissions": [],
            "currentTotalPermissionsCount": "2"
          },
          "lastRefreshTime": "2026-11-30T07:00:00Z",
          "observationPeriod": "7776000s",
          "stateInfo": {"state": "ACTIVE"},
          "category": "SECURITY",
          "targetResources": ["//cloudresourcemanager.googleapis.com/projects/310000000002"],
          "insightSubtype": "PERMISSIONS_USAGE",
          "etag": "\"a1b2c3\""
        }
        """;

    [Fact]
    public void Without_activity_exports_the_rules_do_not_run_and_the_scan_says_so()
    {
        var notRun = WithoutActivity.Value.GetProperty("scan").GetProperty("analysesNotRun").EnumerateArray().Select(s => s.GetProperty("analysis").GetString()!).ToList();

        Assert.Contains("gcp-dormant-service-account for 4 enabled service accounts", notRun, StringComparer.Ordinal);
        Assert.Contains("gcp-unused-service-account-key for 1 user-managed key", notRun, StringComparer.Ordinal);
        Assert.Contains("gcp-unused-permissions", notRun, StringComparer.Ordinal);
        Assert.DoesNotContain(Findings(WithoutActivity.Value), f => f.GetProperty("ruleId").GetString()!.StartsWith("gcp-dormant", StringComparison.Ordinal) || f.GetProperty("ruleId").GetString() == "gcp-unused-service-account-key");
    }

    /// <summary>Writes the activity exports, as scripts/export-gcp.sh lays them out under activity/.</summary>
    private static void Activity(string folder, string keyLastUsed)
    {
        Directory.CreateDirectory(Path.Combine(folder, "activity"));
        File.WriteAllText(Path.Combine(folder, "activity", "service-accounts-nw-build-prod.json"), $$"""
            [
              {{AccountActivity("nw-build-prod", "310000000001", "terraform@nw-build-prod.iam.gserviceaccount.com", "104000000000000000002", "2026-03-02T08:00:00Z")}},
              {{AccountActivity("nw-build-prod", "310000000001", "ci-deployer@nw-build-prod.iam.gserviceaccount.com", "104000000000000000001", "2026-11-29T08:00:00Z")}}
            ]
            """);
        File.WriteAllText(Path.Combine(folder, "activity", "service-accounts-nw-app-prod.json"), $$"""
            [
              {{AccountActivity("nw-app-prod", "310000000002", "310000000002-compute@developer.gserviceaccount.com", "104000000000000000005", "2026-11-24T08:00:00Z")}}
            ]
            """);
        File.WriteAllText(Path.Combine(folder, "activity", "keys-nw-build-prod.json"), $$"""
            [
              {
                "activity": {
                  "lastAuthenticatedTime": "{{keyLastUsed}}",
                  "serviceAccountKey": {
                    "fullResourceName": "//iam.googleapis.com/projects/nw-build-prod/serviceAccounts/terraform@nw-build-prod.iam.gserviceaccount.com/keys/{{TerraformKey}}",
                    "projectNumber": "310000000001",
                    "serviceAccountId": "104000000000000000002"
                  }
                },
                "activityType": "serviceAccountKeyLastAuthentication",
                "fullResourceName": "//iam.googleapis.com/projects/nw-build-prod/serviceAccounts/terraform@nw-build-prod.iam.gserviceaccount.com/keys/{{TerraformKey}}",
                "observationPeriod": {"startTime": "2025-06-01T07:00:00Z", "endTime": "2026-11-30T08:00:00Z"}
              }
            ]
            """);
        File.WriteAllText(Path.Combine(folder, "activity", "insights-nw-app-prod.json"), """
            [
              {
                "name": "projects/310000000002/locations/global/insightTypes/google.iam.serviceAccount.Insight/insights/446303ba-2a14-49cc-b9fa-e2d2499d4f82",
                "description": "Service account app-runtime@nw-app-prod.iam.gserviceaccount.com was inactive.",
                "content": {"serviceAccountId": "104000000000000000003", "email": "app-runtime@nw-app-prod.iam.gserviceaccount.com"},
                "lastRefreshTime": "2026-11-30T07:00:00Z",
                "observationPeriod": "7776000s",
                "stateInfo": {"state": "ACTIVE"},
                "category": "SECURITY",
                "targetResources": ["//cloudresourcemanager.googleapis.com/projects/310000000002"],
                "insightSubtype": "SERVICE_ACCOUNT_USAGE",
                "severity": "LOW"
              },
              {
                "name": "projects/310000000002/locations/global/insightTypes/google.iam.policy.Insight/insights/7c2f1b9e-0d4a-4e8b-9a61-3f5d2c8e1b07",
                "description": "1 permission is unused in the past 90 days.",
                "content": {
                  "member": "serviceAccount:ci-deployer@nw-build-prod.iam.gserviceaccount.com",
                  "role": "roles/run.admin",
                  "exercisedPermissions": [{"permission": "run.services.update"}],
                  "inferredPermissions": [],
                  "currentTotalPermissionsCount": "2"
                },
                "lastRefreshTime": "2026-11-30T07:00:00Z",
                "observationPeriod": "7776000s",
                "stateInfo": {"state": "ACTIVE"},
                "category": "SECURITY",
                "targetResources": ["//cloudresourcemanager.googleapis.com/projects/310000000002"],
                "insightSubtype": "PERMISSIONS_USAGE",
                "severity": "LOW"
              }
            ]
            """);
        File.WriteAllText(Path.Combine(folder, "activity", "insights-nw-build-prod.json"), """
            [
              {
                "name": "projects/310000000001/locations/global/insightTypes/google.iam.policy.Insight/insights/5e8a0c41-9b2d-4f6e-8c3a-7d1b2e9f0a64",
                "description": "2 permissions are unused in the past 90 days.",
                "content": {
                  "member": "user:dana@northwind.example",
                  "role": "roles/owner",
                  "exercisedPermissions": [{"permission": "resourcemanager.projects.setIamPolicy"}],
                  "inferredPermissions": [],
                  "currentTotalPermissionsCount": "3"
                },
                "lastRefreshTime": "2026-11-30T07:00:00Z",
                "observationPeriod": "7776000s",
                "stateInfo": {"state": "ACCEPTED"},
                "targetResources": ["//cloudresourcemanager.googleapis.com/projects/310000000001"],
                "insightSubtype": "PERMISSIONS_USAGE"
              },
              {
                "name": "projects/310000000001/locations/global/insightTypes/google.iam.policy.Insight/insights/0b7e3d52-6a1f-4c98-b2e4-9f3a1c5d7e20",
                "description": "3 permissions are unused in the past 90 days.",
                "content": {
                  "member": "user:stale@northwind.example",
                  "role": "roles/owner",
                  "exercisedPermissions": [],
                  "inferredPermissions": [],
                  "currentTotalPermissionsCount": "3"
                },
                "lastRefreshTime": "2026-11-30T07:00:00Z",
                "observationPeriod": "7776000s",
                "stateInfo": {"state": "ACTIVE"},
                "targetResources": ["//cloudresourcemanager.googleapis.com/projects/310000000001"],
                "insightSubtype": "PERMISSIONS_USAGE"
              }
            ]
            """);
    }

    private static string AccountActivity(string project, string number, string email, string uniqueId, string last) => $$"""
        {
          "activity": {
            "lastAuthenticatedTime": "{{last}}",
            "serviceAccount": {
              "fullResourceName": "//iam.googleapis.com/projects/{{project}}/serviceAccounts/{{email}}",
              "projectNumber": "{{number}}",
              "serviceAccountId": "{{uniqueId}}"
            }
          },
          "activityType": "serviceAccountLastAuthentication",
          "fullResourceName": "//iam.googleapis.com/projects/{{project}}/serviceAccounts/{{email}}",
          "observationPeriod": {"startTime": "2025-06-01T07:00:00Z", "endTime": "2026-11-30T08:00:00Z"}
        }
        """;

    private static JsonElement[] Findings(JsonElement report) => [.. report.GetProperty("findings").EnumerateArray()];

    private static JsonElement Single(JsonElement report, string rule, string principal) =>
        Assert.Single(Findings(report), f => f.GetProperty("ruleId").GetString() == rule && f.GetProperty("principal").GetString() == principal);
}
