using System.Text.Json;
using System.Text.Json.Nodes;

namespace Ward.Cli.Tests;

/// <summary>
/// <c>can</c> and <c>who-can</c> on API permissions: application permissions (app role assignments) and delegated
/// grants (<c>oauth2PermissionGrants</c>), on the bundled Northwind tenant (samples/microsoft.md) and on copies of it
/// changed as Microsoft Graph would list the change.
/// </summary>
public sealed class ApiPermissionQuestionTests
{
    private const string GraphServicePrincipal = "73fde455-55a1-4c71-b2b1-e962d9f5d806";
    private const string MailArchiver = "607dcef8-130b-4719-a3f0-6f9f849555b5";
    private const string Orders = "8a95205d-9917-4f44-a796-5d087c8d179f";
    private const string CafeteriaMenu = "e4684269-6c0b-4ae8-80e2-50360433ef8e";
    private const string NorthwindIntranet = "0fc19d77-45e7-4462-9d61-52095005d1eb";
    private const string BuildOperators = "9a196b6c-b10f-4326-a9fd-d9dc6bd92732";
    private const string MailReadRole = "810c84a8-4a9e-49e6-bf7d-12d183f40d01";
    private static readonly string Entra = Path.Combine(Repository.Root, "samples", "entra");

    [Fact]
    public void A_service_principal_assigned_an_app_role_holds_the_application_permission_app_only()
    {
        // Given Contoso Mail Archiver, assigned Microsoft Graph's Mail.Read app role
        var result = Can(Entra, "Contoso Mail Archiver", "Mail.Read");

        // Then it holds it app-only, and the answer names the assignment, the resource and the app role
        Assert.Equal("Allowed", Kind(result));
        Assert.Contains("Allowed app-only: app role assignment `bc2818cd-663b-4605-a4dZq0gRw`", Summary(result), StringComparison.Ordinal);
        Assert.Contains($"`Mail.Read` (app role `{MailReadRole}`) of Microsoft Graph", Summary(result), StringComparison.Ordinal);
    }

    [Fact]
    public void A_client_granted_a_scope_for_every_user_holds_it_only_while_a_user_signs_in()
    {
        // Given Northwind Intranet, granted Mail.ReadWrite delegated for all principals, and no app role
        var result = Can(Entra, "Northwind Intranet", "Mail.ReadWrite");

        // Then the answer is conditional on a user signing in, within that user's rights, and denied otherwise
        Assert.Equal("Conditional", Kind(result));
        Assert.Equal("ImplicitDeny", result.GetProperty("otherwise").GetString());
        var requirements = Requirements(result);
        Assert.Contains("any user signs in to Northwind Intranet (grant `grant-intranet-allprincipals`)", requirements, StringComparer.Ordinal);
        Assert.Contains(requirements, r => r.Contains("within that user's own rights", StringComparison.Ordinal));
    }

    [Fact]
    public void A_grant_for_one_user_covers_that_user_only()
    {
        // Given Cafeteria Menu granted Calendars.Read for gus.mensah alone (consentType Principal)
        using var tenant = TenantCopy.Of(Entra);
        tenant.AddGrant(new JsonObject
        {
            ["clientId"] = CafeteriaMenu, ["consentType"] = "Principal", ["id"] = "grant-menu-gus-calendars",
            ["principalId"] = "b2e2557f-a18c-4952-a5e2-1c9958bd009b", ["resourceId"] = GraphServicePrincipal, ["scope"] = "Calendars.Read",
        });

        // When we ask without a user, as gus, and as frank
        var anyone = Can(tenant.Path, "Cafeteria Menu", "Calendars.Read");
        var gus = Can(tenant.Path, "Cafeteria Menu", "Calendars.Read", "--as-user", "gus.mensah@northwindtraders.com");
        var frank = Can(tenant.Path, "Cafeteria Menu", "Calendars.Read", "--as-user", "frank.osei@northwindtraders.com");

        // Then it is conditional on gus signing in, allowed for gus (within his rights, which Ward says it does not
        // read for calendars), and denied for frank, naming whom the grant covers
        Assert.Equal("Conditional", Kind(anyone));
        Assert.Contains("gus.mensah@northwindtraders.com signs in to Cafeteria Menu (grant `grant-menu-gus-calendars`)", Requirements(anyone), StringComparer.Ordinal);
        Assert.Equal("Allowed", Kind(gus));
        Assert.Contains("consented for gus.mensah@northwindtraders.com alone (`Principal`)", Summary(gus), StringComparison.Ordinal);
        Assert.Contains("The effective right is the intersection with gus.mensah@northwindtraders.com's own rights: Ward does not read", Summary(gus), StringComparison.Ordinal);
        Assert.Equal("ImplicitDeny", Kind(frank));
        Assert.Contains("no delegated grant of `Calendars.Read` of Microsoft Graph to Cafeteria Menu covers frank.osei@northwindtraders.com; grant `grant-menu-gus-calendars` cover gus.mensah@northwindtraders.com only", Summary(frank), StringComparison.Ordinal);
    }

    [Fact]
    public void A_grant_for_every_user_covers_any_user_asked_and_a_directory_permission_names_the_users_roles()
    {
        // Given Cafeteria Menu's User.Read, consented for all principals, and frank.osei, who holds no directory role
        var frank = Can(Entra, "Cafeteria Menu", "User.Read", "--as-user", "frank.osei@northwindtraders.com");

        // Then it is allowed for frank, and what he may reach with it is his own directory rights
        Assert.Equal("Allowed", Kind(frank));
        Assert.Contains("grant `grant-menu-allprincipals` (consented for every user (`AllPrincipals`)) lets Cafeteria Menu use `User.Read`", Summary(frank), StringComparison.Ordinal);
        Assert.Contains("frank.osei@northwindtraders.com holds no directory role", Summary(frank), StringComparison.Ordinal);
    }

    [Fact]
    public void A_client_that_requires_assignment_acts_only_for_the_users_assigned_to_it()
    {
        // Given Northwind Intranet, granted Mail.ReadWrite for every user, now requiring assignment, with gus.mensah
        // assigned its default access role and frank.osei not assigned
        using var tenant = TenantCopy.Of(Entra);
        tenant.ChangeServicePrincipal(NorthwindIntranet, sp => sp["appRoleAssignmentRequired"] = true);
        tenant.AddAppRoleAssignment(NorthwindIntranet, new JsonObject
        {
            ["id"] = "intranet-gus-default-access", ["deletedDateTime"] = null, ["appRoleId"] = "00000000-0000-0000-0000-000000000000",
            ["createdDateTime"] = "2026-01-05T09:00:00Z", ["principalDisplayName"] = "Gus Mensah", ["principalId"] = "b2e2557f-a18c-4952-a5e2-1c9958bd009b",
            ["principalType"] = "User", ["resourceDisplayName"] = "Northwind Intranet", ["resourceId"] = NorthwindIntranet,
        });

        // When we ask as each of them, and as frank himself
        var gus = Can(tenant.Path, "Northwind Intranet", "Mail.ReadWrite", "--as-user", "gus.mensah@northwindtraders.com");
        var frank = Can(tenant.Path, "Northwind Intranet", "Mail.ReadWrite", "--as-user", "frank.osei@northwindtraders.com");
        var frankHimself = Can(tenant.Path, "frank.osei@northwindtraders.com", "Mail.ReadWrite");

        // Then gus is allowed, and frank denied with the setting named, whichever way it is asked
        Assert.Equal("Allowed", Kind(gus));
        Assert.Equal("ImplicitDeny", Kind(frank));
        Assert.Contains("Northwind Intranet requires an app role assignment before users sign in to it (`appRoleAssignmentRequired` true)", Summary(frank), StringComparison.Ordinal);
        Assert.Equal("ImplicitDeny", Kind(frankHimself));
    }

    [Fact]
    public void An_export_without_the_assignment_setting_is_answered_as_before_and_says_so()
    {
        // Given the bundled tenant, exported without appRoleAssignmentRequired
        var frank = Can(Entra, "Northwind Intranet", "Mail.ReadWrite", "--as-user", "frank.osei@northwindtraders.com");

        Assert.Equal("Allowed", Kind(frank));
        Assert.Contains("whether Northwind Intranet requires users to be assigned to it (`appRoleAssignmentRequired`) was not exported", Summary(frank), StringComparison.Ordinal);
    }

    [Fact]
    public void A_user_is_answered_with_the_delegated_grants_that_cover_it()
    {
        // Given gus.mensah, covered by Cafeteria Menu's User.Read grant for him alone and by two grants for every user
        var gus = Can(Entra, "gus.mensah@northwindtraders.com", "User.Read");
        var files = Can(Entra, "gus.mensah@northwindtraders.com", "Mail.Send");

        // Then the clients and grants are named; a scope no grant names is denied
        Assert.Equal("Allowed", Kind(gus));
        Assert.Contains("grant `grant-menu-gus`, consented for gus.mensah@northwindtraders.com alone (`Principal`)", Summary(gus), StringComparison.Ordinal);
        Assert.Contains("Northwind Intranet or Cafeteria Menu", Summary(gus), StringComparison.Ordinal);
        Assert.Equal("ImplicitDeny", Kind(files));
    }

    [Fact]
    public void An_app_role_assigned_to_a_group_gives_no_app_only_access()
    {
        // Given Mail.Read assigned to the Build Operators group, of which the Northwind Orders service principal is a member
        using var tenant = TenantCopy.Of(Entra);
        tenant.AddAppRoleAssignment(GraphServicePrincipal, new JsonObject
        {
            ["id"] = "nJpBmgnMTEO6mKo7XSC3bK_group", ["deletedDateTime"] = null, ["appRoleId"] = MailReadRole, ["createdDateTime"] = "2025-06-02T08:00:00Z",
            ["principalDisplayName"] = "Build Operators", ["principalId"] = BuildOperators, ["principalType"] = "Group",
            ["resourceDisplayName"] = "Microsoft Graph", ["resourceId"] = GraphServicePrincipal,
        });
        tenant.AddGroupMember(BuildOperators, new JsonObject { ["@odata.type"] = "#microsoft.graph.servicePrincipal", ["id"] = Orders, ["displayName"] = "Northwind Orders" });

        // When we ask about the group, its service principal member, and who holds Mail.Read
        var group = Can(tenant.Path, "Build Operators", "Mail.Read");
        var member = Can(tenant.Path, "Northwind Orders", "Mail.Read");
        var (exitCode, output) = WardRunner.Run("who-can", "-i", tenant.Path, "Mail.Read", "--format", "json");

        // Then neither holds it, each saying why, and only Contoso Mail Archiver is listed
        Assert.Equal("ImplicitDeny", Kind(group));
        Assert.Contains("no token is issued to a group", Summary(group), StringComparison.Ordinal);
        Assert.Equal("ImplicitDeny", Kind(member));
        Assert.Contains("it is a member of the group `Build Operators`, which app role assignment `nJpBmgnMTEO6mKo7XSC3bK_group` gives the app role, but app-only tokens carry only the app roles assigned to the service principal itself", Summary(member), StringComparison.Ordinal);
        Assert.Equal(0, exitCode);
        var listed = JsonDocument.Parse(output).RootElement.GetProperty("principals").EnumerateArray().Select(p => p.GetProperty("principal").GetString()).ToList();
        Assert.Equal([MailArchiver], listed);
    }

    [Fact]
    public void A_disabled_service_principal_and_a_deleted_assignment_grant_nothing()
    {
        // Given Contoso Mail Archiver disabled, and Northwind Provisioning's RoleManagement.ReadWrite.Directory assignment deleted
        using var tenant = TenantCopy.Of(Entra);
        tenant.ChangeServicePrincipal(MailArchiver, sp => sp["accountEnabled"] = false);
        tenant.ChangeAppRoleAssignment(GraphServicePrincipal, "c6f6e19c-790f-4819-a13Zq0gRw", a => a["deletedDateTime"] = "2026-10-01T12:00:00Z");

        var archiver = Can(tenant.Path, "Contoso Mail Archiver", "Mail.Read");
        var provisioning = Can(tenant.Path, "Northwind Provisioning", "RoleManagement.ReadWrite.Directory");

        Assert.Equal("ImplicitDeny", Kind(archiver));
        Assert.Contains("Contoso Mail Archiver is disabled (`accountEnabled` false): Entra ID issues it no token", Summary(archiver), StringComparison.Ordinal);
        Assert.Equal("ImplicitDeny", Kind(provisioning));
        Assert.Contains("app role assignment `c6f6e19c-790f-4819-a13Zq0gRw` was deleted on 2026-10-01", Summary(provisioning), StringComparison.Ordinal);
    }

    [Fact]
    public void Who_can_lists_app_only_holders_and_delegated_clients_with_the_users_they_cover()
    {
        // Given Mail.Read app-only (Contoso Mail Archiver) and User.Read delegated (Northwind Intranet and Cafeteria Menu)
        var (exitCode, output) = WardRunner.Run("who-can", "-i", Entra, "User.Read", "--format", "json");

        // Then both clients are conditional, Cafeteria Menu's requirements naming every user and gus alone
        Assert.Equal(0, exitCode);
        var root = JsonDocument.Parse(output).RootElement;
        Assert.Equal("User.Read", root.GetProperty("action").GetString());
        Assert.Equal(GraphServicePrincipal, root.GetProperty("resource").GetString());
        var menu = root.GetProperty("principals").EnumerateArray().Single(p => p.GetProperty("principal").GetString() == CafeteriaMenu).GetProperty("result");
        Assert.Equal("Conditional", Kind(menu));
        Assert.Contains("any user signs in to Cafeteria Menu (grant `grant-menu-allprincipals`)", Requirements(menu), StringComparer.Ordinal);
        Assert.Contains("gus.mensah@northwindtraders.com signs in to Cafeteria Menu (grant `grant-menu-gus`)", Requirements(menu), StringComparer.Ordinal);
        Assert.Equal(2, root.GetProperty("principals").GetArrayLength());
    }

    [Fact]
    public void The_JSON_answer_has_the_shape_of_the_other_can_answers()
    {
        var (exitCode, output) = WardRunner.Run("can", "-i", Entra, "Contoso Mail Archiver", "Microsoft Graph/Mail.Read", "--format", "json");

        Assert.Equal(0, exitCode);
        var root = JsonDocument.Parse(output).RootElement;
        Assert.Equal(MailArchiver, root.GetProperty("principal").GetString());
        Assert.Equal("Mail.Read", root.GetProperty("action").GetString());
        Assert.Equal(GraphServicePrincipal, root.GetProperty("resource").GetString());
        var layers = root.GetProperty("result").GetProperty("layers").EnumerateArray().ToList();
        Assert.Equal(["application permissions", "delegated permissions"], layers.Select(l => l.GetProperty("layer").GetString()), StringComparer.Ordinal);
        Assert.True(layers[0].GetProperty("decisive").GetBoolean());
        var statement = layers[0].GetProperty("statements")[0];
        Assert.Equal("app role assignment bc2818cd-663b-4605-a4dZq0gRw", statement.GetProperty("policy").GetString());
        Assert.Equal($"Mail.Read (app role {MailReadRole})", statement.GetProperty("statement").GetString());
    }

    [Fact]
    public void The_resource_may_be_named_by_display_name_application_id_object_id_or_argument()
    {
        string[] forms = ["Microsoft Graph/Mail.Read", "00000003-0000-0000-c000-000000000000/Mail.Read", $"{GraphServicePrincipal}/mail.read"];
        foreach (var form in forms)
        {
            Assert.Equal("Allowed", Kind(Can(Entra, "Contoso Mail Archiver", form)));
        }

        var (exitCode, output) = WardRunner.Run("can", "-i", Entra, "Contoso Mail Archiver", "Mail.Read", "Microsoft Graph", "--format", "json");
        Assert.Equal(0, exitCode);
        Assert.Equal("Allowed", Kind(JsonDocument.Parse(output).RootElement.GetProperty("result")));
    }

    [Fact]
    public void An_unknown_permission_or_an_ambiguous_resource_is_a_clear_error()
    {
        var (unknownExit, unknown) = WardRunner.Run("can", "-i", Entra, "Contoso Mail Archiver", "Mail.Reed");
        Assert.Equal(2, unknownExit);
        Assert.Contains("`Mail.Reed` is not a permission of `Microsoft Graph`", unknown, StringComparison.Ordinal);

        // Given a second service principal called Northwind Sync, and Exchange Online's service principal with full_access_as_app
        using var tenant = TenantCopy.Of(Entra);
        tenant.AddServicePrincipal(new JsonObject { ["id"] = "5c3a1e0f-2b7d-4e8a-9f61-0d2c4b6a8e13", ["appId"] = "0b4f2d6e-8a1c-4e3f-b5d7-9c1e3a5f7b20", ["displayName"] = "Northwind Sync", ["servicePrincipalType"] = "Application", ["accountEnabled"] = true, ["appRoles"] = new JsonArray(), ["oauth2PermissionScopes"] = new JsonArray() });
        tenant.AddServicePrincipal(new JsonObject
        {
            ["id"] = "d1c5a7e3-9b2f-4c6d-8e0a-2f4b6d8c0e19", ["appId"] = "00000002-0000-0ff1-ce00-000000000000", ["displayName"] = "Office 365 Exchange Online", ["servicePrincipalType"] = "Application", ["accountEnabled"] = true,
            ["appRoles"] = new JsonArray(new JsonObject { ["allowedMemberTypes"] = new JsonArray("Application"), ["displayName"] = "Use Exchange Web Services with full access to all mailboxes", ["id"] = "dc890d15-9560-4a4c-9b7f-a736ec74ec40", ["isEnabled"] = true, ["origin"] = "Application", ["value"] = "full_access_as_app" }),
            ["oauth2PermissionScopes"] = new JsonArray(),
        });

        var (ambiguousExit, ambiguous) = WardRunner.Run("can", "-i", tenant.Path, "Contoso Mail Archiver", "Northwind Sync/Sync.Run");
        var (unqualifiedExit, unqualified) = WardRunner.Run("can", "-i", tenant.Path, "Contoso Mail Archiver", "full_access_as_app");

        Assert.Equal(2, ambiguousExit);
        Assert.Contains("resource `Northwind Sync` names several service principals", ambiguous, StringComparison.Ordinal);
        Assert.Equal(2, unqualifiedExit);
        Assert.Contains("other resources define it: ask `Office 365 Exchange Online/full_access_as_app`", unqualified.ReplaceLineEndings(" "), StringComparison.Ordinal);
    }

    [Fact]
    public void What_can_lists_a_service_principals_application_permissions_and_delegated_grants()
    {
        // Given Northwind Provisioning (two Graph app roles) and Northwind Intranet (one grant for every user)
        var (provisioningExit, provisioning) = WardRunner.Run("what-can", "-i", Entra, "Northwind Provisioning", "--format", "json");
        var (intranetExit, intranet) = WardRunner.Run("what-can", "-i", Entra, "Northwind Intranet", "--format", "json");

        // Then each lists what it holds, by assignment or grant, and whom the grant covers
        Assert.Equal(0, provisioningExit);
        var roles = JsonDocument.Parse(provisioning).RootElement.GetProperty("applicationPermissions").EnumerateArray().ToList();
        Assert.Equal(["RoleManagement.ReadWrite.Directory", "User.Read.All"], roles.Select(r => r.GetProperty("permission").GetString()).Order(StringComparer.Ordinal), StringComparer.Ordinal);
        Assert.All(roles, r => Assert.True(r.GetProperty("effective").GetBoolean()));
        Assert.Contains(roles, r => r.GetProperty("assignment").GetString() == "c6f6e19c-790f-4819-a13Zq0gRw");
        Assert.Equal(0, intranetExit);
        var grant = Assert.Single(JsonDocument.Parse(intranet).RootElement.GetProperty("delegatedPermissions").EnumerateArray());
        Assert.Equal("grant-intranet-allprincipals", grant.GetProperty("grant").GetString());
        Assert.Equal("every user", grant.GetProperty("users").GetString());
        Assert.Contains("Mail.ReadWrite", grant.GetProperty("scopes").EnumerateArray().Select(s => s.GetString()), StringComparer.Ordinal);
    }

    [Fact]
    public void What_can_beside_an_Azure_export_gives_the_Azure_roles_and_the_API_permissions()
    {
        // Given the tenant with its Azure exports, which make what-can answer Azure RBAC
        var azure = Path.Combine(Repository.Root, "samples", "azure");
        var (exitCode, output) = WardRunner.Run("what-can", "-i", Entra, "-i", azure, "Northwind Provisioning", "--format", "json");
        var (consoleExit, console) = WardRunner.Run("what-can", "-i", Entra, "-i", azure, "Northwind Provisioning");
        var (groupExit, group) = WardRunner.Run("what-can", "-i", Entra, "-i", azure, BuildOperators, "--format", "json");

        // Then the service principal's Graph app roles come with its Azure roles, in JSON and on the console
        Assert.Equal(0, exitCode);
        var answer = JsonDocument.Parse(output).RootElement;
        Assert.True(answer.TryGetProperty("scopes", out _));
        var roles = answer.GetProperty("apiPermissions").GetProperty("applicationPermissions").EnumerateArray().Select(r => r.GetProperty("permission").GetString()!);
        Assert.Equal(["RoleManagement.ReadWrite.Directory", "User.Read.All"], roles.Order(StringComparer.Ordinal), StringComparer.Ordinal);
        Assert.Equal(0, consoleExit);
        Assert.Contains("Azure roles of", console, StringComparison.Ordinal);
        Assert.Contains("API permissions of", console, StringComparison.Ordinal);

        // and a group, which holds no API permission of its own, gets none
        Assert.Equal(0, groupExit);
        Assert.False(JsonDocument.Parse(group).RootElement.TryGetProperty("apiPermissions", out _));
    }

    [Fact]
    public void What_can_shows_an_app_role_held_through_a_group_as_not_app_only()
    {
        // Given Mail.Read assigned to the Build Operators group, of which the Northwind Orders service principal is a member
        using var tenant = TenantCopy.Of(Entra);
        tenant.AddAppRoleAssignment(GraphServicePrincipal, new JsonObject
        {
            ["id"] = "nJpBmgnMTEO6mKo7XSC3bK_group", ["deletedDateTime"] = null, ["appRoleId"] = MailReadRole, ["createdDateTime"] = "2025-06-02T08:00:00Z",
            ["principalDisplayName"] = "Build Operators", ["principalId"] = BuildOperators, ["principalType"] = "Group",
            ["resourceDisplayName"] = "Microsoft Graph", ["resourceId"] = GraphServicePrincipal,
        });
        tenant.AddGroupMember(BuildOperators, new JsonObject { ["@odata.type"] = "#microsoft.graph.servicePrincipal", ["id"] = Orders, ["displayName"] = "Northwind Orders" });

        // When we list what Northwind Orders (a member of the group) holds
        var (exitCode, output) = WardRunner.Run("what-can", "-i", tenant.Path, Orders, "--format", "json");

        Assert.Equal(0, exitCode);
        // Then its own Sites.Selected is effective, and the group's Mail.Read is listed as not app-only
        var roles = JsonDocument.Parse(output).RootElement.GetProperty("applicationPermissions").EnumerateArray().ToList();
        Assert.True(roles.Single(r => r.GetProperty("permission").GetString() == "Sites.Selected").GetProperty("effective").GetBoolean());
        var role = roles.Single(r => r.GetProperty("permission").GetString() == "Mail.Read");
        Assert.Equal("Build Operators", role.GetProperty("viaGroup").GetString());
        Assert.False(role.GetProperty("effective").GetBoolean());
        Assert.Contains("app-only tokens carry only the app roles assigned to the service principal itself", role.GetProperty("notIssued").GetString(), StringComparison.Ordinal);
    }

    private static JsonElement Can(string input, string principal, string permission, params string[] more)
    {
        var (exitCode, output) = WardRunner.Run(["can", "-i", input, principal, permission, "--format", "json", .. more]);
        Assert.True(exitCode == 0, output);
        return JsonDocument.Parse(output).RootElement.GetProperty("result");
    }

    private static string? Kind(JsonElement result) => result.GetProperty("decision").GetString();

    private static string Summary(JsonElement result) => result.GetProperty("summary").GetString()!;

    private static List<string> Requirements(JsonElement result) =>
        [.. result.GetProperty("requirements").EnumerateArray().Select(r => r.GetString()!)];
}
