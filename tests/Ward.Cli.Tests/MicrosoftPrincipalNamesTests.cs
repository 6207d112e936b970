using System.Text.Json;

namespace Ward.Cli.Tests;

/// <summary>
/// <c>ward scan</c> on the bundled Northwind tenant: an Entra ID or Azure finding names its principal by object id,
/// user principal name and display name in every report format, whichever rule reported it.
/// </summary>
public sealed class MicrosoftPrincipalNamesTests
{
    private const string AsOf = "2026-11-28T12:00:00Z";
    private const string Ada = "8dd8fb99-dfc9-4af1-82a5-17bf292636dc";
    private const string NorthwindProvisioning = "3ed24729-a550-4a4e-b154-49cc936e6c06";

    private static readonly string[] Inputs =
        [Path.Combine(Repository.Root, "samples", "entra"), Path.Combine(Repository.Root, "samples", "azure"), Path.Combine(Repository.Root, "samples", "azurehound")];

    private static readonly Lazy<List<JsonElement>> Findings = new(() =>
        [.. JsonDocument.Parse(Report("json")).RootElement.GetProperty("findings").EnumerateArray().Select(f => f.Clone())]);

    [Fact]
    public void A_user_finding_carries_the_object_id_the_user_principal_name_and_the_display_name()
    {
        // Given ada.okafor (displayName "Ada Okafor"), a permanent Global Administrator
        var finding = Finding("entra-permanent-privileged-assignment", Ada);

        // Then the JSON report names her three ways
        Assert.Equal("ada.okafor@northwindtraders.com", finding.GetProperty("principalName").GetString());
        Assert.Equal("Ada Okafor", finding.GetProperty("principalDisplayName").GetString());
    }

    [Fact]
    public void Every_finding_about_a_user_gets_the_display_name_whichever_rule_reported_it()
    {
        // Then the privilege escalation, the classic administrator and the MFA findings name their users the same way
        Assert.Equal("Nina Kowalski", Finding("privilege-escalation", "42ea0163-1903-4e81-b568-46a623ca73d9").GetProperty("principalDisplayName").GetString());
        Assert.Equal("Ada Okafor", Finding("azure-classic-administrator", Ada).GetProperty("principalDisplayName").GetString());
        Assert.Equal("Break Glass 01", Finding("entra-privileged-user-without-mfa", "f6b58d1d-148f-4628-87ef-4ab2f0f7af46").GetProperty("principalDisplayName").GetString());
    }

    [Fact]
    public void A_service_principal_finding_carries_its_display_name_once()
    {
        // Given Northwind Provisioning's service principal, which holds RoleManagement.ReadWrite.Directory
        var finding = Finding("high-risk-application-permission", NorthwindProvisioning);

        // Then its display name is its name, not repeated as a second one
        Assert.Equal("Northwind Provisioning", finding.GetProperty("principalName").GetString());
        Assert.False(finding.TryGetProperty("principalDisplayName", out _));
    }

    [Fact]
    public void A_finding_about_a_scope_keeps_the_name_its_rule_gave()
    {
        // The many-owners finding is about a subscription, no directory object: named as the hierarchy export names it
        var finding = Findings.Value.First(f => f.GetProperty("ruleId").GetString() == "azure-many-owners");

        Assert.StartsWith("/subscriptions/", finding.GetProperty("principal").GetString(), StringComparison.Ordinal);
        Assert.False(finding.TryGetProperty("principalDisplayName", out _));
    }

    [Fact]
    public void Names_do_not_change_fingerprints()
    {
        // The fingerprints the same findings had before display names were reported, so scans still compare
        Assert.Equal("ac2cb63ec97823e4483c75fd3cf668a6", Finding("entra-permanent-privileged-assignment", Ada).GetProperty("fingerprint").GetString());
        Assert.Equal("abc38ff65fd212766fef80c9c93ac31d", Finding("high-risk-application-permission", NorthwindProvisioning).GetProperty("fingerprint").GetString());
    }

    [Fact]
    public void Sarif_csv_markdown_and_html_show_the_display_name_too()
    {
        var sarif = JsonDocument.Parse(Report("sarif")).RootElement.GetProperty("runs")[0].GetProperty("results").EnumerateArray()
            .Select(r => r.GetProperty("properties"))
            .First(p => p.GetProperty("principal").GetString() == Ada);
        Assert.Equal("Ada Okafor", sarif.GetProperty("principalDisplayName").GetString());

        var csv = Report("csv").Split("\r\n");
        var column = Array.IndexOf(csv[0].Split(','), "principalDisplayName");
        Assert.Contains(csv, line => line.StartsWith("entra-permanent-privileged-assignment,", StringComparison.Ordinal) && line.Contains(Ada, StringComparison.Ordinal) && line.EndsWith(",Ada Okafor", StringComparison.Ordinal));
        Assert.Equal(13, column);

        const string Shown = $"ada.okafor@northwindtraders.com (Ada Okafor, {Ada})";
        Assert.Contains(Shown, Report("markdown"), StringComparison.Ordinal);
        Assert.Contains(Shown, Report("html"), StringComparison.Ordinal);
    }

    [Fact]
    public void The_console_summary_names_the_riskiest_identities()
    {
        var (_, output) = WardRunner.Run(["scan", .. Inputs, "--as-of", AsOf]);

        // Then a user among them reads as principal name, display name and object id, not a bare object id
        var identities = output[output.IndexOf("Riskiest identities", StringComparison.Ordinal)..output.IndexOf("Shortest paths", StringComparison.Ordinal)];
        Assert.Contains("nina.kowalski@northwindtraders.com (Nina Kowalski, 42ea0163-1903-4e81-b568-46a623ca73d9)", identities, StringComparison.Ordinal);
    }

    [Fact]
    public void The_html_identities_table_gives_each_principal_its_kind_and_whether_it_is_an_administrator()
    {
        // Given the HTML report's identities table
        var html = Report("html");
        var identities = html[html.IndexOf("<section id=\"identities\">", StringComparison.Ordinal)..];

        // Then ada (a Global Administrator) is a human user and an administrator, Northwind Provisioning a workload
        // identity that is not one, as the Entra graph says; no Entra principal is left of unknown kind
        Assert.Matches("<tr data-kind=\"human user\" data-admin=\"yes\"[^>]*><td class=\"mono\">ada\\.okafor@northwindtraders\\.com", identities);
        Assert.Matches("<tr data-kind=\"[a-z ]+\" data-admin=\"no\"[^>]*><td class=\"mono\">Northwind Provisioning \\(", identities);
        Assert.DoesNotContain("data-kind=\"unknown\" data-admin=\"unknown\" data-findings=\"with\"><td class=\"mono\">ada", identities, StringComparison.Ordinal);
    }

    private static JsonElement Finding(string ruleId, string principal) =>
        Findings.Value.Single(f => f.GetProperty("ruleId").GetString() == ruleId && f.GetProperty("principal").GetString() == principal);

    private static string Report(string format)
    {
        var (exitCode, _, report) = WardRunner.RunCapturingStandardOutput(["scan", .. Inputs, "--as-of", AsOf, "--format", format]);
        Assert.Equal(0, exitCode);
        return report;
    }
}
