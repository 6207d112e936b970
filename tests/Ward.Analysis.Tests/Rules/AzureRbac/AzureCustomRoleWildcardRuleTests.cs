using Ward.Analysis.Tests.Testing;

namespace Ward.Analysis.Tests.Rules.AzureRbac;

public sealed class AzureCustomRoleWildcardRuleTests
{
    private const string Rule = "azure-custom-role-wildcard";

    [Fact]
    public void A_custom_role_granting_everything_is_high_and_the_built_in_Owner_is_not_reported()
    {
        // Given a custom role with `*` (except elevate access) held by a group of two, and a user who is Owner
        var tenant = new TestTenant();
        tenant.User("jo");
        tenant.User("frank");
        tenant.Group("dev-team", roleAssignable: false, "jo", "frank");
        var superuser = tenant.AzureCustomRole("superuser", "Ops Superuser", ["*"], ["Microsoft.Authorization/elevateAccess/Action"]);
        tenant.AssignAzureRole("dev-team", "Group", superuser, TestTenant.Subscription);
        tenant.AssignAzureRole("frank", "User", TestTenant.Owner, TestTenant.Subscription);

        var finding = Assert.Single(tenant.Scan().Of(Rule));

        // Then the custom role is reported, high: it writes role assignments, and a group holds it
        Assert.Equal($"{TestTenant.Subscription}/providers/Microsoft.Authorization/roleDefinitions/{superuser}", finding.Principal);
        Assert.Equal("Ops Superuser", finding.PrincipalName);
        Assert.Equal(Severity.High, finding.Severity);
        Assert.Equal("Custom role `Ops Superuser` grants `*`", finding.Title);
        Assert.Contains("every action except `Microsoft.Authorization/elevateAccess/Action`", finding.Explanation, StringComparison.Ordinal);
        Assert.Contains("`*` allows `Microsoft.Authorization/roleAssignments/write`, so its holders can assign themselves Owner", finding.Explanation, StringComparison.Ordinal);
        Assert.Contains($"It is held 1 time: group `dev-team` (2 members) at subscription `{TestTenant.Subscription}`", finding.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void A_managed_identity_holding_the_role_is_named_by_its_name_not_its_client_id()
    {
        // Given a custom role with `*` held by a user-assigned identity, which `az role assignment list` names by its
        // client id, and by a user
        var tenant = new TestTenant();
        tenant.User("jo");
        tenant.AzureUserAssignedIdentity("id-deploy");
        var superuser = tenant.AzureCustomRole("superuser", "Ops Superuser", ["*"]);
        tenant.AssignAzureRole("id-deploy", "ServicePrincipal", superuser, TestTenant.Subscription, principalName: TestTenant.Id("client-id-deploy"));
        tenant.AssignAzureRole("jo", "User", superuser, TestTenant.Subscription);

        // Then the identity is listed by its name, the user by its principal name
        var finding = Assert.Single(tenant.Scan().Of(Rule));
        Assert.Contains($"`id-deploy` at subscription `{TestTenant.Subscription}`", finding.Explanation, StringComparison.Ordinal);
        Assert.Contains($"`jo@fabrikam.example` at subscription `{TestTenant.Subscription}`", finding.Explanation, StringComparison.Ordinal);
        Assert.DoesNotContain(TestTenant.Id("client-id-deploy"), finding.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void An_authorization_wildcard_is_reported_and_a_read_wildcard_is_not()
    {
        // Given a custom role with `Microsoft.Authorization/*` and one with `*/read` only, each held by a user
        var tenant = new TestTenant();
        tenant.User("access-admin");
        tenant.User("auditor");
        var access = tenant.AzureCustomRole("access", "Access Manager", ["Microsoft.Authorization/*", "*/read"]);
        var audit = tenant.AzureCustomRole("audit", "Auditor", ["*/read", "Microsoft.Support/*"]);
        tenant.AssignAzureRole("access-admin", "User", access, TestTenant.Subscription);
        tenant.AssignAzureRole("auditor", "User", audit, TestTenant.Subscription);

        var finding = Assert.Single(tenant.Scan().Of(Rule));

        // Then only the first is reported, naming the pattern
        Assert.Equal("Access Manager", finding.PrincipalName);
        Assert.Equal(Severity.High, finding.Severity);
        Assert.Equal("Custom role `Access Manager` grants role assignment writes through a wildcard", finding.Title);
        Assert.Contains("`Microsoft.Authorization/*` allows `Microsoft.Authorization/roleAssignments/write`", finding.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void Everything_but_role_assignment_writes_is_medium_and_an_unassigned_wildcard_role_is_low()
    {
        // Given a Contributor-like custom role (`*` minus authorization writes) held by a user, and a `*` role nobody holds
        var tenant = new TestTenant();
        tenant.User("builder");
        var builder = tenant.AzureCustomRole("builder-role", "Builder", ["*"], ["Microsoft.Authorization/*/Write", "Microsoft.Authorization/*/Delete"]);
        tenant.AzureCustomRole("unused-role", "Break Fix", ["*"]);
        tenant.AssignAzureRole("builder", "User", builder, TestTenant.Subscription);

        var findings = tenant.Scan().Of(Rule).ToDictionary(f => f.PrincipalName!, StringComparer.Ordinal);

        // Then the held Contributor-like role is medium, and the role nobody holds is low
        Assert.Equal(Severity.Medium, findings["Builder"].Severity);
        Assert.Contains("its notActions remove `Microsoft.Authorization/roleAssignments/write`", findings["Builder"].Explanation, StringComparison.Ordinal);
        Assert.Equal(Severity.Low, findings["Break Fix"].Severity);
        Assert.Contains("Nobody holds it in the export.", findings["Break Fix"].Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void Role_assignment_writes_granted_by_name_before_a_wildcard_are_still_reported_as_Owner_like()
    {
        // Given custom roles held by users: role assignment writes by name then `*` (no notActions); by name then
        // `Microsoft.Authorization/*`; and by name alone, with no wildcard
        var tenant = new TestTenant();
        var star = tenant.AzureCustomRole("star", "Explicit Then Star", ["Microsoft.Authorization/roleAssignments/write", "*"]);
        var authorization = tenant.AzureCustomRole("authorization", "Explicit Then Authorization", ["*/read", "Microsoft.Authorization/roleAssignments/write", "Microsoft.Authorization/*"]);
        var byName = tenant.AzureCustomRole("by-name", "Assignments By Name", ["*/read", "Microsoft.Authorization/roleAssignments/write"]);
        foreach (var (key, role) in new[] { ("u-star", star), ("u-authorization", authorization), ("u-by-name", byName) })
        {
            tenant.User(key);
            tenant.AssignAzureRole(key, "User", role, TestTenant.Subscription);
        }

        var findings = tenant.Scan().Of(Rule).ToDictionary(f => f.PrincipalName!, StringComparer.Ordinal);

        // Then both wildcard roles are high, naming the wildcard, and never say notActions remove anything; the role
        // without a wildcard is not this rule's
        Assert.Equal(["Explicit Then Authorization", "Explicit Then Star"], findings.Keys.Order(StringComparer.Ordinal), StringComparer.Ordinal);
        Assert.All(findings.Values, f => Assert.Equal(Severity.High, f.Severity));
        Assert.All(findings.Values, f => Assert.DoesNotContain("notActions", f.Explanation, StringComparison.Ordinal));
        Assert.Contains("`*` allows `Microsoft.Authorization/roleAssignments/write`, so its holders can assign themselves Owner", findings["Explicit Then Star"].Explanation, StringComparison.Ordinal);
        Assert.Equal("Custom role `Explicit Then Authorization` grants role assignment writes through a wildcard", findings["Explicit Then Authorization"].Title);
        Assert.Contains("`Microsoft.Authorization/*` allows `Microsoft.Authorization/roleAssignments/write`", findings["Explicit Then Authorization"].Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void Everything_but_role_assignment_writes_still_writes_role_definitions_and_is_high()
    {
        // Given two custom roles granting `*`, each held by a user: one without role assignment writes only, one
        // without any Microsoft.Authorization write or delete (as Contributor)
        var tenant = new TestTenant();
        var almostOwner = tenant.AzureCustomRole("almost-owner", "Star Minus Assignments", ["*"], ["Microsoft.Authorization/roleAssignments/write"]);
        var contributorLike = tenant.AzureCustomRole("contributor-like", "Star Minus Authorization Writes", ["*"], ["Microsoft.Authorization/*/Write", "Microsoft.Authorization/*/Delete", "Microsoft.Authorization/elevateAccess/Action"]);
        tenant.User("a");
        tenant.User("b");
        tenant.AssignAzureRole("a", "User", almostOwner, TestTenant.Subscription);
        tenant.AssignAzureRole("b", "User", contributorLike, TestTenant.Subscription);

        var findings = tenant.Scan().Of(Rule).ToDictionary(f => f.PrincipalName!, StringComparer.Ordinal);

        // Then the first is high (its holders rewrite it), the second medium and Contributor-like
        Assert.Equal(Severity.High, findings["Star Minus Assignments"].Severity);
        Assert.Contains("`*` allows `Microsoft.Authorization/roleDefinitions/write`, so its holders can rewrite this role to allow `*` and then assign themselves Owner", findings["Star Minus Assignments"].Explanation, StringComparison.Ordinal);
        Assert.DoesNotContain("Contributor-like", findings["Star Minus Assignments"].Explanation, StringComparison.Ordinal);
        Assert.Equal(Severity.Medium, findings["Star Minus Authorization Writes"].Severity);
        Assert.Contains("its notActions remove `Microsoft.Authorization/roleAssignments/write` and `Microsoft.Authorization/roleDefinitions/write` (`Microsoft.Authorization/*/Write`)", findings["Star Minus Authorization Writes"].Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void Role_definition_writes_held_below_a_scope_the_role_is_assignable_at_are_medium()
    {
        // Given two custom roles granting everything but role assignment writes, each held by a user at the
        // subscription: one assignable at the management group above it, one at the subscription
        var tenant = new TestTenant().AzureManagementGroup("platform").AzureSubscriptionIn("platform");
        var atGroup = tenant.AzureCustomRole("at-group", "Group Almost Owner", ["*"], ["Microsoft.Authorization/roleAssignments/write"], [TestTenant.ManagementGroupScope("platform")]);
        var atSubscription = tenant.AzureCustomRole("at-subscription", "Subscription Almost Owner", ["*"], ["Microsoft.Authorization/roleAssignments/write"]);
        tenant.User("a");
        tenant.User("b");
        tenant.AssignAzureRole("a", "User", atGroup, TestTenant.Subscription);
        tenant.AssignAzureRole("b", "User", atSubscription, TestTenant.Subscription);

        var findings = tenant.Scan().Of(Rule).ToDictionary(f => f.PrincipalName!, StringComparer.Ordinal);

        // Then the first is medium (updating it takes the write at the management group, which its holder lacks),
        // the second high (its holder rewrites it)
        Assert.Equal(Severity.Medium, findings["Group Almost Owner"].Severity);
        Assert.Contains("`*` allows `Microsoft.Authorization/roleDefinitions/write`, but updating the role takes that write on every scope it is assignable at, and no holder holds the role at or above all of them", findings["Group Almost Owner"].Explanation, StringComparison.Ordinal);
        Assert.Equal(Severity.High, findings["Subscription Almost Owner"].Severity);
    }

    [Fact]
    public void A_role_held_only_by_deleted_principals_is_low()
    {
        // Given two custom roles granting `*`: one assigned only to a principal Azure lists as Unknown (deleted), one
        // assigned to a user
        var tenant = new TestTenant();
        var orphaned = tenant.AzureCustomRole("orphaned", "Orphaned Superuser", ["*"]);
        var held = tenant.AzureCustomRole("held", "Held Superuser", ["*"]);
        tenant.User("jo");
        tenant.AssignAzureRole("deleted", "Unknown", orphaned, TestTenant.Subscription);
        tenant.AssignAzureRole("jo", "User", held, TestTenant.Subscription);

        var findings = tenant.Scan().Of(Rule).ToDictionary(f => f.PrincipalName!, StringComparer.Ordinal);

        // Then the orphaned role is low (nobody holds it), the held one high
        Assert.Equal(Severity.Low, findings["Orphaned Superuser"].Severity);
        Assert.Contains("Nobody holds it in the export.", findings["Orphaned Superuser"].Explanation, StringComparison.Ordinal);
        Assert.Equal(Severity.High, findings["Held Superuser"].Severity);
    }
}
