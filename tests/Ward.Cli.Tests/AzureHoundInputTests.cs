using System.Text.Json;

namespace Ward.Cli.Tests;

/// <summary>AzureHound output given to the CLI like any other export (docs/formats/azurehound.md).</summary>
public sealed class AzureHoundInputTests
{
    private static readonly string Fixtures = Path.Combine(Repository.Root, "tests", "Ward.Microsoft.Tests", "Fixtures", "AzureHound");
    private static readonly string Tenant = Path.Combine(Fixtures, "azurehound-tenant.json");
    private static readonly string RoleDefinitions = Path.Combine(Repository.Root, "samples", "azure", "role-definitions.json");
    private const string ResourceGroup = "/subscriptions/7d3c1f5a-2b4e-4c8d-9a6f-0e1d2c3b4a59/resourceGroups/rg-northwind-app";
    private const string Dana = "a1000006-0c1e-4d2b-8f3a-000000000006";
    private const string Frank = "a1000007-0c1e-4d2b-8f3a-000000000007";

    [Fact]
    public void Who_can_on_AzureHound_output_and_role_definitions_lists_a_member_of_a_nested_group()
    {
        // Given the AzureHound tenant file, where Dana is in "Cloud Ops Contractors", nested in "Cloud Ops", which holds
        // User Access Administrator on the subscription; and the built-in role definitions from `az role definition list`
        // When we ask who can write role assignments in the resource group
        var (exitCode, output) = WardRunner.Run("who-can", "-i", Tenant, "-i", RoleDefinitions, "Microsoft.Authorization/roleAssignments/write", ResourceGroup, "--format", "json");

        // Then Dana is listed as allowed, and Frank (in Finance only) is not listed
        Assert.Equal(0, exitCode);
        var principals = JsonDocument.Parse(output).RootElement.GetProperty("principals").EnumerateArray()
            .ToDictionary(p => p.GetProperty("principal").GetString()!, p => p, StringComparer.Ordinal);
        Assert.Equal("Allowed", principals[Dana].GetProperty("result").GetProperty("decision").GetString());
        Assert.False(principals.ContainsKey(Frank));
    }

    [Fact]
    public void AzureHound_JSON_Lines_are_read_although_they_are_not_one_JSON_document()
    {
        // Given the tenant's records one per line, as AzureHound prints them without `-o`
        var records = JsonDocument.Parse(File.ReadAllBytes(Tenant)).RootElement.GetProperty("data").EnumerateArray().Select(r => r.GetRawText());
        var file = Path.Combine(AppContext.BaseDirectory, $"azurehound-{Guid.NewGuid():N}.json");
        File.WriteAllText(file, string.Join('\n', records) + "\n");
        try
        {
            // When we ask who can write role assignments in the resource group
            var (exitCode, output) = WardRunner.Run("who-can", "-i", file, "-i", RoleDefinitions, "Microsoft.Authorization/roleAssignments/write", ResourceGroup, "--format", "json");

            // Then the file is read and Dana is listed
            Assert.Equal(0, exitCode);
            Assert.Contains(JsonDocument.Parse(output).RootElement.GetProperty("principals").EnumerateArray(), p => p.GetProperty("principal").GetString() == Dana);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Theory]
    [InlineData("all-principals-high-risk-consent", "`Northwind HR Portal` is consented for every user to Mail.ReadWrite, Files.ReadWrite.All of `Microsoft Graph`")]
    [InlineData("federated-credential-broad-subject", "Federated credential `github-build-scripts-pr` of `Northwind Build Agent` accepts pull requests of `northwind-traders/build-scripts`")]
    public void Consent_and_federated_credential_findings_from_AzureHound_are_those_of_the_Graph_export(string ruleId, string title)
    {
        // Given the tenant file with the grants and federated credentials AzureHound lists, or with the same objects as
        // Graph returns them
        var fromAzureHound = Findings(ruleId, Tenant, Path.Combine(Fixtures, "azurehound-consent-and-federation.json"));
        var fromGraph = Findings(ruleId, Tenant, Path.Combine(Fixtures, "graph-consent-and-federation"));

        // Then the scan reports the same findings, word for word: the HR portal's consent for every user to mail and
        // files, the build agent's credential for pull requests (not the one pinned to the production environment)
        Assert.Equal([title], fromAzureHound.Select(f => f.Split('\n')[0]), StringComparer.Ordinal);
        Assert.Equal(fromGraph, fromAzureHound, StringComparer.Ordinal);
    }

    private static List<string> Findings(string ruleId, params string[] inputs)
    {
        var (exitCode, _, json) = WardRunner.RunCapturingStandardOutput(["scan", .. inputs, "--as-of", "2026-11-28T12:00:00Z", "--format", "json"]);
        Assert.Equal(0, exitCode);
        return [.. JsonDocument.Parse(json).RootElement.GetProperty("findings").EnumerateArray()
            .Where(f => f.GetProperty("ruleId").GetString() == ruleId)
            .Select(f => string.Join('\n', f.GetProperty("title").GetString(), f.GetProperty("severity").GetString(), f.GetProperty("principal").GetString(), f.GetProperty("explanation").GetString()))
            .Order(StringComparer.Ordinal)];
    }
}
