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
}
