using System.Text.Json;
using Ward.Microsoft.Entra.Ingest;
using Ward.Microsoft.Tests.Testing;

namespace Ward.Microsoft.Tests.Entra;

/// <summary>
/// scripts/export-entra.sh run against a fake Azure CLI whose `az rest` serves the Contoso tenant: each Graph response
/// is a page of the Contoso fixture (itself in the script's layout), and the export is loaded back with Ward's loader.
/// </summary>
public sealed class ExportEntraScriptTests
{
    private const string Graph = "https://graph.microsoft.com";
    private const string Script = "export-entra.sh";

    private const string SecurityDefaults = """
        {
          "@odata.context": "https://graph.microsoft.com/v1.0/$metadata#policies/identitySecurityDefaultsEnforcementPolicy/$entity",
          "id": "00000000-0000-0000-0000-000000000005",
          "displayName": "Security Defaults",
          "description": "Security defaults is a set of basic identity security mechanisms recommended by Microsoft. When enabled, these recommendations will be automatically enforced in your organization.",
          "isEnabled": false
        }
        """;

    /// <summary>Top-level collections: the script's folder and the Graph path it reads.</summary>
    private static readonly (string Folder, string Path)[] Collections =
    [
        ("users", "/v1.0/users"),
        ("groups", "/v1.0/groups"),
        ("administrative-units", "/v1.0/directory/administrativeUnits"),
        ("role-definitions", "/v1.0/roleManagement/directory/roleDefinitions"),
        ("role-assignments", "/v1.0/roleManagement/directory/roleAssignments"),
        ("role-eligibility-schedules", "/v1.0/roleManagement/directory/roleEligibilitySchedules"),
        ("role-eligibility-schedule-instances", "/v1.0/roleManagement/directory/roleEligibilityScheduleInstances"),
        ("role-assignment-schedule-instances", "/v1.0/roleManagement/directory/roleAssignmentScheduleInstances"),
        ("role-management-policy-assignments", "/v1.0/policies/roleManagementPolicyAssignments?%24filter=scopeId%20eq%20'/'%20and%20scopeType%20eq%20'DirectoryRole'&%24expand=policy(%24expand=rules)"),
        ("applications", "/v1.0/applications"),
        ("service-principals", "/v1.0/servicePrincipals"),
        ("oauth2-permission-grants", "/v1.0/oauth2PermissionGrants"),
        ("conditional-access-policies", "/v1.0/identity/conditionalAccess/policies"),
        ("user-registration-details", "/v1.0/reports/authenticationMethods/userRegistrationDetails"),
        ("service-principal-sign-in-activities", "/beta/reports/servicePrincipalSignInActivities"),
    ];

    /// <summary>Lists read per parent: the script's folder, the parents' collection, the URL of one parent's list, and its context.</summary>
    private static readonly (string Folder, string Parents, Func<string, string> Url, Func<string, string> Context)[] Relations =
    [
        ("group-members", "groups", id => $"{Graph}/v1.0/groups/{id}/members", _ => DirectoryObjects),
        ("group-owners", "groups", id => $"{Graph}/v1.0/groups/{id}/owners", _ => DirectoryObjects),
        ("group-transitive-members", "groups", id => $"{Graph}/v1.0/groups/{id}/transitiveMembers", _ => DirectoryObjects),
        ("pim-group-eligibility-schedule-instances", "groups", id => $"{Graph}/v1.0/identityGovernance/privilegedAccess/group/eligibilityScheduleInstances?%24filter=groupId%20eq%20'{id}'", _ => $"{Graph}/v1.0/$metadata#identityGovernance/privilegedAccess/group/eligibilityScheduleInstances"),
        ("pim-group-assignment-schedule-instances", "groups", id => $"{Graph}/v1.0/identityGovernance/privilegedAccess/group/assignmentScheduleInstances?%24filter=groupId%20eq%20'{id}'", _ => $"{Graph}/v1.0/$metadata#identityGovernance/privilegedAccess/group/assignmentScheduleInstances"),
        ("pim-group-policy-assignments", "groups", id => $"{Graph}/v1.0/policies/roleManagementPolicyAssignments?%24filter=scopeId%20eq%20'{id}'%20and%20scopeType%20eq%20'Group'&%24expand=policy(%24expand=rules)", _ => $"{Graph}/v1.0/$metadata#policies/roleManagementPolicyAssignments(policy(rules()))"),
        ("administrative-unit-members", "administrative-units", id => $"{Graph}/v1.0/directory/administrativeUnits/{id}/members", _ => DirectoryObjects),
        ("federated-identity-credentials", "applications", id => $"{Graph}/v1.0/applications/{id}/federatedIdentityCredentials", id => $"{Graph}/v1.0/$metadata#applications('{id}')/federatedIdentityCredentials"),
        ("application-owners", "applications", id => $"{Graph}/v1.0/applications/{id}/owners", _ => DirectoryObjects),
        ("service-principal-owners", "service-principals", id => $"{Graph}/v1.0/servicePrincipals/{id}/owners", _ => DirectoryObjects),
        ("app-role-assigned-to", "service-principals", id => $"{Graph}/v1.0/servicePrincipals/{id}/appRoleAssignedTo", id => $"{Graph}/v1.0/$metadata#servicePrincipals('{id}')/appRoleAssignedTo"),
    ];

    private const string DirectoryObjects = Graph + "/v1.0/$metadata#directoryObjects";

    private const string Laptop = "2c7e9a41-5b3d-4f6e-8a1c-0d9e8f7a6b5c";

    private const string Devices = """
        {
          "@odata.context": "https://graph.microsoft.com/v1.0/$metadata#devices(id,deviceId,displayName,operatingSystem,operatingSystemVersion,accountEnabled,isManaged,isCompliant,trustType,approximateLastSignInDateTime)",
          "value": [
            {"id": "2c7e9a41-5b3d-4f6e-8a1c-0d9e8f7a6b5c", "deviceId": "8d2f4b6a-1c3e-4a5f-9b7d-6e8f0a2c4e6b", "displayName": "CONTOSO-LT-017", "operatingSystem": "Windows", "operatingSystemVersion": "10.0.26100.2605",
             "accountEnabled": true, "isManaged": true, "isCompliant": true, "trustType": "AzureAd", "approximateLastSignInDateTime": "2026-11-27T07:58:12Z"}
          ]
        }
        """;

    private const string ManagedDevices = """
        {
          "@odata.context": "https://graph.microsoft.com/v1.0/$metadata#deviceManagement/managedDevices(id,deviceName,userId,userPrincipalName,azureADDeviceId,operatingSystem,managementAgent)",
          "value": [
            {"id": "5e1a7c3b-9d2f-4e8a-b6c4-3f1d5e7a9c2b", "deviceName": "CONTOSO-LT-017", "userId": "6e7b768e-07e2-4810-8459-485f84f8f204", "userPrincipalName": "adele.vance@contoso.onmicrosoft.com",
             "azureADDeviceId": "8d2f4b6a-1c3e-4a5f-9b7d-6e8f0a2c4e6b", "operatingSystem": "Windows", "managementAgent": "mdm"}
          ]
        }
        """;

    [Fact]
    public async Task The_export_of_a_tenant_is_written_in_the_documented_layout_and_loads_without_errors()
    {
        var bash = ExportScript.RequireTools("jq");

        // Given a fake az signed in to the Contoso tenant, whose users come in two pages
        using var folder = new ScratchFolder();
        var az = ContosoTenant(folder.Path);
        az.Write();
        var output = Path.Combine(folder.Path, "export");

        // When the script exports it
        var run = await ExportScript.RunAsync(bash, Script, ExportScript.PathWith(az.Bin), TestContext.Current.CancellationToken, "--output", output);

        // Then it succeeds without a warning, having only signed-in checks and GETs
        Assert.True(run.ExitCode == 0, $"exit {run.ExitCode}: {run.StandardError}");
        Assert.DoesNotContain("warning", run.StandardError, StringComparison.Ordinal);
        Assert.All(az.Calls, call => Assert.True(call == "account show" || call.StartsWith("rest --method get --url https://graph.microsoft.com/", StringComparison.Ordinal), call));

        // And every Graph response is written as it came, where the documented layout puts it: both pages of users,
        // each group's members under group-members/<group-id>/
        foreach (var file in Directory.EnumerateFiles(EntraFixtures.Contoso, "*.json", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(EntraFixtures.Contoso, file);
            var exported = Path.Combine(output, relative);
            Assert.True(File.Exists(exported), $"{relative} was not exported");
            Assert.Equal(JsonText(file), JsonText(exported));
        }

        Assert.True(File.Exists(Path.Combine(output, "users", "page-002.json")));
        Assert.True(File.Exists(Path.Combine(output, "security-defaults-policy.json")));
        Assert.Empty(Directory.EnumerateFiles(output, "*.part", SearchOption.AllDirectories));

        // And Ward reads the export without a diagnostic, and the tenant's objects and relations came through
        var loaded = MicrosoftEstateLoader.Load([output], TestContext.Current.CancellationToken);
        Assert.Empty(loaded.Diagnostics);
        var directory = loaded.Entra;
        Assert.Equal(EntraFixtures.Tenant, directory.TenantId);
        Assert.Equal([EntraFixtures.Adele, EntraFixtures.Megan, EntraFixtures.Lee, EntraFixtures.Guest, EntraFixtures.BreakGlass], directory.Users.Select(u => u.Id), StringComparer.Ordinal);
        var tier0 = directory.FindGroup(EntraFixtures.Tier0Admins)!;
        Assert.Contains(tier0.Members!.Value, m => m.Id == EntraFixtures.PlatformEngineers);
        Assert.NotEmpty(tier0.TransitiveMembers!.Value);
        Assert.NotEmpty(tier0.Owners!.Value);
        Assert.Empty(directory.FindGroup(EntraFixtures.HelpdeskOperators)!.Owners!.Value);
        Assert.Contains(directory.RoleAssignments, a => a.PrincipalId == EntraFixtures.Tier0Admins && a.RoleDefinitionId == EntraFixtures.GlobalAdministrator);
        Assert.NotEmpty(directory.RoleEligibilitySchedules);
        Assert.NotEmpty(directory.PrivilegedGroupAssignments);
        var activation = directory.DirectoryRoleActivationPolicy("e8611ab8-c189-46e8-94e1-60213ab1f814");
        Assert.NotNull(activation);
        Assert.Equal(EntraFixtures.Adele, Assert.Single(Assert.Single(activation.ApprovalStages)).Id);
        Assert.Equal(4, directory.ServicePrincipals.Length);
        Assert.NotEmpty(directory.AppRoleAssignments);
        Assert.Contains(directory.Applications, a => a.Id == EntraFixtures.PortalApplication && a.FederatedIdentityCredentials is { Length: > 0 });
        Assert.NotEmpty(directory.OAuth2PermissionGrants);
        Assert.True(directory.ConditionalAccessPoliciesExported);
        Assert.NotNull(directory.AuthorizationPolicy);
        Assert.False(directory.SecurityDefaults!.IsEnabled);
        Assert.True(directory.UserRegistrationDetailsExported);

        // And the device inventory: the laptop with Adele as its registered owner and user, and Intune's record of it
        var laptop = Assert.Single(directory.Devices);
        Assert.Equal((Laptop, true), (laptop.Id, laptop.IsManaged));
        Assert.Equal([EntraFixtures.Adele], laptop.RegisteredOwners!.Value.Select(o => o.Id), StringComparer.Ordinal);
        Assert.Equal([EntraFixtures.Adele], laptop.RegisteredUsers!.Value.Select(o => o.Id), StringComparer.Ordinal);
        Assert.Equal("8d2f4b6a-1c3e-4a5f-9b7d-6e8f0a2c4e6b", Assert.Single(directory.ManagedDevices).AzureADDeviceId);
        Assert.True(File.Exists(Path.Combine(output, "device-registered-owners", Laptop, "page-001.json")));
    }

    [Fact]
    public async Task A_page_Graph_refuses_is_a_warning_with_exit_status_2_and_the_pages_before_it_are_kept()
    {
        var bash = ExportScript.RequireTools("jq");

        // Given a tenant whose second page of users Graph refuses
        using var folder = new ScratchFolder();
        var az = ContosoTenant(folder.Path);
        var nextLink = NextLink(EntraFixtures.ContosoFile("users", "page-001.json"))!;
        az.Fail("rest get " + nextLink, "ERROR: Forbidden({\"error\":{\"code\":\"Authorization_RequestDenied\",\"message\":\"Insufficient privileges to complete the operation.\"}})");
        az.Write();
        var output = Path.Combine(folder.Path, "export");

        // When the script exports it, leaving out the optional collections
        var run = await ExportScript.RunAsync(bash, Script, ExportScript.PathWith(az.Bin), TestContext.Current.CancellationToken, "--output", output, "--no-transitive", "--no-pim", "--no-sign-in-activity", "--no-devices");
        Assert.DoesNotContain(az.Calls, call => call.Contains("transitiveMembers", StringComparison.Ordinal) || call.Contains("Schedule", StringComparison.Ordinal) || call.Contains("/reports/", StringComparison.Ordinal)
            || call.Contains("devices", StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain("signInActivity", az.Calls.First(call => call.Contains("/v1.0/users?", StringComparison.Ordinal)), StringComparison.Ordinal);

        // Then it exits 2, naming the request and Graph's answer, and exports the rest
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("export-entra: warning: GET " + nextLink + " failed: ERROR: Forbidden", run.StandardError, StringComparison.Ordinal);
        Assert.Contains("Insufficient privileges", run.StandardError, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(output, "users", "page-001.json")));
        Assert.False(File.Exists(Path.Combine(output, "users", "page-002.json")));
        Assert.Empty(Directory.EnumerateFiles(output, "*.part", SearchOption.AllDirectories));
        Assert.Empty(Directory.EnumerateFiles(output, "*.err", SearchOption.AllDirectories));
        Assert.True(File.Exists(Path.Combine(output, "security-defaults-policy.json")));

        // And Ward reads what came, and says the users are incomplete
        var loaded = MicrosoftEstateLoader.Load([output], TestContext.Current.CancellationToken);
        Assert.Contains(loaded.Diagnostics, d => d.Code == EntraDiagnosticCodes.IncompleteCollection);
        Assert.Equal(3, loaded.Entra.Users.Length);
        Assert.NotEmpty(loaded.Entra.Groups);
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

        // Then it stops before writing anything, naming the Azure CLI
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("export-entra: error: the Azure CLI (az) is required", run.StandardError, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(folder.Path, "export")));
    }

    [Fact]
    public async Task Without_jq_the_script_says_so_and_exits_1()
    {
        var bash = ExportScript.RequireTools("jq");

        // Given a PATH holding only a signed-in az
        using var folder = new ScratchFolder();
        var az = new FakeAzureCli(folder.Path);
        az.Answer("account show", "{}");
        az.Write();

        // When the script runs
        var run = await ExportScript.RunAsync(bash, Script, az.Bin, TestContext.Current.CancellationToken, "--output", Path.Combine(folder.Path, "export"));

        // Then it stops, naming jq
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("export-entra: error: jq is required", run.StandardError, StringComparison.Ordinal);
        Assert.Empty(az.Calls);
    }

    [Fact]
    public async Task When_az_is_not_signed_in_the_script_says_to_sign_in_and_exits_1()
    {
        var bash = ExportScript.RequireTools("jq");

        // Given an az that is not signed in
        using var folder = new ScratchFolder();
        var az = new FakeAzureCli(folder.Path);
        az.Fail("account show", "ERROR: Please run 'az login' to setup account.");
        az.Write();

        // When the script runs
        var run = await ExportScript.RunAsync(bash, Script, ExportScript.PathWith(az.Bin), TestContext.Current.CancellationToken, "--output", Path.Combine(folder.Path, "export"));

        // Then it stops after asking, before any Graph request
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("export-entra: error: not signed in: run 'az login' first", run.StandardError, StringComparison.Ordinal);
        Assert.Equal(["account show"], az.Calls);
    }

    /// <summary>
    /// A signed-in az whose Graph is the Contoso fixture: each collection's first page at its path, each further page at
    /// the previous page's next link, each parent's list from the fixture or, where the fixture has none, empty.
    /// </summary>
    private static FakeAzureCli ContosoTenant(string folder)
    {
        var az = new FakeAzureCli(folder);
        az.Answer("account show", """{"environmentName": "AzureCloud", "id": "a1d5f3c7-84b2-4e69-9f0a-6b3c2d1e7f45", "isDefault": true, "name": "Contoso Production", "state": "Enabled", "tenantId": "4a7c8e1b-2f3d-4b6a-9c8e-1d2f3a4b5c6d", "user": {"name": "auditor@contoso.onmicrosoft.com", "type": "user"}}""");
        az.AnswerGet($"{Graph}/v1.0/organization", File.ReadAllText(EntraFixtures.ContosoFile("organization.json")));
        az.AnswerGet($"{Graph}/v1.0/policies/authorizationPolicy", File.ReadAllText(EntraFixtures.ContosoFile("authorization-policy.json")));
        az.AnswerGet($"{Graph}/v1.0/policies/identitySecurityDefaultsEnforcementPolicy", SecurityDefaults);
        az.AnswerGet($"{Graph}/v1.0/devices", Devices);
        var adele = $$"""{"@odata.context": "{{DirectoryObjects}}(id,displayName)", "value": [{"@odata.type": "#microsoft.graph.user", "id": "{{EntraFixtures.Adele}}", "displayName": "Adele Vance"}]}""";
        az.AnswerGet($"{Graph}/v1.0/devices/{Laptop}/registeredOwners", adele);
        az.AnswerGet($"{Graph}/v1.0/devices/{Laptop}/registeredUsers", adele);
        az.AnswerGet($"{Graph}/v1.0/deviceManagement/managedDevices", ManagedDevices);
        foreach (var (collection, path) in Collections)
        {
            AnswerPages(az, Graph + path, Path.Combine(EntraFixtures.Contoso, collection));
        }

        foreach (var (relation, parents, url, context) in Relations)
        {
            foreach (var parent in Ids(Path.Combine(EntraFixtures.Contoso, parents)))
            {
                var pages = Path.Combine(EntraFixtures.Contoso, relation, parent);
                if (Directory.Exists(pages))
                {
                    AnswerPages(az, url(parent), pages);
                }
                else if (relation == "group-transitive-members")
                {
                    az.AnswerGet(url(parent), $$"""{"@odata.context": "{{context(parent)}}", "value": [{{string.Join(", ", TransitiveMembers(parent))}}]}""");
                }
                else
                {
                    az.AnswerGet(url(parent), $$"""{"@odata.context": "{{context(parent)}}", "value": []}""");
                }
            }
        }

        return az;
    }

    /// <summary>Graph's transitive members of a group the fixture has no such list for: its direct members, and theirs.</summary>
    private static IEnumerable<string> TransitiveMembers(string group)
    {
        // A group in a cycle is not its own transitive member.
        var seen = new HashSet<string>([group], StringComparer.Ordinal);
        var pending = new Queue<string>([group]);
        while (pending.TryDequeue(out var next))
        {
            var pages = Path.Combine(EntraFixtures.Contoso, "group-members", next);
            if (!Directory.Exists(pages))
            {
                continue;
            }

            foreach (var page in Directory.GetFiles(pages, "page-*.json").Order(StringComparer.Ordinal))
            {
                using var document = JsonDocument.Parse(File.ReadAllText(page));
                foreach (var member in document.RootElement.GetProperty("value").EnumerateArray())
                {
                    var id = member.GetProperty("id").GetString()!;
                    if (seen.Add(id))
                    {
                        yield return member.GetRawText();
                        if (member.GetProperty("@odata.type").GetString() == "#microsoft.graph.group")
                        {
                            pending.Enqueue(id);
                        }
                    }
                }
            }
        }
    }

    private static void AnswerPages(FakeAzureCli az, string url, string folder)
    {
        foreach (var page in Directory.GetFiles(folder, "page-*.json").Order(StringComparer.Ordinal))
        {
            az.AnswerGet(url, File.ReadAllText(page));
            url = NextLink(page) ?? string.Empty;
        }
    }

    private static string? NextLink(string page)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(page));
        return document.RootElement.TryGetProperty("@odata.nextLink", out var next) ? next.GetString() : null;
    }

    private static IEnumerable<string> Ids(string collection)
    {
        foreach (var page in Directory.GetFiles(collection, "page-*.json"))
        {
            using var document = JsonDocument.Parse(File.ReadAllText(page));
            foreach (var item in document.RootElement.GetProperty("value").EnumerateArray())
            {
                yield return item.GetProperty("id").GetString()!;
            }
        }
    }

    /// <summary>A JSON file's content without its final line break (the fake az adds one, as the Azure CLI does).</summary>
    private static string JsonText(string file) => File.ReadAllText(file).TrimEnd('\n');
}
