using Ward.Core.Decisions;
using Ward.Microsoft.Entra.Directory;
using Ward.Microsoft.Entra.Evaluation;

namespace Ward.Microsoft.Tests.Entra;

/// <summary>Directory roles decided on concrete objects: scopes, groups, PIM, conditions and the password reset tiers.</summary>
public sealed class EntraRoleAuthorizerTests
{
    private const string Reset = "microsoft.directory/users/password/update";
    private const string AddCredential = "microsoft.directory/applications/credentials/update";

    private const string Helpdesk = "729827e3-9c14-49f7-bb1b-9608f156bbb8";
    private const string GlobalAdmin = "62e90394-69f5-4237-9190-012177145e10";
    private const string CloudAppAdmin = "158c047a-c907-4556-b7ef-446551a6b5f7";
    private const string CustomOwnerRole = "5e1d7c3a-0b8f-4d21-9c6e-2a4f8b7d1e90";
    private const string CustomReset = "a0c2e4f6-1b3d-4f5a-8c7e-9d0b2a4c6e81";

    private const string Dana = "4b1e9c2d-7a3f-4e5b-9c8d-1f2a3b4c5d61";
    private const string Erin = "4b1e9c2d-7a3f-4e5b-9c8d-1f2a3b4c5d62";
    private const string Ada = "4b1e9c2d-7a3f-4e5b-9c8d-1f2a3b4c5d63";
    private const string Lena = "4b1e9c2d-7a3f-4e5b-9c8d-1f2a3b4c5d64";
    private const string Chen = "4b1e9c2d-7a3f-4e5b-9c8d-1f2a3b4c5d65";
    private const string Ben = "4b1e9c2d-7a3f-4e5b-9c8d-1f2a3b4c5d66";
    private const string Gus = "4b1e9c2d-7a3f-4e5b-9c8d-1f2a3b4c5d67";
    private const string Ivan = "4b1e9c2d-7a3f-4e5b-9c8d-1f2a3b4c5d68";
    private const string Marco = "4b1e9c2d-7a3f-4e5b-9c8d-1f2a3b4c5d69";
    private const string Rita = "4b1e9c2d-7a3f-4e5b-9c8d-1f2a3b4c5d70";
    private const string Tom = "4b1e9c2d-7a3f-4e5b-9c8d-1f2a3b4c5d71";

    private const string Tier0 = "7d2c4e6f-8a1b-4c3d-9e5f-0a1b2c3d4e51";
    private const string HelpdeskTeam = "7d2c4e6f-8a1b-4c3d-9e5f-0a1b2c3d4e52";
    private const string StoreStaff = "7d2c4e6f-8a1b-4c3d-9e5f-0a1b2c3d4e53";
    private const string StoresEu = "9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c61";
    private const string Vault = "9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c62";
    private const string MenuApp = "2f4e6a8c-0b1d-4e3f-8a5c-7e9b1d3f5a71";
    private const string PayrollApp = "2f4e6a8c-0b1d-4e3f-8a5c-7e9b1d3f5a72";

    // Given a small tenant:
    //   dana: Helpdesk Administrator (tenant); chen: Helpdesk scoped to Stores EU (members lena and the group Store Staff,
    //   whose member is marco); erin: Helpdesk too; ada: Global Administrator and member of the role-assignable Tier0;
    //   ben: eligible Helpdesk; the Helpdesk Team (role-assignable) holds Helpdesk and has gus as member;
    //   ivan: Cloud Application Administrator scoped to the Menu app, and a custom role that adds credentials to apps
    //   he owns; rita: a custom role that may reset passwords; tom: member of the restricted management unit Vault.
    private static readonly EntraDirectory Tenant = new()
    {
        Users = [.. new[] { Dana, Erin, Ada, Lena, Chen, Ben, Gus, Ivan, Marco, Rita, Tom }.Select(id => new EntraUser { Id = id })],
        Groups =
        [
            new EntraGroup { Id = Tier0, DisplayName = "Tier0", IsAssignableToRole = true, Members = [User(Ada)] },
            new EntraGroup { Id = HelpdeskTeam, DisplayName = "Helpdesk Team", IsAssignableToRole = true, Members = [User(Gus)] },
            new EntraGroup { Id = StoreStaff, DisplayName = "Store Staff", Members = [User(Marco)] },
        ],
        AdministrativeUnits =
        [
            new AdministrativeUnit { Id = StoresEu, DisplayName = "Stores EU", Members = [User(Lena), new DirectoryObjectReference(StoreStaff, DirectoryObjectKind.Group)] },
            new AdministrativeUnit { Id = Vault, DisplayName = "Vault", IsMemberManagementRestricted = true, Members = [User(Tom)] },
        ],
        RoleDefinitions =
        [
            Role(Helpdesk, "Helpdesk Administrator", null, "microsoft.directory/users/invalidateAllRefreshTokens", "microsoft.directory/users/bitLockerRecoveryKeys/read", Reset, "microsoft.azure.serviceHealth/allEntities/allTasks"),
            Role(GlobalAdmin, "Global Administrator", null, "microsoft.directory/users/allProperties/allTasks", "microsoft.directory/applications/allProperties/allTasks"),
            Role(CloudAppAdmin, "Cloud Application Administrator", null, "microsoft.directory/applications/create", AddCredential, "microsoft.directory/applications/owners/update"),
            Role(CustomOwnerRole, "App credential operator", "$SubjectIsOwner", AddCredential) with { IsBuiltIn = false },
            Role(CustomReset, "Store password desk", null, Reset) with { IsBuiltIn = false },
        ],
        RoleAssignments =
        [
            Assign(Dana, Helpdesk), Assign(Erin, Helpdesk), Assign(Ada, GlobalAdmin), Assign(HelpdeskTeam, Helpdesk),
            Assign(Chen, Helpdesk, $"/administrativeUnits/{StoresEu}"), Assign(Ivan, CloudAppAdmin, $"/{MenuApp}"), Assign(Ivan, CustomOwnerRole),
            Assign(Rita, CustomReset), Assign(Tier0, "7be44c8a-adaf-4e2a-84d6-ab2649e08a13"),
        ],
        RoleEligibilityScheduleInstances = [Assign(Ben, Helpdesk) with { Source = RoleAssignmentSource.EligibilityScheduleInstance }],
        Applications =
        [
            new EntraApplication { Id = MenuApp, AppId = "0c9e8d7f-6a5b-4c3d-9e2f-1a0b9c8d7e61", DisplayName = "Cafeteria Menu" },
            new EntraApplication { Id = PayrollApp, AppId = "0c9e8d7f-6a5b-4c3d-9e2f-1a0b9c8d7e62", DisplayName = "Payroll", Owners = [User(Ivan)] },
        ],
    };

    private static readonly EntraRoleAuthorizer Authorizer = new(Tenant);

    [Theory]
    [InlineData("microsoft.directory/applications/allProperties/allTasks", AddCredential, true)]
    [InlineData("microsoft.directory/applications/allProperties/allTasks", "microsoft.directory/applications/create", true)]
    [InlineData("microsoft.directory/applications/allProperties/read", AddCredential, false)]
    [InlineData("microsoft.directory/applications/allProperties/update", AddCredential, true)]
    [InlineData("microsoft.directory/users/basic/update", Reset, false)]
    [InlineData("microsoft.azure.serviceHealth/allEntities/allTasks", "microsoft.azure.serviceHealth/healthEvents/read", true)]
    [InlineData("Microsoft.Directory/Users/Password/Update", Reset, true)]
    [InlineData("microsoft.directory/servicePrincipals/credentials/update", AddCredential, false)]
    [InlineData("microsoft.office365.exchange/allEntities/allTasks", Reset, false)]
    [InlineData("microsoft.office365.protectionCenter/attackSimulator/payload/allProperties/read", "microsoft.office365.protectionCenter/attackSimulator/payload/basic/read", true)]
    [InlineData("microsoft.networkAccess/allEntities/allProperties/read", "microsoft.networkAccess/forwardingProfiles/standard/read", true)]
    [InlineData("microsoft.directory/accessReviews/definitions.groups/allProperties/read", "microsoft.directory/accessReviews/definitions.groupsAssignableToRoles/basic/read", false)]
    [InlineData("microsoft.directory/groups/members/update", "microsoft.directory/groupsAssignableToRoles/members/update", false)]
    public void Resource_action_patterns_follow_the_documented_keywords(string pattern, string action, bool expected) =>
        Assert.Equal(expected, ResourceActionPattern.Matches(pattern, action));

    [Fact]
    public void A_helpdesk_administrator_resets_a_user_without_roles_and_another_helpdesk_administrator()
    {
        // When dana resets lena (no role) and erin (Helpdesk Administrator, on the Helpdesk list)
        // Then both are allowed, by the Helpdesk role's password permission
        var lena = Authorizer.Authorize(Dana, Reset, Lena);
        Assert.Equal(DecisionKind.Allowed, lena.Kind);
        Assert.Contains("Helpdesk Administrator", lena.Explanation.Summary, StringComparison.Ordinal);
        Assert.Equal(DecisionKind.Allowed, Authorizer.Authorize(Dana, Reset, Erin).Kind);
    }

    [Fact]
    public void A_helpdesk_administrator_cannot_reset_a_member_of_a_role_assignable_group()
    {
        // When dana resets ada, a Global Administrator and member of the role-assignable Tier0
        var decision = Authorizer.Authorize(Dana, Reset, Ada);

        // Then it is denied, and the explanation names the protection
        Assert.Equal(DecisionKind.ImplicitDeny, decision.Kind);
        Assert.Contains("role-assignable group", decision.Explanation.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public void A_global_administrator_resets_anyone()
    {
        // When ada resets dana (Helpdesk Administrator)
        // Then Global Administrator's allProperties/allTasks on users allows it, whatever roles dana holds
        Assert.Equal(DecisionKind.Allowed, Authorizer.Authorize(Ada, Reset, Dana).Kind);
    }

    [Fact]
    public void A_role_scoped_to_an_administrative_unit_reaches_its_direct_members_only()
    {
        // Given chen, Helpdesk Administrator of Stores EU (members: lena, and the group Store Staff with marco)
        // Then chen may reset lena, but neither marco (member of a member group) nor dana (outside the unit)
        Assert.Equal(DecisionKind.Allowed, Authorizer.Authorize(Chen, Reset, Lena).Kind);
        var marco = Authorizer.Authorize(Chen, Reset, Marco);
        Assert.Equal(DecisionKind.ImplicitDeny, marco.Kind);
        Assert.Contains("members of member groups are not reached", marco.Explanation.Summary, StringComparison.Ordinal);
        Assert.Equal(DecisionKind.ImplicitDeny, Authorizer.Authorize(Chen, Reset, Dana).Kind);
    }

    [Fact]
    public void A_role_held_by_a_role_assignable_group_counts_for_its_members()
    {
        // When gus, member of the Helpdesk Team group that holds Helpdesk Administrator, resets lena
        var decision = Authorizer.Authorize(Gus, Reset, Lena);

        // Then he may, through the group
        Assert.Equal(DecisionKind.Allowed, decision.Kind);
        Assert.Contains("through group `Helpdesk Team`", decision.Explanation.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public void An_eligible_role_counts_only_once_activated()
    {
        // Given ben, eligible for Helpdesk Administrator
        // Then he may not reset lena now, and may once he activates it
        Assert.Equal(DecisionKind.ImplicitDeny, Authorizer.Authorize(Ben, Reset, Lena).Kind);
        Assert.Equal(DecisionKind.Allowed, Authorizer.Authorize(Ben, Reset, Lena, activateEligible: true).Kind);
    }

    [Fact]
    public void A_role_scoped_to_one_application_reaches_that_application_only()
    {
        // Given ivan, Cloud Application Administrator scoped to the Menu app
        // Then he may add credentials to Menu, and not to an app nobody scoped him to...
        Assert.Equal(DecisionKind.Allowed, Authorizer.Authorize(Ivan, AddCredential, MenuApp).Kind);

        // ...except through his custom role, whose permission holds on the apps he owns (Payroll)
        var payroll = Authorizer.Authorize(Ivan, AddCredential, PayrollApp);
        Assert.Equal(DecisionKind.Allowed, payroll.Kind);
        Assert.Contains("App credential operator", payroll.Explanation.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public void An_owner_manages_what_it_owns_without_a_role_when_ownership_is_asked_about()
    {
        // Given ivan, who owns the Payroll application, and a tenant where his custom role is taken away; and
        // the Store Staff group given marco as its owner
        var tenant = Tenant with
        {
            RoleAssignments = [.. Tenant.RoleAssignments.Where(a => a.PrincipalId != Ivan)],
            Groups = [.. Tenant.Groups.Select(g => g.Id == StoreStaff ? g with { Owners = [User(Marco)] } : g)],
        };
        var authorizer = new EntraRoleAuthorizer(tenant);

        // Then as owners they may add a credential to the application and members to the group, but only when
        // ownership counts (the escalation checkers model it apart), and only on what they own
        var credential = authorizer.Authorize(Ivan, AddCredential, PayrollApp, ownership: true);
        Assert.Equal(DecisionKind.Allowed, credential.Kind);
        Assert.Contains("owner of application `Payroll`", credential.Explanation.Summary, StringComparison.Ordinal);
        Assert.Equal(DecisionKind.Allowed, authorizer.Authorize(Marco, "microsoft.directory/groups/members/update", StoreStaff, ownership: true).Kind);
        Assert.Equal(DecisionKind.ImplicitDeny, authorizer.Authorize(Ivan, AddCredential, PayrollApp).Kind);
        Assert.Equal(DecisionKind.ImplicitDeny, authorizer.Authorize(Ivan, AddCredential, MenuApp, ownership: true).Kind);
        Assert.Equal(DecisionKind.ImplicitDeny, authorizer.Authorize(Marco, "microsoft.directory/groups/members/update", Tier0, ownership: true).Kind);
        Assert.Equal(DecisionKind.ImplicitDeny, authorizer.Authorize(Ivan, Reset, Lena, ownership: true).Kind);
    }

    [Fact]
    public void The_role_assignable_group_refusal_names_every_role_that_may_act_on_its_members()
    {
        // Given the tenant with erin made Partner Tier2 Support and User Administrator instead of Helpdesk
        const string PartnerTier2 = "e00e864a-17c5-4a4b-9c06-f5b95a8d5bd8";
        const string UserAdmin = "fe930be7-5e62-47db-91af-98c3a49a38b1";
        var tenant = Tenant with
        {
            RoleDefinitions = [.. Tenant.RoleDefinitions, Role(PartnerTier2, "Partner Tier2 Support", null, Reset), Role(UserAdmin, "User Administrator", null, Reset, "microsoft.directory/users/disable")],
            RoleAssignments = [.. Tenant.RoleAssignments.Where(a => a.PrincipalId != Erin), Assign(Erin, PartnerTier2), Assign(Erin, UserAdmin)],
        };
        var authorizer = new EntraRoleAuthorizer(tenant);

        // When dana (Helpdesk) resets ada, member of the role-assignable Tier0, and erin resets and disables her
        var refused = authorizer.Authorize(Dana, Reset, Ada);

        // Then the refusal names the three roles that reset such a user, Partner Tier2 Support among them, and it does;
        // disabling her is left to the two roles Microsoft's sensitive actions table lets act on anyone
        Assert.Contains("only Privileged Authentication Administrators, Global Administrators and Partner Tier2 Support may reset its password", refused.Explanation.Summary, StringComparison.Ordinal);
        Assert.Equal(DecisionKind.Allowed, authorizer.Authorize(Erin, Reset, Ada).Kind);
        var disable = authorizer.Authorize(Erin, "microsoft.directory/users/disable", Ada);
        Assert.Equal(DecisionKind.ImplicitDeny, disable.Kind);
        Assert.Contains("only Privileged Authentication Administrators and Global Administrators may perform the sensitive action", disable.Explanation.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public void A_permission_under_SubjectIsOwner_does_not_reach_what_the_principal_does_not_own()
    {
        // Given a tenant where ivan owns nothing
        var tenant = Tenant with { Applications = [.. Tenant.Applications.Select(a => a with { Owners = [] })] };

        // Then his custom role gives him nothing on Payroll
        var decision = new EntraRoleAuthorizer(tenant).Authorize(Ivan, AddCredential, PayrollApp);
        Assert.Equal(DecisionKind.ImplicitDeny, decision.Kind);
        Assert.Contains("$SubjectIsOwner", decision.Explanation.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public void Members_of_a_restricted_management_unit_are_out_of_reach_of_tenant_roles()
    {
        // When dana (tenant Helpdesk) resets tom, member of the restricted management unit Vault
        var decision = Authorizer.Authorize(Dana, Reset, Tom);

        // Then she may not
        Assert.Equal(DecisionKind.ImplicitDeny, decision.Kind);
        Assert.Contains("restricted management administrative unit", decision.Explanation.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public void A_reset_by_a_role_missing_from_the_tier_table_is_indeterminate_on_administrators()
    {
        // Given rita, whose custom role may reset passwords (Microsoft lists no tier for custom roles)
        // Then she may reset lena (no role), and whether she may reset dana (Helpdesk) is not guessed
        Assert.Equal(DecisionKind.Allowed, Authorizer.Authorize(Rita, Reset, Lena).Kind);
        Assert.Equal(DecisionKind.Indeterminate, Authorizer.Authorize(Rita, Reset, Dana).Kind);
    }

    [Fact]
    public void A_role_whose_definition_is_missing_makes_the_decision_indeterminate()
    {
        // Given a tenant without role definitions
        var decision = new EntraRoleAuthorizer(Tenant with { RoleDefinitions = [] }).Authorize(Dana, Reset, Lena);

        // Then Ward does not guess
        Assert.Equal(DecisionKind.Indeterminate, decision.Kind);
        Assert.Contains("not in the export", decision.Explanation.Summary, StringComparison.Ordinal);
    }

    private static DirectoryObjectReference User(string id) => new(id, DirectoryObjectKind.User);

    private static DirectoryRoleDefinition Role(string id, string name, string? condition, params string[] actions) => new()
    {
        Id = id,
        TemplateId = id,
        DisplayName = name,
        IsBuiltIn = true,
        RolePermissions = [new RolePermission { AllowedResourceActions = [.. actions], Condition = condition }],
    };

    private static DirectoryRoleAssignment Assign(string principal, string role, string scope = "/") => new()
    {
        Id = $"{principal}-{role}-{scope}",
        PrincipalId = principal,
        RoleDefinitionId = role,
        DirectoryScope = DirectoryScope.Parse(scope),
        Source = RoleAssignmentSource.RoleAssignment,
    };
}
