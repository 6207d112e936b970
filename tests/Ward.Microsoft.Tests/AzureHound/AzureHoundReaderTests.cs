using System.Text.Json;
using Ward.Core.Diagnostics;
using Ward.Microsoft.Azure.Rbac;
using Ward.Microsoft.AzureHound;
using Ward.Microsoft.Entra.Directory;
using Ward.Microsoft.Tests.Testing;

namespace Ward.Microsoft.Tests.AzureHound;

public sealed class AzureHoundReaderTests
{
    private static readonly MicrosoftEstates Tenant = MicrosoftEstateLoader.Load([AzureHoundFixtures.Tenant]);

    [Fact]
    public void Every_Entra_ID_kind_of_the_tenant_file_lands_in_the_directory()
    {
        // Given what `azurehound list` writes for the Northwind tenant
        // When it is loaded
        var entra = Tenant.Entra;

        // Then users, groups, applications, service principals, roles, assignments and eligibilities are all read
        Assert.Equal(AzureHoundFixtures.TenantId, entra.TenantId);
        Assert.Equal("Northwind Traders", entra.TenantDisplayName);
        Assert.Equal(8, entra.Users.Length);
        Assert.Equal(5, entra.Groups.Length);
        Assert.Equal(3, entra.Applications.Length);
        Assert.Equal(5, entra.ServicePrincipals.Length);
        Assert.Equal(3, entra.AppRoleAssignments.Length);
        Assert.Equal(5, entra.RoleDefinitions.Length);
        Assert.Equal(4, entra.RoleAssignments.Length);
        var eligibility = Assert.Single(entra.RoleEligibilityScheduleInstances);
        Assert.Equal((AzureHoundFixtures.Oscar, AzureHoundFixtures.UserAdministrator), (eligibility.PrincipalId, eligibility.RoleDefinitionId));
        Assert.False(entra.IsEmpty);
        Assert.Equal(MicrosoftInputKind.AzureHound, Assert.Single(Tenant.Inputs).Kind);
    }

    [Fact]
    public void Members_and_owners_are_attached_to_their_groups_applications_and_service_principals()
    {
        // Given the tenant file, where "Cloud Ops Contractors" is nested in "Cloud Ops"
        var entra = Tenant.Entra;

        // Then direct members and owners are on their parents, and an empty (null) owner list is an exported, empty list
        var cloudOps = entra.FindGroup(AzureHoundFixtures.CloudOps)!;
        Assert.Contains(new DirectoryObjectReference(AzureHoundFixtures.CloudOpsContractors, DirectoryObjectKind.Group), cloudOps.Members!.Value);
        Assert.Equal([AzureHoundFixtures.Alice], cloudOps.Owners!.Value.Select(o => o.Id), StringComparer.Ordinal);
        Assert.Empty(entra.FindGroup(AzureHoundFixtures.Tier0RoleAdmins)!.Owners!.Value);
        Assert.Contains(AzureHoundFixtures.CloudOps, entra.TransitiveGroupsOf(AzureHoundFixtures.Dana), StringComparer.Ordinal);

        // And an application's owners, which AzureHound keys by appId, are on the application (by object id)
        var buildAgent = entra.Applications.Single(a => a.Id == AzureHoundFixtures.BuildAgentApplication);
        Assert.Equal([AzureHoundFixtures.Dana, AzureHoundFixtures.Oscar], buildAgent.Owners!.Value.Select(o => o.Id), StringComparer.Ordinal);
        Assert.Equal([AzureHoundFixtures.Frank], entra.FindServicePrincipal(AzureHoundFixtures.HrPortalServicePrincipal)!.Owners!.Value.Select(o => o.Id), StringComparer.Ordinal);
    }

    [Fact]
    public void Upper_cased_ids_are_read_lower_cased_and_found_in_any_case()
    {
        // Given the current AzureHound format, which upper-cases object ids, principal ids and ARM scopes
        var entra = Tenant.Entra;

        // Then the model holds lower-case ids, and lookups find them whatever the case asked
        Assert.All(entra.Users, u => Assert.Equal(u.Id.ToLowerInvariant(), u.Id));
        Assert.Equal("Alice Admin", entra.FindUser(AzureHoundFixtures.Alice.ToUpperInvariant())!.DisplayName);
        Assert.All(Tenant.Azure.RoleAssignments, a => Assert.Equal(a.PrincipalId.ToLowerInvariant(), a.PrincipalId));
        Assert.NotNull(Tenant.Azure.Hierarchy.FindSubscription("7D3C1F5A-2B4E-4C8D-9A6F-0E1D2C3B4A59"));
        Assert.Contains(entra.AppRoleAssignments, a => a.ResourceId == AzureHoundFixtures.GraphServicePrincipal);
    }

    [Fact]
    public void An_app_scoped_directory_role_named_by_appId_is_scoped_to_the_application_object()
    {
        // Given Dana's Application Administrator assignment, which AzureHound writes as `/<APPID>` of the HR portal
        var assignment = Tenant.Entra.RoleAssignments.Single(a => a.RoleDefinitionId == AzureHoundFixtures.ApplicationAdministrator);

        // Then it is scoped to the application's object id, as Graph would say it
        Assert.Equal(AzureHoundFixtures.Dana, assignment.PrincipalId);
        Assert.Equal(AzureHoundFixtures.HrPortalApplication, assignment.DirectoryScope.Id);
    }

    [Fact]
    public void The_hierarchy_places_the_subscription_under_its_management_group_below_the_tenant_root()
    {
        // Given the management groups, their descendants and the subscription
        var hierarchy = Tenant.Azure.Hierarchy;

        // Then the root group is the tenant root, and the subscription sits in northwind-prod
        Assert.True(hierarchy.FindManagementGroup(AzureHoundFixtures.TenantId)!.IsTenantRoot);
        Assert.Equal(AzureHoundFixtures.TenantId, hierarchy.FindManagementGroup("northwind-prod")!.ParentName, StringComparer.OrdinalIgnoreCase);
        Assert.Equal("northwind-prod", Assert.Single(hierarchy.Subscriptions).ManagementGroupName, StringComparer.OrdinalIgnoreCase);
    }

    [Fact]
    public void Role_filtered_kinds_give_each_assignment_once_at_its_real_scope()
    {
        // Given the Owner, User Access Administrator and Contributor kinds, which repeat inherited assignments at every level
        var assignments = Tenant.Azure.RoleAssignments;

        // Then each assignment is kept once, by id, at the scope it names
        Assert.Equal(6, assignments.Length);
        var alice = Assert.Single(assignments, a => a.PrincipalId == AzureHoundFixtures.Alice);
        Assert.Equal(AzureScopeKind.ManagementGroup, alice.Scope.Kind);
        Assert.Equal(AzureHoundFixtures.Owner, alice.RoleDefinitionGuid);
        Assert.Equal(AzureScopeKind.Subscription, Assert.Single(assignments, a => a.PrincipalId == AzureHoundFixtures.CloudOps).Scope.Kind);

        // And the raw role-assignment kinds add the assignments `list` drops, still once each
        var both = MicrosoftEstateLoader.Load([AzureHoundFixtures.Tenant, AzureHoundFixtures.ArmRoleAssignments], TestContext.Current.CancellationToken);
        Assert.Equal(8, both.Azure.RoleAssignments.Length);
        Assert.DoesNotContain(both.Diagnostics, d => d.Code == Ward.Microsoft.Azure.Ingest.AzureDiagnosticCodes.Duplicate);
        Assert.DoesNotContain(both.Diagnostics, d => d.Code == AzureHoundDiagnosticCodes.PartialRoleAssignments);
        Assert.Contains(Tenant.Diagnostics, d => d.Code == AzureHoundDiagnosticCodes.PartialRoleAssignments);
    }

    [Fact]
    public void PIM_policy_assignments_are_read_as_the_activation_settings_of_their_directory_role()
    {
        // Given the tenant file's AZRoleManagementPolicyAssignment for User Administrator: approval by alice (her id
        // upper-cased, as AzureHound writes it), MFA and a justification, the other flags left out (false)
        var assignment = Assert.Single(Tenant.Entra.RoleManagementPolicyAssignments);

        // Then it is User Administrator's policy, with alice as its one approver, in Graph's lower case
        Assert.Equal(AzureHoundFixtures.UserAdministrator, assignment.RoleDefinitionId);
        var policy = Tenant.Entra.DirectoryRoleActivationPolicy(AzureHoundFixtures.UserAdministrator);
        Assert.NotNull(policy);
        Assert.True(policy.RequiresApproval);
        var approver = Assert.Single(Assert.Single(policy.ApprovalStages));
        Assert.Equal((Ward.Microsoft.Pim.ApproverKind.User, AzureHoundFixtures.Alice), (approver.Kind, approver.Id));
        Assert.Equal(["MultiFactorAuthentication", "Justification"], policy.EnabledRules.ToArray(), StringComparer.Ordinal);
        Assert.Null(policy.AuthenticationContext);

        // And the kind is no longer reported as read but not analysed
        Assert.DoesNotContain(Tenant.Diagnostics, d => d.Message.Contains("`AZRoleManagementPolicyAssignment`", StringComparison.Ordinal));
    }

    [Fact]
    public void Kinds_not_analysed_yet_are_reported_once_per_kind()
    {
        // Given the tenant file's resource groups, which the models do not hold yet
        var notAnalysed = Tenant.Diagnostics.Where(d => d.Code == AzureHoundDiagnosticCodes.NotAnalysed).ToList();

        // Then the kind has one info diagnostic, located at its first record
        var diagnostic = Assert.Single(notAnalysed);
        Assert.Equal(DiagnosticSeverity.Info, diagnostic.Severity);
        Assert.Contains("`AZResourceGroup`", diagnostic.Message, StringComparison.Ordinal);
        Assert.StartsWith("$.data[", diagnostic.Location.JsonPath, StringComparison.Ordinal);
        Assert.NotNull(diagnostic.Location.Line);
        Assert.DoesNotContain(Tenant.Diagnostics, d => d.Code == AzureHoundDiagnosticCodes.UnknownKind);

        // And its device is read into the inventory, no longer reported
        Assert.Equal("NW-LT-0042", Assert.Single(Tenant.Entra.Devices).DisplayName);
    }

    [Fact]
    public void Resource_kinds_land_in_the_inventory_with_their_identities_and_vault_policies()
    {
        // Given the tenant file's VM (system-assigned identity, upper-cased ids as AzureHound writes them), its key
        // vault, and the vault's access policy also written as a record of its own
        // When it is loaded
        var resources = Tenant.Azure.Resources;

        // Then both resources are in the inventory, ids in lower case, and the policy is listed once
        Assert.Equal(2, resources.Length);
        var vm = Assert.Single(resources, r => r.IsOfType(Ward.Microsoft.Azure.Resources.AzureResourceTypes.VirtualMachine));
        Assert.Equal("e5000004-2a3b-4c4d-8e5f-000000000004", vm.SystemAssignedPrincipalId);
        Assert.Equal("vm-build-01", vm.Name);
        var vault = Assert.Single(resources, r => r.IsOfType(Ward.Microsoft.Azure.Resources.AzureResourceTypes.KeyVault)).KeyVault!;
        Assert.False(vault.EnableRbacAuthorization);
        Assert.Equal("e5000002-2a3b-4c4d-8e5f-000000000002", Assert.Single(vault.AccessPolicies).ObjectId);
    }

    [Fact]
    public void An_access_policy_record_of_a_vault_not_in_the_file_is_reported()
    {
        // Given an access-policy record whose vault has no record
        var file = """
            {"data":[
            {"kind":"AZKeyVaultAccessPolicy","data":{"applicationId":"","objectId":"E5000002-2A3B-4C4D-8E5F-000000000002","permissions":{"secrets":["Get"]},"tenantId":"3f1c2d4e-8b7a-4c6d-9e0f-1a2b3c4d5e6f","keyVaultId":"/SUBSCRIPTIONS/7D3C1F5A-2B4E-4C8D-9A6F-0E1D2C3B4A59/RESOURCEGROUPS/RG-APP/PROVIDERS/MICROSOFT.KEYVAULT/VAULTS/KV-GONE"}}
            ],"meta":{"type":"azure","version":5,"count":1}}
            """;
        using var folder = new ScratchFolder(("hound.json", file));

        // When it is loaded
        var loaded = MicrosoftEstateLoader.Load([folder.Path], TestContext.Current.CancellationToken);

        // Then a warning names the vault at the record, and no resource is made up
        var warning = Assert.Single(loaded.Diagnostics, d => d.Code == Ward.Microsoft.Azure.Ingest.AzureDiagnosticCodes.DanglingResource);
        Assert.Contains("kv-gone", warning.Message, StringComparison.Ordinal);
        Assert.Equal(2, warning.Location.Line);
        Assert.Empty(loaded.Azure.Resources);
    }

    [Fact]
    public void Without_role_definitions_the_estate_says_what_its_assignments_grant_is_unknown()
    {
        // Given the tenant file alone: AzureHound collects no Azure role definitions
        // Then one error tells the user to add `az role definition list` (instead of the estate's general one)
        var error = Assert.Single(Tenant.Diagnostics, d => d.Code == AzureHoundDiagnosticCodes.NoRoleDefinitions);
        Assert.Equal(DiagnosticSeverity.Error, error.Severity);
        Assert.Contains("az role definition list", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Tenant.Diagnostics, d => d.Code == Ward.Microsoft.Azure.Ingest.AzureDiagnosticCodes.MissingRoleDefinition);
        Assert.Empty(Tenant.Azure.RoleDefinitions);

        // And with them, the error is gone
        var withDefinitions = MicrosoftEstateLoader.Load([AzureHoundFixtures.Tenant, AzureHoundFixtures.RoleDefinitions], TestContext.Current.CancellationToken);
        Assert.DoesNotContain(withDefinitions.Diagnostics, d => d.Code == AzureHoundDiagnosticCodes.NoRoleDefinitions);
        Assert.NotEmpty(withDefinitions.Azure.RoleDefinitions);
    }

    [Fact]
    public void Directory_roles_scoped_slash_are_flagged_as_possibly_scoped_to_an_administrative_unit()
    {
        // Given the tenant file, where Henry's AU-scoped Helpdesk Administrator assignment is written as `/`
        var note = Assert.Single(Tenant.Diagnostics, d => d.Code == AzureHoundDiagnosticCodes.TenantOrUnitScope);

        // Then the three `/` assignments are named as possibly narrower
        Assert.Contains("3 directory role assignments", note.Message, StringComparison.Ordinal);
        Assert.Contains("administrative unit", note.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_legacy_file_with_lower_case_ids_and_raw_directory_scopes_is_read()
    {
        // Given a file in the pre-2024 format
        var legacy = MicrosoftEstateLoader.Load([AzureHoundFixtures.Legacy], TestContext.Current.CancellationToken);
        var entra = legacy.Entra;

        // Then its objects are read, the raw administrative-unit and application scopes are kept as Graph wrote them
        Assert.Equal(3, entra.Users.Length);
        Assert.Single(entra.Applications);
        Assert.Single(entra.AppRoleAssignments);
        Assert.Equal(3, entra.RoleAssignments.Length);
        Assert.Contains(entra.RoleAssignments, a => a.DirectoryScope.Kind == DirectoryScopeKind.AdministrativeUnit);
        Assert.Contains(entra.RoleAssignments, a => a.DirectoryScope.Id == AzureHoundFixtures.HrPortalApplication);
        Assert.Equal(2, legacy.Azure.RoleAssignments.Length);

        // And device owners, which only 1.x wrote (and `list device-owners` still does), are read as the device's registered owners
        var device = Assert.Single(entra.Devices);
        Assert.Equal(["a1000006-0c1e-4d2b-8f3a-000000000006"], device.RegisteredOwners!.Value.Select(o => o.Id), StringComparer.Ordinal);
        Assert.Null(device.RegisteredUsers);
        Assert.DoesNotContain(legacy.Diagnostics, d => d.Code == AzureHoundDiagnosticCodes.NotAnalysed && d.Message.Contains("`AZDevice", StringComparison.Ordinal));
        Assert.Equal([AzureHoundDiagnosticCodes.NoRoleDefinitions], legacy.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).Select(d => d.Code), StringComparer.Ordinal);
    }

    [Fact]
    public void JSON_Lines_without_the_envelope_read_like_the_file()
    {
        // Given the tenant's records one per line, as AzureHound prints them without `-o`
        var lines = JsonDocument.Parse(File.ReadAllBytes(AzureHoundFixtures.Tenant)).RootElement.GetProperty("data").EnumerateArray().Select(r => r.GetRawText());
        using var folder = new ScratchFolder(("stdout.json", string.Join('\n', lines) + "\n"));

        // When it is loaded
        var loaded = MicrosoftEstateLoader.Load([folder.Path], TestContext.Current.CancellationToken);

        // Then it gives the same directory and estate, and diagnostics located on the record's line
        Assert.Equal(Tenant.Entra.Users.Length, loaded.Entra.Users.Length);
        Assert.Equal(Tenant.Entra.Groups.Select(g => g.Members?.Length), loaded.Entra.Groups.Select(g => g.Members?.Length));
        Assert.Equal(Tenant.Azure.RoleAssignments.Length, loaded.Azure.RoleAssignments.Length);
        Assert.Equal(Tenant.Azure.Resources.Select(r => (r.Id, r.SystemAssignedPrincipalId)), loaded.Azure.Resources.Select(r => (r.Id, r.SystemAssignedPrincipalId)));
        var resourceGroup = Assert.Single(loaded.Diagnostics, d => d.Code == AzureHoundDiagnosticCodes.NotAnalysed && d.Message.Contains("`AZResourceGroup`", StringComparison.Ordinal));
        var resourceGroupLine = lines.Select((l, i) => (l, i)).First(x => x.l.StartsWith("{\"kind\":\"AZResourceGroup\"", StringComparison.Ordinal)).i + 1;
        Assert.Equal(resourceGroupLine, resourceGroup.Location.Line);
    }

    [Fact]
    public void A_record_cut_short_in_the_middle_of_JSON_Lines_is_reported_and_the_records_after_it_are_read()
    {
        // Given four user records, the second cut short (a write interrupted), and a line of stray text after the third
        var records = JsonDocument.Parse(File.ReadAllBytes(AzureHoundFixtures.Tenant)).RootElement.GetProperty("data").EnumerateArray()
            .Where(r => r.GetProperty("kind").GetString() == "AZUser").Take(4).Select(r => r.GetRawText()).ToList();
        var cut = records[1][..(records[1].Length / 2)];
        using var folder = new ScratchFolder(("users.json", string.Join("\n", records[0], cut, records[2], "progress: 75%", records[3]) + "\n"));

        // When it is loaded
        var loaded = MicrosoftEstateLoader.Load([folder.Path], TestContext.Current.CancellationToken);

        // Then the three whole records are read, the one after the cut included, and each bad line is named
        var ids = records.Select(r => JsonDocument.Parse(r).RootElement.GetProperty("data").GetProperty("id").GetString()!).ToList();
        var read = loaded.Entra.Users.Select(u => u.Id).ToHashSet(StringComparer.OrdinalIgnoreCase);
        Assert.Equal(3, read.Count);
        Assert.DoesNotContain(ids[1], read);
        Assert.Contains(ids[3], read);
        var errors = loaded.Diagnostics.Where(d => d.Code == AzureHoundDiagnosticCodes.InvalidJsonLine).ToList();
        Assert.Equal([2, 4], errors.Select(e => e.Location.Line ?? 0));
        Assert.All(errors, e => Assert.Contains("the records on the other lines were read", e.Message, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("{\"kind\": \"AZUser\", \"data\": {}}", "found an object")]
    [InlineData("null", "found null")]
    public void An_envelope_whose_data_is_not_a_list_is_reported_as_AzureHound_output_read_as_nothing(string data, string found)
    {
        // Given AzureHound's envelope whose `data` was written as one record, or null
        using var folder = new ScratchFolder(("azurehound.json", "{\"data\": " + data + ", \"meta\": {\"methods\": 0, \"type\": \"azure\", \"count\": 1, \"version\": 5}}"));

        // When it is loaded
        var loaded = MicrosoftEstateLoader.Load([folder.Path], TestContext.Current.CancellationToken);

        // Then it is not passed off as another kind of file: an error at `$.data` says nothing of it was read
        var error = Assert.Single(loaded.Diagnostics, d => d.Code == AzureHoundDiagnosticCodes.EnvelopeProblem);
        Assert.Equal((Ward.Core.Diagnostics.DiagnosticSeverity.Error, "$.data"), (error.Severity, error.Location.JsonPath));
        Assert.Contains(found, error.Message, StringComparison.Ordinal);
        Assert.Empty(loaded.Entra.Users);
    }

    [Fact]
    public void A_first_record_cut_short_is_reported_and_the_records_after_it_are_read()
    {
        // Given three user records, the first cut short
        var records = JsonDocument.Parse(File.ReadAllBytes(AzureHoundFixtures.Tenant)).RootElement.GetProperty("data").EnumerateArray()
            .Where(r => r.GetProperty("kind").GetString() == "AZUser").Take(3).Select(r => r.GetRawText()).ToList();
        using var folder = new ScratchFolder(("users.json", string.Join("\n", records[0][..(records[0].Length / 2)], records[1], records[2]) + "\n"));

        // When it is loaded
        var loaded = MicrosoftEstateLoader.Load([folder.Path], TestContext.Current.CancellationToken);

        // Then the file is read as AzureHound JSON Lines: the two whole records, and line 1 reported
        Assert.Equal(2, loaded.Entra.Users.Length);
        var error = Assert.Single(loaded.Diagnostics, d => d.Code == AzureHoundDiagnosticCodes.InvalidJsonLine);
        Assert.Equal(1, error.Location.Line);
    }

    [Fact]
    public void An_envelope_cut_short_is_invalid_JSON_not_read_as_JSON_Lines()
    {
        // Given AzureHound's envelope with one record per line, cut off in the middle of the third
        var records = JsonDocument.Parse(File.ReadAllBytes(AzureHoundFixtures.Tenant)).RootElement.GetProperty("data").EnumerateArray()
            .Where(r => r.GetProperty("kind").GetString() == "AZUser").Take(3).Select(r => r.GetRawText()).ToList();
        using var folder = new ScratchFolder(("azurehound.json", "{\"data\": [\n" + records[0] + ",\n" + records[1] + ",\n" + records[2][..(records[2].Length / 2)]));

        // When it is loaded
        var loaded = MicrosoftEstateLoader.Load([folder.Path], TestContext.Current.CancellationToken);

        // Then it is one invalid-JSON error, as a truncated file is, and no line-by-line salvage
        Assert.Contains(loaded.Diagnostics, d => d.Code == Ward.Microsoft.Entra.Ingest.EntraDiagnosticCodes.InvalidJson);
        Assert.DoesNotContain(loaded.Diagnostics, d => d.Code == AzureHoundDiagnosticCodes.InvalidJsonLine);
        Assert.Empty(loaded.Entra.Users);
    }

    [Fact]
    public void A_record_of_JSON_Lines_that_repeats_a_key_is_invalid_JSON_at_its_line()
    {
        // Given two user records as JSON Lines, the second with a key written twice
        var records = JsonDocument.Parse(File.ReadAllBytes(AzureHoundFixtures.Tenant)).RootElement.GetProperty("data").EnumerateArray()
            .Where(r => r.GetProperty("kind").GetString() == "AZUser").Take(2).Select(r => r.GetRawText()).ToList();
        using var folder = new ScratchFolder(("users.json", records[0] + "\n" + records[1].Replace("{\"kind\":", "{\"kind\": \"AZUser\", \"kind\":", StringComparison.Ordinal) + "\n"));

        // When it is loaded
        var loaded = MicrosoftEstateLoader.Load([folder.Path], TestContext.Current.CancellationToken);

        // Then the file is reported at line 2 (the scan is not stopped by it)
        var error = Assert.Single(loaded.Diagnostics, d => d.Code == Ward.Microsoft.Entra.Ingest.EntraDiagnosticCodes.InvalidJson);
        Assert.Equal(2, error.Location.Line);
    }

    [Fact]
    public void A_broken_line_of_JSON_Lines_is_reported_and_the_records_before_it_are_kept()
    {
        // Given two user records, then a line cut short
        var records = JsonDocument.Parse(File.ReadAllBytes(AzureHoundFixtures.Tenant)).RootElement.GetProperty("data").EnumerateArray()
            .Where(r => r.GetProperty("kind").GetString() == "AZUser").Take(2).Select(r => r.GetRawText()).ToList();
        using var folder = new ScratchFolder(("cut.json", records[0] + "\n" + records[1] + "\n{\"kind\":\"AZUser\",\"data\":{\"id\":\n"));

        // When it is loaded
        var loaded = MicrosoftEstateLoader.Load([folder.Path], TestContext.Current.CancellationToken);

        // Then the two users are read and the broken line is reported
        Assert.Equal(2, loaded.Entra.Users.Length);
        var error = Assert.Single(loaded.Diagnostics, d => d.Code == AzureHoundDiagnosticCodes.InvalidJsonLine);
        Assert.Equal(DiagnosticSeverity.Error, error.Severity);
        Assert.NotNull(error.Location.Line);
    }
}
