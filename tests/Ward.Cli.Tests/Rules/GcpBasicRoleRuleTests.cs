using static Ward.Cli.Tests.Rules.GcpFindingsScan;

namespace Ward.Cli.Tests.Rules;

/// <summary><c>gcp-basic-role</c> on the Contoso export: Owner and Editor on the organization, folder and projects, and the grants it leaves to other rules or to Google.</summary>
public sealed class GcpBasicRoleRuleTests
{
    private const string Rule = "gcp-basic-role";

    [Theory]
    [InlineData("user:root-admin@contoso.example", "critical", "roles/owner", "organizations/940000000001")]
    [InlineData("group:platform@contoso.example", "high", "roles/editor", "folders/950000000001")]
    [InlineData("user:dev@contoso.example", "medium", "roles/editor", "projects/ct-app")]
    [InlineData("principalSet://iam.googleapis.com/projects/960000000003/locations/global/workloadIdentityPools/aws-narrow/attribute.aws_role/arn:aws:sts::210987654321:assumed-role/etl", "medium", "roles/editor", "projects/ct-data")]
    public void Severity_follows_the_role_and_where_it_is_bound(string principal, string severity, string role, string container)
    {
        var finding = Single(Rule, principal);

        Assert.Equal(severity, finding.Text("severity"));
        Assert.Equal(container, finding.Text("account"));
        Assert.Equal($"`{principal}` holds the basic role `{role}` on `{container}`", finding.Text("title"));
    }

    [Fact]
    public void A_condition_lowers_the_severity_one_level_and_is_quoted()
    {
        // Given Owner of a project (high) under a time condition that still holds
        var finding = Single(Rule, "user:temp-owner@contoso.example");

        Assert.Equal("medium", finding.Text("severity"));
        Assert.Contains("under the condition `request.time < timestamp(\"2027-06-01T00:00:00Z\")`", finding.Text("explanation"), StringComparison.Ordinal);
    }

    [Fact]
    public void The_same_basic_role_bound_again_under_a_condition_is_a_second_finding_with_its_own_fingerprint()
    {
        // Given dev@ holds Editor on ct-app, and a second binding of Editor to dev@ there under a condition that still holds
        const string Dev = "user:dev@contoso.example";
        var findings = Of(Rule, ScannedCopy.Findings(Folder, AsOf, folder => AddConditionalBinding(folder, "//cloudresourcemanager.googleapis.com/projects/960000000001", "roles/editor", Dev)))
            .Where(f => f.Text("principal") == Dev).ToList();

        // Then each binding is its own finding, with its own fingerprint (one alert each in code scanning)
        Assert.Equal(["low", "medium"], findings.Select(f => f.Text("severity")).Order(StringComparer.Ordinal), StringComparer.Ordinal);
        Assert.Equal(2, findings.Select(f => f.Text("fingerprint")).Distinct(StringComparer.Ordinal).Count());

        // And the unconditional binding keeps the fingerprint it has without the twin
        var unconditional = Assert.Single(findings, f => !f.Text("explanation").Contains("under the condition", StringComparison.Ordinal));
        Assert.Equal(Single(Rule, Dev).Text("fingerprint"), unconditional.Text("fingerprint"));
    }

    [Fact]
    public void Two_conditional_bindings_that_differ_only_in_title_have_their_own_fingerprints()
    {
        // Given dev@ holds Editor on ct-app, and two more bindings of Editor to dev@ there under the same expression,
        // titled differently (IAM keeps them as two bindings)
        const string Dev = "user:dev@contoso.example";
        var findings = Of(Rule, ScannedCopy.Findings(Folder, AsOf, folder =>
        {
            AddConditionalBinding(folder, "//cloudresourcemanager.googleapis.com/projects/960000000001", "roles/editor", Dev);
            RetitleLastBinding(folder, "//cloudresourcemanager.googleapis.com/projects/960000000001", "until the audit ends");
            AddConditionalBinding(folder, "//cloudresourcemanager.googleapis.com/projects/960000000001", "roles/editor", Dev);
        })).Where(f => f.Text("principal") == Dev).ToList();

        // Then each of the three bindings has a fingerprint of its own
        Assert.Equal(3, findings.Count);
        Assert.Equal(3, findings.Select(f => f.Text("fingerprint")).Distinct(StringComparer.Ordinal).Count());
    }

    [Theory]
    [InlineData("user:former@contoso.example")]                                             // Editor whose condition expired: gcp-expired-conditional-binding
    [InlineData("user:auditor@contoso.example")]                                            // Viewer is not reported
    [InlineData("serviceAccount:960000000001-compute@developer.gserviceaccount.com")]       // default service accounts: gcp-default-service-account-editor
    [InlineData("serviceAccount:ct-data@appspot.gserviceaccount.com")]
    [InlineData("serviceAccount:960000000001@cloudservices.gserviceaccount.com")]           // the Google APIs Service Agent, Editor by Google's design
    [InlineData("serviceAccount:retired@ct-app.iam.gserviceaccount.com")]                   // a disabled account
    public void Grants_left_to_other_rules_or_to_Google_are_not_reported(string principal) =>
        Assert.DoesNotContain(Of(Rule), f => f.Text("principal") == principal);
}
