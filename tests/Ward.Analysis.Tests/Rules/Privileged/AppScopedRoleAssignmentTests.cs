using Ward.Analysis.Tests.Testing;

namespace Ward.Analysis.Tests.Rules.Privileged;

/// <summary>
/// A directory role assigned at an app-specific scope (<c>appScopeId</c>, no <c>directoryScopeId</c>): listed as scoped by
/// the privileged-access rules, never taken as tenant-wide, and no step of an escalation path.
/// </summary>
public sealed class AppScopedRoleAssignmentTests
{
    private const string Catalog = "/AccessPackageCatalog/beedadfe-01d5-4025-910b-84abb9369997";

    [Fact]
    public void The_holder_rule_lists_it_as_scoped_and_the_permanent_rule_leaves_it_out()
    {
        // Given nora, Privileged Role Administrator at an app scope, and pia, Privileged Role Administrator tenant-wide
        var tenant = new TestTenant();
        tenant.User("nora");
        tenant.User("pia");
        tenant.AssignRoleAtAppScope("nora", "Privileged Role Administrator", Catalog).AssignRole("pia", "Privileged Role Administrator");

        var result = tenant.Scan();

        // Then nora is reported as a holder, one level lower than pia, with her scope and the reason named
        var holders = result.Of("entra-privileged-role-holder").ToDictionary(f => f.Principal, StringComparer.Ordinal);
        Assert.Equal(Severity.Medium, holders[TestTenant.Id("nora")].Severity);
        Assert.Equal(Severity.High, holders[TestTenant.Id("pia")].Severity);
        Assert.Contains($"at the app-specific scope `{Catalog}` only (`appScopeId`: what it reaches is defined by one application, not the directory)", holders[TestTenant.Id("nora")].Explanation, StringComparison.Ordinal);

        // And only pia's assignment is a permanent tenant-wide one
        Assert.Equal([TestTenant.Id("pia")], result.Of("entra-permanent-privileged-assignment").Select(f => f.Principal), StringComparer.Ordinal);
    }

    [Fact]
    public void It_makes_no_administrator_to_escalate_to()
    {
        // Given two role-assignable groups holding Privileged Role Administrator, one at an app scope and one
        // tenant-wide, each with an owner who is not a member
        var tenant = new TestTenant();
        foreach (var key in new[] { "catalog-owner", "tier0-owner", "catalog-member", "tier0-member" })
        {
            tenant.User(key);
        }

        tenant.Group("catalog-admins", roleAssignable: true, "catalog-member");
        tenant.Group("tier0-admins", roleAssignable: true, "tier0-member");
        tenant.Owners("group-owners", "catalog-admins", "catalog-owner").Owners("group-owners", "tier0-admins", "tier0-owner");
        tenant.AssignRoleAtAppScope("catalog-admins", "Privileged Role Administrator", Catalog).AssignRole("tier0-admins", "Privileged Role Administrator");

        var escalations = tenant.Scan().Of("privilege-escalation").ToList();

        // Then the owner of the tenant-wide group escalates by adding itself to it; the owner of the app-scoped group
        // does not, and its members are not taken as administrators
        Assert.Contains(escalations, f => f.Principal == TestTenant.Id("tier0-owner") && f.Path.Single().Technique == "entra-add-group-member");
        Assert.DoesNotContain(escalations, f => f.Principal == TestTenant.Id("catalog-owner"));
    }

    [Fact]
    public void An_app_scoped_Global_Administrator_is_not_counted_among_the_tenant_s()
    {
        // Given four tenant-wide Global Administrators and a fifth scoped to an app
        var tenant = new TestTenant();
        foreach (var key in new[] { "ga1", "ga2", "ga3", "ga4" })
        {
            tenant.User(key);
            tenant.AssignRole(key, "Global Administrator");
        }

        tenant.User("scoped");
        tenant.AssignRoleAtAppScope("scoped", "Global Administrator", Catalog);

        var result = tenant.Scan();

        // Then four count, under Microsoft's limit of five: no finding; the scoped one is still listed as a holder
        Assert.Empty(result.Of("entra-too-many-global-administrators"));
        Assert.Contains(result.Of("entra-privileged-role-holder"), f => f.Principal == TestTenant.Id("scoped"));
    }
}
