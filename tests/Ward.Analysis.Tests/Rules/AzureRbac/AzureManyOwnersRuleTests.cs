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
    public void A_PIM_activation_is_listed_with_the_eligible_holders_and_not_counted()
    {
        // Given three standing Owners of the subscription (one with its `Assigned` schedule instance, no end) and a
        // fourth Owner whose role assignment is a PIM activation (its instance `Activated`, ending in six hours)
        var tenant = Platformed();
        foreach (var key in new[] { "a", "b", "c", "on-call" })
        {
            tenant.User(key);
            tenant.AssignAzureRole(key, "User", TestTenant.Owner, TestTenant.Subscription);
        }

        tenant.AzureAssignmentScheduleInstance("a", "User", TestTenant.Owner, TestTenant.Subscription);
        tenant.AzureAssignmentScheduleInstance("on-call", "User", TestTenant.Owner, TestTenant.Subscription, "Activated", 0.25);
        tenant.AzureEligibility("on-call", "User", TestTenant.Owner, TestTenant.Subscription);

        // Then three owners count, at the limit: no finding; with a limit of 2 the activated one is listed apart
        Assert.Empty(tenant.Scan().Of(Rule));
        var finding = Assert.Single(tenant.Scan(settings: new AnalysisSettings { OwnerLimit = 2 }).Of(Rule));
        Assert.Contains("has 3 owners", finding.Title, StringComparison.Ordinal);
        Assert.Contains("Besides, 1 may activate such a role through PIM (not counted): `on-call@fabrikam.example` (Owner assigned here, activated through PIM until ", finding.Explanation, StringComparison.Ordinal);
        Assert.DoesNotContain("`on-call@fabrikam.example` (Owner assigned here);", finding.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void A_standing_assignment_with_an_Assigned_instance_counts_when_it_makes_one_owner_too_many()
    {
        // Given the same four Owners, the fourth's instance `Assigned` with no end: a standing assignment, not an activation
        var tenant = Platformed();
        foreach (var key in new[] { "a", "b", "c", "on-call" })
        {
            tenant.User(key);
            tenant.AssignAzureRole(key, "User", TestTenant.Owner, TestTenant.Subscription);
        }

        tenant.AzureAssignmentScheduleInstance("a", "User", TestTenant.Owner, TestTenant.Subscription);
        tenant.AzureAssignmentScheduleInstance("on-call", "User", TestTenant.Owner, TestTenant.Subscription);

        // Then all four count
        var finding = Assert.Single(tenant.Scan().Of(Rule));
        Assert.Contains("has 4 owners (more than 3)", finding.Title, StringComparison.Ordinal);
        Assert.Contains("`on-call@fabrikam.example` (Owner assigned here)", finding.Explanation, StringComparison.Ordinal);
        Assert.DoesNotContain("Besides", finding.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void An_Owner_whose_condition_limits_only_the_principal_types_it_assigns_counts_without_being_said_to_be_limited_in_roles()
    {
        // Given four Owners of the subscription, one of them under a delegation condition that lets it assign roles to
        // service principals only (a condition on the principal type, not on the role: it may still assign Owner)
        const string ServicePrincipalsOnly = "((!(ActionMatches{'Microsoft.Authorization/roleAssignments/write'})) OR (@Request[Microsoft.Authorization/roleAssignments:PrincipalType] ForAnyOfAnyValues:StringEqualsIgnoreCase {'ServicePrincipal'}))";
        var tenant = Platformed();
        foreach (var key in new[] { "a", "b", "c", "delegator" })
        {
            tenant.User(key);
            tenant.AssignAzureRole(key, "User", TestTenant.Owner, TestTenant.Subscription, key == "delegator" ? ServicePrincipalsOnly : null);
        }

        // Then it counts, and the finding says its condition is on the role assignments it writes, not on the roles
        var finding = Assert.Single(tenant.Scan().Of(Rule));
        Assert.Contains("has 4 owners (more than 3)", finding.Title, StringComparison.Ordinal);
        Assert.Contains("`delegator@fabrikam.example` (Owner assigned here with a condition on the role assignments it may write)", finding.Explanation, StringComparison.Ordinal);
        Assert.DoesNotContain("condition on the roles", finding.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void A_managed_identity_is_listed_by_its_name_and_an_application_by_what_the_CLI_wrote()
    {
        // Given four Owners of the subscription as `az role assignment list` prints them: three users, and a
        // user-assigned identity the CLI names by its client id (its first service principal name), with the identity
        // in `az identity list`; and an application's service principal it names by its client id too
        var tenant = Platformed();
        foreach (var key in new[] { "a", "b", "c" })
        {
            tenant.User(key);
            tenant.AssignAzureRole(key, "User", TestTenant.Owner, TestTenant.Subscription);
        }

        tenant.AzureUserAssignedIdentity("id-deploy");
        tenant.AssignAzureRole("id-deploy", "ServicePrincipal", TestTenant.Owner, TestTenant.Subscription, principalName: TestTenant.Id("client-id-deploy"));
        tenant.AssignAzureRole("ci-app", "ServicePrincipal", TestTenant.Owner, TestTenant.Subscription, principalName: TestTenant.Id("client-ci-app"));

        // Then the identity is listed by its name, not by its client id; the application, which no export names
        // otherwise, by what the CLI wrote
        var finding = Assert.Single(tenant.Scan().Of(Rule));
        Assert.Contains("`id-deploy` (Owner assigned here)", finding.Explanation, StringComparison.Ordinal);
        Assert.DoesNotContain(TestTenant.Id("client-id-deploy"), finding.Explanation, StringComparison.Ordinal);
        Assert.Contains($"`{TestTenant.Id("client-ci-app")}` (Owner assigned here)", finding.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void An_eligible_holder_the_directory_export_does_not_hold_is_named_as_its_eligibility_names_it()
    {
        // Given three Owners of the subscription, a PIM-eligible Owner that no directory export holds, whose
        // eligibility schedule instance names it (`expandedProperties.principal.displayName`), and one it does not name
        var tenant = Platformed();
        foreach (var key in new[] { "a", "b", "c" })
        {
            tenant.User(key);
            tenant.AssignAzureRole(key, "User", TestTenant.Owner, TestTenant.Subscription);
        }

        tenant.AzureEligibility("contractor", "User", TestTenant.Owner, TestTenant.Subscription, principalDisplayName: "Ben Carter");
        tenant.AzureEligibility("unnamed", "User", TestTenant.Owner, TestTenant.Subscription);

        // Then the named one is listed by that name, the other by its object id
        var finding = Assert.Single(tenant.Scan(settings: new AnalysisSettings { OwnerLimit = 2 }).Of(Rule));
        Assert.Contains("Besides, 2 may activate such a role through PIM (not counted): ", finding.Explanation, StringComparison.Ordinal);
        Assert.Contains("`Ben Carter` (Owner assigned here)", finding.Explanation, StringComparison.Ordinal);
        Assert.DoesNotContain(TestTenant.Id("contractor"), finding.Explanation, StringComparison.Ordinal);
        Assert.Contains($"`{TestTenant.Id("unnamed")}` (Owner assigned here)", finding.Explanation, StringComparison.Ordinal);
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

    [Fact]
    public void A_nested_group_whose_members_are_not_exported_counts_as_one()
    {
        // Given an Owner group of the subscription whose members are a user, a nested group whose own members are not
        // exported and a nested group of one whose members are, and an Owner user
        var tenant = Platformed();
        tenant.User("a");
        tenant.User("o1");
        tenant.User("s1");
        tenant.GroupWithoutMemberList("contractors");
        tenant.Group("staff", roleAssignable: false, "s1");
        tenant.Group("owners", roleAssignable: false, "a", "contractors", "staff");
        tenant.AssignAzureRole("owners", "Group", TestTenant.Owner, TestTenant.Subscription);
        tenant.AssignAzureRole("o1", "User", TestTenant.Owner, TestTenant.Subscription);

        var finding = Assert.Single(tenant.Scan(settings: new AnalysisSettings { OwnerLimit = 2 }).Of(Rule));

        // Then the nested group without members counts as one owner, as a group assigned directly would; the other
        // counts by its member
        Assert.Contains("has 4 owners", finding.Title, StringComparison.Ordinal);
        Assert.Contains("`s1@fabrikam.example` (Owner assigned here through group `owners`)", finding.Explanation, StringComparison.Ordinal);
        Assert.DoesNotContain("`staff`", finding.Explanation, StringComparison.Ordinal);
        Assert.Contains("`contractors` (Owner assigned here through group `owners`, as a nested group whose members are not exported)", finding.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void A_classic_administrator_converted_to_Owner_counts_once()
    {
        // Given three Owners of the subscription, one of them a classic Service Administrator that Azure converted (the
        // REST list names it by address only, and no directory user has that principal name), and the twin: a classic
        // Co-Administrator who is no Owner
        var tenant = Platformed();
        tenant.User("a");
        tenant.User("b");
        tenant.AssignAzureRole("a", "User", TestTenant.Owner, TestTenant.Subscription).AssignAzureRole("b", "User", TestTenant.Owner, TestTenant.Subscription);
        tenant.AssignAzureRole("converted", "User", TestTenant.Owner, TestTenant.Subscription);
        tenant.ClassicAdministratorEntry("converted@fabrikam.example", "ServiceAdministrator;AccountAdministrator");

        // Then the converted administrator is one owner, matched to its assignment by the address
        var finding = Assert.Single(tenant.Scan(settings: new AnalysisSettings { OwnerLimit = 2 }).Of(Rule));
        Assert.Contains("has 3 owners", finding.Title, StringComparison.Ordinal);
        Assert.Contains("`converted@fabrikam.example` (Owner assigned here, classic Service Administrator)", finding.Explanation, StringComparison.Ordinal);

        tenant.ClassicAdministratorEntry("coadmin@fabrikam.example", "CoAdministrator");
        Assert.Contains("has 4 owners", Assert.Single(tenant.Scan(settings: new AnalysisSettings { OwnerLimit = 2 }).Of(Rule)).Title, StringComparison.Ordinal);
    }

    [Fact]
    public void A_delegate_whose_condition_allows_User_Access_Administrator_and_a_custom_role_writing_assignments_count()
    {
        // Given two Owners of the subscription, a Role Based Access Control Administrator whose condition allows only
        // User Access Administrator, and a custom role granting role assignment writes; and the twins: a delegate limited to
        // Reader and a custom role that only reads
        var tenant = Platformed();
        foreach (var key in new[] { "a", "b", "only-uaa", "delegating", "reader-only", "auditor" })
        {
            tenant.User(key);
        }

        const string OnlyUserAccessAdministrator = "((!(ActionMatches{'Microsoft.Authorization/roleAssignments/write'})) OR (@Request[Microsoft.Authorization/roleAssignments:RoleDefinitionId] ForAnyOfAnyValues:GuidEquals {18d7d88dd35e4fb5a5c37773c20a72d9}))";
        var delegator = tenant.AzureCustomRole("delegator", "Access Delegator", ["Microsoft.Authorization/roleAssignments/*", "*/read"]);
        var auditor = tenant.AzureCustomRole("auditor", "Estate Auditor", ["*/read"]);
        tenant.AssignAzureRole("a", "User", TestTenant.Owner, TestTenant.Subscription).AssignAzureRole("b", "User", TestTenant.Owner, TestTenant.Subscription);
        tenant.AssignAzureRole("only-uaa", "User", TestTenant.RoleBasedAccessControlAdministrator, TestTenant.Subscription, OnlyUserAccessAdministrator);
        tenant.AssignAzureRole("delegating", "User", delegator, TestTenant.Subscription);
        tenant.AssignAzureRole("reader-only", "User", TestTenant.RoleBasedAccessControlAdministrator, TestTenant.Subscription, TestTenant.ReaderOnlyCondition);
        tenant.AssignAzureRole("auditor", "User", auditor, TestTenant.Subscription);

        // Then four owners count, the twins do not
        var finding = Assert.Single(tenant.Scan().Of(Rule));
        Assert.Contains("has 4 owners", finding.Title, StringComparison.Ordinal);
        Assert.Contains("`only-uaa@fabrikam.example`", finding.Explanation, StringComparison.Ordinal);
        Assert.Contains("`delegating@fabrikam.example` (Access Delegator assigned here)", finding.Explanation, StringComparison.Ordinal);
        Assert.DoesNotContain("reader-only", finding.Explanation, StringComparison.Ordinal);
        Assert.DoesNotContain("auditor", finding.Explanation, StringComparison.Ordinal);
    }

    private static TestTenant Platformed() => new TestTenant().AzureManagementGroup("platform").AzureSubscriptionIn("platform");
}
