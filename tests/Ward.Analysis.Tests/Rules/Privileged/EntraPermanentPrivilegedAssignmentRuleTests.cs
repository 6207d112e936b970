using Ward.Analysis.Tests.Testing;

namespace Ward.Analysis.Tests.Rules.Privileged;

public sealed class EntraPermanentPrivilegedAssignmentRuleTests
{
    private const string Rule = "entra-permanent-privileged-assignment";

    [Fact]
    public void A_plain_global_administrator_assignment_is_permanent_and_an_eligibility_is_not()
    {
        // Given a Global Administrator assigned in roleAssignments (no PIM schedule data) and a user eligible for Privileged Role Administrator
        var tenant = new TestTenant();
        tenant.User("standing");
        tenant.User("just-in-time");
        tenant.AssignRole("standing", "Global Administrator");
        tenant.EligibleRole("just-in-time", "Privileged Role Administrator");

        // When the tenant is scanned
        var finding = Assert.Single(tenant.Scan().Of(Rule));

        // Then only the standing assignment is reported, saying why it is read as permanent and naming the emergency access exception
        Assert.Equal(TestTenant.Id("standing"), finding.Principal);
        Assert.Equal(Severity.High, finding.Severity);
        Assert.Equal("`standing@fabrikam.example` holds Global Administrator permanently", finding.Title);
        Assert.Contains("the export has no PIM assignment schedule instances", finding.Explanation, StringComparison.Ordinal);
        Assert.Contains("Emergency access (break-glass) accounts are the documented exception", finding.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void Schedule_instances_tell_a_permanent_assignment_from_an_activation_and_a_time_bound_one()
    {
        // Given three active Tier 0 assignments with their PIM schedule instances: Assigned with no end, Activated for
        // a few hours, and Assigned until next week
        var tenant = new TestTenant();
        tenant.User("permanent");
        tenant.User("activated");
        tenant.User("time-bound");
        tenant.AssignRole("permanent", "Privileged Role Administrator").ActiveRoleInstance("permanent", "Privileged Role Administrator");
        tenant.AssignRole("activated", "Global Administrator").ActiveRoleInstance("activated", "Global Administrator", "Activated", endInDays: 0.2);
        tenant.AssignRole("time-bound", "Security Administrator").ActiveRoleInstance("time-bound", "Security Administrator", endInDays: 7);

        var finding = Assert.Single(tenant.Scan().Of(Rule));

        // Then only the assignment without an end is permanent
        Assert.Equal(TestTenant.Id("permanent"), finding.Principal);
        Assert.Contains("its PIM assignment schedule instance is `Assigned` with no end date", finding.Explanation, StringComparison.Ordinal);
        Assert.DoesNotContain("Emergency access", finding.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void An_assignment_without_its_schedule_instance_says_none_was_exported_for_it()
    {
        // Given two Global Administrators assigned in roleAssignments, and a schedule instance exported for one only
        var tenant = new TestTenant();
        tenant.User("with-instance");
        tenant.User("without-instance");
        tenant.AssignRole("with-instance", "Global Administrator").ActiveRoleInstance("with-instance", "Global Administrator");
        tenant.AssignRole("without-instance", "Global Administrator");

        var findings = tenant.Scan().Of(Rule).ToDictionary(f => f.Principal, StringComparer.Ordinal);

        // Then both are permanent, but only the first is said to have an `Assigned` instance
        Assert.Contains("its PIM assignment schedule instance is `Assigned` with no end date", findings[TestTenant.Id("with-instance")].Explanation, StringComparison.Ordinal);
        var without = findings[TestTenant.Id("without-instance")].Explanation;
        Assert.DoesNotContain("`Assigned`", without, StringComparison.Ordinal);
        Assert.Contains("the export holds PIM assignment schedule instances, but none for this assignment", without, StringComparison.Ordinal);
    }

    [Fact]
    public void A_permanent_tier_1_role_and_a_tier_0_role_scoped_to_one_application_are_not_reported()
    {
        // Given a permanent Exchange Administrator and a permanent Cloud Application Administrator over one application
        var tenant = new TestTenant();
        tenant.User("mail-admin");
        tenant.User("menu-admin");
        tenant.AppRegistration("menu");
        tenant.AssignRole("mail-admin", "Exchange Administrator").AssignRole("menu-admin", "Cloud Application Administrator", $"/{TestTenant.ApplicationId("menu")}");

        // Then neither controls the tenant, and nothing is reported
        Assert.Empty(tenant.Scan().Of(Rule));
    }

    [Fact]
    public void A_permanent_assignment_to_a_role_assignable_group_is_reported_on_the_group_with_its_members()
    {
        // Given a role-assignable group with two members, permanently Privileged Authentication Administrator
        var tenant = new TestTenant();
        tenant.User("first");
        tenant.User("second");
        tenant.Group("auth-admins", roleAssignable: true, "first", "second");
        tenant.AssignRole("auth-admins", "Privileged Authentication Administrator");

        // Then one finding names the group and lists the members holding it the same way
        var finding = Assert.Single(tenant.Scan().Of(Rule));
        Assert.Equal(TestTenant.Id("auth-admins"), finding.Principal);
        Assert.Contains("the role-assignable group `auth-admins`", finding.Explanation, StringComparison.Ordinal);
        Assert.Contains("Every member holds it the same way: `first@fabrikam.example`, `second@fabrikam.example`", finding.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void A_disabled_account_holding_global_administrator_permanently_is_reported_without_being_called_usable_now_and_an_enabled_one_is()
    {
        // Given two permanent Global Administrators: one whose account is disabled, one enabled
        var tenant = new TestTenant();
        tenant.User("disabled-admin", enabled: false);
        tenant.User("enabled-admin");
        tenant.AssignRole("disabled-admin", "Global Administrator").ActiveRoleInstance("disabled-admin", "Global Administrator");
        tenant.AssignRole("enabled-admin", "Global Administrator").ActiveRoleInstance("enabled-admin", "Global Administrator");

        var findings = tenant.Scan().Of(Rule);

        // Then both are reported (an account can be enabled again), but only the enabled one's role is usable at any moment
        Assert.Equal(2, findings.Count);
        var disabled = findings.Single(f => f.Principal == TestTenant.Id("disabled-admin"));
        Assert.Contains("The account is disabled (`accountEnabled` false), so the role is not usable now", disabled.Explanation, StringComparison.Ordinal);
        Assert.DoesNotContain("usable at any moment", disabled.Explanation, StringComparison.Ordinal);
        var enabled = findings.Single(f => f.Principal == TestTenant.Id("enabled-admin"));
        Assert.Contains("The role is usable at any moment", enabled.Explanation, StringComparison.Ordinal);
        Assert.DoesNotContain("disabled", enabled.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_schedule_instances_an_active_assignment_of_a_role_also_held_eligible_is_named_a_probable_activation_and_a_plain_one_is_not()
    {
        // Given an export without assignment schedule instances: a user listed in roleAssignments as Global Administrator
        // who is also eligible for it (as an activation shows), and one who is only assigned
        var tenant = new TestTenant();
        tenant.User("activated");
        tenant.User("standing");
        tenant.AssignRole("activated", "Global Administrator").EligibleRole("activated", "Global Administrator");
        tenant.AssignRole("standing", "Global Administrator");

        var findings = tenant.Scan().Of(Rule);

        // Then both are still reported, but only the first says it is probably an activation
        Assert.Equal(2, findings.Count);
        var activated = findings.Single(f => f.Principal == TestTenant.Id("activated"));
        Assert.Contains("is also PIM-eligible for Global Administrator at the same scope", activated.Explanation, StringComparison.Ordinal);
        Assert.Contains("this is probably an activation", activated.Explanation, StringComparison.Ordinal);
        var standing = findings.Single(f => f.Principal == TestTenant.Id("standing"));
        Assert.DoesNotContain("PIM-eligible", standing.Explanation, StringComparison.Ordinal);
    }
}
