using Ward.Analysis.Tests.Testing;

namespace Ward.Analysis.Tests.Rules.Privileged;

public sealed class PrivilegedUserWithoutMfaRuleTests
{
    private const string Rule = "entra-privileged-user-without-mfa";

    [Fact]
    public void A_Global_Administrator_without_MFA_is_critical_a_Helpdesk_Administrator_high_and_registered_or_unprivileged_users_are_not_reported()
    {
        // Given a Global Administrator and a Helpdesk Administrator without a registered method, a Helpdesk
        // Administrator with one, and a Groups Administrator (not a role Microsoft labels privileged) without one
        var tenant = new TestTenant();
        foreach (var key in new[] { "root", "desk", "desk-with-key", "groups" })
        {
            tenant.User(key);
        }

        tenant.AssignRole("root", "Global Administrator").AssignRole("desk", "Helpdesk Administrator")
            .AssignRole("desk-with-key", "Helpdesk Administrator").AssignRole("groups", "Groups Administrator");
        tenant.MfaRegistration("root", registered: false).MfaRegistration("desk", registered: false, "email")
            .MfaRegistration("desk-with-key", registered: true, "fido2").MfaRegistration("groups", registered: false);

        var findings = tenant.Scan().Of(Rule);

        // Then the first two are reported, each with the role, the report's verdict and its methods
        Assert.Equal(new[] { TestTenant.Id("desk"), TestTenant.Id("root") }.Order(StringComparer.Ordinal), findings.Select(f => f.Principal).Order(StringComparer.Ordinal), StringComparer.Ordinal);
        var root = findings.Single(f => f.Principal == TestTenant.Id("root"));
        Assert.Equal((Severity.Critical, "entra", TestTenant.TenantId), (root.Severity, root.Provider, root.Account));
        Assert.Equal("Privileged user `root@fabrikam.example` has no MFA method registered", root.Title);
        Assert.Contains("holds Global Administrator.", root.Explanation, StringComparison.Ordinal);
        Assert.Contains("`isMfaRegistered` is false (entry updated 2026-11-27 (1 day before the reference time)); methods registered: none", root.Explanation, StringComparison.Ordinal);
        var desk = findings.Single(f => f.Principal == TestTenant.Id("desk"));
        Assert.Equal(Severity.High, desk.Severity);
        Assert.Contains("methods registered: `email`", desk.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void A_registered_method_the_authentication_methods_policy_does_not_allow_is_reported_and_an_allowed_one_is_not()
    {
        // Given two Global Administrators with MFA registered: one only by text message, which the authentication methods
        // policy does not allow (not MFA capable), one with Microsoft Authenticator (capable)
        var tenant = new TestTenant();
        tenant.User("sms-only");
        tenant.User("authenticator");
        tenant.AssignRole("sms-only", "Global Administrator").AssignRole("authenticator", "Global Administrator");
        tenant.MfaRegistration("sms-only", registered: true, capable: false, "mobilePhone")
            .MfaRegistration("authenticator", registered: true, capable: true, "microsoftAuthenticatorPush");

        // Then the first is reported, critical, with its own wording
        var finding = Assert.Single(tenant.Scan().Of(Rule));
        Assert.Equal(TestTenant.Id("sms-only"), finding.Principal);
        Assert.Equal(Severity.Critical, finding.Severity);
        Assert.Equal("Privileged user `sms-only@fabrikam.example` has no MFA method the authentication methods policy allows", finding.Title);
        Assert.Contains("`isMfaRegistered` is true but `isMfaCapable` is false", finding.Explanation, StringComparison.Ordinal);
        Assert.Contains("methods registered: `mobilePhone`", finding.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void An_eligibility_that_has_not_started_is_not_held_and_one_that_has_is()
    {
        // Given, without registered methods, a user eligible for Global Administrator from 30 days after the
        // reference time, and one eligible since 30 days before it
        var tenant = new TestTenant();
        tenant.User("future");
        tenant.User("current");
        tenant.EligibleRole("future", "Global Administrator", startDaysAgo: -30);
        tenant.EligibleRole("current", "Global Administrator", startDaysAgo: 30);
        tenant.MfaRegistration("future", registered: false).MfaRegistration("current", registered: false);

        // Then only the eligibility in force makes a privileged user, as for the role holder rule
        Assert.Equal(TestTenant.Id("current"), Assert.Single(tenant.Scan().Of(Rule)).Principal);
    }

    [Fact]
    public void Without_exported_role_definitions_a_built_in_role_is_named_from_the_catalog()
    {
        // Given a Global Administrator assignment whose role definitions were not exported
        var tenant = new TestTenant();
        tenant.User("root");
        tenant.Add("roleManagement/directory/roleAssignments", new
        {
            id = TestTenant.Id("assignment-root"),
            principalId = TestTenant.Id("root"),
            roleDefinitionId = "62e90394-69f5-4237-9190-012177145e10",
            directoryScopeId = "/",
            appScopeId = (string?)null,
        });
        tenant.MfaRegistration("root", registered: false);

        // Then the role is named, not given as its template id
        var finding = Assert.Single(tenant.Scan().Of(Rule));
        Assert.Contains("holds Global Administrator.", finding.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void An_eligible_Global_Administrator_counts_and_an_administrative_unit_scoped_role_does_not()
    {
        // Given, without registered methods, a PIM-eligible Global Administrator and a Helpdesk Administrator scoped
        // to an administrative unit
        var tenant = new TestTenant();
        tenant.User("standby");
        tenant.User("unit-desk");
        tenant.EligibleRole("standby", "Global Administrator");
        tenant.AssignRole("unit-desk", "Helpdesk Administrator", scope: "/administrativeUnits/" + TestTenant.Id("unit"));
        tenant.Add("directory/administrativeUnits", new { id = TestTenant.Id("unit"), displayName = "unit" });
        tenant.MfaRegistration("standby", registered: false).MfaRegistration("unit-desk", registered: false);

        var finding = Assert.Single(tenant.Scan().Of(Rule));

        // Then only the eligible administrator is reported, critical, its eligibility named
        Assert.Equal(TestTenant.Id("standby"), finding.Principal);
        Assert.Equal(Severity.Critical, finding.Severity);
        Assert.Contains("holds Global Administrator (PIM-eligible).", finding.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void An_Azure_Owner_of_a_subscription_through_a_group_counts_and_an_Owner_of_a_resource_group_does_not()
    {
        // Given, without registered methods, a member of a group that owns the subscription and an Owner of one
        // resource group
        var tenant = new TestTenant();
        tenant.User("sub-owner");
        tenant.User("rg-owner");
        tenant.Group("owners", roleAssignable: false, "sub-owner");
        tenant.AzureSubscriptionIn();
        tenant.AssignAzureRole("owners", "Group", TestTenant.Owner, TestTenant.Subscription);
        tenant.AssignAzureRole("rg-owner", "User", TestTenant.Owner, TestTenant.Subscription + "/resourceGroups/rg-app");
        tenant.MfaRegistration("sub-owner", registered: false).MfaRegistration("rg-owner", registered: false);

        var finding = Assert.Single(tenant.Scan().Of(Rule));

        // Then only the subscription owner is reported, high, with the group it holds the role through
        Assert.Equal(TestTenant.Id("sub-owner"), finding.Principal);
        Assert.Equal(Severity.High, finding.Severity);
        Assert.Contains("holds Owner of subscription `fabrikam-prod`", finding.Explanation, StringComparison.Ordinal);
        Assert.Contains("through group `owners`", finding.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void A_condition_on_an_Owner_assignment_leaves_it_privileged_and_one_on_User_Access_Administrator_may_not()
    {
        // Given, without registered methods, an Owner of the subscription whose assignment may assign Reader only, and a
        // User Access Administrator of it with the same condition
        var tenant = new TestTenant();
        tenant.User("limited-owner");
        tenant.User("limited-uaa");
        tenant.AzureSubscriptionIn();
        tenant.AssignAzureRole("limited-owner", "User", TestTenant.Owner, TestTenant.Subscription, TestTenant.ReaderOnlyCondition);
        tenant.AssignAzureRole("limited-uaa", "User", TestTenant.UserAccessAdministrator, TestTenant.Subscription, TestTenant.ReaderOnlyCondition);
        tenant.MfaRegistration("limited-owner", registered: false).MfaRegistration("limited-uaa", registered: false);

        var finding = Assert.Single(tenant.Scan().Of(Rule));

        // Then the Owner is reported: the condition limits what it may assign, not its control of every resource
        Assert.Equal(TestTenant.Id("limited-owner"), finding.Principal);
        Assert.Contains("holds Owner of subscription `fabrikam-prod`", finding.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_the_registration_report_the_rule_says_it_did_not_run()
    {
        // Given a Global Administrator and no registration report
        var tenant = new TestTenant();
        tenant.User("root");
        tenant.AssignRole("root", "Global Administrator");

        var result = tenant.Scan();

        // Then nothing is reported and the analyses not run say why
        Assert.Empty(result.Of(Rule));
        var skipped = Assert.Single(result.Skipped, s => s.Analysis.StartsWith(Rule, StringComparison.Ordinal));
        Assert.Contains("registration report", skipped.Reason, StringComparison.Ordinal);
        Assert.Contains("1 privileged user", skipped.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_time_bound_assignment_that_ended_before_the_reference_time_no_longer_makes_a_user_privileged_and_one_still_running_does()
    {
        // Given two users without MFA, each listed in roleAssignments as a Global Administrator (exported while the
        // assignment was active), whose PIM schedule instance is a time-bound Assigned one: ended 3 days before the
        // reference time for one, ending 3 days after it for the other
        var tenant = new TestTenant();
        tenant.User("ended");
        tenant.User("running");
        tenant.AssignRole("ended", "Global Administrator").ActiveRoleInstance("ended", "Global Administrator", endInDays: -3);
        tenant.AssignRole("running", "Global Administrator").ActiveRoleInstance("running", "Global Administrator", endInDays: 3);
        tenant.MfaRegistration("ended", registered: false).MfaRegistration("running", registered: false);

        // Then only the user whose assignment is still in force is reported, as the role holder rule sees it too
        var result = tenant.Scan();
        var finding = Assert.Single(result.Of(Rule));
        Assert.Equal(TestTenant.Id("running"), finding.Principal);
        Assert.DoesNotContain(result.Of("entra-privileged-role-holder"), f => f.Principal == TestTenant.Id("ended"));
        Assert.DoesNotContain(result.Of("entra-privileged-user-not-covered-by-mfa-policy"), f => f.Principal == TestTenant.Id("ended"));
    }
}
