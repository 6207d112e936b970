using System.Text.Json;

namespace Ward.Cli.Tests;

/// <summary>
/// <c>ward scan</c>'s application and workload identity findings on the bundled Northwind tenant, as samples/microsoft.md
/// lists them (section "Applications and workload identities"): each rule fires on its seeded risk, not on its trap.
/// </summary>
public sealed class MicrosoftApplicationScanTests
{
    private static readonly string Entra = Path.Combine(Repository.Root, "samples", "entra");
    private static readonly string Azure = Path.Combine(Repository.Root, "samples", "azure");
    private static readonly string AzureHound = Path.Combine(Repository.Root, "samples", "azurehound");
    private static readonly Lazy<List<JsonElement>> Findings = new(Scan);

    [Fact]
    public void Credential_findings_are_the_seeded_ones()
    {
        // Given the sample scanned as of its export day, then Northwind Provisioning's secret ending in 2299 is long-lived
        // (not Northwind Sync's certificate of exactly one year, nor the intranet's six-month secret); Cafeteria Menu's
        // secret expired in 2025; and only Northwind Provisioning uses a secret for application permissions (Northwind
        // Sync has a certificate, the intranet only delegated permissions)
        Assert.Equal(["Northwind Provisioning"], Names("app-credential-long-lived"));
        Assert.Equal(["Cafeteria Menu"], Names("app-credential-expired"));
        Assert.Equal(["Northwind Provisioning"], Names("app-secret-credential"));
    }

    [Fact]
    public void Permission_and_consent_findings_are_the_seeded_ones()
    {
        // Then the tenant takeover permissions of Northwind Provisioning and Northwind Sync are reported (not the landing
        // zone identity's User.Read.All nor Northwind Orders' Sites.Selected); Contoso's archiver is the third party
        // reading all mail (not this tenant's multi-tenant intranet); the intranet's consent for all users to mail and
        // files is reported (not the cafeteria bot's consent to sign-in scopes)
        Assert.Equal(["Northwind Provisioning", "Northwind Sync"], Names("high-risk-application-permission"));
        Assert.Equal(["Contoso Mail Archiver"], Names("third-party-app-high-risk-permission"));
        Assert.Equal(["Northwind Intranet"], Names("all-principals-high-risk-consent"));
    }

    [Fact]
    public void Federated_credential_findings_are_the_pull_request_and_organization_wide_ones()
    {
        // Then Northwind Orders' pull request and organization-wide credentials are reported, not the one pinned to the
        // production environment
        var titles = Findings.Value.Where(f => f.GetProperty("ruleId").GetString() == "federated-credential-broad-subject").Select(f => f.GetProperty("title").GetString()!).Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(
            ["Federated credential `github-northwind-main` of `Northwind Orders` accepts every repository of `northwind-traders`", "Federated credential `github-orders-pr` of `Northwind Orders` accepts pull requests of `northwind-traders/orders-api`"],
            titles);
    }

    private static string[] Names(string ruleId) =>
        [.. Findings.Value.Where(f => f.GetProperty("ruleId").GetString() == ruleId).Select(f => f.GetProperty("principalName").GetString()!).Order(StringComparer.Ordinal)];

    private static List<JsonElement> Scan()
    {
        var (exitCode, _, json) = WardRunner.RunCapturingStandardOutput("scan", Entra, Azure, AzureHound, "--as-of", "2026-11-28T12:00:00Z", "--format", "json");
        Assert.Equal(0, exitCode);
        return [.. JsonDocument.Parse(json).RootElement.GetProperty("findings").EnumerateArray().Select(f => f.Clone())];
    }
}
