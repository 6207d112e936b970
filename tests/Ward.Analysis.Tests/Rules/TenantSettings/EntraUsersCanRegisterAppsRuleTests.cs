using Ward.Analysis.Tests.Testing;

namespace Ward.Analysis.Tests.Rules.TenantSettings;

public sealed class EntraUsersCanRegisterAppsRuleTests
{
    private const string Rule = "entra-users-can-register-apps";

    [Fact]
    public void Users_registering_applications_is_low_and_its_restriction_is_not_reported()
    {
        var open = new TestTenant().AuthorizationPolicy(usersCreateApps: true);
        var closed = new TestTenant().AuthorizationPolicy(usersCreateApps: false);

        var finding = Assert.Single(open.Scan().Of(Rule));
        Assert.Equal((Severity.Low, TestTenant.TenantId), (finding.Severity, finding.Principal));
        Assert.Contains("`defaultUserRolePermissions.allowedToCreateApps` is true", finding.Explanation, StringComparison.Ordinal);
        Assert.Contains("Users can register applications", finding.Remediation, StringComparison.Ordinal);
        Assert.Empty(closed.Scan().Of(Rule));
    }
}
