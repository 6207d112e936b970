using static Ward.Cli.Tests.Rules.GcpFindingsScan;

namespace Ward.Cli.Tests.Rules;

/// <summary>
/// <c>gcp-cross-project-impersonation</c> on the Contoso export: service accounts of `ct-ops` (and a Kubernetes
/// service account of its clusters) that can act as accounts of `ct-app` and `ct-data`; same-project grants, users and
/// Google's service agents are not reported.
/// </summary>
public sealed class GcpCrossProjectImpersonationRuleTests
{
    private const string Rule = "gcp-cross-project-impersonation";

    [Fact]
    public void Key_creation_for_an_owner_equivalent_account_of_another_project_is_high()
    {
        // Given builder@ct-ops, Service Account Key Admin on ct-data, where loader is Project IAM Admin
        var finding = Single(Rule, "serviceAccount:builder@ct-ops.iam.gserviceaccount.com");

        Assert.Equal("high", finding.Text("severity"));
        Assert.Equal("projects/ct-data", finding.Text("account"));
        Assert.Contains("belongs to `projects/ct-ops`", finding.Text("explanation"), StringComparison.Ordinal);
        Assert.Contains("creates a key for `loader@ct-data.iam.gserviceaccount.com`", finding.Text("explanation"), StringComparison.Ordinal);
        Assert.Contains("`serviceAccount:loader@ct-data.iam.gserviceaccount.com` is owner-equivalent of `projects/ct-data`", finding.Text("explanation"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("serviceAccount:deployer@ct-ops.iam.gserviceaccount.com", "medium", "gcp-sa-get-access-token")]
    [InlineData("serviceAccount:ct-ops.svc.id.goog[ci/runner]", "medium", "gcp-sa-get-access-token")]
    [InlineData("serviceAccount:ci@ct-ops.iam.gserviceaccount.com", "low", "resource.matchTag")]   // only under a condition Ward cannot decide
    public void Token_creation_on_another_projects_account_is_reported(string principal, string severity, string detail)
    {
        var finding = Single(Rule, principal);

        Assert.Equal(severity, finding.Text("severity"));
        Assert.Equal($"`{principal}` of `projects/ct-ops` can act as `app@ct-app.iam.gserviceaccount.com` of `projects/ct-app`", finding.Text("title"));
        Assert.Contains(detail, finding.Text("explanation"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("serviceAccount:worker@ct-app.iam.gserviceaccount.com")]                               // Token Creator on app, of its own project
    [InlineData("serviceAccount:service-960000000003@gcp-sa-cloudscheduler.iam.gserviceaccount.com")]   // a service agent
    [InlineData("user:ops@contoso.example")]                                                           // a person, of no project
    public void Same_project_grants_service_agents_and_people_are_not_reported(string principal) =>
        Assert.DoesNotContain(Of(Rule), f => f.Text("principal") == principal);

    [Fact]
    public void Deployer_is_reported_for_ct_app_only_not_for_the_accounts_of_its_own_project() =>
        // deployer@ct-ops is also Token Creator on the ct-ops project, over builder and ci
        Assert.Equal("projects/ct-app", Single(Rule, "serviceAccount:deployer@ct-ops.iam.gserviceaccount.com").Text("account"));
}
