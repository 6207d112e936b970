using Ward.Analysis.Tests.Testing;

namespace Ward.Analysis.Tests.Rules.PrivilegeEscalation;

/// <summary>
/// Escalation techniques of the Microsoft graph seen through the privilege-escalation rule: each with the tenant or
/// subscription that makes it a path, and a twin that must not be one.
/// </summary>
public sealed class MicrosoftTechniqueTests
{
    private const string Rule = "privilege-escalation";
    private const string Subscription = "/subscriptions/" + TestTenant.SubscriptionId;
    private const string Owner = "8e3af657-a8ff-443c-a75c-2fe8c4bcb635";
    private const string GraphSpKey = "microsoft-graph";
    private static readonly string[] ApplicationMembers = ["Application"];

    [Fact]
    public void A_web_app_contributor_runs_code_as_the_apps_identity_which_owns_the_subscription()
    {
        // Given a web app whose system-assigned identity is Owner of the subscription, and a user allowed
        // Microsoft.Web/sites/* on the app's resource group
        var tenant = Subscribed();
        var site = $"{Subscription}/resourceGroups/rg-web/providers/Microsoft.Web/sites/app-orders";
        ManagedIdentity(tenant, "app-orders", "isExplicit=False", site);
        tenant.User("web-dev");
        CustomRole(tenant, "web-contributor", "Website Contributor", ["Microsoft.Web/sites/*", "*/read"]);
        AzureAssign(tenant, "web-dev", "User", "web-contributor", $"{Subscription}/resourceGroups/rg-web");
        AzureAssign(tenant, "app-orders", "ServicePrincipal", Owner, Subscription, builtIn: true);

        var findings = tenant.Scan().Of(Rule);

        // Then the user escalates in one step through the app's configuration
        var finding = Assert.Single(findings, f => f.Principal == TestTenant.Id("web-dev"));
        var step = Assert.Single(finding.Path);
        Assert.Equal("azure-web-app-config", step.Technique);
        Assert.Equal(TestTenant.Id("app-orders"), step.To);
        Assert.Equal("Microsoft.Web/sites/config/write", Assert.Single(step.Permissions).Action);
    }

    [Fact]
    public void A_virtual_machine_login_holder_signs_in_and_takes_the_machines_identity_on_conditions()
    {
        // Given a VM whose system-assigned identity is Owner of the subscription, and a user holding the data actions
        // of Virtual Machine Administrator Login on the VM's resource group
        var tenant = Subscribed();
        var machine = $"{Subscription}/resourceGroups/rg-build/providers/Microsoft.Compute/virtualMachines/vm-build";
        ManagedIdentity(tenant, "vm-build", "isExplicit=False", machine);
        tenant.User("vm-operator");
        CustomRole(tenant, "vm-admin-login", "VM Admin Login", ["Microsoft.Compute/virtualMachines/*/read"], ["Microsoft.Compute/virtualMachines/login/action", "Microsoft.Compute/virtualMachines/loginAsAdmin/action"]);
        AzureAssign(tenant, "vm-operator", "User", "vm-admin-login", $"{Subscription}/resourceGroups/rg-build");
        AzureAssign(tenant, "vm-build", "ServicePrincipal", Owner, Subscription, builtIn: true);

        // When the tenant is scanned
        var finding = Assert.Single(tenant.Scan().Of(Rule), f => f.Principal == TestTenant.Id("vm-operator"));

        // Then the path signs in to the VM, conditional on the Entra ID sign-in extension and a network path
        var step = Assert.Single(finding.Path);
        Assert.Equal(("azure-vm-login", TestTenant.Id("vm-build")), (step.Technique, step.To));
        Assert.Equal("Microsoft.Compute/virtualMachines/login/action", Assert.Single(step.Permissions).Action);
        Assert.Contains(step.Requirements, r => r.Contains("AADSSHLoginForLinux", StringComparison.Ordinal));
        Assert.Contains(step.Requirements, r => r.Contains("SSH or RDP port", StringComparison.Ordinal));
        Assert.Equal(Severity.Medium, finding.Severity);
    }

    [Fact]
    public void A_virtual_machine_reader_without_the_login_data_action_does_not_sign_in()
    {
        // Given the same VM, and a user who may read VMs (control plane) but holds no login data action
        var tenant = Subscribed();
        var machine = $"{Subscription}/resourceGroups/rg-build/providers/Microsoft.Compute/virtualMachines/vm-build";
        ManagedIdentity(tenant, "vm-build", "isExplicit=False", machine);
        tenant.User("vm-reader");
        CustomRole(tenant, "vm-reader-role", "VM Reader", ["Microsoft.Compute/virtualMachines/*/read", "Microsoft.Compute/virtualMachines/read"]);
        AzureAssign(tenant, "vm-reader", "User", "vm-reader-role", $"{Subscription}/resourceGroups/rg-build");
        AzureAssign(tenant, "vm-build", "ServicePrincipal", Owner, Subscription, builtIn: true);

        Assert.DoesNotContain(tenant.Scan().Of(Rule), f => f.Principal == TestTenant.Id("vm-reader"));
    }

    [Fact]
    public void A_web_app_reader_does_not_reach_the_apps_identity()
    {
        // Given the same app, and a user who may only read it
        var tenant = Subscribed();
        var site = $"{Subscription}/resourceGroups/rg-web/providers/Microsoft.Web/sites/app-orders";
        ManagedIdentity(tenant, "app-orders", "isExplicit=False", site);
        tenant.User("web-reader");
        CustomRole(tenant, "web-reader-role", "Website Reader", ["Microsoft.Web/sites/read", "Microsoft.Web/sites/config/read"]);
        AzureAssign(tenant, "web-reader", "User", "web-reader-role", $"{Subscription}/resourceGroups/rg-web");
        AzureAssign(tenant, "app-orders", "ServicePrincipal", Owner, Subscription, builtIn: true);

        Assert.DoesNotContain(tenant.Scan().Of(Rule), f => f.Principal == TestTenant.Id("web-reader"));
    }

    [Fact]
    public void A_managed_identity_contributor_adds_a_federated_credential_to_a_user_assigned_identity_that_owns_the_subscription()
    {
        // Given a user-assigned identity, Owner of the subscription, and a user allowed to write its federated credentials
        var tenant = Subscribed();
        var identity = $"{Subscription}/resourcegroups/rg-identity/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id-deploy";
        ManagedIdentity(tenant, "id-deploy", "isExplicit=True", identity);
        tenant.User("ops");
        CustomRole(tenant, "mi-contributor", "Managed Identity Contributor", ["Microsoft.ManagedIdentity/userAssignedIdentities/*", "*/read"]);
        AzureAssign(tenant, "ops", "User", "mi-contributor", $"{Subscription}/resourceGroups/rg-identity");
        AzureAssign(tenant, "id-deploy", "ServicePrincipal", Owner, Subscription, builtIn: true);

        var finding = Assert.Single(tenant.Scan().Of(Rule), f => f.Principal == TestTenant.Id("ops"));

        Assert.Equal("azure-uami-federated-credential", Assert.Single(finding.Path).Technique);
        Assert.Equal(Severity.Critical, finding.Severity);
    }

    [Fact]
    public void A_holder_of_a_custom_role_at_the_subscription_that_may_rewrite_it_escalates_and_one_at_a_resource_group_does_not()
    {
        // Given a custom role that may write role definitions, held at the subscription by one user and at a resource
        // group by another
        var tenant = Subscribed();
        tenant.User("sub-ops");
        tenant.User("rg-ops");
        CustomRole(tenant, "role-author", "Role Author", ["Microsoft.Authorization/roleDefinitions/write", "*/read"]);
        AzureAssign(tenant, "sub-ops", "User", "role-author", Subscription);
        AzureAssign(tenant, "rg-ops", "User", "role-author", $"{Subscription}/resourceGroups/rg-app");

        var findings = tenant.Scan().Of(Rule);

        // Then only the subscription-wide holder rewrites the role into Owner-equivalent rights
        var finding = Assert.Single(findings);
        Assert.Equal(TestTenant.Id("sub-ops"), finding.Principal);
        var step = Assert.Single(finding.Path);
        Assert.Equal("azure-rewrite-custom-role", step.Technique);
        Assert.Contains("rewrites the custom role `Role Author`", step.Description, StringComparison.Ordinal);
        Assert.Equal("azure", finding.Provider);
    }

    [Fact]
    public void A_service_principal_with_UserAuthenticationMethod_ReadWrite_All_reaches_a_Global_Administrator_if_temporary_access_passes_are_enabled()
    {
        // Given a Global Administrator and an application holding UserAuthenticationMethod.ReadWrite.All
        var tenant = new TestTenant();
        tenant.User("admin");
        tenant.AssignRole("admin", "Global Administrator");
        GraphPermissions(tenant, ("helpdesk-bot", "UserAuthenticationMethod.ReadWrite.All", "50483e42-d915-4231-9639-7fdb7fd190e5"));

        var finding = Assert.Single(tenant.Scan().Of(Rule), f => f.Principal == TestTenant.Id("helpdesk-bot"));

        // Then the path holds only if the method is enabled: medium, with that requirement
        var step = Assert.Single(finding.Path);
        Assert.Equal("entra-temporary-access-pass", step.Technique);
        Assert.Equal(TestTenant.Id("admin"), step.To);
        Assert.Contains("Temporary Access Pass method is enabled", Assert.Single(step.Requirements), StringComparison.Ordinal);
        Assert.Equal(Severity.Medium, finding.Severity);
    }

    [Fact]
    public void A_service_principal_with_RoleAssignmentSchedule_ReadWrite_Directory_requests_Global_Administrator_for_itself()
    {
        // Given an application holding RoleAssignmentSchedule.ReadWrite.Directory, and one holding only the read permission
        var tenant = new TestTenant();
        GraphPermissions(tenant, ("pim-bot", "RoleAssignmentSchedule.ReadWrite.Directory", "dd199f4a-f148-40a4-a2ec-f0069cc799ec"), ("pim-reader", "RoleManagement.Read.Directory", "483bed4a-2ad3-4361-a73b-c83ccdbdc53c"));

        var finding = Assert.Single(tenant.Scan().Of(Rule));

        Assert.Equal(TestTenant.Id("pim-bot"), finding.Principal);
        Assert.Contains("requests an active PIM assignment of Global Administrator", Assert.Single(finding.Path).Description, StringComparison.Ordinal);
        Assert.Equal(Severity.Critical, finding.Severity);
    }

    [Fact]
    public void A_Hybrid_Identity_Administrator_makes_itself_owner_of_a_privileged_service_principal_and_a_Security_Reader_cannot()
    {
        // Given an application whose service principal holds RoleManagement.ReadWrite.Directory, a Hybrid Identity
        // Administrator (may update owners of applications and service principals) and a Security Reader
        var tenant = new TestTenant();
        tenant.User("hybrid-admin");
        tenant.User("auditor");
        tenant.AssignRole("hybrid-admin", "Hybrid Identity Administrator").AssignRole("auditor", "Security Reader");
        GraphPermissions(tenant, ("provisioning", "RoleManagement.ReadWrite.Directory", "9e3f62cf-ca93-4989-b6ce-bf83c28f9fe8"));

        var findings = tenant.Scan().Of(Rule);

        // Then the Hybrid Identity Administrator becomes owner, adds a secret, and the service principal assigns itself
        // Global Administrator; the Security Reader has no path
        var finding = Assert.Single(findings, f => f.Principal == TestTenant.Id("hybrid-admin"));
        Assert.Equal(["entra-add-owner", "entra-assign-role"], finding.Path.Select(p => p.Technique), StringComparer.Ordinal);
        Assert.Equal(Severity.High, finding.Severity);
        Assert.DoesNotContain(findings, f => f.Principal == TestTenant.Id("auditor"));
    }

    [Fact]
    public void A_resource_policy_contributor_remediates_with_the_identity_of_a_policy_assignment_that_owns_the_subscription()
    {
        // Given a DeployIfNotExists policy assignment whose identity is Owner of the subscription, a Resource Policy
        // Contributor of the subscription, and a user who may only write policy assignments (not definitions nor remediations)
        var tenant = Subscribed();
        var assignment = $"{Subscription}/providers/Microsoft.Authorization/policyAssignments/deploy-diagnostics";
        ManagedIdentity(tenant, "deploy-diagnostics", "isExplicit=False", assignment);
        tenant.User("policy-admin");
        tenant.User("assigner");
        CustomRole(tenant, "policy-contributor", "Resource Policy Contributor", ["Microsoft.Authorization/policyAssignments/*", "Microsoft.Authorization/policyDefinitions/*", "Microsoft.PolicyInsights/*", "*/read"]);
        CustomRole(tenant, "assignment-writer", "Policy Assignment Writer", ["Microsoft.Authorization/policyAssignments/write", "*/read"]);
        AzureAssign(tenant, "policy-admin", "User", "policy-contributor", Subscription);
        AzureAssign(tenant, "assigner", "User", "assignment-writer", Subscription);
        AzureAssign(tenant, "deploy-diagnostics", "ServicePrincipal", Owner, Subscription, builtIn: true);

        var findings = tenant.Scan().Of(Rule);

        // Then only the contributor reaches the assignment's identity
        var finding = Assert.Single(findings, f => f.Principal == TestTenant.Id("policy-admin"));
        Assert.Equal("azure-policy-remediation", Assert.Single(finding.Path).Technique);
        Assert.DoesNotContain(findings, f => f.Principal == TestTenant.Id("assigner"));
    }

    [Fact]
    public void A_Domain_Name_Administrator_federates_the_custom_domain_of_a_Global_Administrator_if_the_forged_sign_in_is_accepted()
    {
        // Given a Global Administrator signing in on the verified custom domain, and a Domain Name Administrator
        var tenant = new TestTenant { CustomDomains = ["fabrikam.example"] };
        tenant.User("admin");
        tenant.User("dns-admin");
        tenant.AssignRole("admin", "Global Administrator").AssignRole("dns-admin", "Domain Name Administrator");

        var finding = Assert.Single(tenant.Scan().Of(Rule));

        // Then federating the domain is a path, conditional on Entra ID accepting the forged sign-in
        Assert.Equal(TestTenant.Id("dns-admin"), finding.Principal);
        var step = Assert.Single(finding.Path);
        Assert.Equal("entra-federate-domain", step.Technique);
        Assert.Contains("federates the domain `fabrikam.example`", step.Description, StringComparison.Ordinal);
        Assert.Equal(Severity.Medium, finding.Severity);
    }

    [Fact]
    public void Users_of_the_initial_onmicrosoft_domain_cannot_be_reached_by_federation()
    {
        // Given the same roles in a tenant with no custom domain (users sign in on fabrikam.onmicrosoft.com)
        var tenant = new TestTenant();
        tenant.Add("users(id,displayName,userPrincipalName,userType,accountEnabled)", new { id = TestTenant.Id("admin"), displayName = "admin", userPrincipalName = "admin@fabrikam.onmicrosoft.com", userType = "Member", accountEnabled = true });
        tenant.User("dns-admin");
        tenant.AssignRole("admin", "Global Administrator").AssignRole("dns-admin", "Domain Name Administrator");

        // Then there is no path
        Assert.Empty(tenant.Scan().Of(Rule));
    }

    [Fact]
    public void An_Intune_Administrator_runs_a_script_on_the_devices_of_a_Global_Administrator_if_they_sign_in_on_one()
    {
        // Given a Global Administrator and a tenant-wide Intune Administrator
        var tenant = new TestTenant();
        tenant.User("admin");
        tenant.User("intune-admin");
        tenant.AssignRole("admin", "Global Administrator").AssignRole("intune-admin", "Intune Administrator");

        var finding = Assert.Single(tenant.Scan().Of(Rule));

        // Then a script deployed to the administrator's devices is a path, conditional on a managed Windows device
        Assert.Equal(TestTenant.Id("intune-admin"), finding.Principal);
        var step = Assert.Single(finding.Path);
        Assert.Equal(("entra-intune-device-script", TestTenant.Id("admin")), (step.Technique, step.To));
        Assert.Equal("microsoft.intune/allEntities/allTasks", Assert.Single(step.Permissions).Action);
        Assert.Contains("signs in on a Windows device enrolled in Intune", Assert.Single(step.Requirements), StringComparison.Ordinal);
        Assert.Equal(Severity.Medium, finding.Severity);
    }

    [Fact]
    public void An_Intune_Administrator_scoped_to_an_administrative_unit_deploys_nothing()
    {
        // Given the same roles, the Intune Administrator's scoped to an administrative unit the administrator is in
        var tenant = new TestTenant();
        tenant.User("admin");
        tenant.User("intune-admin");
        tenant.Add("directory/administrativeUnits", new { id = TestTenant.Id("unit"), displayName = "unit", isMemberManagementRestricted = false });
        tenant.Relation("administrative-unit-members", "unit", new Dictionary<string, object?>(StringComparer.Ordinal) { ["@odata.type"] = "#microsoft.graph.user", ["id"] = TestTenant.Id("admin"), ["displayName"] = "admin" });
        tenant.AssignRole("admin", "Global Administrator").AssignRole("intune-admin", "Intune Administrator", scope: "/administrativeUnits/" + TestTenant.Id("unit"));

        // Then there is no path: Intune administration is tenant-wide
        Assert.Empty(tenant.Scan().Of(Rule));
    }

    [Fact]
    public void A_service_principal_with_DeviceManagementConfiguration_ReadWrite_All_reaches_a_user_administrator_and_a_reader_does_not()
    {
        // Given a Global Administrator, an application that may write device configuration (platform scripts) and one
        // that may only read it
        var tenant = new TestTenant();
        tenant.User("admin");
        tenant.AssignRole("admin", "Global Administrator");
        GraphPermissions(tenant, ("device-bot", "DeviceManagementConfiguration.ReadWrite.All", "9241abd9-d0e6-425a-bd4f-47ba86e767a4"), ("device-reader", "DeviceManagementConfiguration.Read.All", "dc377aa6-52d8-4e23-b271-2a7ae04cedf3"));

        var finding = Assert.Single(tenant.Scan().Of(Rule));

        Assert.Equal(TestTenant.Id("device-bot"), finding.Principal);
        var step = Assert.Single(finding.Path);
        Assert.Equal(("entra-intune-device-script", "DeviceManagementConfiguration.ReadWrite.All"), (step.Technique, Assert.Single(step.Permissions).Action));
    }

    [Fact]
    public void An_Intune_Administrator_does_not_reach_a_service_principal_administrator()
    {
        // Given a service principal holding Global Administrator (no user is an administrator) and an Intune Administrator
        var tenant = new TestTenant();
        GraphPermissions(tenant, ("tenant-bot", "User.Read.All", "df021288-bdef-4463-88db-98f22de89214"));
        tenant.User("intune-admin");
        tenant.AssignRole("tenant-bot", "Global Administrator").AssignRole("intune-admin", "Intune Administrator");

        // Then there is no path: scripts run on devices, where users sign in
        Assert.Empty(tenant.Scan().Of(Rule));
    }

    [Theory]
    [InlineData("Intune Administrator", "security", "microsoft.directory/groups.security/members/update")]
    [InlineData("Exchange Administrator", "microsoft-365", "microsoft.directory/groups.unified/members/update")]
    [InlineData("Teams Administrator", "security-enabled-microsoft-365", "microsoft.directory/groups.unified/members/update")]
    [InlineData("Groups Administrator", "security", "microsoft.directory/groups/members/update")]
    [InlineData("Groups Administrator", "microsoft-365", "microsoft.directory/groups/members/update")]
    public void A_role_that_updates_members_of_a_groups_type_joins_such_a_group_that_owns_the_subscription(string role, string groupKind, string action)
    {
        // Given a group of that type holding Owner of the subscription, and a holder of the role
        var tenant = DeviceAdminsOwnTheSubscription(groupKind);
        tenant.User("admin");
        tenant.AssignRole("admin", role);

        var finding = Assert.Single(tenant.Scan().Of(Rule));

        // Then the role's members/update form for that type of group adds the holder to it: one step to Owner
        Assert.Equal(TestTenant.Id("admin"), finding.Principal);
        var step = Assert.Single(finding.Path);
        Assert.Equal(("entra-add-group-member", TestTenant.Id("device-admins")), (step.Technique, step.To));
        var permission = Assert.Single(step.Permissions);
        Assert.Equal(action, permission.Action);
        Assert.Contains(role, permission.GrantedBy, StringComparison.Ordinal);
        Assert.Empty(step.Requirements);
    }

    [Theory]
    [InlineData("Intune Administrator", "microsoft-365")]
    [InlineData("Intune Administrator", "security-enabled-microsoft-365")]
    [InlineData("Intune Administrator", "role-assignable")]
    [InlineData("Exchange Administrator", "security")]
    [InlineData("Exchange Administrator", "role-assignable")]
    [InlineData("Groups Administrator", "role-assignable")]
    public void A_role_that_updates_members_of_other_groups_types_does_not_join_the_group(string role, string groupKind)
    {
        // Given the same group, of a type the role's members/update does not reach
        var tenant = DeviceAdminsOwnTheSubscription(groupKind);
        tenant.User("admin");
        tenant.AssignRole("admin", role);

        // Then there is no path: Intune reaches security groups only, Exchange Microsoft 365 groups only (a
        // security-enabled Microsoft 365 group is still one), and neither nor Groups Administrator role-assignable groups
        Assert.Empty(tenant.Scan().Of(Rule));
    }

    [Theory]
    [InlineData("security", true)]
    [InlineData("microsoft-365", true)]
    [InlineData("role-assignable", false)]
    public void A_role_that_only_changes_a_groups_owners_makes_itself_an_owner_and_then_a_member(string groupKind, bool reaches)
    {
        // Given the group holding Owner of the subscription, and a custom role that can change the owners of groups
        var tenant = DeviceAdminsOwnTheSubscription(groupKind);
        tenant.User("owner-manager");
        tenant.CustomDirectoryRole("group-owner-manager", "Group Owner Manager", "microsoft.directory/groups/owners/update");
        tenant.AssignCustomRole("owner-manager", "group-owner-manager");

        var findings = tenant.Scan().Of(Rule);

        // Then it reaches the group (an owner adds members), except a role-assignable one, which groups/ does not reach
        if (!reaches)
        {
            Assert.Empty(findings);
            return;
        }

        var step = Assert.Single(Assert.Single(findings).Path);
        Assert.Equal(("entra-add-group-member", TestTenant.Id("device-admins")), (step.Technique, step.To));
        Assert.Equal("microsoft.directory/groups/owners/update", Assert.Single(step.Permissions).Action);
    }

    [Fact]
    public void A_custom_role_for_assigned_security_groups_joins_one_on_the_assumption_that_it_is_a_security_group_when_the_export_does_not_say()
    {
        // Given an Intune-like custom role that updates members of assigned-membership security groups only, and a
        // group exported without securityEnabled (neither Microsoft 365 nor known to be security-enabled) holding Owner
        var tenant = Subscribed();
        tenant.Add("groups(id,displayName,isAssignableToRole,groupTypes,membershipRule)", new
        {
            id = TestTenant.Id("device-admins"),
            displayName = "device-admins",
            isAssignableToRole = false,
            groupTypes = Array.Empty<string>(),
            membershipRule = (string?)null,
        });
        tenant.Relation("group-members", "device-admins");
        AzureAssign(tenant, "device-admins", "Group", Owner, Subscription, builtIn: true);
        tenant.User("device-operator");
        tenant.CustomDirectoryRole("device-group-manager", "Device Group Manager", "microsoft.directory/groups.security.assignedMembership/members/update");
        tenant.AssignCustomRole("device-operator", "device-group-manager");

        var finding = Assert.Single(tenant.Scan().Of(Rule));

        // Then the path holds if the group is a security group, which the finding says it assumes
        Assert.Equal(TestTenant.Id("device-operator"), finding.Principal);
        var step = Assert.Single(finding.Path);
        Assert.Equal("microsoft.directory/groups.security.assignedMembership/members/update", Assert.Single(step.Permissions).Action);
        Assert.Contains("is a security group", Assert.Single(step.Requirements), StringComparison.Ordinal);
    }

    /// <summary>The subscription, and a group `device-admins` of the kind named holding Owner of it.</summary>
    private static TestTenant DeviceAdminsOwnTheSubscription(string groupKind)
    {
        var tenant = Subscribed();
        _ = groupKind switch
        {
            "security" => tenant.Group("device-admins"),
            "role-assignable" => tenant.Group("device-admins", roleAssignable: true),
            "microsoft-365" => tenant.Microsoft365Group("device-admins"),
            "security-enabled-microsoft-365" => tenant.Microsoft365Group("device-admins", securityEnabled: true),
            _ => throw new ArgumentOutOfRangeException(nameof(groupKind), groupKind, "no such kind of group"),
        };
        AzureAssign(tenant, "device-admins", "Group", Owner, Subscription, builtIn: true);
        return tenant;
    }

    [Fact]
    public void An_External_Identity_Provider_Administrator_federates_the_home_domain_of_a_guest_Global_Administrator_who_has_not_redeemed()
    {
        // Given a guest Global Administrator invited at partner.example who has not redeemed its invitation, and an
        // External Identity Provider Administrator
        var tenant = new TestTenant();
        tenant.Guest("partner-admin", "lee@partner.example", externalUserState: "PendingAcceptance");
        tenant.User("idp-admin");
        tenant.AssignRole("partner-admin", "Global Administrator").AssignRole("idp-admin", "External Identity Provider Administrator");

        var finding = Assert.Single(tenant.Scan().Of(Rule));

        // Then federating partner.example is a path, conditional on the domain not being an Entra ID tenant's and on
        // Entra ID taking the identity provider's sign-in address
        Assert.Equal(TestTenant.Id("idp-admin"), finding.Principal);
        var step = Assert.Single(finding.Path);
        Assert.Equal(("entra-external-idp-federation", TestTenant.Id("partner-admin")), (step.Technique, step.To));
        Assert.Contains("federates `partner.example`", step.Description, StringComparison.Ordinal);
        Assert.Equal(("microsoft.directory/identityProviders/allProperties/allTasks", "partner.example"), (Assert.Single(step.Permissions).Action, step.Permissions[0].Resource));
        Assert.Equal(2, step.Requirements.Length);
        Assert.Contains(step.Requirements, r => r.Contains("`partner.example` is not a domain verified in an Entra ID tenant", StringComparison.Ordinal));
        Assert.Contains(step.Requirements, r => r.Contains("DirectFedAuthUrl", StringComparison.Ordinal));
        Assert.Equal(Severity.Medium, finding.Severity);
    }

    [Fact]
    public void Guests_of_consumer_or_own_domains_and_guests_who_redeemed_are_not_reached_by_federation()
    {
        // Given guest Global Administrators from gmail.com, hotmail.co.uk and the tenant's own domain (none redeemed),
        // one from partner.example who has redeemed, and an External Identity Provider Administrator
        var tenant = new TestTenant { CustomDomains = ["fabrikam.example"] };
        tenant.Guest("gmail-admin", "lee@gmail.com", externalUserState: "PendingAcceptance");
        tenant.Guest("hotmail-admin", "sam@hotmail.co.uk", externalUserState: "PendingAcceptance");
        tenant.Guest("own-domain-admin", "kai@fabrikam.example", externalUserState: "PendingAcceptance");
        tenant.Guest("redeemed-admin", "ana@partner.example", externalUserState: "Accepted");
        tenant.User("idp-admin");
        tenant.AssignRole("idp-admin", "External Identity Provider Administrator");
        foreach (var guest in new[] { "gmail-admin", "hotmail-admin", "own-domain-admin", "redeemed-admin" })
        {
            tenant.AssignRole(guest, "Global Administrator");
        }

        // Then there is no path
        Assert.Empty(tenant.Scan().Of(Rule));
    }

    [Fact]
    public void A_service_principal_with_IdentityProvider_ReadWrite_All_reaches_a_guest_administrator_if_it_has_not_redeemed_and_a_reader_does_not()
    {
        // Given a guest Global Administrator from partner.example, exported without externalUserState, an application
        // that may write identity providers and one that may read them
        var tenant = new TestTenant();
        tenant.Guest("partner-admin", "lee@partner.example", externalUserState: null);
        tenant.AssignRole("partner-admin", "Global Administrator");
        GraphPermissions(tenant, ("idp-bot", "IdentityProvider.ReadWrite.All", "90db2b9a-d928-4d33-a4dd-8442ae3d41e4"), ("idp-reader", "IdentityProvider.Read.All", "e321f0bb-e7f7-481e-bb28-e3b0b32d4bd0"));

        var finding = Assert.Single(tenant.Scan().Of(Rule));

        // Then the writer's path also needs the guest not to have redeemed its invitation, which the export cannot tell
        Assert.Equal(TestTenant.Id("idp-bot"), finding.Principal);
        var step = Assert.Single(finding.Path);
        Assert.Equal(("entra-external-idp-federation", "IdentityProvider.ReadWrite.All"), (step.Technique, Assert.Single(step.Permissions).Action));
        Assert.Equal(3, step.Requirements.Length);
        Assert.Contains(step.Requirements, r => r.Contains("has not redeemed its invitation yet", StringComparison.Ordinal));
    }

    private static TestTenant Subscribed() =>
        new TestTenant().AddAzure("subscriptions.json", new
        {
            cloudName = "AzureCloud",
            homeTenantId = TestTenant.TenantId,
            id = TestTenant.SubscriptionId,
            isDefault = true,
            managedByTenants = Array.Empty<object>(),
            name = "fabrikam-prod",
            state = "Enabled",
            tenantId = TestTenant.TenantId,
            user = new { name = "admin@fabrikam.example", type = "user" },
        }).AddAzure("role-definitions.json", RoleDefinition(Owner, "Owner", "BuiltInRole", ["*"]));

    private static void ManagedIdentity(TestTenant tenant, string key, params string[] alternativeNames) =>
        tenant.Add("servicePrincipals(id,appId,displayName,servicePrincipalType,appOwnerOrganizationId,accountEnabled,alternativeNames,appRoles)", new
        {
            id = TestTenant.Id(key),
            appId = TestTenant.Id("app-id-" + key),
            displayName = key,
            servicePrincipalType = "ManagedIdentity",
            appOwnerOrganizationId = (string?)null,
            accountEnabled = true,
            alternativeNames,
            appRoles = Array.Empty<object>(),
        });

    private static void CustomRole(TestTenant tenant, string key, string name, string[] actions, string[]? dataActions = null) =>
        tenant.AddAzure("role-definitions.json", RoleDefinition(TestTenant.Id(key), name, "CustomRole", actions, dataActions));

    private static object RoleDefinition(string guid, string name, string type, string[] actions, string[]? dataActions = null) => new
    {
        assignableScopes = new[] { Subscription },
        description = name,
        id = $"{Subscription}/providers/Microsoft.Authorization/roleDefinitions/{guid}",
        name = guid,
        permissions = new[] { new { actions, condition = (string?)null, conditionVersion = (string?)null, dataActions = dataActions ?? [], notActions = Array.Empty<string>(), notDataActions = Array.Empty<string>() } },
        roleName = name,
        roleType = type,
        type = "Microsoft.Authorization/roleDefinitions",
    };

    private static void AzureAssign(TestTenant tenant, string principalKey, string principalType, string role, string scope, bool builtIn = false)
    {
        var roleGuid = builtIn ? role : TestTenant.Id(role);
        var name = TestTenant.Id($"assignment-{principalKey}-{role}-{scope}");
        tenant.AddAzure("role-assignments.json", new
        {
            condition = (string?)null,
            conditionVersion = (string?)null,
            id = $"{scope}/providers/Microsoft.Authorization/roleAssignments/{name}",
            name,
            principalId = TestTenant.Id(principalKey),
            principalName = principalKey,
            principalType,
            roleDefinitionId = $"{Subscription}/providers/Microsoft.Authorization/roleDefinitions/{roleGuid}",
            roleDefinitionName = role,
            scope,
            type = "Microsoft.Authorization/roleAssignments",
        });
    }

    /// <summary>Microsoft Graph's service principal with these application permissions (app roles), and an application's service principal holding each.</summary>
    private static void GraphPermissions(TestTenant tenant, params (string Holder, string Permission, string AppRoleId)[] grants)
    {
        const string Context = "servicePrincipals(id,appId,displayName,servicePrincipalType,appOwnerOrganizationId,accountEnabled,alternativeNames,appRoles)";
        var graph = TestTenant.Id(GraphSpKey);
        tenant.Add(Context, new
        {
            id = graph,
            appId = TestTenant.MicrosoftGraphAppId,
            displayName = "Microsoft Graph",
            servicePrincipalType = "Application",
            appOwnerOrganizationId = TestTenant.MicrosoftTenantId,
            accountEnabled = true,
            alternativeNames = Array.Empty<string>(),
            appRoles = grants.Select(g => new { id = g.AppRoleId, value = g.Permission, displayName = g.Permission, description = g.Permission, allowedMemberTypes = ApplicationMembers, isEnabled = true }).ToArray(),
        });
        foreach (var (holder, permission, appRoleId) in grants)
        {
            tenant.Add(Context, new
            {
                id = TestTenant.Id(holder),
                appId = TestTenant.Id("app-id-" + holder),
                displayName = holder,
                servicePrincipalType = "Application",
                appOwnerOrganizationId = TestTenant.TenantId,
                accountEnabled = true,
                alternativeNames = Array.Empty<string>(),
                appRoles = Array.Empty<object>(),
            });
            tenant.Add($"servicePrincipals('{graph}')/appRoleAssignedTo", new
            {
                id = TestTenant.Id($"grant-{holder}-{permission}"),
                principalId = TestTenant.Id(holder),
                principalType = "ServicePrincipal",
                principalDisplayName = holder,
                resourceId = graph,
                resourceDisplayName = "Microsoft Graph",
                appRoleId,
                createdDateTime = TestTenant.DaysAgo(100),
            });
        }
    }
}
