using Ward.Analysis.Tests.Testing;

namespace Ward.Analysis.Tests.Rules.Privileged;

public sealed class EntraGuestPrivilegedRuleTests
{
    private const string Rule = "entra-guest-privileged";
    private const string RoleManagementReadWriteDirectory = "9e3f62cf-ca93-4989-b6ce-bf83c28f9fe8";

    [Fact]
    public void A_guest_owning_a_takeover_application_and_holding_an_azure_role_is_critical_and_a_guest_holding_nothing_is_not_reported()
    {
        // Given a guest owning an application whose service principal holds RoleManagement.ReadWrite.Directory and
        // Reader of the subscription, a guest holding nothing, and a member owning the same kind of application
        var tenant = new TestTenant();
        tenant.User("partner", userType: "Guest");
        tenant.User("visitor", userType: "Guest");
        tenant.User("employee");
        foreach (var (app, owner) in new[] { ("provisioning", "partner"), ("internal-tool", "employee") })
        {
            tenant.AppRegistration(app);
            tenant.ServicePrincipalOf(app);
            tenant.GrantGraphPermission(app, "RoleManagement.ReadWrite.Directory", RoleManagementReadWriteDirectory);
            tenant.Owners("application-owners", "app-" + app, owner);
        }

        tenant.AssignAzureRole("partner", "User", TestTenant.Reader, TestTenant.Subscription);

        // When the tenant is scanned
        var finding = Assert.Single(tenant.Scan().Of(Rule));

        // Then only the first guest is reported, critical, with both holdings
        Assert.Equal(TestTenant.Id("partner"), finding.Principal);
        Assert.Equal(Severity.Critical, finding.Severity);
        Assert.Equal("Guest `partner@fabrikam.example` holds 2 privileges in this tenant", finding.Title);
        Assert.Contains("owner of the application `provisioning`", finding.Explanation, StringComparison.Ordinal);
        Assert.Contains("`RoleManagement.ReadWrite.Directory` of `Microsoft Graph`", finding.Explanation, StringComparison.Ordinal);
        Assert.Contains($"Azure role Reader of subscription `{TestTenant.Subscription}`", finding.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void An_external_account_by_its_user_principal_name_holding_a_reader_role_is_a_medium_guest()
    {
        // Given a B2B member (userType Member, #EXT# user principal name) eligible for Directory Readers, and a member eligible for the same
        var tenant = new TestTenant();
        tenant.User("contractor_contoso.com#EXT#");
        tenant.User("colleague");
        tenant.EligibleRole("contractor_contoso.com#EXT#", "Directory Readers").EligibleRole("colleague", "Directory Readers");

        // Then only the external account is reported, medium (a Tier 2 role)
        var finding = Assert.Single(tenant.Scan().Of(Rule));
        Assert.Equal(TestTenant.Id("contractor_contoso.com#EXT#"), finding.Principal);
        Assert.Equal(Severity.Medium, finding.Severity);
        Assert.Contains("an external account's `#EXT#` user principal name", finding.Explanation, StringComparison.Ordinal);
        Assert.Contains("directory role Directory Readers (Tier 2), tenant-wide, PIM-eligible with no end", finding.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void Owning_a_role_holding_group_is_high_and_owning_a_plain_group_is_low()
    {
        // Given a guest owning a role-assignable group that holds Helpdesk Administrator, and another guest owning a plain group
        var tenant = new TestTenant();
        tenant.User("group-owner", userType: "Guest");
        tenant.User("club-owner", userType: "Guest");
        tenant.Group("helpdesk-team", roleAssignable: true);
        tenant.Group("book-club");
        tenant.AssignRole("helpdesk-team", "Helpdesk Administrator");
        tenant.Owners("group-owners", "helpdesk-team", "group-owner").Owners("group-owners", "book-club", "club-owner");

        var findings = tenant.Scan().Of(Rule).ToDictionary(f => f.Principal, StringComparer.Ordinal);

        // Then the first is high (it can add itself to the group and hold its role), the second low
        var owner = findings[TestTenant.Id("group-owner")];
        Assert.Equal(Severity.High, owner.Severity);
        Assert.Contains("owner of role-assignable group `helpdesk-team`, which holds directory role Helpdesk Administrator (Tier 1)", owner.Explanation, StringComparison.Ordinal);
        Assert.Equal(Severity.Low, findings[TestTenant.Id("club-owner")].Severity);
    }
}
