using Ward.Analysis.Tests.Testing;

namespace Ward.Analysis.Tests.Rules.TenantSettings;

public sealed class EntraUsersCanCreateTenantsRuleTests
{
    private const string Rule = "entra-users-can-create-tenants";

    [Fact]
    public void Users_creating_tenants_is_low_and_its_restriction_is_not_reported()
    {
        var open = new TestTenant().AuthorizationPolicy(usersCreateTenants: true);
        var closed = new TestTenant().AuthorizationPolicy(usersCreateTenants: false);

        var finding = Assert.Single(open.Scan().Of(Rule));
        Assert.Equal((Severity.Low, TestTenant.TenantId), (finding.Severity, finding.Principal));
        Assert.Contains("`defaultUserRolePermissions.allowedToCreateTenants` is true", finding.Explanation, StringComparison.Ordinal);
        Assert.Contains("Restrict non-admin users from creating tenants", finding.Remediation, StringComparison.Ordinal);
        Assert.Empty(closed.Scan().Of(Rule));
    }
}
