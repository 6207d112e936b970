using Ward.Analysis.Tests.Testing;

namespace Ward.Analysis.Tests.Rules.TenantSettings;

public sealed class EntraGuestInvitesFromEveryoneRuleTests
{
    private const string Rule = "entra-guest-invites-from-everyone";

    [Fact]
    public void Invitations_by_everyone_including_guests_are_low()
    {
        var tenant = new TestTenant().AuthorizationPolicy(allowInvitesFrom: "everyone");

        var finding = Assert.Single(tenant.Scan().Of(Rule));
        Assert.Equal((Severity.Low, TestTenant.TenantId), (finding.Severity, finding.Principal));
        Assert.Contains("`allowInvitesFrom` is `everyone`", finding.Explanation, StringComparison.Ordinal);
        Assert.Contains("{\"allowInvitesFrom\": \"adminsAndGuestInviters\"}", finding.Remediation, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("adminsGuestInvitersAndAllMembers")]
    [InlineData("adminsAndGuestInviters")]
    [InlineData("none")]
    public void Invitations_kept_to_members_or_admins_are_not_reported(string allowInvitesFrom)
    {
        var tenant = new TestTenant().AuthorizationPolicy(allowInvitesFrom: allowInvitesFrom);

        Assert.Empty(tenant.Scan().Of(Rule));
    }
}
