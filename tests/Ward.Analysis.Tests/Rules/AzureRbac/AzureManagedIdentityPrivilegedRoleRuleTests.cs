using Ward.Analysis.Tests.Testing;

namespace Ward.Analysis.Tests.Rules.AzureRbac;

public sealed class AzureManagedIdentityPrivilegedRoleRuleTests
{
    private const string Rule = "azure-managed-identity-privileged-role";
    private const string IdentityResource = TestTenant.Subscription + "/resourceGroups/rg-identity/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id-deploy";
    private const string VirtualMachine = TestTenant.Subscription + "/resourceGroups/rg-build/providers/Microsoft.Compute/virtualMachines/vm-build";

    [Fact]
    public void A_managed_identity_that_is_Owner_of_a_management_group_is_critical_and_a_Contributor_one_is_not_reported()
    {
        // Given a user-assigned identity that is Owner of a management group, and a VM's identity that is Contributor
        // of the subscription
        var tenant = new TestTenant().AzureManagementGroup("landing-zones").AzureSubscriptionIn("landing-zones");
        tenant.ManagedIdentityAt("id-deploy", IdentityResource, userAssigned: true);
        tenant.ManagedIdentityAt("vm-build", VirtualMachine);
        tenant.AssignAzureRole("id-deploy", "ServicePrincipal", TestTenant.Owner, TestTenant.ManagementGroupScope("landing-zones"));
        tenant.AssignAzureRole("vm-build", "ServicePrincipal", TestTenant.Contributor, TestTenant.Subscription);

        var finding = Assert.Single(tenant.Scan().Of(Rule));

        // Then the Owner is reported, critical, naming the identity's resource and the scope
        Assert.Equal(TestTenant.Id("id-deploy"), finding.Principal);
        Assert.Equal("azure", finding.Provider);
        Assert.Equal(TestTenant.TenantId, finding.Account);
        Assert.Equal(Severity.Critical, finding.Severity);
        Assert.Equal("Managed identity `id-deploy` is Owner of management group `/providers/Microsoft.Management/managementGroups/landing-zones`", finding.Title);
        Assert.Contains($"the user-assigned managed identity `{IdentityResource}`", finding.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void A_managed_identity_holds_the_role_of_its_group_and_the_system_assigned_resource_is_named()
    {
        // Given a VM's system-assigned identity in a group that is User Access Administrator of the subscription
        var tenant = new TestTenant();
        tenant.ManagedIdentityAt("vm-build", VirtualMachine);
        tenant.Group("automation", roleAssignable: false, "vm-build");
        tenant.AssignAzureRole("automation", "Group", TestTenant.UserAccessAdministrator, TestTenant.Subscription);

        var finding = Assert.Single(tenant.Scan().Of(Rule));

        // Then it is reported, high (a subscription), through the group
        Assert.Equal(TestTenant.Id("vm-build"), finding.Principal);
        Assert.Equal(Severity.High, finding.Severity);
        Assert.Contains($"the system-assigned managed identity of `{VirtualMachine}`", finding.Explanation, StringComparison.Ordinal);
        Assert.Contains("through group `automation`", finding.Explanation, StringComparison.Ordinal);
        Assert.Contains("it may assign any role there, Owner included", finding.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void Severity_follows_the_scope_and_an_application_service_principal_is_not_a_managed_identity()
    {
        // Given an identity that is Owner of a resource group, another Owner of one key vault, and an application's
        // service principal that is Owner of the subscription
        var tenant = new TestTenant();
        tenant.ManagedIdentityAt("rg-identity", VirtualMachine);
        tenant.ManagedIdentityAt("vault-identity", VirtualMachine + "-2");
        tenant.ApplicationServicePrincipal("deploy-app");
        tenant.AssignAzureRole("rg-identity", "ServicePrincipal", TestTenant.Owner, TestTenant.Subscription + "/resourceGroups/rg-build");
        tenant.AssignAzureRole("vault-identity", "ServicePrincipal", TestTenant.Owner, TestTenant.Subscription + "/resourceGroups/rg-build/providers/Microsoft.KeyVault/vaults/kv-build");
        tenant.AssignAzureRole("deploy-app", "ServicePrincipal", TestTenant.Owner, TestTenant.Subscription);

        var findings = tenant.Scan().Of(Rule).ToDictionary(f => f.Principal, StringComparer.Ordinal);

        // Then the resource group is medium, the resource low, and the application is not this rule's
        Assert.Equal(2, findings.Count);
        Assert.Equal(Severity.Medium, findings[TestTenant.Id("rg-identity")].Severity);
        Assert.Equal(Severity.Low, findings[TestTenant.Id("vault-identity")].Severity);
    }

    [Fact]
    public void A_role_assignment_administrator_constrained_by_a_condition_is_not_reported_and_an_unconstrained_one_is()
    {
        // Given two identities that are Role Based Access Control Administrator of the subscription: one may assign
        // Reader only, the other anything
        var tenant = new TestTenant();
        tenant.ManagedIdentityAt("constrained", VirtualMachine);
        tenant.ManagedIdentityAt("unconstrained", VirtualMachine + "-2");
        tenant.AssignAzureRole("constrained", "ServicePrincipal", TestTenant.RoleBasedAccessControlAdministrator, TestTenant.Subscription, TestTenant.ReaderOnlyCondition);
        tenant.AssignAzureRole("unconstrained", "ServicePrincipal", TestTenant.RoleBasedAccessControlAdministrator, TestTenant.Subscription);

        // Then only the unconstrained one is reported
        Assert.Equal(TestTenant.Id("unconstrained"), Assert.Single(tenant.Scan().Of(Rule)).Principal);
    }

    [Fact]
    public void A_condition_on_the_kind_of_principal_assigned_leaves_the_power_to_assign_Owner()
    {
        // Given an identity that is User Access Administrator of the subscription with a condition that only limits
        // assignments to service principals: it is one, and may assign itself Owner
        var tenant = new TestTenant();
        tenant.ManagedIdentityAt("vm-build", VirtualMachine);
        const string ServicePrincipalsOnly = "((!(ActionMatches{'Microsoft.Authorization/roleAssignments/write'})) OR (@Request[Microsoft.Authorization/roleAssignments:PrincipalType] ForAnyOfAnyValues:StringEqualsIgnoreCase {'ServicePrincipal'}))";
        tenant.AssignAzureRole("vm-build", "ServicePrincipal", TestTenant.UserAccessAdministrator, TestTenant.Subscription, ServicePrincipalsOnly);

        // Then it is reported
        Assert.Equal(TestTenant.Id("vm-build"), Assert.Single(tenant.Scan().Of(Rule)).Principal);
    }

    [Fact]
    public void A_managed_identity_holding_a_custom_role_that_may_assign_roles_is_reported()
    {
        // Given a user-assigned identity holding a custom role that grants role assignment writes at the subscription,
        // and a VM's identity holding a custom role that only reads
        var tenant = new TestTenant();
        tenant.ManagedIdentityAt("id-deploy", IdentityResource, userAssigned: true);
        tenant.ManagedIdentityAt("vm-build", VirtualMachine);
        var deployer = tenant.AzureCustomRole("deployer", "Pipeline Deployer", ["Microsoft.Resources/deployments/*", "Microsoft.Authorization/roleAssignments/write", "*/read"]);
        var auditor = tenant.AzureCustomRole("auditor", "Estate Auditor", ["*/read"]);
        tenant.AssignAzureRole("id-deploy", "ServicePrincipal", deployer, TestTenant.Subscription);
        tenant.AssignAzureRole("vm-build", "ServicePrincipal", auditor, TestTenant.Subscription);

        // Then the deployer is reported, as the escalation graph finds it, and the auditor is not
        var finding = Assert.Single(tenant.Scan().Of(Rule));
        Assert.Equal(TestTenant.Id("id-deploy"), finding.Principal);
        Assert.Equal($"Managed identity `id-deploy` is Pipeline Deployer of subscription `{TestTenant.Subscription}`", finding.Title);
        Assert.Contains("it may assign any role there, Owner included", finding.Explanation, StringComparison.Ordinal);
        Assert.Contains(tenant.EscalationGraph().Edges, e => e.Technique == "azure-assign-role" && e.From.Value == TestTenant.Id("id-deploy"));
    }

    [Fact]
    public void Managed_identities_named_only_by_the_resource_inventory_are_reported_with_their_resources()
    {
        // Given no directory export of service principals: a VM (az vm list) with a system-assigned identity that is
        // Owner of the subscription and a user-assigned one (az identity list) that is User Access Administrator there,
        // and an application's principal, which the inventory does not name, that is Owner too
        var tenant = new TestTenant();
        tenant.AzureVirtualMachine("vm-build", "vm-build-identity", "id-deploy");
        tenant.AzureUserAssignedIdentity("id-deploy");
        tenant.AssignAzureRole("vm-build-identity", "ServicePrincipal", TestTenant.Owner, TestTenant.Subscription);
        tenant.AssignAzureRole("id-deploy", "ServicePrincipal", TestTenant.UserAccessAdministrator, TestTenant.Subscription);
        tenant.AssignAzureRole("deploy-app", "ServicePrincipal", TestTenant.Owner, TestTenant.Subscription);

        var findings = tenant.Scan().Of(Rule).ToDictionary(f => f.Principal, StringComparer.Ordinal);

        // Then both identities are reported, each naming the resource it belongs to or is attached to, and the
        // application is not
        Assert.Equal([TestTenant.Id("id-deploy"), TestTenant.Id("vm-build-identity")], findings.Keys.Order(StringComparer.Ordinal), StringComparer.Ordinal);
        Assert.Contains($"the system-assigned managed identity of `{TestTenant.VirtualMachineId("vm-build")}`", findings[TestTenant.Id("vm-build-identity")].Explanation, StringComparison.Ordinal);
        Assert.StartsWith($"`id-deploy` is the user-assigned managed identity `{TestTenant.UserAssignedIdentityId("id-deploy")}`, attached to `{TestTenant.VirtualMachineId("vm-build")}`.", findings[TestTenant.Id("id-deploy")].Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void A_user_assigned_identity_of_the_directory_export_is_named_with_the_resources_the_inventory_attaches_it_to()
    {
        // Given a user-assigned identity of the directory export that is Owner of the subscription, attached to a VM in
        // the inventory, and another that the inventory attaches to nothing
        var tenant = new TestTenant();
        tenant.ManagedIdentityAt("id-deploy", TestTenant.UserAssignedIdentityId("id-deploy"), userAssigned: true);
        tenant.ManagedIdentityAt("id-spare", TestTenant.UserAssignedIdentityId("id-spare"), userAssigned: true);
        tenant.AzureVirtualMachine("vm-build", null, "id-deploy");
        tenant.AssignAzureRole("id-deploy", "ServicePrincipal", TestTenant.Owner, TestTenant.Subscription);
        tenant.AssignAzureRole("id-spare", "ServicePrincipal", TestTenant.Owner, TestTenant.Subscription);

        var findings = tenant.Scan().Of(Rule).ToDictionary(f => f.Principal, StringComparer.Ordinal);

        // Then the explanations say which resources use each
        Assert.Contains($"attached to `{TestTenant.VirtualMachineId("vm-build")}`", findings[TestTenant.Id("id-deploy")].Explanation, StringComparison.Ordinal);
        Assert.Contains("(the resource inventory attaches it to no resource)", findings[TestTenant.Id("id-spare")].Explanation, StringComparison.Ordinal);
        Assert.DoesNotContain("does not say which resources use it", findings[TestTenant.Id("id-deploy")].Explanation, StringComparison.Ordinal);
    }
}
