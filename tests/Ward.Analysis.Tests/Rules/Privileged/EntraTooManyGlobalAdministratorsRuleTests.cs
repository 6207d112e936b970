using Ward.Analysis.Tests.Testing;

namespace Ward.Analysis.Tests.Rules.Privileged;

public sealed class EntraTooManyGlobalAdministratorsRuleTests
{
    private const string Rule = "entra-too-many-global-administrators";

    [Fact]
    public void Five_users_holding_global_administrator_directly_eligibly_or_through_a_group_are_too_many()
    {
        // Given three direct Global Administrators, one eligible, and one member of a role-assignable group holding it
        var tenant = new TestTenant();
        foreach (var key in new[] { "ga1", "ga2", "ga3", "eligible-ga", "group-ga" })
        {
            tenant.User(key);
        }

        tenant.AssignRole("ga1", "Global Administrator").AssignRole("ga2", "Global Administrator").AssignRole("ga3", "Global Administrator");
        tenant.EligibleRole("eligible-ga", "Global Administrator");
        tenant.Group("global-admins", roleAssignable: true, "group-ga");
        tenant.AssignRole("global-admins", "Global Administrator");

        // When the tenant is scanned
        var finding = Assert.Single(tenant.Scan().Of(Rule));

        // Then one tenant finding counts five users, each with how it holds the role
        Assert.Equal(TestTenant.TenantId, finding.Principal);
        Assert.Equal(Severity.Medium, finding.Severity);
        Assert.Equal("5 users hold Global Administrator", finding.Title);
        Assert.Contains("`eligible-ga@fabrikam.example` (PIM-eligible with no end)", finding.Explanation, StringComparison.Ordinal);
        Assert.Contains("`group-ga@fabrikam.example` (active with no end through group `global-admins`)", finding.Explanation, StringComparison.Ordinal);
        Assert.Contains("fewer than 5", finding.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void Four_global_administrators_are_within_the_recommendation()
    {
        // Given four users holding Global Administrator
        var tenant = new TestTenant();
        foreach (var key in new[] { "ga1", "ga2", "ga3", "ga4" })
        {
            tenant.User(key);
            tenant.AssignRole(key, "Global Administrator");
        }

        // Then nothing is reported
        Assert.Empty(tenant.Scan().Of(Rule));
    }

    [Fact]
    public void A_single_global_administrator_leaves_no_emergency_access_redundancy_and_two_do()
    {
        // Given a tenant with one Global Administrator, and another with two
        var lonely = new TestTenant();
        lonely.User("only-admin");
        lonely.AssignRole("only-admin", "Global Administrator");
        var paired = new TestTenant();
        paired.User("admin");
        paired.User("breakglass");
        paired.AssignRole("admin", "Global Administrator").AssignRole("breakglass", "Global Administrator");

        // Then only the first is reported, for want of two emergency access accounts
        var finding = Assert.Single(lonely.Scan().Of(Rule));
        Assert.Equal("Only 1 user holds Global Administrator", finding.Title);
        Assert.Contains("at least 2 emergency access accounts", finding.Explanation, StringComparison.Ordinal);
        Assert.Empty(paired.Scan().Of(Rule));
    }
}
