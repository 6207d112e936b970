using System.Globalization;
using Ward.Core.Diagnostics;
using Ward.Gcp.Ingest;
using Ward.Gcp.Tests.Testing;

namespace Ward.Gcp.Tests.Ingest;

/// <summary>
/// Activity Analyzer's last authentications (<c>gcloud policy-intelligence query-activity --format=json</c>) and IAM
/// Recommender insights (<c>gcloud recommender insights list --format=json</c>), and what is reported when they are malformed.
/// </summary>
public sealed class ActivityReaderTests
{
    private const string AccountActivity = """
        [
          {
            "activity": {
              "lastAuthenticatedTime": "2026-03-02T08:00:00Z",
              "serviceAccount": {
                "fullResourceName": "//iam.googleapis.com/projects/nw-build-prod/serviceAccounts/terraform@nw-build-prod.iam.gserviceaccount.com",
                "projectNumber": "310000000001",
                "serviceAccountId": "104000000000000000002"
              }
            },
            "activityType": "serviceAccountLastAuthentication",
            "fullResourceName": "//iam.googleapis.com/projects/nw-build-prod/serviceAccounts/terraform@nw-build-prod.iam.gserviceaccount.com",
            "observationPeriod": {"startTime": "2025-06-01T07:00:00Z", "endTime": "2026-11-30T08:00:00Z"}
          },
          {
            "activity": {"lastAuthenticatedTime": "2026-11-29T08:00:00Z"},
            "activityType": "serviceAccountLastAuthentication",
            "fullResourceName": "//iam.googleapis.com/projects/nw-build-prod/keys/ci-deployer",
            "observationPeriod": {"startTime": "2025-06-01T07:00:00Z", "endTime": "2026-11-30T08:00:00Z"}
          },
          {
            "activity": {"lastAuthenticatedTime": "last week"},
            "activityType": "serviceAccountLastAuthentication",
            "fullResourceName": "//iam.googleapis.com/projects/nw-build-prod/serviceAccounts/ci-deployer@nw-build-prod.iam.gserviceaccount.com"
          },
          {"activityType": "resourceAuthorization", "fullResourceName": "//cloudresourcemanager.googleapis.com/projects/nw-build-prod", "activity": {}}
        ]
        """;

    private const string Insights = """
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
            "content": {
              "member": "serviceAccount:ci-deployer@nw-build-prod.iam.gserviceaccount.com",
              "role": "roles/run.admin",
              "exercisedPermissions": [{"permission": "run.services.update"}],
              "inferredPermissions": [],
              "currentTotalPermissionsCount": "2"
            },
            "observationPeriod": "90 days",
            "targetResources": ["//cloudresourcemanager.googleapis.com/projects/310000000002"],
            "insightSubtype": "PERMISSIONS_USAGE",
            "stateInfo": {"state": "ACTIVE"}
          },
          {
            "name": "projects/310000000002/locations/global/insightTypes/google.iam.policy.LateralMovementInsight/insights/1",
            "content": {}
          },
          {
            "name": "projects/310000000002/locations/global/insightTypes/google.iam.serviceAccount.Insight/insights/2",
            "stateInfo": {"state": "ACTIVE"}
          }
        ]
        """;

    [Fact]
    public void Activities_and_insights_are_read_with_their_times()
    {
        var estate = Load();

        var terraform = Assert.Single(estate.AuthenticationActivities, a => a.ServiceAccount == "terraform@nw-build-prod.iam.gserviceaccount.com");
        Assert.Equal("nw-build-prod", terraform.Project);
        Assert.Equal("104000000000000000002", terraform.ServiceAccountUniqueId);
        Assert.Equal(At("2026-03-02T08:00:00Z"), terraform.LastAuthenticated);
        Assert.Equal(At("2025-06-01T07:00:00Z"), terraform.ObservationStart);
        Assert.True(terraform.IsAccountActivity);
        var insight = Assert.Single(estate.ServiceAccountInsights);
        Assert.Null(insight.LastAuthenticated);
        Assert.Equal(TimeSpan.FromDays(90), insight.ObservationPeriod);
        var policy = Assert.Single(estate.PolicyInsights);
        Assert.Equal(["run.services.update"], policy.ExercisedPermissions);
        Assert.Equal(2, policy.TotalPermissions);
        Assert.Null(policy.ObservationPeriod);
    }

    [Theory]
    [InlineData(GcpDiagnosticCodes.WrongShape, DiagnosticSeverity.Error, "activity.json", "$[1].fullResourceName", "is not the full name of a service account")]
    [InlineData(GcpDiagnosticCodes.WrongShape, DiagnosticSeverity.Warning, "activity.json", "$[2].activity.lastAuthenticatedTime", "is not an ISO 8601 timestamp")]
    [InlineData(GcpDiagnosticCodes.NotRead, DiagnosticSeverity.Info, "activity.json", "$[3]", "activity type `resourceAuthorization` is not read")]
    [InlineData(GcpDiagnosticCodes.WrongShape, DiagnosticSeverity.Warning, "insights.json", "$[1].observationPeriod", "not a duration in seconds")]
    [InlineData(GcpDiagnosticCodes.NotRead, DiagnosticSeverity.Info, "insights.json", "$[2]", "insight type `google.iam.policy.LateralMovementInsight` is not read")]
    [InlineData(GcpDiagnosticCodes.MissingField, DiagnosticSeverity.Error, "insights.json", "$[3]", "has no `content`")]
    public void Malformed_entries_are_reported_where_they_are(string code, DiagnosticSeverity severity, string file, string path, string message) =>
        LocatedDiagnostics.AssertReported(Load().Diagnostics, code, severity, file, path, message);

    private static Ward.Gcp.Iam.GcpEstate Load()
    {
        using var folder = new ScratchFolder(("activity.json", AccountActivity), ("insights.json", Insights));
        return GcpEstateLoader.Load([folder.Path], TestContext.Current.CancellationToken);
    }

    private static DateTimeOffset At(string text) => DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal);
}
