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
        Assert.Equal("Only 1 user holds Global Administrator through a permanent active assignment", finding.Title);
        Assert.Contains("at least 2 emergency access accounts", finding.Explanation, StringComparison.Ordinal);
        Assert.Empty(paired.Scan().Of(Rule));
    }

    [Fact]
    public void Eligible_global_administrators_are_not_emergency_access_and_active_ones_are()
    {
        // Given two users eligible for Global Administrator and none holding it actively (a Helpdesk Administrator is
        // assigned, so active assignments were exported), and a tenant with two active ones
        var eligibleOnly = new TestTenant();
        eligibleOnly.User("standby-1");
        eligibleOnly.User("standby-2");
        eligibleOnly.User("desk");
        eligibleOnly.EligibleRole("standby-1", "Global Administrator").EligibleRole("standby-2", "Global Administrator");
        eligibleOnly.AssignRole("desk", "Helpdesk Administrator");
        var active = new TestTenant();
        active.User("breakglass-1");
        active.User("breakglass-2");
        active.AssignRole("breakglass-1", "Global Administrator").AssignRole("breakglass-2", "Global Administrator");

        // Then the first has too few: an eligibility must be activated first, through PIM, which may be what fails
        var finding = Assert.Single(eligibleOnly.Scan().Of(Rule));
        Assert.Equal("No user holds Global Administrator through a permanent active assignment", finding.Title);
        Assert.StartsWith("No enabled user holds Global Administrator through a permanent active assignment. Not counted: ", finding.Explanation, StringComparison.Ordinal);
        Assert.Contains("`standby-1@fabrikam.example` (PIM-eligible with no end)", finding.Explanation, StringComparison.Ordinal);
        Assert.Contains("`standby-2@fabrikam.example` (PIM-eligible with no end)", finding.Explanation, StringComparison.Ordinal);
        Assert.Contains("who must activate it first (through PIM, which may be what fails)", finding.Explanation, StringComparison.Ordinal);
        Assert.Empty(active.Scan().Of(Rule));
    }

    [Fact]
    public void Time_bound_global_administrators_are_not_emergency_access()
    {
        // Given two users holding Global Administrator through active assignments that end in 20 days, and a tenant
        // where the same two hold it with no end
        var timeBound = new TestTenant();
        timeBound.User("contractor-1");
        timeBound.User("contractor-2");
        timeBound.ActiveRoleInstance("contractor-1", "Global Administrator", endInDays: 20).ActiveRoleInstance("contractor-2", "Global Administrator", endInDays: 20);
        var permanent = new TestTenant();
        permanent.User("contractor-1");
        permanent.User("contractor-2");
        permanent.ActiveRoleInstance("contractor-1", "Global Administrator").ActiveRoleInstance("contractor-2", "Global Administrator");

        // Then the first has too few: the assignments end, and emergency access must not
        var finding = Assert.Single(timeBound.Scan().Of(Rule));
        Assert.Equal("No user holds Global Administrator through a permanent active assignment", finding.Title);
        Assert.Contains("whose active assignment ends on its date", finding.Explanation, StringComparison.Ordinal);
        Assert.Empty(permanent.Scan().Of(Rule));
    }

    [Fact]
    public void A_disabled_global_administrator_is_not_counted_for_too_few()
    {
        // Given two active Global Administrators, one of them disabled
        var tenant = new TestTenant();
        tenant.User("admin");
        tenant.User("retired", enabled: false);
        tenant.AssignRole("admin", "Global Administrator").AssignRole("retired", "Global Administrator");

        // Then one is too few, and the disabled one is named apart
        var finding = Assert.Single(tenant.Scan().Of(Rule));
        Assert.Equal("Only 1 user holds Global Administrator through a permanent active assignment", finding.Title);
        Assert.Contains("Not counted: `retired@fabrikam.example` (active with no end), whose account is disabled", finding.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void A_disabled_global_administrator_is_not_counted_for_too_many()
    {
        // Given five Global Administrators, one of them disabled, and a tenant with five enabled
        var oneDisabled = new TestTenant();
        var allEnabled = new TestTenant();
        foreach (var key in new[] { "ga1", "ga2", "ga3", "ga4", "ga5" })
        {
            oneDisabled.User(key, enabled: key != "ga5");
            oneDisabled.AssignRole(key, "Global Administrator");
            allEnabled.User(key);
            allEnabled.AssignRole(key, "Global Administrator");
        }

        // Then four enabled are within the recommendation; five are not
        Assert.Empty(oneDisabled.Scan().Of(Rule));
        Assert.Equal("5 users hold Global Administrator", Assert.Single(allEnabled.Scan().Of(Rule)).Title);
    }
}
