using Ward.Analysis.Tests.Testing;

namespace Ward.Analysis.Tests.Rules.AzureRbac;

public sealed class AzureManyOwnersRuleTests
{
    private const string Rule = "azure-many-owners";
    private static readonly string Platform = TestTenant.ManagementGroupScope("platform");

    [Fact]
    public void Owners_assigned_inherited_and_through_a_group_are_counted_once_each()
    {
        // Given a subscription under the platform management group: a User Access Administrator of the group, an Owner
        // of the subscription, and a group of two (one of them the same Owner) that is Owner of the subscription
        var tenant = Platformed();
        foreach (var key in new[] { "uaa", "owner", "teammate" })
        {
            tenant.User(key);
        }

        tenant.Group("prod-owners", roleAssignable: false, "owner", "teammate");
        tenant.AssignAzureRole("uaa", "User", TestTenant.UserAccessAdministrator, Platform);
        tenant.AssignAzureRole("owner", "User", TestTenant.Owner, TestTenant.Subscription);
        tenant.AssignAzureRole("prod-owners", "Group", TestTenant.Owner, TestTenant.Subscription);

        // Then there are three distinct owners: not more than the default limit of 3, but more than a limit of 2
        Assert.Empty(tenant.Scan().Of(Rule));
        var finding = Assert.Single(tenant.Scan(settings: new AnalysisSettings { OwnerLimit = 2 }).Of(Rule));

        // And the finding's principal is the subscription, named by its display name, each owner with how it holds the role
        Assert.Equal(TestTenant.Subscription, finding.Principal);
        Assert.Equal("fabrikam-prod", finding.PrincipalName);
        Assert.Equal("azure", finding.Provider);
        Assert.Equal(Severity.Medium, finding.Severity);
        Assert.Equal($"Subscription `fabrikam-prod` (`{TestTenant.Subscription}`) has 3 owners (more than 2)", finding.Title);
        Assert.Contains("`owner@fabrikam.example` (Owner assigned here, Owner assigned here through group `prod-owners`)", finding.Explanation, StringComparison.Ordinal);
        Assert.Contains($"`uaa@fabrikam.example` (User Access Administrator inherited from management group `{Platform}`)", finding.Explanation, StringComparison.Ordinal);
        Assert.Contains("`teammate@fabrikam.example` (Owner assigned here through group `prod-owners`)", finding.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void Eligible_constrained_and_deleted_holders_are_not_counted()
    {
        // Given three Owners of the subscription, plus a PIM-eligible Owner, a Role Based Access Control Administrator
        // limited to Reader, and an Owner assignment of a deleted principal
        var tenant = Platformed();
        foreach (var key in new[] { "a", "b", "c", "eligible", "delegate" })
        {
            tenant.User(key);
        }

        foreach (var key in new[] { "a", "b", "c" })
        {
            tenant.AssignAzureRole(key, "User", TestTenant.Owner, TestTenant.Subscription);
        }

        tenant.AzureEligibility("eligible", "User", TestTenant.Owner, TestTenant.Subscription);
        tenant.AssignAzureRole("delegate", "User", TestTenant.RoleBasedAccessControlAdministrator, TestTenant.Subscription, TestTenant.ReaderOnlyCondition);
        tenant.AssignAzureRole("deleted-user", "Unknown", TestTenant.Owner, TestTenant.Subscription);

        // Then three owners count: at the limit, no finding; with a limit of 2 the eligible one is listed apart
        Assert.Empty(tenant.Scan().Of(Rule));
        var finding = Assert.Single(tenant.Scan(settings: new AnalysisSettings { OwnerLimit = 2 }).Of(Rule));
        Assert.Contains("has 3 owners", finding.Title, StringComparison.Ordinal);
        Assert.Contains("Besides, 1 may activate such a role through PIM (not counted): `eligible@fabrikam.example` (Owner assigned here)", finding.Explanation, StringComparison.Ordinal);
        Assert.DoesNotContain("delegate", finding.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void A_management_group_with_too_many_owners_is_high_and_its_subscription_is_reported_too()
    {
        // Given four Owners of the platform management group
        var tenant = Platformed();
        foreach (var key in new[] { "a", "b", "c", "d" })
        {
            tenant.User(key);
            tenant.AssignAzureRole(key, "User", TestTenant.Owner, Platform);
        }

        var findings = tenant.Scan().Of(Rule).ToDictionary(f => f.Principal, StringComparer.Ordinal);

        // Then the group is reported (high) and so is the subscription below it, which inherits them; the root group is not
        Assert.Equal(2, findings.Count);
        Assert.Equal(Severity.High, findings[Platform].Severity);
        Assert.Equal(Severity.Medium, findings[TestTenant.Subscription].Severity);
        Assert.Contains("4 principals hold Owner", findings[Platform].Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void Classic_Service_Administrators_and_Co_Administrators_count_as_owners()
    {
        // Given two Owners of the subscription, a classic Co-Administrator, a classic Service and Account
        // Administrator, and an Account Administrator alone
        var tenant = Platformed();
        foreach (var key in new[] { "a", "b", "coadmin", "creator" })
        {
            tenant.User(key);
        }

        tenant.AssignAzureRole("a", "User", TestTenant.Owner, TestTenant.Subscription).AssignAzureRole("b", "User", TestTenant.Owner, TestTenant.Subscription);
        tenant.ClassicAdministratorRow("coadmin@fabrikam.example", "CoAdministrator", "coadmin");
        tenant.ClassicAdministratorRow("creator@fabrikam.example", "ServiceAdministrator;AccountAdministrator");
        tenant.ClassicAdministratorRow("billing@fabrikam.example", "AccountAdministrator");

        var finding = Assert.Single(tenant.Scan().Of(Rule));

        // Then four owners count (the billing owner does not), the Service Administrator found by principal name
        Assert.Contains("has 4 owners", finding.Title, StringComparison.Ordinal);
        Assert.Contains("`coadmin@fabrikam.example` (classic Co-Administrator)", finding.Explanation, StringComparison.Ordinal);
        Assert.Contains("`creator@fabrikam.example` (classic Service Administrator)", finding.Explanation, StringComparison.Ordinal);
        Assert.DoesNotContain("billing", finding.Explanation, StringComparison.Ordinal);
    }

    private static TestTenant Platformed() => new TestTenant().AzureManagementGroup("platform").AzureSubscriptionIn("platform");
}
