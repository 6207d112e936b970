using Ward.Analysis.Tests.Testing;

namespace Ward.Analysis.Tests.Rules.PrivilegeEscalation;

/// <summary>The privilege-escalation rule on an Entra ID tenant written with <see cref="TestTenant"/>.</summary>
public sealed class MicrosoftPrivilegeEscalationTests
{
    private const string DirectoryReadWriteAll = "19dbc75e-c2e2-444c-a770-ec69d8559fc7";
    private const string RoleManagementReadWriteDirectory = "9e3f62cf-ca93-4989-b6ce-bf83c28f9fe8";
    private const string UserReadAll = "df021288-bdef-4463-88db-98f22de89214";
    private const string PolicyReadWritePermissionGrant = "a402ca1c-2696-4531-972d-6e5ee4aa11ea";
    private const string VirtualMachineContributor = "9980e02c-c2be-4d73-94e8-173b1dc7cf3c";
    private const string PolicyReadWriteConditionalAccess = "01c0a623-fc9b-48e9-b794-0756f8e8f067";
    private const string ApplicationReadAll = "9a5d68dd-52b0-4cc2-bd40-abcf44ac3a30";

    [Fact]
    public void A_disabled_service_principal_starts_no_path_but_its_owner_who_enables_it_does()
    {
        // Given two applications of the tenant holding Microsoft Graph RoleManagement.ReadWrite.Directory: live-sync,
        // enabled, and dormant-sync, disabled (Entra ID issues it no token); carol owns dormant-sync's service principal
        var tenant = new TestTenant();
        tenant.User("carol");
        tenant.ApplicationServicePrincipal("live-sync", secretSinceDaysAgo: null);
        tenant.ApplicationServicePrincipal("dormant-sync", secretSinceDaysAgo: null, enabled: false);
        tenant.GrantGraphPermission("live-sync", "RoleManagement.ReadWrite.Directory", RoleManagementReadWriteDirectory)
            .GrantGraphPermission("dormant-sync", "RoleManagement.ReadWrite.Directory", RoleManagementReadWriteDirectory)
            .Owners("service-principal-owners", "dormant-sync", "carol");

        var findings = tenant.Scan().Of("privilege-escalation").ToList();

        // Then the enabled one escalates, the disabled one does not; carol enables it, adds a secret and escalates
        Assert.Contains(findings, f => f.Principal == TestTenant.Id("live-sync"));
        Assert.DoesNotContain(findings, f => f.Principal == TestTenant.Id("dormant-sync"));
        var carol = Assert.Single(findings, f => f.Principal == TestTenant.Id("carol"));
        Assert.Contains("enables the disabled service principal `dormant-sync` first", carol.Path[0].Description, StringComparison.Ordinal);
    }

    [Fact]
    public void A_virtual_machine_contributor_runs_code_as_a_machine_identity_holding_RoleManagement_ReadWrite_Directory()
    {
        // Given an operator, Virtual Machine Contributor of rg-build, and vm-build there, whose system-assigned
        // identity holds Microsoft Graph RoleManagement.ReadWrite.Directory
        var tenant = MachineIdentityTenant("RoleManagement.ReadWrite.Directory", RoleManagementReadWriteDirectory);

        var operatorFinding = Assert.Single(tenant.Scan().Of("privilege-escalation"), f => f.Principal == TestTenant.Id("operator"));

        // Then the operator runs code on the VM (a script extension; a run command is the other edge, as short) and
        // acts as its identity, which assigns itself Global Administrator
        Assert.Equal(
            [("azure-vm-extension", TestTenant.Id("operator"), TestTenant.Id("vm-build-identity")), ("entra-assign-role", TestTenant.Id("vm-build-identity"), TestTenant.Id("vm-build-identity"))],
            operatorFinding.Path.Select(s => (s.Technique, s.From, s.To)));
        var runCode = Assert.Single(operatorFinding.Path[0].Permissions);
        Assert.Equal("Microsoft.Compute/virtualMachines/extensions/write", runCode.Action);
        Assert.Equal(TestTenant.VirtualMachineId("vm-build"), runCode.Resource, StringComparer.OrdinalIgnoreCase);
        Assert.Contains(tenant.EscalationGraph().Edges, e => (e.Technique, e.From.Value, e.To.Value) == ("azure-vm-run-command", TestTenant.Id("operator"), TestTenant.Id("vm-build-identity")));
        Assert.Contains("assigns itself Global Administrator with Microsoft Graph RoleManagement.ReadWrite.Directory", operatorFinding.Path[1].Description, StringComparison.Ordinal);
    }

    [Fact]
    public void A_machine_identity_holding_only_User_Read_All_gives_its_operators_no_path()
    {
        // Given the same operator and VM, the identity holding only Microsoft Graph User.Read.All
        var tenant = MachineIdentityTenant("User.Read.All", UserReadAll);

        // Then nobody escalates
        Assert.Empty(tenant.Scan().Of("privilege-escalation"));
    }

    [Fact]
    public void Policy_ReadWrite_PermissionGrant_is_no_edge_but_is_reported_as_a_high_risk_permission()
    {
        // Given a service principal holding only Microsoft Graph Policy.ReadWrite.PermissionGrant, which rewrites the
        // permission grant policies (what users may consent to), in a tenant with a Global Administrator and a user
        var tenant = new TestTenant();
        tenant.User("admin");
        tenant.User("plain");
        tenant.AssignRole("admin", "Global Administrator");
        tenant.ApplicationServicePrincipal("consent-policy-writer", secretSinceDaysAgo: null);
        tenant.GrantGraphPermission("consent-policy-writer", "Policy.ReadWrite.PermissionGrant", PolicyReadWritePermissionGrant);

        var result = tenant.Scan();

        // Then no checker gives it an edge (each use still needs a user to consent and sign in), so it has no path,
        // and high-risk-application-permission reports what it holds
        Assert.DoesNotContain(tenant.EveryEdge(), e => e.From.Value == TestTenant.Id("consent-policy-writer"));
        Assert.Empty(result.Of("privilege-escalation"));
        var finding = Assert.Single(result.Of("high-risk-application-permission"));
        Assert.Equal((TestTenant.Id("consent-policy-writer"), "`consent-policy-writer` holds Policy.ReadWrite.PermissionGrant"), (finding.Principal, finding.Title));
        Assert.Contains("`Policy.ReadWrite.PermissionGrant` of `Microsoft Graph`, which rewrites the consent and permission grant policies", finding.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void A_Helpdesk_Administrator_cannot_reset_a_Global_Administrator()
    {
        // Given a Helpdesk Administrator, a user without a role and a Global Administrator
        var tenant = new TestTenant();
        tenant.User("helpdesk");
        tenant.User("plain");
        tenant.User("admin");
        tenant.AssignRole("helpdesk", "Helpdesk Administrator").AssignRole("admin", "Global Administrator");

        var result = tenant.Scan();

        // Then the Helpdesk Administrator cannot reset the Global Administrator's password: no finding for it
        Assert.DoesNotContain(result.Of("privilege-escalation"), f => f.Principal == TestTenant.Id("helpdesk"));
        Assert.All(result.Findings, f => Assert.NotEqual("aws", f.Provider, StringComparer.Ordinal));
    }

    [Fact]
    public void The_owner_of_a_role_assignable_group_holding_Global_Administrator_escalates_in_one_step()
    {
        // Given a user who owns (but is not a member of) a role-assignable group that holds Global Administrator
        var tenant = new TestTenant();
        tenant.User("owner");
        tenant.User("admin");
        tenant.Group("tier0", roleAssignable: true, "admin");
        tenant.Owners("group-owners", "tier0", "owner").AssignRole("tier0", "Global Administrator");

        var finding = Assert.Single(tenant.Scan().Of("privilege-escalation"));

        // Then the owner adds itself to the group: one critical Entra ID step, named by object id, UPN and tenant
        Assert.Equal(TestTenant.Id("owner"), finding.Principal);
        Assert.Equal("owner@fabrikam.example", finding.PrincipalName);
        Assert.Equal(TestTenant.TenantId, finding.Account);
        Assert.Equal("entra", finding.Provider);
        Assert.Equal(Severity.Critical, finding.Severity);
        Assert.Equal("entra-add-group-member", Assert.Single(finding.Path).Technique);
    }

    [Theory]
    [InlineData(TestTenant.GitHubIssuer, Severity.Critical)]
    [InlineData(TestTenant.GitHubIssuer + "/northwind-enterprise", Severity.Medium)]
    public void A_path_from_workloads_anyone_can_run_is_as_severe_as_one_step_and_its_remedy_is_the_federated_credential(string issuer, Severity expected)
    {
        // Given release-bot, whose service principal holds Microsoft Graph RoleManagement.ReadWrite.Directory, with a
        // flexible credential accepting the production environment of any repository of the issuer; and carol, owner of
        // its service principal. The public issuer serves anyone's repositories; an enterprise's issuer only its own.
        var tenant = new TestTenant();
        tenant.User("carol");
        tenant.AppRegistration("release-bot");
        tenant.ServicePrincipalOf("release-bot");
        tenant.GrantGraphPermission("release-bot", "RoleManagement.ReadWrite.Directory", RoleManagementReadWriteDirectory)
            .Owners("service-principal-owners", "release-bot", "carol")
            .FederatedCredentials("release-bot", ("github-prod-any-repo", issuer, null, "claims['sub'] matches 'repo:*:environment:production'"));

        var findings = tenant.Scan().Of("privilege-escalation").ToList();

        // Then the path from outside (sign in as release-bot, which assigns itself Global Administrator) is critical
        // when anyone can take its first step, as release-bot's own one-step path is; medium on the condition of running
        // an enterprise's workflow. Either way the remedy names the credential.
        var outside = Assert.Single(findings, f => f.Path[0].Technique == "entra-federated-credential-sign-in");
        Assert.Equal(["entra-federated-credential-sign-in", "entra-assign-role"], outside.Path.Select(s => s.Technique), StringComparer.Ordinal);
        Assert.Equal(expected, outside.Severity);
        Assert.StartsWith("Narrow the federated identity credential `github-prod-any-repo` of the application `release-bot` to one workload", outside.Remediation, StringComparison.Ordinal);
        Assert.Contains("or remove it", outside.Remediation, StringComparison.Ordinal);

        // The paths from inside keep their severity and remedy: one step critical, two steps high
        var bot = Assert.Single(findings, f => f.Principal == TestTenant.Id("release-bot"));
        Assert.Equal((Severity.Critical, 1), (bot.Severity, bot.Path.Length));
        var carol = Assert.Single(findings, f => f.Principal == TestTenant.Id("carol"));
        Assert.Equal(Severity.High, carol.Severity);
        Assert.StartsWith("Remove the role, ownership, group membership or application permission the first step uses", carol.Remediation, StringComparison.Ordinal);
    }

    [Fact]
    public void A_Microsoft_service_principal_holding_Directory_ReadWrite_All_is_no_source_but_the_tenants_own_application_is()
    {
        // Given Prod Owners, a security group that owns the subscription, and two service principals holding Microsoft
        // Graph Directory.ReadWrite.All (which writes the members of such a group): Dataverse, Microsoft's own
        // application, and directory-sync, an application of this tenant
        var tenant = new TestTenant().AzureSubscriptionIn();
        tenant.Group("Prod Owners");
        tenant.AssignAzureRole("Prod Owners", "Group", TestTenant.Owner, TestTenant.Subscription);
        tenant.ApplicationServicePrincipal("Dataverse", secretSinceDaysAgo: null, ownerTenant: TestTenant.MicrosoftTenantId);
        tenant.ApplicationServicePrincipal("directory-sync", secretSinceDaysAgo: null);
        tenant.GrantGraphPermission("Dataverse", "Directory.ReadWrite.All", DirectoryReadWriteAll)
            .GrantGraphPermission("directory-sync", "Directory.ReadWrite.All", DirectoryReadWriteAll);

        var findings = tenant.Scan().Of("privilege-escalation");

        // Then the tenant's application adds itself to the group; Dataverse is no source (nobody in the tenant can
        // sign in as it), so the graph holds no edge from it
        var finding = Assert.Single(findings);
        Assert.Equal((TestTenant.Id("directory-sync"), "entra-add-group-member"), (finding.Principal, Assert.Single(finding.Path).Technique));
        Assert.DoesNotContain(tenant.EscalationGraph().Edges, e => e.From.Value == TestTenant.Id("Dataverse"));
    }

    [Theory]
    [InlineData("ExternalAzureAD")]
    [InlineData("MicrosoftAccount")]
    [InlineData("mail")]
    public void A_Helpdesk_Administrator_does_not_sign_in_as_a_guest_that_authenticates_at_its_home_organization(string issuer)
    {
        // Given a B2B guest from fabrikam.com that redeemed its invitation with an identity of another issuer and holds
        // User Access Administrator at the tenant root group, and a Helpdesk Administrator, who may reset its password
        var tenant = new TestTenant().AzureSubscriptionIn();
        tenant.User("dana");
        tenant.AssignRole("dana", "Helpdesk Administrator");
        tenant.Guest("tomas", "tomas@fabrikam.com", signsInAt: issuer);
        tenant.AssignAzureRole("tomas", "User", TestTenant.UserAccessAdministrator, TestTenant.ManagementGroupScope(TestTenant.RootGroup));

        var result = tenant.Scan();

        // Then the reset is no step: the guest signs in at its home organization, never with a password set here
        Assert.DoesNotContain(result.Of("privilege-escalation"), f => f.Principal == TestTenant.Id("dana"));
        Assert.DoesNotContain(tenant.EscalationGraph().Edges, e => e.Technique == "entra-reset-password");
    }

    [Fact]
    public void A_Helpdesk_Administrator_resets_the_password_of_a_guest_whose_identity_is_the_tenants_own()
    {
        // Given a guest whose only identity is its user principal name in this tenant (it signs in with a password
        // of this tenant) holding User Access Administrator at the tenant root group, and a Helpdesk Administrator
        var tenant = new TestTenant().AzureSubscriptionIn();
        tenant.User("dana");
        tenant.AssignRole("dana", "Helpdesk Administrator");
        tenant.Guest("vendor", "vendor@fabrikam.com", signsInAt: "fabrikam.onmicrosoft.com");
        tenant.AssignAzureRole("vendor", "User", TestTenant.UserAccessAdministrator, TestTenant.ManagementGroupScope(TestTenant.RootGroup));

        var finding = Assert.Single(tenant.Scan().Of("privilege-escalation"), f => f.Principal == TestTenant.Id("dana"));

        // Then resetting its password is a certain step
        var step = Assert.Single(finding.Path);
        Assert.Equal(("entra-reset-password", TestTenant.Id("vendor")), (step.Technique, step.To));
        Assert.Empty(step.Requirements);
        Assert.Equal(Severity.Critical, finding.Severity);
    }

    [Fact]
    public void A_guest_exported_without_its_identities_is_reset_on_the_condition_that_it_signs_in_here()
    {
        // Given a guest holding User Access Administrator at the tenant root group, exported without `identities`
        // (AzureHound's users, an older export), and a Helpdesk Administrator
        var tenant = new TestTenant().AzureSubscriptionIn();
        tenant.User("dana");
        tenant.AssignRole("dana", "Helpdesk Administrator");
        tenant.Guest("tomas", "tomas@fabrikam.com");
        tenant.AssignAzureRole("tomas", "User", TestTenant.UserAccessAdministrator, TestTenant.ManagementGroupScope(TestTenant.RootGroup));

        var finding = Assert.Single(tenant.Scan().Of("privilege-escalation"), f => f.Principal == TestTenant.Id("dana"));

        // Then the reset holds only if the guest signs in with this tenant's password: a medium finding
        var requirement = Assert.Single(Assert.Single(finding.Path).Requirements);
        Assert.Contains("signs in with a password of this tenant", requirement, StringComparison.Ordinal);
        Assert.Equal(Severity.Medium, finding.Severity);
    }

    [Fact]
    public void A_path_through_Conditional_Access_says_that_the_victims_password_is_still_needed()
    {
        // Given cara, Conditional Access Administrator, gina, Global Administrator under an MFA policy for that role,
        // and live-sync, an application holding Microsoft Graph RoleManagement.ReadWrite.Directory
        var tenant = new TestTenant();
        tenant.User("cara");
        tenant.User("gina");
        tenant.AssignRole("cara", "Conditional Access Administrator");
        tenant.AssignRole("gina", "Global Administrator");
        tenant.ConditionalAccessPolicy("Require MFA for admins", includeRoles: ["Global Administrator"]);
        tenant.ApplicationServicePrincipal("live-sync", secretSinceDaysAgo: null);
        tenant.GrantGraphPermission("live-sync", "RoleManagement.ReadWrite.Directory", RoleManagementReadWriteDirectory);

        var findings = tenant.Scan().Of("privilege-escalation").ToList();

        // Then cara's explanation quotes the step's requirement: removing the policy is not enough without gina's password
        var cara = Assert.Single(findings, f => f.Principal == TestTenant.Id("cara"));
        Assert.Equal("entra-weaken-conditional-access", Assert.Single(cara.Path).Technique);
        Assert.Contains($"Some steps hold only under conditions Ward could not decide: `{TestTenant.UserPrincipalName("gina")}`'s password (or another first factor of theirs) is known", cara.Explanation, StringComparison.Ordinal);

        // And live-sync's certain path has no such sentence
        var liveSync = Assert.Single(findings, f => f.Principal == TestTenant.Id("live-sync"));
        Assert.DoesNotContain("Some steps hold only under conditions", liveSync.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_the_policies_the_skipped_steps_count_the_directory_wide_role_holders_only()
    {
        // Given no Conditional Access policies in the export, cara, Conditional Access Administrator of the directory,
        // and sue, Security Administrator of an administrative unit (a unit's role reaches its members, not the policies)
        var tenant = new TestTenant();
        tenant.User("cara");
        tenant.User("sue");
        tenant.AssignRole("cara", "Conditional Access Administrator");
        tenant.Add("directory/administrativeUnits", new { id = TestTenant.Id("branch"), displayName = "branch" });
        tenant.AssignRole("sue", "Security Administrator", scope: "/administrativeUnits/" + TestTenant.Id("branch"));

        var skipped = Assert.Single(tenant.Scan().Skipped, s => s.Analysis == "privilege-escalation");

        // Then only cara's steps are missing
        Assert.Contains("steps of the principal that may change them", skipped.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_the_policies_an_application_with_Application_Read_All_and_the_Conditional_Access_permission_counts_among_the_skipped_steps()
    {
        // Given no Conditional Access policies in the export, ca-sync holding Microsoft Graph Policy.ReadWrite.ConditionalAccess
        // with Application.Read.All (the higher privileged pair Graph lists for updating and deleting a policy), and
        // ca-writer holding the write permission alone
        var tenant = new TestTenant();
        tenant.ApplicationServicePrincipal("ca-sync", secretSinceDaysAgo: null);
        tenant.ApplicationServicePrincipal("ca-writer", secretSinceDaysAgo: null);
        tenant.GrantGraphPermission("ca-sync", "Policy.ReadWrite.ConditionalAccess", PolicyReadWriteConditionalAccess)
            .GrantGraphPermission("ca-sync", "Application.Read.All", ApplicationReadAll)
            .GrantGraphPermission("ca-writer", "Policy.ReadWrite.ConditionalAccess", PolicyReadWriteConditionalAccess);

        var skipped = Assert.Single(tenant.Scan().Skipped, s => s.Analysis == "privilege-escalation");

        // Then ca-sync's steps are missing, not ca-writer's
        Assert.Contains("steps of the principal that may change them", skipped.Reason, StringComparison.Ordinal);
    }

    /// <summary>
    /// An operator, Virtual Machine Contributor of rg-build (the built-in role, its compute actions), and vm-build there,
    /// whose system-assigned identity holds one Microsoft Graph application permission.
    /// </summary>
    private static TestTenant MachineIdentityTenant(string permission, string appRoleId)
    {
        var tenant = new TestTenant();
        tenant.User("operator");
        tenant.AzureBuiltInRole(VirtualMachineContributor, "Virtual Machine Contributor", ["Microsoft.Authorization/*/read", "Microsoft.Compute/availabilitySets/*", "Microsoft.Compute/locations/*", "Microsoft.Compute/virtualMachines/*", "Microsoft.Compute/virtualMachineScaleSets/*", "Microsoft.Resources/subscriptions/resourceGroups/read"]);
        tenant.AssignAzureRole("operator", "User", VirtualMachineContributor, $"{TestTenant.Subscription}/resourceGroups/rg-build");
        tenant.ManagedIdentityAt("vm-build-identity", TestTenant.VirtualMachineId("vm-build"));
        tenant.AzureVirtualMachine("vm-build", "vm-build-identity");
        tenant.GrantGraphPermission("vm-build-identity", permission, appRoleId);
        return tenant;
    }
}
