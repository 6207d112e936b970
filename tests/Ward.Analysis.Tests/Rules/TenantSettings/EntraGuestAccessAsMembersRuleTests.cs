using Ward.Analysis.Tests.Testing;

namespace Ward.Analysis.Tests.Rules.TenantSettings;

public sealed class EntraGuestAccessAsMembersRuleTests
{
    private const string Rule = "entra-guest-access-as-members";

    [Fact]
    public void Member_like_guests_are_medium_and_counted()
    {
        // Given a tenant with a guest, whose guests have the same access as members
        var tenant = new TestTenant().AuthorizationPolicy(guestRole: TestTenant.MemberLikeGuestRole);
        tenant.Guest("priya", "priya@contoso.example");

        var finding = Assert.Single(tenant.Scan().Of(Rule));
        Assert.Equal((Severity.Medium, TestTenant.TenantId), (finding.Severity, finding.Principal));
        Assert.Contains($"`guestUserRoleId` is `{TestTenant.MemberLikeGuestRole}`", finding.Explanation, StringComparison.Ordinal);
        Assert.Contains("the 1 guest of the export", finding.Explanation, StringComparison.Ordinal);
        Assert.Contains("External collaboration settings > Guest user access", finding.Remediation, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(TestTenant.LimitedGuestRole)]
    [InlineData(TestTenant.RestrictedGuestRole)]
    public void Limited_and_restricted_guests_are_not_reported(string guestRole)
    {
        var tenant = new TestTenant().AuthorizationPolicy(guestRole: guestRole);
        tenant.Guest("priya", "priya@contoso.example");

        Assert.Empty(tenant.Scan().Of(Rule));
    }
}
