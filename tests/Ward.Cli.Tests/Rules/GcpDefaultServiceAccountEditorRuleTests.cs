using static Ward.Cli.Tests.Rules.GcpFindingsScan;

namespace Ward.Cli.Tests.Rules;

/// <summary><c>gcp-default-service-account-editor</c> on the Contoso export: default service accounts holding basic roles, and their safe twins.</summary>
public sealed class GcpDefaultServiceAccountEditorRuleTests
{
    private const string Rule = "gcp-default-service-account-editor";

    [Fact]
    public void The_Compute_Engine_default_account_with_Editor_on_its_project_is_high()
    {
        var finding = Single(Rule, "serviceAccount:960000000001-compute@developer.gserviceaccount.com");

        Assert.Equal("high", finding.Text("severity"));
        Assert.Equal("projects/ct-app", finding.Text("account"));
        Assert.Contains("the Compute Engine default service account of `projects/ct-app`", finding.Text("explanation"), StringComparison.Ordinal);
        Assert.Contains("its own project: the grant Google makes when the API is enabled", finding.Text("explanation"), StringComparison.Ordinal);
    }

    [Fact]
    public void Editor_bound_again_under_a_condition_is_a_second_finding_with_its_own_fingerprint()
    {
        // Given ct-app's Compute Engine default account holds Editor on ct-app, and Editor again there under a condition
        const string Compute = "serviceAccount:960000000001-compute@developer.gserviceaccount.com";
        var findings = Of(Rule, ScannedCopy.Findings(Folder, AsOf, folder => AddConditionalBinding(folder, "//cloudresourcemanager.googleapis.com/projects/960000000001", "roles/editor", Compute)))
            .Where(f => f.Text("principal") == Compute).ToList();

        // Then each binding is its own finding, with its own fingerprint; the unconditional one keeps its fingerprint
        Assert.Equal(["high", "medium"], findings.Select(f => f.Text("severity")).Order(StringComparer.Ordinal), StringComparer.Ordinal);
        Assert.Equal(2, findings.Select(f => f.Text("fingerprint")).Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(Single(Rule, Compute).Text("fingerprint"), Assert.Single(findings, f => f.Text("severity") == "high").Text("fingerprint"));
    }

    [Fact]
    public void The_App_Engine_default_account_with_Owner_is_critical() =>
        Assert.Equal("critical", Single(Rule, "serviceAccount:ct-data@appspot.gserviceaccount.com").Text("severity"));

    [Fact]
    public void Editor_on_a_folder_that_is_not_above_the_accounts_project_is_critical_and_says_so()
    {
        var finding = Single(Rule, "serviceAccount:960000000003-compute@developer.gserviceaccount.com");

        Assert.Equal("critical", finding.Text("severity"));
        Assert.Equal("folders/950000000001", finding.Text("account"));
        Assert.Contains("neither its project `projects/ct-ops` nor above it", finding.Text("explanation"), StringComparison.Ordinal);
    }

    [Fact]
    public void A_default_account_with_a_predefined_role_or_an_expired_Editor_grant_is_not_reported() =>
        // 960000000002-compute holds Compute Instance Admin, and Editor under a condition that expired on 2026-06-01
        Assert.DoesNotContain(Of(Rule), f => f.Text("principal") == "serviceAccount:960000000002-compute@developer.gserviceaccount.com");

    [Fact]
    public void Default_accounts_are_reported_here_only() =>
        Assert.DoesNotContain(Of("gcp-basic-role"), f => f.Text("principal").EndsWith("@developer.gserviceaccount.com", StringComparison.Ordinal) || f.Text("principal").EndsWith("@appspot.gserviceaccount.com", StringComparison.Ordinal));
}
