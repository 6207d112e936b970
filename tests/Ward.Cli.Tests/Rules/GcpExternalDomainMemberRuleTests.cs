using System.Text.Json;
using static Ward.Cli.Tests.Rules.GcpFindingsScan;

namespace Ward.Cli.Tests.Rules;

/// <summary>
/// <c>gcp-external-domain-member</c> on the Contoso export, whose organization resource names the primary domain
/// `contoso.example`: outsiders of every member kind are reported; subdomains, the organization's own service
/// accounts, Google's service agents and expired grants are not; `--gcp-domain` adds a domain.
/// </summary>
public sealed class GcpExternalDomainMemberRuleTests
{
    private const string Rule = "gcp-external-domain-member";

    [Theory]
    [InlineData("user:contoso.helper@gmail.com", "medium", "is a personal Google account (`gmail.com`)")]
    [InlineData("domain:fabrikam.example", "medium", "`fabrikam.example` is not a domain of the organization")]
    [InlineData("user:researcher@contoso-labs.example", "medium", "`contoso-labs.example` is not a domain of the organization")]
    [InlineData("serviceAccount:etl@fabrikam-data.iam.gserviceaccount.com", "medium", "a service account of project `fabrikam-data`, which is not in the exported organization")]
    [InlineData("user:ext-dev@fabrikam.example", "high", "`roles/iam.serviceAccountTokenCreator` can change access or act as a service account")]
    public void Outsiders_are_reported_with_why(string principal, string severity, string why)
    {
        var finding = Single(Rule, principal);

        Assert.Equal(severity, finding.Text("severity"));
        Assert.Equal("projects/ct-app", finding.Text("account"));
        Assert.Contains(why, finding.Text("explanation"), StringComparison.Ordinal);
        Assert.Contains("the organization's domains are `contoso.example` (`organizations/940000000001`)", finding.Text("explanation"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("user:analyst@eu.contoso.example")]                                          // a subdomain of the organization's
    [InlineData("serviceAccount:loader@ct-data.iam.gserviceaccount.com")]                    // a service account of the organization
    [InlineData("serviceAccount:ct-ops.svc.id.goog[ci/runner]")]                             // a Kubernetes service account of one of its projects
    [InlineData("serviceAccount:service-960000000001@gcp-sa-pubsub.iam.gserviceaccount.com")] // Google's service agents
    [InlineData("serviceAccount:960000000001@cloudservices.gserviceaccount.com")]
    [InlineData("user:gone@fabrikam.example")]                                               // its grant expired: gcp-expired-conditional-binding
    [InlineData("user:root-admin@contoso.example")]
    public void Members_of_the_organization_Google_and_expired_grants_are_not_reported(string principal) =>
        Assert.DoesNotContain(Of(Rule), f => f.Text("principal") == principal);

    [Fact]
    public void A_service_account_of_a_project_id_the_export_cannot_place_is_not_reported_and_the_scan_says_so()
    {
        // Given a fourth project of the organization, exported by its allow policy only (the asset names it by number,
        // 960000000009, and no resource export gives its id), whose policy grants a role to builder@ct-tools
        const string Builder = "serviceAccount:builder@ct-tools.iam.gserviceaccount.com";
        var report = ScannedCopy.Report(Folder, AsOf, folder => File.AppendAllText(
            Path.Combine(folder, "assets", "iam-policy.json"),
            $$"""{"name":"//cloudresourcemanager.googleapis.com/projects/960000000009","asset_type":"cloudresourcemanager.googleapis.com/Project","iam_policy":{"version":1,"etag":"BwYTc0nT0s0=","bindings":[{"role":"roles/viewer","members":["{{Builder}}"]}]},"ancestors":["projects/960000000009","organizations/940000000001"],"update_time":"2026-12-01T06:00:00Z"}""" + "\n"));
        JsonElement[] findings = [.. report.GetProperty("findings").EnumerateArray()];

        // Then builder@ct-tools, perhaps of that very project, is not reported as an outsider, while people from
        // outside still are
        Assert.DoesNotContain(Of(Rule, findings), f => f.Text("principal") == Builder);
        Assert.Contains(Of(Rule, findings), f => f.Text("principal") == "user:contoso.helper@gmail.com");

        // And the scan names the accounts it could not place
        var skipped = Assert.Single(report.GetProperty("scan").GetProperty("analysesNotRun").EnumerateArray(), a => a.GetProperty("analysis").GetString()!.StartsWith("gcp-external-domain-member for", StringComparison.Ordinal));
        Assert.Contains("`builder@ct-tools.iam.gserviceaccount.com`", skipped.GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.Contains("1 exported project is known by number only", skipped.GetProperty("reason").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_domain_given_with_gcp_domain_belongs_to_the_organization()
    {
        // When the secondary domain contoso-labs.example is declared
        var findings = Scan("--gcp-domain", "contoso-labs.example");

        // Then its user is no longer reported, and the others still are
        Assert.DoesNotContain(Of(Rule, findings), f => f.Text("principal") == "user:researcher@contoso-labs.example");
        Assert.Contains("`contoso-labs.example` (--gcp-domain)", Single(Rule, "domain:fabrikam.example", findings).Text("explanation"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("contoso")]
    [InlineData("contoso..example")]
    [InlineData("contoso example.com")]
    public void A_gcp_domain_that_is_not_a_domain_is_a_usage_error(string domain)
    {
        var (exitCode, output) = WardRunner.Run("scan", Folder, "--gcp-domain", domain);

        Assert.Equal(2, exitCode);
        Assert.Contains($"--gcp-domain `{domain}` is not a domain name", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_any_known_domain_the_scan_says_the_rule_could_not_run()
    {
        // Given the export without its organization resource (and no groups): no domain of the organization is known
        var report = ScannedCopy.Report(Folder, AsOf, folder =>
        {
            var resources = Path.Combine(folder, "assets", "resource.json");
            File.WriteAllLines(resources, [.. File.ReadLines(resources).Where(l => !l.Contains("\"cloudresourcemanager.googleapis.com/Organization\"", StringComparison.Ordinal))]);
        });

        // Then no member is called external, and the report says why
        Assert.DoesNotContain(report.GetProperty("findings").EnumerateArray(), f => f.Text("ruleId") == Rule);
        var skipped = Assert.Single(report.GetProperty("scan").GetProperty("analysesNotRun").EnumerateArray(), a => a.Text("analysis") == Rule);
        Assert.Contains("--gcp-domain", skipped.Text("reason"), StringComparison.Ordinal);
    }
}
