using System.Text.Json;

namespace Ward.Cli.Tests;

/// <summary>
/// The traps of the bundled Microsoft sample (samples/microsoft.md): principals whose scoped roles must not be read as
/// paths, and who hold nothing else that is one, so that their silence proves the scoping. The seeded risks that sit
/// beside them are held by other principals, and still found.
/// </summary>
public sealed class MicrosoftSampleTrapTests
{
    private static readonly Lazy<List<JsonElement>> Escalations = new(ScanWholeSample);

    [Theory]
    [InlineData("chen.wei@northwindtraders.com")]
    [InlineData("eve.lindqvist@northwindtraders.com")]
    [InlineData("gus.mensah@northwindtraders.com")]
    public void A_trap_principal_has_no_privilege_escalation_finding(string userPrincipalName)
    {
        // chen: Helpdesk Administrator of an administrative unit whose members hold no role; eve: Groups Administrator
        // of a unit holding a role-assignable group and a group that grants nothing; gus: Cloud Application
        // Administrator of an application that holds no permission
        Assert.DoesNotContain(Escalations.Value, f => f.GetProperty("principal").GetString() == UserId(userPrincipalName));
    }

    [Fact]
    public void The_tenant_wide_Groups_Administrator_joins_Prod_Owners()
    {
        var finding = FindingOf("nina.kowalski@northwindtraders.com");

        var step = Assert.Single(finding.GetProperty("path").EnumerateArray());
        Assert.Equal(("entra-add-group-member", "Prod Owners"), (step.GetProperty("technique").GetString(), step.GetProperty("toName").GetString()));
        Assert.Equal("critical", finding.GetProperty("severity").GetString());
    }

    [Fact]
    public void The_network_administrator_rewrites_the_vault_that_keeps_Northwind_Syncs_certificate()
    {
        var finding = FindingOf("omar.haddad@northwindtraders.com");

        var path = finding.GetProperty("path").EnumerateArray().ToList();
        Assert.Equal(["azure-key-vault-access-policy", "entra-add-credential", "entra-assign-role"], path.Select(s => s.GetProperty("technique").GetString()), StringComparer.Ordinal);
        Assert.Equal("Northwind Sync", path[0].GetProperty("toName").GetString());
        Assert.Contains("kv-nw-network", path[0].GetProperty("description").GetString(), StringComparison.Ordinal);
    }

    private static JsonElement FindingOf(string userPrincipalName) =>
        Assert.Single(Escalations.Value, f => f.GetProperty("principal").GetString() == UserId(userPrincipalName));

    private static List<JsonElement> ScanWholeSample()
    {
        string Sample(string folder) => Path.Combine(Repository.Root, "samples", folder);
        var (exitCode, _, json) = WardRunner.RunCapturingStandardOutput("scan", Sample("entra"), Sample("azure"), Sample("azurehound"), "--as-of", "2026-11-28T12:00:00Z", "--format", "json");
        Assert.Equal(0, exitCode);
        return [.. JsonDocument.Parse(json).RootElement.GetProperty("findings").EnumerateArray().Where(f => f.GetProperty("ruleId").GetString() == "privilege-escalation")];
    }

    private static string UserId(string userPrincipalName)
    {
        var users = Directory.GetFiles(Path.Combine(Repository.Root, "samples", "entra"), "users*.json")
            .SelectMany(file => JsonDocument.Parse(File.ReadAllText(file)).RootElement.GetProperty("value").EnumerateArray());
        return users.Single(u => u.GetProperty("userPrincipalName").GetString() == userPrincipalName).GetProperty("id").GetString()!;
    }
}
