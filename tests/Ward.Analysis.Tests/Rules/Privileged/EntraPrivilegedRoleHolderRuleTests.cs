using Ward.Analysis.Tests.Testing;

namespace Ward.Analysis.Tests.Rules.Privileged;

public sealed class EntraPrivilegedRoleHolderRuleTests
{
    private const string Rule = "entra-privileged-role-holder";

    [Fact]
    public void A_global_administrator_is_a_high_tier_0_holder_and_readers_are_not_reported()
    {
        // Given a Global Administrator, a Security Reader and a Global Reader (both labelled PRIVILEGED by Microsoft, Tier 2)
        var tenant = new TestTenant();
        tenant.User("admin");
        tenant.User("reader");
        tenant.User("global-reader");
        tenant.AssignRole("admin", "Global Administrator").AssignRole("reader", "Security Reader").AssignRole("global-reader", "Global Reader");

        // When the tenant is scanned
        var findings = tenant.Scan().Of(Rule);

        // Then only the Global Administrator is listed, high, with tier, scope, state and reach
        var finding = Assert.Single(findings);
        Assert.Equal(TestTenant.Id("admin"), finding.Principal);
        Assert.Equal("entra", finding.Provider);
        Assert.Equal(TestTenant.TenantId, finding.Account);
        Assert.Equal(Severity.High, finding.Severity);
        Assert.Equal("`admin@fabrikam.example` holds Global Administrator (Tier 0)", finding.Title);
        Assert.Contains("Global Administrator (Tier 0, PRIVILEGED), tenant-wide, active with no end", finding.Explanation, StringComparison.Ordinal);
        Assert.Contains("manages every aspect of Microsoft Entra ID", finding.Explanation, StringComparison.Ordinal);
        Assert.Contains("no PIM assignment schedule instances", finding.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void A_disabled_holder_is_still_reported_and_said_to_be_disabled()
    {
        // Given two Global Administrators, one of them disabled
        var tenant = new TestTenant();
        tenant.User("admin");
        tenant.User("departed", enabled: false);
        tenant.AssignRole("admin", "Global Administrator").AssignRole("departed", "Global Administrator");

        var findings = tenant.Scan().Of(Rule).ToDictionary(f => f.Principal, StringComparer.Ordinal);

        // Then both hold the role (an account can be enabled again), and only the disabled one is said to be disabled
        Assert.Contains("The account is disabled", findings[TestTenant.Id("departed")].Explanation, StringComparison.Ordinal);
        Assert.DoesNotContain("The account is disabled", findings[TestTenant.Id("admin")].Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void Tier_1_roles_are_medium_with_the_data_they_reach_and_a_scoped_role_is_one_level_lower()
    {
        // Given an active Exchange Administrator, an eligible SharePoint Administrator and a Helpdesk Administrator over an administrative unit
        var tenant = new TestTenant();
        tenant.User("mail-admin");
        tenant.User("sites-admin");
        tenant.User("store-helpdesk");
        tenant.AssignRole("mail-admin", "Exchange Administrator");
        tenant.EligibleRole("sites-admin", "SharePoint Administrator", endInDays: 100);
        tenant.AssignRole("store-helpdesk", "Helpdesk Administrator", $"/administrativeUnits/{TestTenant.Id("stores")}");

        var findings = tenant.Scan().Of(Rule).ToDictionary(f => f.Principal, StringComparer.Ordinal);

        // Then the two tenant-wide Tier 1 roles are medium, the scoped one low, each saying what it reaches
        var mail = findings[TestTenant.Id("mail-admin")];
        Assert.Equal(Severity.Medium, mail.Severity);
        Assert.Contains("every mailbox", mail.Explanation, StringComparison.Ordinal);
        var sites = findings[TestTenant.Id("sites-admin")];
        Assert.Equal(Severity.Medium, sites.Severity);
        Assert.Contains("SharePoint Administrator (Tier 1), tenant-wide, PIM-eligible until 2027-03-08", sites.Explanation, StringComparison.Ordinal);
        Assert.Contains("every SharePoint site and OneDrive", sites.Explanation, StringComparison.Ordinal);
        Assert.Contains("one PIM activation away", sites.Explanation, StringComparison.Ordinal);
        var helpdesk = findings[TestTenant.Id("store-helpdesk")];
        Assert.Equal(Severity.Low, helpdesk.Severity);
        Assert.Contains($"over administrative unit `{TestTenant.Id("stores")}`", helpdesk.Explanation, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Exchange Administrator", "every mailbox")]
    [InlineData("SharePoint Administrator", "every SharePoint site and OneDrive")]
    [InlineData("Teams Administrator", "every Team's channels and files, by adding itself as a member")]
    [InlineData("Compliance Administrator", "content across mail, sites and chats through Microsoft Purview")]
    [InlineData("Power Platform Administrator", "every Power Platform environment (its Dataverse data, apps and flows)")]
    public void Each_Microsoft_365_administrator_is_reported_with_the_data_it_reaches(string role, string data)
    {
        // Given a holder of the Microsoft 365 administrator role, and a user holding nothing
        var tenant = new TestTenant();
        tenant.User("admin");
        tenant.User("bystander");
        tenant.AssignRole("admin", role);

        // When the tenant is scanned
        var finding = Assert.Single(tenant.Scan().Of(Rule));

        // Then the holder alone is reported, Tier 1, with the data the role reaches
        Assert.Equal(TestTenant.Id("admin"), finding.Principal);
        Assert.Equal(Severity.Medium, finding.Severity);
        Assert.Contains($"What each reaches: {role}: {data}", finding.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void A_role_assignable_group_its_members_and_its_eligible_members_are_holders_but_an_outsider_is_not()
    {
        // Given a role-assignable group holding Privileged Role Administrator, one member, one principal eligible for
        // membership through PIM for Groups, and a user outside the group
        var tenant = new TestTenant();
        tenant.User("member");
        tenant.User("candidate");
        tenant.User("outsider");
        tenant.Group("role-admins", roleAssignable: true, "member");
        tenant.AssignRole("role-admins", "Privileged Role Administrator");
        tenant.EligibleForGroup("candidate", "role-admins");

        var findings = tenant.Scan().Of(Rule).ToDictionary(f => f.Principal, StringComparer.Ordinal);

        // Then the group, its member and its eligible member are reported, and the outsider is not
        Assert.Equal(3, findings.Count);
        Assert.Contains("is a role-assignable group", findings[TestTenant.Id("role-admins")].Explanation, StringComparison.Ordinal);
        Assert.Contains("Its members hold the same: `member@fabrikam.example`", findings[TestTenant.Id("role-admins")].Explanation, StringComparison.Ordinal);
        Assert.Contains("through group `role-admins`", findings[TestTenant.Id("member")].Explanation, StringComparison.Ordinal);
        Assert.Contains("through a PIM-eligible membership of group `role-admins`", findings[TestTenant.Id("candidate")].Explanation, StringComparison.Ordinal);
        Assert.False(findings.ContainsKey(TestTenant.Id("outsider")));
    }

    [Fact]
    public void A_guest_holding_a_tier_0_role_is_critical_and_an_expired_eligibility_is_not_held()
    {
        // Given a guest eligible for Global Administrator, and a member whose Global Administrator eligibility ended yesterday
        var tenant = new TestTenant();
        tenant.User("partner", userType: "Guest");
        tenant.User("former");
        tenant.EligibleRole("partner", "Global Administrator");
        tenant.EligibleRole("former", "Global Administrator", startDaysAgo: 100, endInDays: -1);

        // Then the guest is critical and the expired eligibility is not reported
        var finding = Assert.Single(tenant.Scan().Of(Rule));
        Assert.Equal(TestTenant.Id("partner"), finding.Principal);
        Assert.Equal(Severity.Critical, finding.Severity);
        Assert.Contains("is a guest user", finding.Explanation, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("microsoft.directory/groups.security/members/update")]
    [InlineData("microsoft.directory/groups.security.assignedMembership/members/update")]
    [InlineData("microsoft.directory/groups.unified/owners/update")]
    public void A_custom_role_that_manages_one_type_of_group_is_Tier_1(string action)
    {
        // Given a custom role that changes the members or owners of one type of group only (Microsoft's subtypes)
        var tenant = new TestTenant();
        tenant.User("group-operator");
        tenant.CustomDirectoryRole("group-manager", "Group Manager", action, "microsoft.directory/groups/standard/read");
        tenant.AssignCustomRole("group-operator", "group-manager");

        // Then its holder is reported as a Tier 1 holder, named by the action
        var finding = Assert.Single(tenant.Scan().Of(Rule));
        Assert.Equal(TestTenant.Id("group-operator"), finding.Principal);
        Assert.Contains("Group Manager (Tier 1)", finding.Title, StringComparison.Ordinal);
        Assert.Contains($"(`{action}`) (tiered as a custom role, by its resource actions)", finding.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void A_custom_role_is_tiered_by_its_actions()
    {
        // Given a custom role that updates application credentials and one that only reads users
        var tenant = new TestTenant();
        tenant.User("app-operator");
        tenant.User("auditor");
        tenant.CustomDirectoryRole("app-credentials", "App Credential Operator", "microsoft.directory/applications/credentials/update", "microsoft.directory/applications/standard/read");
        tenant.CustomDirectoryRole("user-reader", "User Reader", "microsoft.directory/users/standard/read");
        tenant.AssignCustomRole("app-operator", "app-credentials").AssignCustomRole("auditor", "user-reader");

        // Then the first is a Tier 0 holder, named by the action, and the second is not reported
        var finding = Assert.Single(tenant.Scan().Of(Rule));
        Assert.Equal(TestTenant.Id("app-operator"), finding.Principal);
        Assert.Equal(Severity.High, finding.Severity);
        Assert.Contains("App Credential Operator (Tier 0)", finding.Title, StringComparison.Ordinal);
        Assert.Contains("`microsoft.directory/applications/credentials/update`) (tiered as a custom role, by its resource actions)", finding.Explanation, StringComparison.Ordinal);
    }
}
