using Ward.Core.Diagnostics;
using Ward.Microsoft.Tests.Testing;

namespace Ward.Microsoft.Tests.Azure.Ingest;

/// <summary>
/// scripts/export-azure.sh run against a fake Azure CLI answering for a small Contoso estate (the tenant root group, a
/// Platform group, one enabled and one disabled subscription), and the export loaded back with Ward's loader.
/// </summary>
public sealed class ExportAzureScriptTests
{
    private const string Script = "export-azure.sh";
    private const string Arm = "https://management.azure.com";
    private const string Tenant = "8f4c1b2e-6d3a-4e7b-9a51-2c0d7e3f9b14";
    private const string Subscription = "3b7e6c91-2f84-4d0a-b5e3-9c1a7d2f6e08";
    private const string DisabledSubscription = "e7c2a9d4-1b6f-4a83-8d5e-0f9b3c7a2e61";
    private const string Root = "/providers/Microsoft.Management/managementGroups/" + Tenant;
    private const string Platform = "/providers/Microsoft.Management/managementGroups/platform";
    private const string SubscriptionScope = "/subscriptions/" + Subscription;
    private const string Owner = "8e3af657-a8ff-443c-a75c-2fe8c4bcb635";
    private const string Contributor = "b24988ac-6180-42a0-ab88-20f7382dd24c";
    private const string Reader = "acdd72a7-3385-48ef-bd42-f606fba81ae7";
    private const string Deployer = "4f1e2d3c-5b6a-4978-8c9d-0e1f2a3b4c5d";
    private const string PlatformAdmins = "5b1d7c3e-9a2f-4e68-b4d0-7c1e3a5f9b82";
    private const string Dave = "8a2d6f4b-1e9c-4a37-9b50-6c3e8d1f2a95";
    private const string DeployIdentity = "c7e3a1f9-2b4d-4c86-9e0a-5d7f1b3c9e24";
    private const string VmIdentity = "1d9f3b7e-5c2a-4e80-a6d4-8b0c2e4f6a13";
    private const string ManagedAppPrincipal = "d3a7f1c9-6e2b-4b58-8c04-1a9e5f3d7b62";
    private const string DenyPages = SubscriptionScope + "/providers/Microsoft.Authorization/denyAssignments?api-version=2022-04-01";
    private const string DenyNextPage = DenyPages + "&$skiptoken=eyJuZXh0TWFya2VyIjoiMiFNVFF5TWpBNE5UYzBNQT09In0";
    private const string InstancesQuery = "/providers/Microsoft.Authorization/roleAssignmentScheduleInstances?api-version=2020-10-01&$filter=atScope()";
    private const string RootOwnerAssignment = "0f6a2c4e-8b1d-4f37-a9e5-2c4d6f8a0b13";
    private const string DaveReaderAssignment = "6e8a0c2f-4d7b-4a19-b3e5-7f9a1c3e5b28";
    private const string Vault = "kv-platform";
    private const string Certificate = "https://kv-platform.vault.azure.net/certificates/deploy-signing";
    private const string FederatedCredentialList = $"identity federated-credential list --subscription {Subscription} --resource-group rg-deploy --identity-name id-deploy --output json";

    [Fact]
    public async Task The_export_of_an_estate_is_written_in_the_documented_layout_and_loads_without_errors()
    {
        var bash = ExportScript.RequireTools("jq");

        // Given a fake az signed in to the estate, whose subscription's deny assignments come in two pages
        using var folder = new ScratchFolder();
        var az = ContosoEstate(folder.Path);
        az.Write();
        var output = Path.Combine(folder.Path, "export");

        // When the script exports it
        var run = await ExportScript.RunAsync(bash, Script, ExportScript.PathWith(az.Bin), TestContext.Current.CancellationToken, "--output", output);

        // Then it succeeds, reading only: az list and show commands and REST GETs, nothing of the disabled subscription
        Assert.True(run.ExitCode == 0, $"exit {run.ExitCode}: {run.StandardError}");
        Assert.DoesNotContain("could not", run.StandardError, StringComparison.Ordinal);
        Assert.All(az.Calls, call => Assert.Matches(@"^(rest --method get --url https://management\.azure\.com/|\S+( \S+)*? (list|show)\b)", call));
        Assert.DoesNotContain(az.Calls, call => call.Contains(DisabledSubscription, StringComparison.Ordinal));

        // And the files are where the documented layout puts them, both deny-assignment pages among them
        string[] expected =
        [
            "subscriptions.json",
            "management-groups/tree.json",
            "management-groups/entities.json",
            $"management-groups/{Tenant}/role-definitions.json",
            $"management-groups/{Tenant}/role-assignments.json",
            $"management-groups/{Tenant}/deny-assignments-1.json",
            $"management-groups/{Tenant}/role-eligibility-1.json",
            $"management-groups/{Tenant}/role-assignment-schedule-instances-1.json",
            $"management-groups/{Tenant}/role-management-policy-assignments-1.json",
            "management-groups/platform/role-definitions.json",
            "management-groups/platform/role-assignments.json",
            "management-groups/platform/deny-assignments-1.json",
            "management-groups/platform/role-eligibility-1.json",
            "management-groups/platform/role-assignment-schedule-instances-1.json",
            "management-groups/platform/role-management-policy-assignments-1.json",
            $"subscriptions/{Subscription}/role-definitions.json",
            $"subscriptions/{Subscription}/role-assignments.json",
            $"subscriptions/{Subscription}/deny-assignments-1.json",
            $"subscriptions/{Subscription}/deny-assignments-2.json",
            $"subscriptions/{Subscription}/role-eligibility-1.json",
            $"subscriptions/{Subscription}/role-assignment-schedule-instances-1.json",
            $"subscriptions/{Subscription}/role-management-policy-assignments-1.json",
            $"resources/{Subscription}.json",
            $"resources/{Subscription}/keyvault-{Vault}.json",
            $"resources/{Subscription}/keyvault-{Vault}-certificates.json",
            $"resources/{Subscription}/keyvault-{Vault}-certificate-policies.json",
            $"resources/{Subscription}/keyvault-{Vault}-secrets.json",
            $"resources/{Subscription}/identities.json",
            $"resources/{Subscription}/federated-credentials/rg-deploy/id-deploy.json",
            $"resources/{Subscription}/aks.json",
            $"resources/{Subscription}/storage-accounts.json",
            $"resources/{Subscription}/functionapps.json",
        ];
        var written = Directory.EnumerateFiles(output, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(output, f).Replace('\\', '/')).Order(StringComparer.Ordinal);
        Assert.Equal(expected.Order(StringComparer.Ordinal), written);

        // And Ward reads the export without a diagnostic, and the estate came through
        var loaded = MicrosoftEstateLoader.Load([output], TestContext.Current.CancellationToken);
        Assert.Empty(loaded.Diagnostics);
        var estate = loaded.Azure;
        Assert.True(estate.Hierarchy.FindManagementGroup(Tenant)!.IsTenantRoot);
        Assert.Equal(Tenant, estate.Hierarchy.FindManagementGroup("platform")!.ParentName);
        Assert.Equal("platform", estate.Hierarchy.FindSubscription(Subscription)!.ManagementGroupName);
        Assert.Contains(estate.RoleDefinitions, d => d.RoleName == "Platform Deployer");
        Assert.Contains(estate.RoleDefinitions, d => d.RoleName == "Owner");
        Assert.Contains(estate.RoleAssignments, a => a.PrincipalId == PlatformAdmins && a.RoleDefinitionGuid == Owner && a.Scope.ToString() == Root);
        Assert.Contains(estate.RoleAssignments, a => a.PrincipalId == Dave && a.RoleDefinitionGuid == Reader);
        Assert.Contains(estate.RoleAssignments, a => a.PrincipalId == DeployIdentity && a.RoleDefinitionGuid == Deployer);
        Assert.Equal(["Deny assignment created by Managed Application 'contoso-firewall'", "Deny assignment created by Managed Application 'contoso-backup'"], estate.DenyAssignments.Select(d => d.Description), StringComparer.Ordinal);
        Assert.Contains(estate.EligibleAssignments, e => e.PrincipalId == Dave);

        // And the Owner role's PIM policy at the subscription, which governs dave's eligibility there
        var policy = estate.FindActivationPolicy(Ward.Microsoft.Azure.Rbac.AzureScope.Parse(SubscriptionScope), Owner);
        Assert.NotNull(policy);
        Assert.True(policy.RequiresApproval);
        Assert.Equal(PlatformAdmins, Assert.Single(Assert.Single(policy.ApprovalStages)).Id);

        // And the schedule instances each scope lists again from above it are read once each
        Assert.Equal(2, estate.AssignmentScheduleInstances.Length);
        var rootOwner = Assert.Single(estate.AssignmentScheduleInstances, i => i.PrincipalId == PlatformAdmins);
        Assert.Equal(($"{Root}/providers/Microsoft.Authorization/roleAssignments/{RootOwnerAssignment}", "Assigned", (DateTimeOffset?)null), (rootOwner.OriginRoleAssignmentId, rootOwner.AssignmentType, rootOwner.EndDateTime));
        var identity = Assert.Single(estate.Resources, r => r.IsOfType("Microsoft.ManagedIdentity/userAssignedIdentities"));
        Assert.Equal(DeployIdentity, identity.IdentityPrincipalId);
        var vm = Assert.Single(estate.Resources, r => r.IsOfType("Microsoft.Compute/virtualMachines"));
        Assert.Equal(VmIdentity, vm.SystemAssignedPrincipalId);
        Assert.Contains(DeployIdentity, vm.AttachedPrincipalIds, StringComparer.Ordinal);
        Assert.True(Assert.Single(estate.Resources, r => r.Name == Vault).KeyVault!.EnableRbacAuthorization);
        var certificate = Assert.Single(estate.KeyVaultCertificates);
        Assert.Equal(("deploy-signing", false), (certificate.Name, certificate.Exportable));
        var secret = Assert.Single(estate.KeyVaultSecrets);
        Assert.Equal((Vault, "deploy-bot-client-secret", "Deploy Bot"), (secret.VaultName, secret.Name, Assert.Single(secret.Tags).Value));

        // And id-deploy's federated credential, on the identity the inventory lists
        var credential = Assert.Single(estate.FederatedCredentials);
        Assert.Equal((identity.Id, "github-deploy-main", "repo:contoso/platform-deploy:ref:refs/heads/main"), (credential.IdentityId, credential.Credential.Name, credential.Credential.Subject));
    }

    [Fact]
    public async Task PIM_certificates_and_secrets_a_tenant_refuses_are_skipped_with_a_message()
    {
        var bash = ExportScript.RequireTools("jq");

        // Given an estate without Entra ID P2 at the root group, and a vault whose data plane refuses the caller
        using var folder = new ScratchFolder();
        var az = ContosoEstate(folder.Path);
        az.Fail(
            $"rest get {Arm}{Root}/providers/Microsoft.Authorization/roleEligibilityScheduleInstances?api-version=2020-10-01",
            "ERROR: (AadPremiumLicenseRequired) The tenant needs to have Microsoft Entra ID P2 or Microsoft Entra ID Governance license.");
        az.Fail(
            $"rest get {Arm}{Root}{InstancesQuery}",
            "ERROR: (AadPremiumLicenseRequired) The tenant needs to have Microsoft Entra ID P2 or Microsoft Entra ID Governance license.");
        az.Fail(
            $"keyvault certificate list --vault-name {Vault} --output json",
            "ERROR: (Forbidden) Caller is not authorized to perform action on resource.");
        az.Fail(
            $"keyvault secret list --vault-name {Vault} --output json",
            "ERROR: (Forbidden) Caller is not authorized to perform action on resource. Action: 'Microsoft.KeyVault/vaults/secrets/readMetadata/action'");
        az.Fail(
            FederatedCredentialList,
            "ERROR: (ResourceNotFound) The Resource 'Microsoft.ManagedIdentity/userAssignedIdentities/id-deploy' under resource group 'rg-deploy' was not found.");
        az.Write();
        var output = Path.Combine(folder.Path, "export");

        // When the script exports it
        var run = await ExportScript.RunAsync(bash, Script, ExportScript.PathWith(az.Bin), TestContext.Current.CancellationToken, "--output", output);

        // Then it finishes with the partial status, saying what it skipped, and leaves no half-written file
        Assert.True(run.ExitCode == 2, $"exit {run.ExitCode}: {run.StandardError}");
        Assert.Contains("some optional reads were skipped", run.StandardError, StringComparison.Ordinal);
        Assert.Contains($"export-azure.sh: could not read PIM eligibilities at {Root} (skipped)", run.StandardError, StringComparison.Ordinal);
        Assert.Contains($"export-azure.sh: could not read PIM assignment schedule instances at {Root} (skipped)", run.StandardError, StringComparison.Ordinal);
        Assert.Contains($"export-azure.sh: could not list the certificates of key vault {Vault}", run.StandardError, StringComparison.Ordinal);
        Assert.Contains($"export-azure.sh: could not list the secrets of key vault {Vault} (skipped): ERROR: (Forbidden)", run.StandardError, StringComparison.Ordinal);
        Assert.Contains("export-azure.sh: could not list the federated credentials of user-assigned identity id-deploy in rg-deploy (skipped): ERROR: (ResourceNotFound)", run.StandardError, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(output, "resources", Subscription, "federated-credentials", "rg-deploy")));
        Assert.Empty(Directory.EnumerateFiles(Path.Combine(output, "management-groups", Tenant), "role-eligibility-*"));
        Assert.Empty(Directory.EnumerateFiles(Path.Combine(output, "management-groups", Tenant), "role-assignment-schedule-instances-*"));
        Assert.Empty(Directory.EnumerateFiles(Path.Combine(output, "resources", Subscription), "*certificate*"));
        Assert.Empty(Directory.EnumerateFiles(Path.Combine(output, "resources", Subscription), "*secrets*"));

        // And the rest loads without errors
        var loaded = MicrosoftEstateLoader.Load([output], TestContext.Current.CancellationToken);
        Assert.DoesNotContain(loaded.Diagnostics, d => d.Severity == DiagnosticSeverity.Error);
        Assert.Contains(loaded.Azure.EligibleAssignments, e => e.PrincipalId == Dave);
        Assert.Contains(loaded.Azure.AssignmentScheduleInstances, i => i.PrincipalId == PlatformAdmins);
        Assert.Empty(loaded.Azure.KeyVaultCertificates);
        Assert.Empty(loaded.Azure.KeyVaultSecrets);
    }

    [Fact]
    public async Task A_role_list_az_refuses_stops_the_export_with_az_s_message()
    {
        var bash = ExportScript.RequireTools("jq");

        // Given an estate whose subscription's deny assignments the caller may not read
        using var folder = new ScratchFolder();
        var az = ContosoEstate(folder.Path);
        az.Fail(
            "rest get " + Arm + DenyPages,
            $"ERROR: (AuthorizationFailed) The client 'auditor@contoso.com' does not have authorization to perform action 'Microsoft.Authorization/denyAssignments/read' over scope '{SubscriptionScope}'.");
        az.Write();

        // When the script exports it
        var run = await ExportScript.RunAsync(bash, Script, ExportScript.PathWith(az.Bin), TestContext.Current.CancellationToken, "--output", Path.Combine(folder.Path, "export"));

        // Then it stops there, failing, with az's message, and leaves no deny-assignment page behind
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("(AuthorizationFailed)", run.StandardError, StringComparison.Ordinal);
        Assert.Contains($"could not read the deny assignments at {SubscriptionScope}", run.StandardError, StringComparison.Ordinal);
        Assert.Empty(Directory.EnumerateFiles(Path.Combine(folder.Path, "export", "subscriptions", Subscription), "deny-assignments-*"));
        Assert.Empty(Directory.EnumerateFiles(Path.Combine(folder.Path, "export"), "*.part", SearchOption.AllDirectories));
        Assert.DoesNotContain(az.Calls, call => call.StartsWith("resource list", StringComparison.Ordinal));
        Assert.DoesNotContain("Done:", run.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task When_az_is_not_signed_in_the_export_stops_with_az_s_message()
    {
        var bash = ExportScript.RequireTools("jq");

        // Given an az that is not signed in
        using var folder = new ScratchFolder();
        var az = new FakeAzureCli(folder.Path);
        az.Fail("account list --all --output json", "ERROR: Please run 'az login' to setup account.");
        az.Write();

        // When the script runs
        var run = await ExportScript.RunAsync(bash, Script, ExportScript.PathWith(az.Bin), TestContext.Current.CancellationToken, "--output", Path.Combine(folder.Path, "export"));

        // Then it stops at once, failing, with az's message, and writes no empty subscriptions file
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("Please run 'az login'", run.StandardError, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(folder.Path, "export", "subscriptions.json")));
        Assert.Empty(Directory.EnumerateFiles(Path.Combine(folder.Path, "export")));
        Assert.Equal(["account list --all --output json"], az.Calls);
    }

    [Fact]
    public async Task Without_az_the_script_says_so_and_exits_1()
    {
        var bash = ExportScript.RequireTools("jq");

        // Given a PATH with nothing on it
        using var folder = new ScratchFolder();
        var empty = Directory.CreateDirectory(Path.Combine(folder.Path, "empty")).FullName;

        // When the script runs
        var run = await ExportScript.RunAsync(bash, Script, empty, TestContext.Current.CancellationToken, "--output", Path.Combine(folder.Path, "export"));

        // Then it stops before writing anything, naming az
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("export-azure.sh: error: 'az' is not installed", run.StandardError, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(folder.Path, "export")));
    }

    [Fact]
    public async Task Without_jq_the_script_says_so_and_exits_1()
    {
        var bash = ExportScript.RequireTools("jq");

        // Given a PATH holding only az
        using var folder = new ScratchFolder();
        var az = new FakeAzureCli(folder.Path);
        az.Write();

        // When the script runs
        var run = await ExportScript.RunAsync(bash, Script, az.Bin, TestContext.Current.CancellationToken, "--output", Path.Combine(folder.Path, "export"));

        // Then it stops, naming jq, having asked az nothing
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("export-azure.sh: error: 'jq' is not installed", run.StandardError, StringComparison.Ordinal);
        Assert.Empty(az.Calls);
    }

    /// <summary>A signed-in az answering every command the script sends for the estate.</summary>
    private static FakeAzureCli ContosoEstate(string folder)
    {
        var az = new FakeAzureCli(folder);
        az.Answer("account list --all --output json", $"[{SubscriptionJson(Subscription, "Contoso Platform", "Enabled", isDefault: true)}, {SubscriptionJson(DisabledSubscription, "Contoso Sandbox", "Disabled", isDefault: false)}]");
        az.Answer("account show --query tenantId --output tsv", Tenant);
        az.Answer($"account management-group show --name {Tenant} --expand --recurse --output json", $$"""
            {
              "children": [
                {
                  "children": [
                    {"children": null, "displayName": "Contoso Platform", "id": "{{SubscriptionScope}}", "name": "{{Subscription}}", "tenantId": "{{Tenant}}", "type": "/subscriptions"}
                  ],
                  "displayName": "Platform", "id": "{{Platform}}", "name": "platform", "tenantId": "{{Tenant}}", "type": "Microsoft.Management/managementGroups"
                },
                {"children": null, "displayName": "Contoso Sandbox", "id": "/subscriptions/{{DisabledSubscription}}", "name": "{{DisabledSubscription}}", "tenantId": "{{Tenant}}", "type": "/subscriptions"}
              ],
              "details": {"managementGroupAncestors": null, "managementGroupAncestorsChain": null, "parent": null, "path": null, "updatedBy": "6b1e9d42-3c7a-4f85-a0d2-8e5b1c9f7a36", "updatedTime": "2024-01-15T11:20:31.4450000Z", "version": 4},
              "displayName": "Tenant Root Group", "id": "{{Root}}", "name": "{{Tenant}}", "tenantId": "{{Tenant}}", "type": "Microsoft.Management/managementGroups"
            }
            """);
        az.Answer("account management-group entities list --output json", $$"""
            [
              {"displayName": "Tenant Root Group", "id": "{{Root}}", "inheritedPermissions": "view", "name": "{{Tenant}}", "numberOfChildGroups": 1, "numberOfChildren": 2, "numberOfDescendants": 3, "parent": null, "parentDisplayNameChain": [], "parentNameChain": [], "permissions": "view", "tenantId": "{{Tenant}}", "type": "Microsoft.Management/managementGroups"},
              {"displayName": "Platform", "id": "{{Platform}}", "inheritedPermissions": "view", "name": "platform", "numberOfChildGroups": 0, "numberOfChildren": 1, "numberOfDescendants": 1, "parent": {"id": "{{Root}}"}, "parentDisplayNameChain": ["Tenant Root Group"], "parentNameChain": ["{{Tenant}}"], "permissions": "view", "tenantId": "{{Tenant}}", "type": "Microsoft.Management/managementGroups"},
              {"displayName": "Contoso Platform", "id": "{{SubscriptionScope}}", "inheritedPermissions": "view", "name": "{{Subscription}}", "numberOfChildGroups": null, "numberOfChildren": null, "numberOfDescendants": null, "parent": {"id": "{{Platform}}"}, "parentDisplayNameChain": ["Tenant Root Group", "Platform"], "parentNameChain": ["{{Tenant}}", "platform"], "permissions": "view", "tenantId": "{{Tenant}}", "type": "/subscriptions"}
            ]
            """);

        // Custom roles and assignments of each group (az lists a group's inherited assignments with its own).
        string RootOwner(string listedAt) => Assignment(listedAt, Root, RootOwnerAssignment, PlatformAdmins, "Group", "platform-admins", Owner, "Owner");
        string DaveReader(string listedAt) => Assignment(listedAt, Platform, DaveReaderAssignment, Dave, "User", "dave@contoso.com", Reader, "Reader");

        // How each assignment is held: both standing; every scope lists the instances at it and above it (atScope()).
        var rootOwnerInstance = StandingInstance(Root, RootOwnerAssignment, "4d2f8b1a-6c3e-4a97-b5d0-1e8c3a7f9b42", PlatformAdmins, "Group", "Platform Admins", Owner, "Owner");
        var daveReaderInstance = StandingInstance(Platform, DaveReaderAssignment, "9b3e7c1d-2a5f-4e86-a0c4-6d8f2b4e1a73", Dave, "User", "Dave Okafor", Reader, "Reader");
        az.AnswerGet($"{Arm}{Root}{InstancesQuery}", $$"""{"value": [{{rootOwnerInstance}}]}""");
        az.AnswerGet($"{Arm}{Platform}{InstancesQuery}", $$"""{"value": [{{rootOwnerInstance}}, {{daveReaderInstance}}]}""");
        az.AnswerGet($"{Arm}{SubscriptionScope}{InstancesQuery}", $$"""{"value": [{{rootOwnerInstance}}, {{daveReaderInstance}}]}""");
        az.Answer($"role definition list --custom-role-only --scope {Root} --output json", "[]");
        az.Answer($"role assignment list --scope {Root} --include-inherited --output json", $"[{RootOwner(string.Empty)}]");
        az.Answer($"role definition list --custom-role-only --scope {Platform} --output json", $"[{Definition(Platform, Deployer, "Platform Deployer", "CustomRole")}]");
        az.Answer($"role assignment list --scope {Platform} --include-inherited --output json", $"[{RootOwner(string.Empty)}, {DaveReader(string.Empty)}]");
        foreach (var group in (string[])[Root, Platform])
        {
            az.AnswerGet($"{Arm}{group}/providers/Microsoft.Authorization/roleManagementPolicyAssignments?api-version=2020-10-01", """{"value": []}""");
            az.AnswerGet($"{Arm}{group}/providers/Microsoft.Authorization/denyAssignments?api-version=2022-04-01", """{"value": []}""");
            az.AnswerGet($"{Arm}{group}/providers/Microsoft.Authorization/roleEligibilityScheduleInstances?api-version=2020-10-01", """{"value": []}""");
        }

        // The subscription: built-in roles and the inherited custom one, assignments with the inherited ones.
        az.Answer($"role definition list --subscription {Subscription} --output json", $"""
            [{Definition(SubscriptionScope, Owner, "Owner", "BuiltInRole")}, {Definition(SubscriptionScope, Contributor, "Contributor", "BuiltInRole")}, {Definition(SubscriptionScope, Reader, "Reader", "BuiltInRole")}, {Definition(SubscriptionScope, Deployer, "Platform Deployer", "CustomRole")}]
            """);
        var deployer = Assignment(SubscriptionScope, SubscriptionScope + "/resourceGroups/rg-deploy", "2a4c6e8f-0b1d-4e3f-8a5c-7e9b1d3f5a72", DeployIdentity, "ServicePrincipal", "id-deploy", Deployer, "Platform Deployer");
        az.Answer($"role assignment list --all --include-inherited --subscription {Subscription} --output json", $"[{RootOwner(SubscriptionScope)}, {DaveReader(SubscriptionScope)}, {deployer}]");
        az.AnswerGet(Arm + DenyPages, $$"""{"value": [{{Deny("e5f8a3c1-9b2d-4e76-8a14-3c7d9f2b6e05", "contoso-firewall")}}], "nextLink": "{{Arm}}{{DenyNextPage}}"}""");
        az.AnswerGet(Arm + DenyNextPage, $$"""{"value": [{{Deny("7b9d1f3a-5c2e-4a80-b6d4-0e2c4a6b8d19", "contoso-backup")}}]}""");
        az.AnswerGet($"{Arm}{SubscriptionScope}/providers/Microsoft.Authorization/roleEligibilityScheduleInstances?api-version=2020-10-01", $$"""
            {"value": [{
              "id": "{{SubscriptionScope}}/providers/Microsoft.Authorization/roleEligibilityScheduleInstances/f2a8c5e1-7d3b-4b96-a0e4-9c1d6f3b8a27",
              "name": "f2a8c5e1-7d3b-4b96-a0e4-9c1d6f3b8a27",
              "type": "Microsoft.Authorization/roleEligibilityScheduleInstances",
              "properties": {
                "scope": "{{SubscriptionScope}}",
                "roleDefinitionId": "{{SubscriptionScope}}/providers/Microsoft.Authorization/roleDefinitions/{{Owner}}",
                "principalId": "{{Dave}}", "principalType": "User", "status": "Provisioned",
                "roleEligibilityScheduleId": "{{SubscriptionScope}}/providers/Microsoft.Authorization/roleEligibilitySchedules/c1e7a4d2-5f8b-4a39-b6e0-8d2c4f7a1e93",
                "startDateTime": "2026-07-01T08:00:00.0000000Z", "endDateTime": "2027-07-01T08:00:00.0000000Z",
                "memberType": "Direct", "createdOn": "2026-07-01T08:00:03.7170000Z", "condition": null, "conditionVersion": null,
                "expandedProperties": {
                  "scope": {"id": "{{SubscriptionScope}}", "displayName": "Contoso Platform", "type": "subscription"},
                  "roleDefinition": {"id": "{{SubscriptionScope}}/providers/Microsoft.Authorization/roleDefinitions/{{Owner}}", "displayName": "Owner", "type": "BuiltInRole"},
                  "principal": {"id": "{{Dave}}", "displayName": "Dave Okafor", "email": "dave@contoso.com", "type": "User"}
                }
              }
            }]}
            """);

        az.AnswerGet(
            $"{Arm}{SubscriptionScope}/providers/Microsoft.Authorization/roleManagementPolicyAssignments?api-version=2020-10-01",
            $$"""{"value": [{{PimPolicyBodies.ArmAssignment(SubscriptionScope, Owner, "b959d571-f0b5-4042-88a7-01be6cb22db9", PimPolicyBodies.ArmRules(approval: true, PimPolicyBodies.ArmApprover(PlatformAdmins, "Platform Admins", "Group")))}}]}""");

        // The resource inventory: a user-assigned identity, a virtual machine wearing it, a key vault in RBAC mode.
        var identityId = $"{SubscriptionScope}/resourceGroups/rg-deploy/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id-deploy";
        az.Answer($"resource list --subscription {Subscription} --output json", $$$"""
            [
              {"changedTime": "2026-09-14T10:02:41.000000+00:00", "createdTime": "2026-02-03T11:20:05.000000+00:00", "extendedLocation": null, "id": "{{{identityId}}}", "identity": null, "kind": null, "location": "westeurope", "managedBy": null, "name": "id-deploy", "plan": null, "properties": {"clientId": "38b60582-b2c1-41a7-aa4d-38a3c4f66548", "principalId": "{{{DeployIdentity}}}", "tenantId": "{{{Tenant}}}"}, "provisioningState": "Succeeded", "resourceGroup": "rg-deploy", "sku": null, "tags": {}, "type": "Microsoft.ManagedIdentity/userAssignedIdentities"},
              {"changedTime": "2026-09-14T10:02:41.000000+00:00", "createdTime": "2026-02-03T11:20:05.000000+00:00", "extendedLocation": null, "id": "{{{SubscriptionScope}}}/resourceGroups/rg-deploy/providers/Microsoft.Compute/virtualMachines/vm-build01", "identity": {"principalId": "{{{VmIdentity}}}", "tenantId": "{{{Tenant}}}", "type": "SystemAssigned, UserAssigned", "userAssignedIdentities": {"{{{identityId}}}": {"clientId": "38b60582-b2c1-41a7-aa4d-38a3c4f66548", "principalId": "{{{DeployIdentity}}}"} }}, "kind": null, "location": "westeurope", "managedBy": null, "name": "vm-build01", "plan": null, "properties": null, "provisioningState": "Succeeded", "resourceGroup": "rg-deploy", "sku": null, "tags": {}, "type": "Microsoft.Compute/virtualMachines"},
              {"changedTime": "2026-09-14T10:02:41.000000+00:00", "createdTime": "2026-02-03T11:20:05.000000+00:00", "extendedLocation": null, "id": "{{{SubscriptionScope}}}/resourceGroups/rg-secrets/providers/Microsoft.KeyVault/vaults/{{{Vault}}}", "identity": null, "kind": null, "location": "westeurope", "managedBy": null, "name": "{{{Vault}}}", "plan": null, "properties": null, "provisioningState": "Succeeded", "resourceGroup": "rg-secrets", "sku": null, "tags": {}, "type": "Microsoft.KeyVault/vaults"}
            ]
            """);
        az.Answer($"keyvault show --subscription {Subscription} --resource-group rg-secrets --name {Vault} --output json", $$"""
            {
              "id": "{{SubscriptionScope}}/resourceGroups/rg-secrets/providers/Microsoft.KeyVault/vaults/{{Vault}}",
              "location": "westeurope", "name": "{{Vault}}",
              "properties": {
                "accessPolicies": [], "createMode": null, "enablePurgeProtection": true, "enableRbacAuthorization": true, "enableSoftDelete": true,
                "enabledForDeployment": false, "enabledForDiskEncryption": false, "enabledForTemplateDeployment": false, "hsmPoolResourceId": null,
                "networkAcls": null, "privateEndpointConnections": null, "provisioningState": "Succeeded", "publicNetworkAccess": "Enabled",
                "sku": {"family": "A", "name": "standard"}, "softDeleteRetentionInDays": 90, "tenantId": "{{Tenant}}", "vaultUri": "https://{{Vault}}.vault.azure.net/"
              },
              "resourceGroup": "rg-secrets", "systemData": null, "tags": {}, "type": "Microsoft.KeyVault/vaults"
            }
            """);
        const string CertificateAttributes = """{"created": "2026-03-01T08:12:44+00:00", "enabled": true, "expires": "2027-03-01T08:12:44+00:00", "notBefore": "2026-03-01T00:00:00+00:00", "recoveryLevel": "Recoverable", "updated": "2026-03-01T08:12:44+00:00"}""";
        az.Answer($"keyvault certificate list --vault-name {Vault} --output json", $$"""
            [{"attributes": {{CertificateAttributes}}, "id": "{{Certificate}}", "name": "deploy-signing", "subject": "", "tags": {}, "x509Thumbprint": "nzphwrTYXgehw+X3CStNb4oMLkE=", "x509ThumbprintHex": "9F3A61C2B4D85E07A1C3E5F7092B4D6F8A0C2E41"}]
            """);
        az.Answer($"keyvault certificate show --id {Certificate} --output json", $$$"""
            {
              "attributes": {{{CertificateAttributes}}},
              "cer": "MIIC...", "id": "{{{Certificate}}}/0d2b9a8e4f3c8b7a6d5e4f3a2b1c6f1c",
              "kid": "https://{{{Vault}}}.vault.azure.net/keys/deploy-signing/0d2b9a8e4f3c8b7a6d5e4f3a2b1c6f1c",
              "name": "deploy-signing", "pendingCertificate": null,
              "policy": {
                "attributes": {"created": "2026-03-01T08:12:40+00:00", "enabled": true, "expires": null, "notBefore": null, "recoveryLevel": null, "updated": "2026-03-01T08:12:40+00:00"},
                "id": "{{{Certificate}}}/policy",
                "issuerParameters": {"certificateTransparency": null, "certificateType": null, "name": "Self"},
                "keyProperties": {"curve": null, "exportable": false, "keySize": 2048, "keyType": "RSA", "reuseKey": false},
                "lifetimeActions": [{"action": {"actionType": "AutoRenew"}, "trigger": {"daysBeforeExpiry": 90, "lifetimePercentage": null}}],
                "secretProperties": {"contentType": "application/x-pkcs12"},
                "x509CertificateProperties": {"ekus": ["1.3.6.1.5.5.7.3.2"], "keyUsage": ["digitalSignature", "keyEncipherment"], "subject": "CN=deploy-signing", "subjectAlternativeNames": null, "validityInMonths": 12}
              },
              "preserveCertOrder": null,
              "sid": "https://{{{Vault}}}.vault.azure.net/secrets/deploy-signing/0d2b9a8e4f3c8b7a6d5e4f3a2b1c6f1c",
              "subject": "", "tags": {},
              "x509Thumbprint": "nzphwrTYXgehw+X3CStNb4oMLkE=", "x509ThumbprintHex": "9F3A61C2B4D85E07A1C3E5F7092B4D6F8A0C2E41"
            }
            """);
        az.Answer($"keyvault secret list --vault-name {Vault} --output json", $$$"""
            [{"attributes": {"created": "2026-04-10T09:00:00+00:00", "enabled": true, "expires": "2027-04-10T09:00:00+00:00", "notBefore": null, "recoverableDays": 90, "recoveryLevel": "Recoverable", "updated": "2026-04-10T09:00:00+00:00"}, "contentType": "text/plain", "id": "https://{{{Vault}}}.vault.azure.net/secrets/deploy-bot-client-secret", "managed": null, "name": "deploy-bot-client-secret", "tags": {"application": "Deploy Bot"}}]
            """);
        az.Answer($"identity list --subscription {Subscription} --output json", $$$"""
            [{"clientId": "38b60582-b2c1-41a7-aa4d-38a3c4f66548", "id": "{{{identityId}}}", "location": "westeurope", "name": "id-deploy", "principalId": "{{{DeployIdentity}}}", "resourceGroup": "rg-deploy", "systemData": null, "tags": {}, "tenantId": "{{{Tenant}}}", "type": "Microsoft.ManagedIdentity/userAssignedIdentities"}]
            """);
        az.Answer(FederatedCredentialList, $$"""
            [
              {
                "audiences": ["api://AzureADTokenExchange"],
                "id": "{{SubscriptionScope}}/resourcegroups/rg-deploy/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id-deploy/federatedIdentityCredentials/github-deploy-main",
                "issuer": "https://token.actions.githubusercontent.com", "name": "github-deploy-main", "resourceGroup": "rg-deploy",
                "subject": "repo:contoso/platform-deploy:ref:refs/heads/main", "systemData": null,
                "type": "Microsoft.ManagedIdentity/userAssignedIdentities/federatedIdentityCredentials"
              }
            ]
            """);
        az.Answer($"aks list --subscription {Subscription} --output json", "[]");
        az.Answer($"storage account list --subscription {Subscription} --output json", "[]");
        az.Answer($"functionapp list --subscription {Subscription} --output json", "[]");
        return az;
    }

    private static string SubscriptionJson(string id, string name, string state, bool isDefault) => $$$"""
        {"cloudName": "AzureCloud", "homeTenantId": "{{{Tenant}}}", "id": "{{{id}}}", "isDefault": {{{(isDefault ? "true" : "false")}}}, "managedByTenants": [], "name": "{{{name}}}", "state": "{{{state}}}", "tenantDefaultDomain": "contoso.onmicrosoft.com", "tenantDisplayName": "Contoso", "tenantId": "{{{Tenant}}}", "user": {"name": "auditor@contoso.com", "type": "user"}}
        """;

    /// <summary>A role definition as `az role definition list` prints it, listed at a scope.</summary>
    private static string Definition(string scope, string guid, string name, string type)
    {
        var (actions, notActions, assignable) = name switch
        {
            "Owner" => ("\"*\"", string.Empty, "\"/\""),
            "Contributor" => ("\"*\"", "\"Microsoft.Authorization/*/Delete\", \"Microsoft.Authorization/*/Write\", \"Microsoft.Authorization/elevateAccess/Action\"", "\"/\""),
            "Reader" => ("\"*/read\"", string.Empty, "\"/\""),
            _ => ("\"Microsoft.Resources/deployments/*\", \"Microsoft.Web/sites/*\", \"Microsoft.Resources/subscriptions/resourceGroups/read\"", string.Empty, $"\"{Platform}\""),
        };
        return $$"""
            {"assignableScopes": [{{assignable}}], "createdBy": null, "createdOn": "2020-06-15T18:04:12.000000+00:00", "description": "{{name}} role.", "id": "{{scope}}/providers/Microsoft.Authorization/roleDefinitions/{{guid}}", "name": "{{guid}}", "permissions": [{"actions": [{{actions}}], "condition": null, "conditionVersion": null, "dataActions": [], "notActions": [{{notActions}}], "notDataActions": []}], "roleName": "{{name}}", "roleType": "{{type}}", "type": "Microsoft.Authorization/roleDefinitions", "updatedBy": null, "updatedOn": "2024-03-01T10:00:00.000000+00:00"}
            """;
    }

    /// <summary>A role assignment as `az role assignment list` prints it.</summary>
    /// The role definition's id is relative to where it was listed: under the subscription, or bare at a group.
    private static string Assignment(string listedAt, string scope, string name, string principal, string principalType, string principalName, string role, string roleName) => $$"""
        {"condition": null, "conditionVersion": null, "createdBy": "29754462-869a-45c7-8d74-78a33bb90ca5", "createdOn": "2026-04-02T08:30:00.000000+00:00", "delegatedManagedIdentityResourceId": null, "description": null, "id": "{{scope}}/providers/Microsoft.Authorization/roleAssignments/{{name}}", "name": "{{name}}", "principalId": "{{principal}}", "principalName": "{{principalName}}", "principalType": "{{principalType}}", "roleDefinitionId": "{{listedAt}}/providers/Microsoft.Authorization/roleDefinitions/{{role}}", "roleDefinitionName": "{{roleName}}", "scope": "{{scope}}", "type": "Microsoft.Authorization/roleAssignments", "updatedBy": "29754462-869a-45c7-8d74-78a33bb90ca5", "updatedOn": "2026-04-02T08:30:00.000000+00:00"}
        """;

    /// <summary>The schedule instance of a standing assignment (`Assigned`, no end), as the REST API returns it.</summary>
    private static string StandingInstance(string scope, string assignment, string guid, string principal, string principalType, string principalName, string role, string roleName) => $$"""
        {
          "id": "{{scope}}/providers/Microsoft.Authorization/roleAssignmentScheduleInstances/{{guid}}",
          "name": "{{guid}}",
          "type": "Microsoft.Authorization/roleAssignmentScheduleInstances",
          "properties": {
            "scope": "{{scope}}",
            "roleDefinitionId": "/providers/Microsoft.Authorization/roleDefinitions/{{role}}",
            "principalId": "{{principal}}", "principalType": "{{principalType}}",
            "roleAssignmentScheduleId": "{{scope}}/providers/Microsoft.Authorization/roleAssignmentSchedules/{{assignment}}",
            "originRoleAssignmentId": "{{scope}}/providers/Microsoft.Authorization/roleAssignments/{{assignment}}",
            "status": "Provisioned", "startDateTime": "2026-04-02T08:30:00.0000000Z", "endDateTime": null,
            "linkedRoleEligibilityScheduleId": null, "linkedRoleEligibilityScheduleInstanceId": null,
            "assignmentType": "Assigned", "memberType": "Direct", "createdOn": "2026-04-02T08:30:00.0000000Z", "condition": null, "conditionVersion": null,
            "expandedProperties": {
              "scope": {"id": "{{scope}}", "displayName": "{{scope}}", "type": "managementgroup"},
              "roleDefinition": {"id": "/providers/Microsoft.Authorization/roleDefinitions/{{role}}", "displayName": "{{roleName}}", "type": "BuiltInRole"},
              "principal": {"id": "{{principal}}", "displayName": "{{principalName}}", "type": "{{principalType}}"}
            }
          }
        }
        """;

    /// <summary>A deny assignment a managed application made, as the REST API returns it.</summary>
    private static string Deny(string guid, string application) => $$"""
        {
          "id": "{{SubscriptionScope}}/resourceGroups/rg-{{application}}/providers/Microsoft.Authorization/denyAssignments/{{guid}}",
          "name": "{{guid}}",
          "type": "Microsoft.Authorization/denyAssignments",
          "properties": {
            "denyAssignmentName": "Deny assignment '{{guid}}' created by Managed Application '{{SubscriptionScope}}/resourceGroups/rg-apps/providers/Microsoft.Solutions/applications/{{application}}'",
            "description": "Deny assignment created by Managed Application '{{application}}'",
            "permissions": [{"actions": ["*"], "notActions": ["*/read"], "dataActions": ["*"], "notDataActions": []}],
            "scope": "{{SubscriptionScope}}/resourceGroups/rg-{{application}}",
            "doNotApplyToChildScopes": false,
            "principals": [{"id": "00000000-0000-0000-0000-000000000000", "type": "Everyone"}],
            "excludePrincipals": [{"id": "{{ManagedAppPrincipal}}", "type": "ServicePrincipal"}],
            "isSystemProtected": true,
            "createdOn": "2024-02-19T08:12:44.0910000Z", "updatedOn": "2024-02-19T08:12:44.0910000Z", "createdBy": "", "updatedBy": ""
          }
        }
        """;
}
