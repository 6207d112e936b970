using System.Text.Json;

namespace Ward.Cli.Tests;

/// <summary>
/// <c>ward scan</c>'s dormancy and Azure RBAC hygiene findings on the bundled Northwind tenant, as samples/microsoft.md
/// lists them (section "Dormant identities and Azure RBAC hygiene").
/// </summary>
public sealed class MicrosoftHygieneScanTests
{
    private static readonly string Entra = Path.Combine(Repository.Root, "samples", "entra");
    private static readonly string Azure = Path.Combine(Repository.Root, "samples", "azure");
    private static readonly string AzureHound = Path.Combine(Repository.Root, "samples", "azurehound");
    private static readonly Lazy<List<JsonElement>> Findings = new(Scan);

    [Fact]
    public void Dormant_users_and_service_principals_are_the_seeded_ones()
    {
        // Given the sample scanned as of its export day, then the dormant identities are hana, the break-glass account
        // and the third party's mail archiver; not the guest (75 days) nor the cafeteria bot (holds nothing)
        Assert.Equal(["breakglass01@northwindtraders.onmicrosoft.com", "hana.sato@northwindtraders.com"], Names("dormant-entra-user"));
        Assert.Equal(["Contoso Mail Archiver"], Names("dormant-service-principal"));
    }

    [Fact]
    public void The_Azure_hygiene_findings_are_the_seeded_ones()
    {
        // Then the landing zone identity (not the VM's Contributor identity), nw-prod, nw-platform and nw-dev (whose Dev
        // Team members hold a custom role that may assign Owner), the standing holders of Owner-like roles at the root, a management group or a subscription (not the
        // landing zone identity, left to its own rule), the custom role with `*`, and the two classic administrators of
        // nw-platform are reported
        Assert.Equal(["id-landingzone-deploy"], Names("azure-managed-identity-privileged-role"));
        Assert.Equal(["nw-dev", "nw-platform", "nw-prod"], Names("azure-many-owners"));
        Assert.Equal(["Dev Team", "Prod Owners", "breakglass01@northwindtraders.onmicrosoft.com", "hana.sato@northwindtraders.com"], Names("azure-permanent-privileged-assignment"));
        Assert.Equal(["Northwind Ops Superuser"], Names("azure-custom-role-wildcard"));
        Assert.Equal(["ada.okafor@northwindtraders.com", "olaf.berg@northwindtraders.com"], Names("azure-classic-administrator"));
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
