using System.Text.Json.Nodes;
using Ward.Microsoft.Edges;
using Ward.Microsoft.Edges.Checkers;
using Ward.Microsoft.Tests.Testing;
using static Ward.Microsoft.Tests.Testing.VaultsAndStorage;

namespace Ward.Microsoft.Tests.Edges;

/// <summary>
/// Role-assignment rights on a resource group of key vaults, on the Fabrikam fixture with User Access Administrator
/// added: quinn, who holds it on rg-secrets, assigns herself a data role on the RBAC vault (then signs with the key of
/// Billing Export's certificate) and a role that writes access policies on the access-policy vault (then gives herself
/// Payroll Connector's certificate). Carol, under the Blueprint deny assignment, and frank, whose resource group holds
/// no vault, reach nothing.
/// </summary>
public sealed class SelfAssignedVaultRoleEdgeTests
{
    private const string Quinn = "4c6e8a0c-2e4a-4c6e-8a0c-2e4a6c8e0a2c";
    private const string UserAccessAdministrator = "18d7d88d-d35e-4fb5-a5c3-7773c20a72d9";
    private const string Write = "Microsoft.Authorization/roleAssignments/write";

    private static MicrosoftEdgeContext Estate => field ??= Load();

    [Fact]
    public void A_User_Access_Administrator_of_the_vaults_group_assigns_itself_a_data_role_and_signs_with_the_certificate()
    {
        var edge = Assert.Single(new KeyVaultCertificateEdgeChecker().Check(Estate, targets: null), e => e.From.Value == Quinn);

        Assert.Equal((BillingExport, false), (edge.To.Value, edge.IsConditional));
        Assert.StartsWith("assigns itself `Key Vault Crypto User` at `kv-rbac` (it may write role assignments there), then signs with the key of certificate `billing-export`", edge.Description, StringComparison.Ordinal);
        Assert.Equal([Write, "Microsoft.KeyVault/vaults/keys/sign/action"], edge.Permissions.Select(p => p.Action), StringComparer.Ordinal);
        Assert.Equal(Resource("rg-secrets", "Microsoft.KeyVault/vaults", "kv-rbac"), edge.Permissions[0].Resource);
    }

    [Fact]
    public void A_User_Access_Administrator_of_the_vaults_group_assigns_itself_a_role_that_writes_access_policies()
    {
        var edge = Assert.Single(new KeyVaultAccessPolicyEdgeChecker().Check(Estate, targets: null), e => e.From.Value == Quinn && e.To.Value == PayrollConnector);

        Assert.Equal((PayrollConnector, false), (edge.To.Value, edge.IsConditional));
        Assert.StartsWith("assigns itself `Contributor` at `kv-policies`", edge.Description, StringComparison.Ordinal);
        Assert.Equal(Write, edge.Permissions[0].Action);
    }

    [Theory]
    [InlineData(Carol, "the Blueprint deny assignment denies her the key and secret and the vault writes, whatever role she assigns herself")]
    [InlineData(Frank, "rg-other holds no vault")]
    public void The_safe_twins_reach_no_vault_credential(string principal, string why)
    {
        var edges = new KeyVaultCertificateEdgeChecker().Check(Estate, targets: null).Concat(new KeyVaultAccessPolicyEdgeChecker().Check(Estate, targets: null));
        Assert.False(edges.Any(e => e.From.Value == principal), why);
    }

    private static MicrosoftEdgeContext Load()
    {
        using var folder = new ScratchFolder();
        folder.CopyFrom(Folder);
        folder.EditJsonArray(Path.Combine("azure", "role-definitions.json"), definitions => definitions.Add(JsonNode.Parse($$"""
            {"assignableScopes": ["/"], "createdBy": null, "createdOn": "2015-02-02T21:55:09.880642+00:00", "description": "Lets you manage user access to Azure resources.",
             "id": "/subscriptions/{{Subscription}}/providers/Microsoft.Authorization/roleDefinitions/{{UserAccessAdministrator}}", "name": "{{UserAccessAdministrator}}",
             "permissions": [{"actions": ["*/read", "Microsoft.Authorization/*", "Microsoft.Support/*"], "condition": null, "conditionVersion": null, "dataActions": [], "notActions": [], "notDataActions": []}],
             "roleName": "User Access Administrator", "roleType": "BuiltInRole", "type": "Microsoft.Authorization/roleDefinitions", "updatedBy": null, "updatedOn": "2025-03-04T10:11:12.000000+00:00"}
            """)));
        folder.EditJsonArray(Path.Combine("azure", "role-assignments.json"), assignments =>
        {
            assignments.Add(Assignment(Quinn, "quinn", "rg-secrets", "8a0c2e4a-6c8e-4a0c-9e4a-6c8e0a2c4e6a"));
            assignments.Add(Assignment(Carol, "carol", "rg-secrets", "9b1d3f5a-7c9e-4b1d-8f5a-7c9e1b3d5f7a"));
            assignments.Add(Assignment(Frank, "frank", "rg-other", "ac2e4a6c-8e0a-4c2e-9a6c-8e0a2c4e6a8c"));
        });
        var estates = MicrosoftEstateLoader.Load([folder.Path], TestContext.Current.CancellationToken);
        Assert.DoesNotContain(estates.Diagnostics, d => d.Severity == Ward.Core.Diagnostics.DiagnosticSeverity.Error);
        return new MicrosoftEdgeContext(estates.Entra, estates.Azure, AsOf);
    }

    /// <summary>User Access Administrator of a resource group, as az role assignment list prints it.</summary>
    private static JsonObject Assignment(string principal, string name, string group, string id)
    {
        var scope = $"/subscriptions/{Subscription}/resourceGroups/{group}";
        return new JsonObject
        {
            ["condition"] = null,
            ["conditionVersion"] = null,
            ["description"] = null,
            ["id"] = $"{scope}/providers/Microsoft.Authorization/roleAssignments/{id}",
            ["name"] = id,
            ["principalId"] = principal,
            ["principalName"] = $"{name}@fabrikam.onmicrosoft.com",
            ["principalType"] = "User",
            ["roleDefinitionId"] = $"/subscriptions/{Subscription}/providers/Microsoft.Authorization/roleDefinitions/{UserAccessAdministrator}",
            ["roleDefinitionName"] = "User Access Administrator",
            ["scope"] = scope,
            ["type"] = "Microsoft.Authorization/roleAssignments",
        };
    }
}
