using Ward.Analysis.Tests.Testing;

namespace Ward.Analysis.Tests.Rules.Privileged;

public sealed class PrivilegedUserNotCoveredByMfaPolicyRuleTests
{
    private const string Rule = "entra-privileged-user-not-covered-by-mfa-policy";

    [Fact]
    public void An_administrator_excluded_through_a_group_is_not_covered_and_one_outside_the_group_is()
    {
        // Given two Global Administrators and an enabled MFA policy for the role that excludes the group one of them is in
        var tenant = new TestTenant();
        tenant.User("excluded-admin");
        tenant.User("covered-admin");
        tenant.AssignRole("excluded-admin", "Global Administrator").AssignRole("covered-admin", "Global Administrator");
        tenant.Group("mfa-exempt", roleAssignable: false, "excluded-admin");
        tenant.ConditionalAccessPolicy("Require MFA for admins", includeRoles: ["Global Administrator"], excludeGroups: ["mfa-exempt"]);

        var finding = Assert.Single(tenant.Scan().Of(Rule));

        // Then only the excluded administrator is reported, high, with the policy and the group that excludes them
        Assert.Equal(TestTenant.Id("excluded-admin"), finding.Principal);
        Assert.Equal((Severity.High, "entra"), (finding.Severity, finding.Provider));
        Assert.Equal("Privileged user `excluded-admin@fabrikam.example` is not covered by an enforced MFA policy", finding.Title);
        Assert.Contains("The one enabled conditional access policy requiring MFA does not apply to them.", finding.Explanation, StringComparison.Ordinal);
        Assert.Contains("policy `Require MFA for admins` requires MFA (it includes role `Global Administrator`) but excludes them through group `mfa-exempt`", finding.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void A_report_only_policy_does_not_cover_and_its_enabled_twin_does()
    {
        // Given two User Administrators, each included by name in an MFA policy: one report-only, one enabled
        var tenant = new TestTenant();
        tenant.User("piloted");
        tenant.User("enforced");
        tenant.AssignRole("piloted", "User Administrator").AssignRole("enforced", "User Administrator");
        tenant.ConditionalAccessPolicy("Pilot MFA", state: "enabledForReportingButNotEnforced", includeUsers: ["piloted"]);
        tenant.ConditionalAccessPolicy("MFA", includeUsers: ["enforced"]);

        var finding = Assert.Single(tenant.Scan().Of(Rule));

        // Then only the user of the report-only policy is reported, and the explanation says it is report-only
        Assert.Equal(TestTenant.Id("piloted"), finding.Principal);
        Assert.Contains("policy `Pilot MFA` would require MFA of them (it includes them by name) but is report-only", finding.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void Mfa_or_a_compliant_device_is_partial_and_mfa_and_a_compliant_device_is_full()
    {
        // Given two Security Administrators, one in a group whose policy takes MFA OR a compliant device, the other in
        // a group whose policy requires MFA AND a compliant device
        var tenant = new TestTenant();
        tenant.User("either");
        tenant.User("both");
        tenant.AssignRole("either", "Security Administrator").AssignRole("both", "Security Administrator");
        tenant.Group("either-group", roleAssignable: false, "either");
        tenant.Group("both-group", roleAssignable: false, "both");
        tenant.ConditionalAccessPolicy("MFA or device", includeGroups: ["either-group"], builtInControls: ["mfa", "compliantDevice"]);
        tenant.ConditionalAccessPolicy("MFA and device", includeGroups: ["both-group"], grantOperator: "AND", builtInControls: ["mfa", "compliantDevice"]);

        var finding = Assert.Single(tenant.Scan().Of(Rule));

        // Then only the first is reported, medium, with the alternative that skips MFA
        Assert.Equal(TestTenant.Id("either"), finding.Principal);
        Assert.Equal(Severity.Medium, finding.Severity);
        Assert.Equal("Privileged user `either@fabrikam.example` is only partly covered by MFA policies", finding.Title);
        Assert.Contains("policy `MFA or device` (it includes group `either-group`) has gaps: its grant takes `compliantDevice` instead of MFA (operator OR)", finding.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void A_role_targeted_policy_covers_an_eligible_administrator_once_activated_but_not_one_eligible_for_another_role()
    {
        // Given an MFA policy targeting Privileged Role Administrator, a user eligible for that role, and a user
        // eligible for Application Administrator, which the policy does not target
        var tenant = new TestTenant();
        tenant.User("eligible-pra");
        tenant.User("eligible-apps");
        tenant.EligibleRole("eligible-pra", "Privileged Role Administrator").EligibleRole("eligible-apps", "Application Administrator");
        tenant.ConditionalAccessPolicy("MFA for role admins", includeRoles: ["Privileged Role Administrator"]);

        var finding = Assert.Single(tenant.Scan().Of(Rule));

        // Then the eligible Privileged Role Administrator is covered (Conditional Access applies once the role is
        // active), and the other is reported
        Assert.Equal(TestTenant.Id("eligible-apps"), finding.Principal);
        Assert.Contains("holds Application Administrator (PIM-eligible).", finding.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void Admin_portals_only_legacy_clients_only_and_excluded_locations_are_gaps()
    {
        // Given three Global Administrators, each included by name in an enabled MFA policy narrowed differently
        var tenant = new TestTenant();
        foreach (var key in new[] { "portal", "legacy", "office" })
        {
            tenant.User(key);
            tenant.AssignRole(key, "Global Administrator");
        }

        tenant.ConditionalAccessPolicy("Portals", includeUsers: ["portal"], includeApplications: ["MicrosoftAdminPortals"]);
        tenant.ConditionalAccessPolicy("Browsers", includeUsers: ["legacy"], clientAppTypes: ["browser"]);
        tenant.ConditionalAccessPolicy("Away", includeUsers: ["office"], excludeLocations: ["AllTrusted"]);

        var findings = tenant.Scan().Of(Rule).ToDictionary(f => f.Principal, StringComparer.Ordinal);

        // Then each is medium, and each gap is named
        Assert.All(findings.Values, f => Assert.Equal(Severity.Medium, f.Severity));
        Assert.Contains("it applies to the Microsoft admin portals only", findings[TestTenant.Id("portal")].Explanation, StringComparison.Ordinal);
        Assert.Contains("it applies to client apps `browser` only", findings[TestTenant.Id("legacy")].Explanation, StringComparison.Ordinal);
        Assert.Contains("it does not apply from locations `AllTrusted`", findings[TestTenant.Id("office")].Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void A_phishing_resistant_strength_for_all_users_covers_and_excluding_the_user_by_name_does_not()
    {
        // Given an enabled policy requiring phishing-resistant MFA of all users except a break-glass Global Administrator
        var tenant = new TestTenant();
        tenant.User("breakglass");
        tenant.User("daily-admin");
        tenant.AssignRole("breakglass", "Global Administrator").AssignRole("daily-admin", "Global Administrator");
        tenant.ConditionalAccessPolicy("Phishing-resistant MFA for everyone", includeUsers: ["All"], excludeUsers: ["breakglass"], authenticationStrength: TestTenant.PhishingResistantStrength);

        var finding = Assert.Single(tenant.Scan().Of(Rule));

        // Then only the excluded account is reported
        Assert.Equal(TestTenant.Id("breakglass"), finding.Principal);
        Assert.Contains("(it includes all users) but excludes them by name", finding.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void Security_defaults_cover_the_administrators_they_name_and_Azure_owners_but_only_partly_other_privileged_roles()
    {
        // Given enabled security defaults and no conditional access policy: a Global Administrator, an Intune
        // Administrator (a role security defaults do not name) and a subscription Owner
        var tenant = new TestTenant();
        tenant.User("root");
        tenant.User("intune");
        tenant.User("owner");
        tenant.AssignRole("root", "Global Administrator").AssignRole("intune", "Intune Administrator");
        tenant.AzureSubscriptionIn();
        tenant.AssignAzureRole("owner", "User", TestTenant.Owner, TestTenant.Subscription);
        tenant.SecurityDefaults(enabled: true);

        var finding = Assert.Single(tenant.Scan().Of(Rule));

        // Then only the Intune Administrator is reported, medium: security defaults require MFA of them for Azure management only
        Assert.Equal(TestTenant.Id("intune"), finding.Principal);
        Assert.Equal(Severity.Medium, finding.Severity);
        Assert.Contains("security defaults (they are enabled) has gaps: they require MFA of users without one of the administrator roles they name only for Azure management", finding.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void Disabled_security_defaults_without_exported_policies_leave_the_rule_undecided()
    {
        // Given a Global Administrator, disabled security defaults and no conditional access policy export
        var tenant = new TestTenant();
        tenant.User("root");
        tenant.AssignRole("root", "Global Administrator");
        tenant.SecurityDefaults(enabled: false);

        var result = tenant.Scan();

        // Then nothing is reported and the analyses not run say the policies were not exported
        Assert.Empty(result.Of(Rule));
        var skipped = Assert.Single(result.Skipped, s => s.Analysis == Rule);
        Assert.Contains("conditional access policies", skipped.Reason, StringComparison.Ordinal);
    }
}
