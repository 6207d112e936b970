using System.Text.Json;
using System.Text.Json.Nodes;

namespace Ward.Cli.Tests;

/// <summary>
/// <c>can</c> and <c>who-can</c> on Entra ID directory roles, on the bundled Northwind tenant (samples/microsoft.md
/// lists who holds what).
/// </summary>
public sealed class EntraQuestionTests
{
    private const string ResetPassword = "microsoft.directory/users/password/update";
    private static readonly string Entra = Path.Combine(Repository.Root, "samples", "entra");

    [Fact]
    public void A_Helpdesk_Administrator_scoped_to_an_administrative_unit_resets_its_members_only()
    {
        // Given chen.wei, Helpdesk Administrator scoped to the Stores EU administrative unit (lena is a member, frank is not)
        // When we ask whether chen may reset each one's password
        var lena = Can("chen.wei@northwindtraders.com", ResetPassword, "lena.vogel@northwindtraders.com");
        var frank = Can("chen.wei@northwindtraders.com", ResetPassword, "frank.osei@northwindtraders.com");

        // Then lena's is allowed by the scoped role, and frank's refused with the unit named
        Assert.Equal("Allowed", Kind(lena));
        Assert.Equal("ImplicitDeny", Kind(frank));
        Assert.Contains("is not a member of the administrative unit `Stores EU`", Summary(frank), StringComparison.Ordinal);
    }

    [Fact]
    public void A_tenant_wide_Helpdesk_Administrator_cannot_reset_a_Global_Administrators_password()
    {
        // Given dana.ruiz, Helpdesk Administrator of the whole tenant, and ada.okafor, Global Administrator
        var result = Can("dana.ruiz@northwindtraders.com", ResetPassword, "ada.okafor@northwindtraders.com");

        // Then the reset tiers refuse it, naming the role that protects ada
        Assert.Equal("ImplicitDeny", Kind(result));
        Assert.Contains("Global Administrator", Summary(result), StringComparison.Ordinal);
    }

    [Fact]
    public void Who_can_reset_a_users_password_lists_the_role_holders_that_reach_the_user()
    {
        // When we ask who may reset frank.osei's password (he holds no directory role)
        var (exitCode, output) = WardRunner.Run("who-can", "-i", Entra, ResetPassword, "frank.osei@northwindtraders.com", "--format", "json");

        // Then the Global Administrators and the tenant-wide Helpdesk Administrator may; chen (scoped to a unit frank
        // is not in) and eve (Groups Administrator) are not listed
        Assert.Equal(0, exitCode);
        var allowed = JsonDocument.Parse(output).RootElement.GetProperty("principals").EnumerateArray()
            .Where(p => p.GetProperty("result").GetProperty("decision").GetString() == "Allowed")
            .Select(p => p.GetProperty("principal").GetString())
            .ToHashSet(StringComparer.Ordinal);
        Assert.Contains(UserId("ada.okafor@northwindtraders.com"), allowed);
        Assert.Contains(UserId("dana.ruiz@northwindtraders.com"), allowed);
        Assert.DoesNotContain(UserId("chen.wei@northwindtraders.com"), allowed);
        Assert.DoesNotContain(UserId("eve.lindqvist@northwindtraders.com"), allowed);
    }

    [Fact]
    public void A_Groups_Administrator_changes_an_ordinary_groups_members_but_not_a_role_assignable_groups()
    {
        // Given nina.kowalski, Groups Administrator of the tenant; Tier0 Admins is role-assignable, Prod Owners is not
        var tier0 = Can("nina.kowalski@northwindtraders.com", "microsoft.directory/groups/members/update", "Tier0 Admins");
        var prodOwners = Can("nina.kowalski@northwindtraders.com", "microsoft.directory/groups/members/update", "Prod Owners");

        // Then Tier0 Admins is refused, naming the entity that reaches it, and Prod Owners allowed
        Assert.Equal("ImplicitDeny", Kind(tier0));
        Assert.Contains("`Tier0 Admins` is a role-assignable group, which only `microsoft.directory/groupsAssignableToRoles/members/update` reaches", Summary(tier0), StringComparison.Ordinal);
        Assert.Equal("Allowed", Kind(prodOwners));
    }

    [Fact]
    public void A_Groups_Administrator_scoped_to_an_administrative_unit_changes_its_ordinary_groups_only()
    {
        // Given eve.lindqvist, Groups Administrator scoped to Head Office Groups, which holds Tier0 Admins
        // (role-assignable) and All Staff; Prod Owners is outside the unit
        var allStaff = Can("eve.lindqvist@northwindtraders.com", "microsoft.directory/groups/members/update", "All Staff");
        var tier0 = Can("eve.lindqvist@northwindtraders.com", "microsoft.directory/groups/members/update", "Tier0 Admins");
        var prodOwners = Can("eve.lindqvist@northwindtraders.com", "microsoft.directory/groups/members/update", "Prod Owners");

        // Then All Staff is allowed, Tier0 Admins refused though it is in her unit, and Prod Owners refused by the scope
        Assert.Equal("Allowed", Kind(allStaff));
        Assert.Equal("ImplicitDeny", Kind(tier0));
        Assert.Contains("`Tier0 Admins` is a role-assignable group", Summary(tier0), StringComparison.Ordinal);
        Assert.Equal("ImplicitDeny", Kind(prodOwners));
        Assert.Contains("is not a member of the administrative unit `Head Office Groups`", Summary(prodOwners), StringComparison.Ordinal);
    }

    [Fact]
    public void A_PIM_eligible_role_is_answered_as_it_is_and_as_it_would_be_once_activated()
    {
        // Given ben.carter, eligible (not active) for Privileged Role Administrator
        var (exitCode, output) = WardRunner.Run("can", "-i", Entra, "ben.carter@northwindtraders.com", "microsoft.directory/roleAssignments/allProperties/allTasks", "/", "--format", "json");

        // Then he may not assign roles now, and may once he activates the eligibility
        Assert.Equal(0, exitCode);
        var root = JsonDocument.Parse(output).RootElement;
        Assert.Equal("ImplicitDeny", Kind(root.GetProperty("result")));
        Assert.Equal("Allowed", Kind(root.GetProperty("ifActivated")));
    }

    [Fact]
    public void An_eligibility_is_read_at_the_reference_time()
    {
        // Given ben.carter's eligibility for Privileged Role Administrator, from 2025-04-01 to 2027-04-01
        // When we ask as of a day after it ended
        var (exitCode, output) = WardRunner.Run("can", "-i", Entra, "ben.carter@northwindtraders.com", "microsoft.directory/roleAssignments/allProperties/allTasks", "/", "--as-of", "2027-04-02T00:00:00Z", "--format", "json");

        // Then there is nothing left to activate
        Assert.Equal(0, exitCode);
        var root = JsonDocument.Parse(output).RootElement;
        Assert.Equal("ImplicitDeny", Kind(root.GetProperty("result")));
        Assert.Equal("ImplicitDeny", Kind(root.GetProperty("ifActivated")));
    }

    [Fact]
    public void A_role_assigned_at_an_app_specific_scope_does_not_reach_the_directory()
    {
        // Given the sample, where frank.osei (no directory role) is given Privileged Role Administrator at an
        // app-specific scope: `appScopeId` set, `directoryScopeId` null, as Microsoft Graph lists such an assignment
        var copy = Directory.CreateTempSubdirectory("ward-app-scope-").FullName;
        foreach (var file in Directory.EnumerateFiles(Entra, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(copy, Path.GetRelativePath(Entra, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }

        var assignments = Path.Combine(copy, "role-assignments.json");
        var page = JsonNode.Parse(File.ReadAllText(assignments))!;
        page["value"]!.AsArray().Add(JsonNode.Parse($$"""
            {"id": "uLBh6InBvEaU4WAhOr_4FF-KPMg7NpZPoMTiZou58XkT-1", "principalId": "{{UserId("frank.osei@northwindtraders.com")}}", "roleDefinitionId": "e8611ab8-c189-46e8-94e1-60213ab1f814", "directoryScopeId": null, "appScopeId": "/AccessPackageCatalog/beedadfe-01d5-4025-910b-84abb9369997"}
            """));
        File.WriteAllText(assignments, page.ToJsonString());

        // When we ask whether frank may assign directory roles
        var (exitCode, output) = WardRunner.Run("can", "-i", copy, "frank.osei@northwindtraders.com", "microsoft.directory/roleAssignments/allProperties/allTasks", "/", "--format", "json");
        Directory.Delete(copy, recursive: true);

        // Then he may not: the role's scope is named, and why it does not reach the directory
        Assert.True(exitCode == 0, output);
        var result = JsonDocument.Parse(output).RootElement.GetProperty("result");
        Assert.Equal("ImplicitDeny", Kind(result));
        Assert.Contains("it is scoped to the app-specific scope `/AccessPackageCatalog/beedadfe-01d5-4025-910b-84abb9369997` (`appScopeId`), which only the application that defines it understands", Summary(result), StringComparison.Ordinal);
    }

    [Fact]
    public void A_permission_under_ResourceIsSelf_holds_on_the_principals_own_object_only()
    {
        // Given frank.osei (no directory role) assigned, tenant-wide, a custom role whose one permission carries the
        // `$ResourceIsSelf` condition, as Microsoft Graph lists its roleDefinitions
        using var tenant = TenantCopy.Of(Entra);
        const string SelfService = "3f6a2b1c-8d4e-4f7a-9b2c-5e1d0a9f8c73";
        tenant.AddRoleDefinition(new JsonObject
        {
            ["id"] = SelfService, ["description"] = "Edits one's own profile", ["displayName"] = "Profile Self-Service", ["isBuiltIn"] = false, ["isEnabled"] = true,
            ["resourceScopes"] = new JsonArray("/"), ["templateId"] = SelfService, ["version"] = null,
            ["rolePermissions"] = new JsonArray(new JsonObject { ["allowedResourceActions"] = new JsonArray("microsoft.directory/users/basic/update"), ["condition"] = "$ResourceIsSelf" }),
            ["inheritsPermissionsFrom"] = new JsonArray(),
        });
        tenant.AddRoleAssignment(new JsonObject
        {
            ["id"] = "HGs_P05Nekoi4BfO3qJ1wyE7mZ5CXkRPm6aEHn5kxWv-1", ["principalId"] = UserId("frank.osei@northwindtraders.com"), ["roleDefinitionId"] = SelfService,
            ["directoryScopeId"] = "/", ["appScopeId"] = null,
        });

        // When we ask whether frank may update his own profile, and jo.martin's
        var own = Can(tenant.Path, "frank.osei@northwindtraders.com", "microsoft.directory/users/basic/update", "frank.osei@northwindtraders.com");
        var another = Can(tenant.Path, "frank.osei@northwindtraders.com", "microsoft.directory/users/basic/update", "jo.martin@northwindtraders.com");

        // Then his own is allowed by the custom role, and jo's refused, naming the condition that does not hold
        Assert.Equal("Allowed", Kind(own));
        Assert.Contains("Profile Self-Service", Summary(own), StringComparison.Ordinal);
        Assert.Equal("ImplicitDeny", Kind(another));
        Assert.Contains($"only under `$ResourceIsSelf`, which does not hold for `{UserId("jo.martin@northwindtraders.com")}`", Summary(another), StringComparison.Ordinal);
    }

    [Fact]
    public void A_directory_question_without_an_Entra_export_is_a_clear_error()
    {
        // Given only the Azure sample
        var (exitCode, output) = WardRunner.Run("can", "-i", Path.Combine(Repository.Root, "samples", "azure"), "dana.ruiz@northwindtraders.com", ResetPassword, "/");

        // Then Ward says which export is missing instead of answering
        Assert.Equal(2, exitCode);
        Assert.Contains("no Entra ID export was read", output, StringComparison.Ordinal);
    }

    [Fact]
    public void The_console_answer_states_its_verdict_once()
    {
        // Given chen.wei's allowed reset of lena's password, whose summary opens with "Allowed:"
        var (exitCode, output) = WardRunner.Run("can", "-i", Entra, "chen.wei@northwindtraders.com", ResetPassword, "lena.vogel@northwindtraders.com");

        // Then the console says "Allowed:" once, before the rest of the summary
        Assert.Equal(0, exitCode);
        Assert.Contains("Allowed: Helpdesk Administrator", output, StringComparison.Ordinal);
        Assert.DoesNotContain("Allowed: Allowed:", output, StringComparison.Ordinal);
    }

    [Fact]
    public void A_user_may_be_named_by_display_name_as_the_error_message_says()
    {
        // Given chen.wei and lena.vogel named as the directory shows them
        var (exitCode, output) = WardRunner.Run("can", "-i", Entra, "Chen Wei", ResetPassword, "Lena Vogel");

        // Then the question is the same as by user principal name
        Assert.Equal(0, exitCode);
        Assert.Contains("Allowed: Helpdesk Administrator", output, StringComparison.Ordinal);
    }

    private static JsonElement Can(string principal, string action, string resource) => Can(Entra, principal, action, resource);

    private static JsonElement Can(string input, string principal, string action, string resource)
    {
        var (exitCode, output) = WardRunner.Run("can", "-i", input, principal, action, resource, "--format", "json");
        Assert.True(exitCode == 0, output);
        return JsonDocument.Parse(output).RootElement.GetProperty("result");
    }

    private static string? Kind(JsonElement result) => result.GetProperty("decision").GetString();

    private static string Summary(JsonElement result) => result.GetProperty("summary").GetString()!;

    private static string UserId(string userPrincipalName)
    {
        var users = Directory.GetFiles(Entra, "users*.json").SelectMany(file => JsonDocument.Parse(File.ReadAllText(file)).RootElement.GetProperty("value").EnumerateArray());
        return users.Single(u => u.GetProperty("userPrincipalName").GetString() == userPrincipalName).GetProperty("id").GetString()!;
    }
}
