using System.Text.Json;

namespace Ward.Cli.Tests;

/// <summary>AzureHound output given to the CLI like any other export (docs/formats/azurehound.md).</summary>
public sealed class AzureHoundInputTests
{
    private static readonly string Tenant = Path.Combine(Repository.Root, "tests", "Ward.Microsoft.Tests", "Fixtures", "AzureHound", "azurehound-tenant.json");
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
}
