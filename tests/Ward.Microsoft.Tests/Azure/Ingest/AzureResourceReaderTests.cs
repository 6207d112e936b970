using Ward.Core.Diagnostics;
using Ward.Microsoft.Azure.Ingest;
using Ward.Microsoft.Azure.Rbac;
using Ward.Microsoft.Azure.Resources;
using Ward.Microsoft.Tests.Azure.Testing;

namespace Ward.Microsoft.Tests.Azure.Ingest;

/// <summary>The resource inventory, in the shapes the az CLI, Resource Graph and the ARM REST API write it.</summary>
public sealed class AzureResourceReaderTests
{
    private const string Subscription = "3f9a1c7e-5b2d-4a8f-9e6c-1d3b5a7f9c2e";
    private const string Group = $"/subscriptions/{Subscription}/resourceGroups/rg-build";
    private const string Vm = $"{Group}/providers/Microsoft.Compute/virtualMachines/vm-build-01";
    private const string Identity = $"{Group}/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id-deploy";
    private const string Vault = $"{Group}/providers/Microsoft.KeyVault/vaults/kv-build";
    private const string Cluster = $"{Group}/providers/Microsoft.ContainerService/managedClusters/aks-build";
    private const string VmPrincipal = "6b1f0d2e-3c4a-4e5b-8f70-9a1b2c3d4e5f";
    private const string IdentityPrincipal = "2c7e9a41-5d3b-4f60-8a19-b0c2d4e6f813";

    // az resource list: the VM with both kinds of identity, the identity itself, and a vault without its properties
    private const string ResourceList = $$"""
        [
          {
            "changedTime": "2026-10-02T08:11:54.000000+00:00", "createdTime": "2026-01-14T09:30:12.000000+00:00",
            "extendedLocation": null, "id": "{{Vm}}",
            "identity": {
              "principalId": "{{VmPrincipal}}", "tenantId": "9d3f4e1a-2b6c-4d8e-a0f1-3c5e7a9b1d2f", "type": "SystemAssigned, UserAssigned",
              "userAssignedIdentities": { "{{Identity}}": { "clientId": "0f4c8b2a-6e1d-4a3f-9b57-c2d8e0a4f6b1", "principalId": "{{IdentityPrincipal}}" } }
            },
            "kind": null, "location": "westeurope", "managedBy": null, "name": "vm-build-01", "plan": null, "properties": null,
            "provisioningState": "Succeeded", "resourceGroup": "rg-build", "sku": null, "tags": {}, "type": "Microsoft.Compute/virtualMachines"
          },
          {
            "id": "{{Identity}}", "identity": null, "kind": null, "location": "westeurope", "name": "id-deploy", "resourceGroup": "rg-build",
            "type": "Microsoft.ManagedIdentity/userAssignedIdentities"
          },
          { "id": "{{Vault}}", "identity": null, "location": "westeurope", "name": "kv-build", "resourceGroup": "rg-build", "type": "Microsoft.KeyVault/vaults" }
        ]
        """;

    // az keyvault show: access-policy mode
    private const string VaultShow = $$"""
        {
          "id": "{{Vault}}", "location": "westeurope", "name": "kv-build",
          "properties": {
            "accessPolicies": [
              {
                "applicationId": null, "objectId": "{{VmPrincipal}}",
                "permissions": { "certificates": [], "keys": [], "secrets": ["get", "list"], "storage": null },
                "tenantId": "9d3f4e1a-2b6c-4d8e-a0f1-3c5e7a9b1d2f"
              }
            ],
            "enableRbacAuthorization": false, "enableSoftDelete": true, "sku": { "family": "A", "name": "standard" },
            "tenantId": "9d3f4e1a-2b6c-4d8e-a0f1-3c5e7a9b1d2f", "vaultUri": "https://kv-build.vault.azure.net/"
          },
          "resourceGroup": "rg-build", "tags": {}, "type": "Microsoft.KeyVault/vaults"
        }
        """;

    [Fact]
    public void An_az_resource_list_gives_each_resource_its_identities_and_az_keyvault_show_fills_in_the_vault()
    {
        // Given az resource list and az keyvault show of the same vault
        using var folder = new ScratchFolder(("resources.json", ResourceList), ("keyvault-kv-build.json", VaultShow));

        // When they are loaded
        var estate = AzureEstateLoader.Load([folder.Path], TestContext.Current.CancellationToken);

        // Then three resources are kept, the VM with both identities, the vault once with its access policy
        Assert.DoesNotContain(estate.Diagnostics, d => d.Severity == DiagnosticSeverity.Error);
        Assert.Equal(3, estate.Resources.Length);
        var vm = estate.FindResource(AzureScope.Parse(Vm))!;
        Assert.Equal(VmPrincipal, vm.SystemAssignedPrincipalId);
        Assert.Equal("westeurope", vm.Region);
        Assert.Equal("rg-build", vm.ResourceGroup);
        var attached = Assert.Single(vm.UserAssignedIdentities);
        Assert.Equal(AzureScope.Parse(Identity), attached.IdentityId);
        Assert.Equal(IdentityPrincipal, attached.PrincipalId);
        Assert.Equal(IdentityPrincipal, estate.PrincipalOfIdentity(AzureScope.Parse(Identity)));
        var vault = estate.FindResource(AzureScope.Parse(Vault))!.KeyVault!;
        Assert.False(vault.EnableRbacAuthorization);
        Assert.Equal(["get", "list"], Assert.Single(vault.AccessPolicies).Secrets, StringComparer.Ordinal);
        Assert.Contains(estate.Inputs, i => i.Note == "3 resources");
    }

    [Fact]
    public void A_resource_graph_query_result_is_read_with_its_lower_case_types_and_the_cluster_settings()
    {
        // Given az graph query output: an AKS cluster in the ARM form (enableRBAC, enableAzureRBAC) with local accounts on
        var result = $$"""
            {
              "count": 1,
              "data": [
                {
                  "extendedLocation": null,
                  "id": "{{Cluster}}",
                  "identity": { "principalId": "5e0a7c3b-9d21-4f86-b4a3-1c6e8f0d2b97", "tenantId": "9d3f4e1a-2b6c-4d8e-a0f1-3c5e7a9b1d2f", "type": "SystemAssigned" },
                  "kind": "", "location": "westeurope", "managedBy": "", "name": "aks-build",
                  "properties": {
                    "aadProfile": { "adminGroupObjectIDs": [], "enableAzureRBAC": false, "managed": true, "tenantID": "9d3f4e1a-2b6c-4d8e-a0f1-3c5e7a9b1d2f" },
                    "disableLocalAccounts": false, "enableRBAC": true,
                    "identityProfile": {
                      "kubeletidentity": {
                        "clientId": "8a2d4f6b-0c1e-4a3b-9d5f-7e9a1b3c5d70", "objectId": "D41E6A8C-2B3F-4C5D-8E9F-0A1B2C3D4E5F",
                        "resourceId": "/subscriptions/{{Subscription}}/resourcegroups/MC_rg-build_aks-build_westeurope/providers/Microsoft.ManagedIdentity/userAssignedIdentities/aks-build-agentpool"
                      }
                    },
                    "kubernetesVersion": "1.33.2"
                  },
                  "resourceGroup": "rg-build", "sku": { "name": "Base", "tier": "Free" }, "subscriptionId": "{{Subscription}}", "tags": null,
                  "tenantId": "9d3f4e1a-2b6c-4d8e-a0f1-3c5e7a9b1d2f", "type": "microsoft.containerservice/managedclusters", "zones": null
                }
              ],
              "skip_token": null,
              "total_records": 1
            }
            """;
        using var folder = new ScratchFolder(("resource-graph.json", result));

        // When it is loaded
        var estate = AzureEstateLoader.Load([folder.Path], TestContext.Current.CancellationToken);

        // Then the cluster is one of its type, with RBAC, Entra ID integration, local accounts and the kubelet identity (id in lower case)
        Assert.DoesNotContain(estate.Diagnostics, d => d.Severity == DiagnosticSeverity.Error);
        var cluster = Assert.Single(estate.ResourcesOfType(AzureResourceTypes.ManagedCluster));
        var settings = cluster.Cluster!;
        Assert.True(settings.EnableRbac);
        Assert.True(settings.EntraManaged);
        Assert.True(settings.EntraIntegrated);
        Assert.False(settings.EnableAzureRbac);
        Assert.True(settings.LocalAccountsEnabled);
        Assert.Equal("d41e6a8c-2b3f-4c5d-8e9f-0a1b2c3d4e5f", settings.KubeletIdentity!.PrincipalId);
        Assert.Equal("5e0a7c3b-9d21-4f86-b4a3-1c6e8f0d2b97", cluster.SystemAssignedPrincipalId);
    }

    [Fact]
    public void An_az_aks_list_entry_spells_its_settings_the_cli_way()
    {
        // Given az aks list: flat, camel-cased by the CLI (enableRbac, enableAzureRbac), local accounts disabled
        var list = $$"""
            [
              {
                "aadProfile": { "adminGroupObjectIDs": null, "enableAzureRbac": true, "managed": true },
                "disableLocalAccounts": true, "enableRbac": true, "id": "{{Cluster}}",
                "identity": { "principalId": "5e0a7c3b-9d21-4f86-b4a3-1c6e8f0d2b97", "type": "SystemAssigned", "userAssignedIdentities": null },
                "location": "westeurope", "name": "aks-build", "resourceGroup": "rg-build", "type": "Microsoft.ContainerService/ManagedClusters"
              }
            ]
            """;
        using var folder = new ScratchFolder(("aks.json", list));

        // When it is loaded
        var estate = AzureEstateLoader.Load([folder.Path], TestContext.Current.CancellationToken);

        // Then Azure RBAC for Kubernetes is on and no admin credential is issued
        var settings = Assert.Single(estate.Resources).Cluster!;
        Assert.True(settings.EnableAzureRbac);
        Assert.False(settings.LocalAccountsEnabled);
        Assert.Null(settings.KubeletIdentity);
    }

    [Fact]
    public void Entra_ID_integration_is_told_by_an_aad_profile_managed_or_legacy()
    {
        // Given az aks list: a cluster without Entra ID (aadProfile null, local accounts), one with the legacy
        // integration (server and client apps, managed false), both with user-assigned kubelet identities
        var list = $$"""
            [
              {
                "aadProfile": null, "disableLocalAccounts": false, "enableRbac": true, "id": "{{Cluster}}",
                "identity": { "principalId": null, "type": "UserAssigned", "userAssignedIdentities": { "{{Identity}}": { "clientId": "0f4c8b2a-6e1d-4a3f-9b57-c2d8e0a4f6b1", "principalId": "{{IdentityPrincipal}}" } } },
                "identityProfile": { "kubeletidentity": { "clientId": "8a2d4f6b-0c1e-4a3b-9d5f-7e9a1b3c5d70", "objectId": "d41e6a8c-2b3f-4c5d-8e9f-0a1b2c3d4e5f", "resourceId": "/subscriptions/{{Subscription}}/resourceGroups/MC_rg-build_aks-build_westeurope/providers/Microsoft.ManagedIdentity/userAssignedIdentities/aks-build-agentpool" } },
                "location": "westeurope", "name": "aks-build", "resourceGroup": "rg-build", "type": "Microsoft.ContainerService/ManagedClusters"
              },
              {
                "aadProfile": { "adminGroupObjectIDs": null, "clientAppId": "1b7c3e5a-9d2f-4a6b-8c0e-2f4a6c8e0b13", "enableAzureRbac": false, "managed": false, "serverAppId": "6e8a0c2d-4f1b-4d3e-9a5c-7b9d1f3a5c24", "serverAppSecret": null, "tenantId": "9d3f4e1a-2b6c-4d8e-a0f1-3c5e7a9b1d2f" },
                "disableLocalAccounts": false, "enableRbac": true, "id": "{{Group}}/providers/Microsoft.ContainerService/managedClusters/aks-legacy",
                "identity": { "principalId": "5e0a7c3b-9d21-4f86-b4a3-1c6e8f0d2b97", "type": "SystemAssigned", "userAssignedIdentities": null },
                "location": "westeurope", "name": "aks-legacy", "resourceGroup": "rg-build", "type": "Microsoft.ContainerService/ManagedClusters"
              }
            ]
            """;
        using var folder = new ScratchFolder(("aks.json", list));

        // When it is loaded
        var estate = AzureEstateLoader.Load([folder.Path], TestContext.Current.CancellationToken);

        // Then the first has no Entra ID sign-in, the legacy one has, though not AKS-managed; the control-plane
        // identity is the cluster's own, apart from the kubelet identity
        Assert.DoesNotContain(estate.Diagnostics, d => d.Severity >= DiagnosticSeverity.Warning);
        var plain = estate.FindResource(AzureScope.Parse(Cluster))!;
        Assert.False(plain.Cluster!.EntraIntegrated);
        Assert.Equal(IdentityPrincipal, Assert.Single(plain.UserAssignedIdentities).PrincipalId);
        Assert.Equal("d41e6a8c-2b3f-4c5d-8e9f-0a1b2c3d4e5f", plain.Cluster.KubeletIdentity!.PrincipalId);
        var legacy = estate.FindResource(AzureScope.Parse($"{Group}/providers/Microsoft.ContainerService/managedClusters/aks-legacy"))!.Cluster!;
        Assert.True(legacy.EntraIntegrated);
        Assert.False(legacy.EntraManaged);
    }

    [Fact]
    public void The_Resource_Graph_REST_form_says_more_pages_follow_with_its_skipToken()
    {
        // Given one page of the Resource Graph REST API (POST …/providers/Microsoft.ResourceGraph/resources): camel-cased
        // totals, and `$skipToken` where the az CLI writes `skip_token`
        var page = $$"""
            {
              "totalRecords": 2400, "count": 1, "resultTruncated": "false", "facets": [],
              "$skipToken": "ew0KICAiJGlkIjogIjEiLA0KICAiTWF4Um93cyI6IDEwMDAsDQogICJSb3dzVG9Ta2lwIjogMTAwMCwNCiAgIkt1c3RvQ2x1c3RlclVybCI6ICJodHRwczovL2FyZy13ZXUtbm9ydGgta3VzdG8ud2VzdGV1cm9wZS5rdXN0by53aW5kb3dzLm5ldCINCn0=",
              "data": [ { "id": "{{Vm}}", "name": "vm-build-01", "type": "microsoft.compute/virtualmachines", "identity": { "principalId": "{{VmPrincipal}}", "type": "SystemAssigned" } } ]
            }
            """;
        using var folder = new ScratchFolder(("resource-graph-1.json", page));

        // When it is loaded
        var estate = AzureEstateLoader.Load([folder.Path], TestContext.Current.CancellationToken);

        // Then its row is read, and the missing next page is a warning at the token
        Assert.Equal(VmPrincipal, Assert.Single(estate.Resources).SystemAssignedPrincipalId);
        var warning = Assert.Single(estate.Diagnostics, d => d.Code == AzureDiagnosticCodes.LastPageMissing);
        Assert.Equal("$['$skipToken']", warning.Location.JsonPath);
    }

    [Fact]
    public void A_truncated_Resource_Graph_result_and_the_table_format_are_reported()
    {
        // Given a REST result Resource Graph truncated (a query with `limit`), and one in the table format
        var truncated = $$"""
            { "totalRecords": 3, "count": 1, "resultTruncated": "true", "data": [ { "id": "{{Vm}}", "name": "vm-build-01", "type": "microsoft.compute/virtualmachines" } ] }
            """;
        var table = $$"""
            { "totalRecords": 1, "count": 1, "resultTruncated": "false",
              "data": { "columns": [ { "name": "id", "type": "string" }, { "name": "type", "type": "string" } ], "rows": [ [ "{{Vm}}", "microsoft.compute/virtualmachines" ] ] } }
            """;
        using var folder = new ScratchFolder(("truncated.json", truncated), ("table.json", table));

        // When they are loaded
        var estate = AzureEstateLoader.Load([folder.Path], TestContext.Current.CancellationToken);

        // Then the truncated rows are kept with a warning, and the table is an error at `data`, not read
        Assert.Single(estate.Resources);
        var cut = Assert.Single(estate.Diagnostics, d => d.Code == AzureDiagnosticCodes.LastPageMissing);
        Assert.Equal(("$.resultTruncated", DiagnosticSeverity.Warning), (cut.Location.JsonPath, cut.Severity));
        Assert.EndsWith("truncated.json", cut.Location.File, StringComparison.Ordinal);
        var error = Assert.Single(estate.Diagnostics, d => d.Code == AzureDiagnosticCodes.WrongShape);
        Assert.Equal("$.data", error.Location.JsonPath);
        Assert.EndsWith("table.json", error.Location.File, StringComparison.Ordinal);
        Assert.NotNull(error.Location.Line);
    }

    [Fact]
    public void Malformed_entries_are_reported_where_they_are_and_the_rest_is_kept()
    {
        // Given a resource whose identity is a string, one attaching an identity by a name that is not a resource id,
        // a vault policy without objectId, and an entry whose id is a resource group (not a resource: not recognised)
        var list = $$"""
            [
              { "id": "{{Vm}}", "type": "Microsoft.Compute/virtualMachines", "name": "vm-build-01", "identity": "SystemAssigned" },
              { "id": "{{Group}}/providers/Microsoft.Web/sites/app-build", "type": "Microsoft.Web/sites", "name": "app-build",
                "identity": { "type": "UserAssigned", "userAssignedIdentities": { "id-deploy": {} } } },
              { "id": "{{Vault}}", "type": "Microsoft.KeyVault/vaults", "name": "kv-build",
                "properties": { "enableRbacAuthorization": false, "accessPolicies": [ { "permissions": { "secrets": ["all"] } } ] } },
              { "id": "{{Group}}", "type": "Microsoft.Web/sites", "name": "rg-build" }
            ]
            """;
        using var folder = new ScratchFolder(("resources.json", list));

        // When it is loaded
        var estate = AzureEstateLoader.Load([folder.Path], TestContext.Current.CancellationToken);

        // Then each problem is located; the first three resources are kept without what was malformed
        Assert.Equal(3, estate.Resources.Length);
        Assert.Contains(estate.Diagnostics, d => d.Code == AzureDiagnosticCodes.WrongShape && d.Location.JsonPath == "$[0].identity");
        Assert.Contains(estate.Diagnostics, d => d.Code == AzureDiagnosticCodes.InvalidScope && d.Location.JsonPath == "$[1].identity.userAssignedIdentities['id-deploy']");
        Assert.Contains(estate.Diagnostics, d => d.Code == AzureDiagnosticCodes.MissingField && d.Location.JsonPath == "$[2].properties.accessPolicies[0]");
        Assert.Contains(estate.Diagnostics, d => d.Code == AzureDiagnosticCodes.UnknownEntry && d.Location.JsonPath == "$[3]");
        Assert.Empty(estate.FindResource(AzureScope.Parse(Vault))!.KeyVault!.AccessPolicies);
        Assert.All(estate.Diagnostics.Where(d => d.Code != AzureDiagnosticCodes.NothingUsable), d => Assert.NotNull(d.Location.Line));
    }

    [Fact]
    public void Resource_graph_rows_give_a_Flex_apps_deployment_container_and_whether_an_account_accepts_its_keys()
    {
        // Given Resource Graph rows: a Flex Consumption app, an account that never set allowSharedKeyAccess, one that
        // refuses its keys, and (from az resource list) an account without its properties
        var result = $$"""
            {
              "count": 3,
              "data": [
                {
                  "id": "{{Group}}/providers/Microsoft.Web/sites/func-build", "identity": { "principalId": "{{VmPrincipal}}", "tenantId": "9d3f4e1a-2b6c-4d8e-a0f1-3c5e7a9b1d2f", "type": "SystemAssigned" },
                  "kind": "functionapp,linux", "location": "westeurope", "name": "func-build",
                  "properties": {
                    "functionAppConfig": {
                      "deployment": { "storage": { "authentication": { "type": "SystemAssignedIdentity" }, "type": "blobContainer", "value": "https://stbuilddeploy.blob.core.windows.net/app-package-func-build" } },
                      "runtime": { "name": "python", "version": "3.12" }
                    },
                    "state": "Running"
                  },
                  "resourceGroup": "rg-build", "type": "microsoft.web/sites"
                },
                {
                  "id": "{{Group}}/providers/Microsoft.Storage/storageAccounts/stbuilddeploy", "kind": "StorageV2", "location": "westeurope", "name": "stbuilddeploy",
                  "properties": { "minimumTlsVersion": "TLS1_2", "primaryEndpoints": { "blob": "https://stbuilddeploy.blob.core.windows.net/" }, "supportsHttpsTrafficOnly": true },
                  "resourceGroup": "rg-build", "type": "microsoft.storage/storageaccounts"
                },
                {
                  "id": "{{Group}}/providers/Microsoft.Storage/storageAccounts/stlocked", "kind": "StorageV2", "location": "westeurope", "name": "stlocked",
                  "properties": { "allowSharedKeyAccess": false, "primaryEndpoints": { "blob": "https://stlocked.blob.core.windows.net/" } },
                  "resourceGroup": "rg-build", "type": "microsoft.storage/storageaccounts"
                }
              ],
              "skip_token": null,
              "total_records": 3
            }
            """;
        var list = $$"""[ { "id": "{{Group}}/providers/Microsoft.Storage/storageAccounts/stbare", "name": "stbare", "properties": null, "type": "Microsoft.Storage/storageAccounts" } ]""";
        using var folder = new ScratchFolder(("resource-graph.json", result), ("resources.json", list));

        // When they are loaded
        var estate = AzureEstateLoader.Load([folder.Path], TestContext.Current.CancellationToken);

        // Then the app names its container, and each account's key setting is known, or unknown without properties
        Assert.DoesNotContain(estate.Diagnostics, d => d.Severity >= DiagnosticSeverity.Warning);
        var app = estate.FindResource(AzureScope.Parse($"{Group}/providers/Microsoft.Web/sites/func-build"))!;
        Assert.Equal(new DeploymentStorage("https://stbuilddeploy.blob.core.windows.net/app-package-func-build", "stbuilddeploy", "app-package-func-build"), app.DeploymentStorage);
        Assert.True(estate.FindResource(AzureScope.Parse($"{Group}/providers/Microsoft.Storage/storageAccounts/stbuilddeploy"))!.StorageAccount!.AllowSharedKeyAccess);
        Assert.False(estate.FindResource(AzureScope.Parse($"{Group}/providers/Microsoft.Storage/storageAccounts/stlocked"))!.StorageAccount!.AllowSharedKeyAccess);
        Assert.Null(estate.FindResource(AzureScope.Parse($"{Group}/providers/Microsoft.Storage/storageAccounts/stbare"))!.StorageAccount);
    }

    [Fact]
    public void A_scale_sets_upgrade_policy_is_read_from_az_vmss_list_and_resource_graph_and_unknown_from_az_resource_list()
    {
        // Given vmss-a as az vmss list prints it (flat), vmss-b as a Resource Graph row (under properties, lower-case
        // type), and vmss-c as az resource list prints it (no properties)
        var vmssList = $$"""
            [
              {
                "id": "{{Group}}/providers/Microsoft.Compute/virtualMachineScaleSets/vmss-a", "identity": null, "location": "westeurope", "name": "vmss-a",
                "orchestrationMode": "Uniform", "provisioningState": "Succeeded", "resourceGroup": "rg-build", "sku": { "capacity": 2, "name": "Standard_D2s_v5", "tier": "Standard" },
                "type": "Microsoft.Compute/virtualMachineScaleSets", "upgradePolicy": { "mode": "Manual" }
              }
            ]
            """;
        var graph = $$"""
            {
              "count": 1,
              "data": [
                {
                  "id": "{{Group}}/providers/Microsoft.Compute/virtualMachineScaleSets/vmss-b", "identity": null, "kind": "", "location": "westeurope", "name": "vmss-b",
                  "properties": { "orchestrationMode": "Uniform", "provisioningState": "Succeeded", "upgradePolicy": { "mode": "Rolling", "rollingUpgradePolicy": { "maxBatchInstancePercent": 20 } } },
                  "resourceGroup": "rg-build", "sku": { "capacity": 4, "name": "Standard_D2s_v5", "tier": "Standard" }, "type": "microsoft.compute/virtualmachinescalesets"
                }
              ],
              "skip_token": null,
              "total_records": 1
            }
            """;
        var list = $$"""[ { "id": "{{Group}}/providers/Microsoft.Compute/virtualMachineScaleSets/vmss-c", "identity": null, "name": "vmss-c", "properties": null, "type": "Microsoft.Compute/virtualMachineScaleSets" } ]""";
        using var folder = new ScratchFolder(("vmss.json", vmssList), ("resource-graph.json", graph), ("resources.json", list));

        var estate = AzureEstateLoader.Load([folder.Path], TestContext.Current.CancellationToken);

        // Then the first two carry their policy, the third none (not known, rather than Manual)
        Assert.DoesNotContain(estate.Diagnostics, d => d.Severity >= DiagnosticSeverity.Warning);
        string? Mode(string name) => estate.FindResource(AzureScope.Parse($"{Group}/providers/Microsoft.Compute/virtualMachineScaleSets/{name}"))!.UpgradePolicyMode;
        Assert.Equal(("Manual", "Rolling", (string?)null), (Mode("vmss-a"), Mode("vmss-b"), Mode("vmss-c")));
    }

    [Fact]
    public void A_deployment_storage_that_is_not_a_blob_container_URL_is_reported_and_left_unknown()
    {
        // Given an az functionapp list entry whose deployment storage is not a container URL
        var list = $$"""
            [ { "functionAppConfig": { "deployment": { "storage": { "type": "blobContainer", "value": "stbuilddeploy/app-package" } } },
                "id": "{{Group}}/providers/Microsoft.Web/sites/func-odd", "kind": "functionapp,linux", "name": "func-odd", "type": "Microsoft.Web/sites" } ]
            """;
        using var folder = new ScratchFolder(("functionapps.json", list));

        // When it is loaded
        var estate = AzureEstateLoader.Load([folder.Path], TestContext.Current.CancellationToken);

        // Then a located warning says so, and the app is kept without it
        var warning = Assert.Single(estate.Diagnostics, d => d.Code == AzureDiagnosticCodes.WrongShape);
        Assert.Equal("$[0].functionAppConfig.deployment.storage.value", warning.Location.JsonPath);
        Assert.NotNull(warning.Location.Line);
        Assert.Null(Assert.Single(estate.Resources).DeploymentStorage);
    }
}
