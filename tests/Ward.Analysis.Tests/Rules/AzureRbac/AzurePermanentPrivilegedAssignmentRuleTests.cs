using Ward.Analysis.Tests.Testing;

namespace Ward.Analysis.Tests.Rules.AzureRbac;

public sealed class AzurePermanentPrivilegedAssignmentRuleTests
{
    private const string Rule = "azure-permanent-privileged-assignment";
    private static readonly string Platform = TestTenant.ManagementGroupScope("platform");

    [Fact]
    public void A_standing_Owner_of_a_subscription_is_reported_from_its_schedule_instance()
    {
        // Given an Owner of the subscription whose schedule instance is Assigned with no end
        var tenant = Platformed();
        tenant.User("owner");
        tenant.AssignAzureRole("owner", "User", TestTenant.Owner, TestTenant.Subscription);
        tenant.AzureAssignmentScheduleInstance("owner", "User", TestTenant.Owner, TestTenant.Subscription);

        var finding = Assert.Single(tenant.Scan().Of(Rule));

        // Then it is reported, high, on the user, saying what the instance shows
        Assert.Equal((Severity.High, "azure", TestTenant.Id("owner")), (finding.Severity, finding.Provider, finding.Principal));
        Assert.Equal($"`owner@fabrikam.example` holds Owner of subscription `fabrikam-prod` (`{TestTenant.Subscription}`) permanently", finding.Title);
        Assert.Contains("is `Assigned` with no end date: a standing assignment, not a PIM activation", finding.Explanation, StringComparison.Ordinal);
        Assert.Contains("full control of every resource there", finding.Explanation, StringComparison.Ordinal);
        Assert.DoesNotContain("cannot be told apart", finding.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void A_PIM_activation_and_a_time_bound_assignment_are_not_reported()
    {
        // Given three Owners of the subscription: one activated through PIM for eight hours, one assigned for 30 days,
        // and one standing
        var tenant = Platformed();
        foreach (var (key, type, end) in new (string, string, double?)[] { ("activated", "Activated", 8.0 / 24), ("time-bound", "Assigned", 30), ("standing", "Assigned", null) })
        {
            tenant.User(key);
            tenant.AssignAzureRole(key, "User", TestTenant.Owner, TestTenant.Subscription);
            tenant.AzureAssignmentScheduleInstance(key, "User", TestTenant.Owner, TestTenant.Subscription, type, end);
        }

        // Then only the standing one is reported
        Assert.Equal([TestTenant.Id("standing")], tenant.Scan().Of(Rule).Select(f => f.Principal), StringComparer.Ordinal);
    }

    [Fact]
    public void Reader_constrained_delegation_and_resource_group_owners_are_not_reported()
    {
        // Given standing assignments: Reader of the subscription, a Role Based Access Control Administrator limited to
        // Reader, Contributor (it may not assign roles), an Owner of one resource group, and a User Access
        // Administrator of the platform management group; no schedule instances exported
        var tenant = Platformed();
        foreach (var key in new[] { "reader", "delegate", "contributor", "rg-owner", "uaa" })
        {
            tenant.User(key);
        }

        tenant.AssignAzureRole("reader", "User", TestTenant.Reader, TestTenant.Subscription);
        tenant.AssignAzureRole("delegate", "User", TestTenant.RoleBasedAccessControlAdministrator, TestTenant.Subscription, TestTenant.ReaderOnlyCondition);
        tenant.AssignAzureRole("contributor", "User", TestTenant.Contributor, TestTenant.Subscription);
        tenant.AssignAzureRole("rg-owner", "User", TestTenant.Owner, TestTenant.Subscription + "/resourceGroups/rg-web");
        tenant.AssignAzureRole("uaa", "User", TestTenant.UserAccessAdministrator, Platform);

        // Then only the User Access Administrator of the management group is reported
        var finding = Assert.Single(tenant.Scan().Of(Rule));
        Assert.Equal(TestTenant.Id("uaa"), finding.Principal);
        Assert.Contains($"User Access Administrator of management group `{Platform}`", finding.Explanation, StringComparison.Ordinal);
        Assert.Contains("it may assign any role there, Owner included", finding.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_schedule_instances_the_explanation_says_activations_cannot_be_told_apart()
    {
        // Given an Owner of the root management group, and no schedule instances in the export
        var tenant = Platformed();
        tenant.User("root-owner");
        tenant.AssignAzureRole("root-owner", "User", TestTenant.Owner, TestTenant.ManagementGroupScope(TestTenant.RootGroup));

        var finding = Assert.Single(tenant.Scan().Of(Rule));

        // Then it is reported, saying that a PIM activation would look the same
        Assert.Equal(Severity.High, finding.Severity);
        Assert.Contains("The export has no PIM assignment schedule instances (`roleAssignmentScheduleInstances`)", finding.Explanation, StringComparison.Ordinal);
        Assert.Contains("only the instances tell them apart from a permanent one", finding.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void An_assignment_whose_scope_exported_no_instance_is_reported_as_undecided()
    {
        // Given instances exported for the subscription only, and an Owner of the platform management group
        var tenant = Platformed();
        tenant.User("sub-owner");
        tenant.User("group-owner");
        tenant.AssignAzureRole("sub-owner", "User", TestTenant.Owner, TestTenant.Subscription);
        tenant.AzureAssignmentScheduleInstance("sub-owner", "User", TestTenant.Owner, TestTenant.Subscription, "Activated", 0.25);
        tenant.AssignAzureRole("group-owner", "User", TestTenant.Owner, Platform);

        // Then the group's Owner is reported, saying its instance is missing
        var finding = Assert.Single(tenant.Scan().Of(Rule));
        Assert.Equal(TestTenant.Id("group-owner"), finding.Principal);
        Assert.Contains("no PIM assignment schedule instance for this assignment", finding.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void A_group_lists_its_members_and_a_managed_identity_is_left_to_its_own_rule()
    {
        // Given a group of two that is standing Owner of the subscription, and a VM's managed identity that is too
        var tenant = Platformed();
        tenant.User("ana");
        tenant.User("ben");
        tenant.Group("sub-owners", roleAssignable: false, "ana", "ben");
        tenant.AssignAzureRole("sub-owners", "Group", TestTenant.Owner, TestTenant.Subscription);
        tenant.ManagedIdentityAt("vm-identity", TestTenant.Subscription + "/resourceGroups/rg-build/providers/Microsoft.Compute/virtualMachines/vm-build01");
        tenant.AssignAzureRole("vm-identity", "ServicePrincipal", TestTenant.Owner, TestTenant.Subscription);

        var result = tenant.Scan();

        // Then the group is reported with its members; the identity only by azure-managed-identity-privileged-role
        var finding = Assert.Single(result.Of(Rule));
        Assert.Equal(TestTenant.Id("sub-owners"), finding.Principal);
        Assert.Contains("is assigned to the group `sub-owners`", finding.Explanation, StringComparison.Ordinal);
        Assert.Contains("Every member holds it the same way: `ana@fabrikam.example`, `ben@fabrikam.example`.", finding.Explanation, StringComparison.Ordinal);
        Assert.Contains(result.Of("azure-managed-identity-privileged-role"), f => f.Principal == TestTenant.Id("vm-identity"));
    }

    [Fact]
    public void A_custom_role_that_may_write_role_assignments_counts_as_Owner_like()
    {
        // Given standing assignments of two custom roles at the subscription: one granting Microsoft.Authorization/*,
        // one granting everything but Microsoft.Authorization writes
        var tenant = Platformed();
        var delegator = tenant.AzureCustomRole("delegator", "Access Delegator", ["Microsoft.Authorization/*", "*/read"]);
        var operator_ = tenant.AzureCustomRole("operator", "Platform Operator", ["*"], ["Microsoft.Authorization/*/Write", "Microsoft.Authorization/*/Delete"]);
        tenant.User("delegating");
        tenant.User("operating");
        tenant.AssignAzureRole("delegating", "User", delegator, TestTenant.Subscription);
        tenant.AssignAzureRole("operating", "User", operator_, TestTenant.Subscription);

        // Then only the role that may assign roles is reported
        var finding = Assert.Single(tenant.Scan().Of(Rule));
        Assert.Equal(TestTenant.Id("delegating"), finding.Principal);
        Assert.Contains("`delegating@fabrikam.example` holds Access Delegator of subscription", finding.Title, StringComparison.Ordinal);
    }

    private static TestTenant Platformed() => new TestTenant().AzureManagementGroup("platform").AzureSubscriptionIn("platform");
}
