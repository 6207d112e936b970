using Ward.Analysis.Tests.Testing;

namespace Ward.Analysis.Tests.Rules.PrivilegeEscalation;

/// <summary>The privilege-escalation rule on an Entra ID tenant written with <see cref="TestTenant"/>.</summary>
public sealed class MicrosoftPrivilegeEscalationTests
{
    [Fact]
    public void A_Helpdesk_Administrator_cannot_reset_a_Global_Administrator()
    {
        // Given a Helpdesk Administrator, a user without a role and a Global Administrator
        var tenant = new TestTenant();
        tenant.User("helpdesk");
        tenant.User("plain");
        tenant.User("admin");
        tenant.AssignRole("helpdesk", "Helpdesk Administrator").AssignRole("admin", "Global Administrator");

        var result = tenant.Scan();

        // Then the Helpdesk Administrator cannot reset the Global Administrator's password: no finding for it
        Assert.DoesNotContain(result.Of("privilege-escalation"), f => f.Principal == TestTenant.Id("helpdesk"));
        Assert.All(result.Findings, f => Assert.NotEqual("aws", f.Provider, StringComparer.Ordinal));
    }

    [Fact]
    public void The_owner_of_a_role_assignable_group_holding_Global_Administrator_escalates_in_one_step()
    {
        // Given a user who owns (but is not a member of) a role-assignable group that holds Global Administrator
        var tenant = new TestTenant();
        tenant.User("owner");
        tenant.User("admin");
        tenant.Group("tier0", roleAssignable: true, "admin");
        tenant.Owners("group-owners", "tier0", "owner").AssignRole("tier0", "Global Administrator");

        var finding = Assert.Single(tenant.Scan().Of("privilege-escalation"));

        // Then the owner adds itself to the group: one critical Entra ID step, named by object id, UPN and tenant
        Assert.Equal(TestTenant.Id("owner"), finding.Principal);
        Assert.Equal("owner@fabrikam.example", finding.PrincipalName);
        Assert.Equal(TestTenant.TenantId, finding.Account);
        Assert.Equal("entra", finding.Provider);
        Assert.Equal(Severity.Critical, finding.Severity);
        Assert.Equal("entra-add-group-member", Assert.Single(finding.Path).Technique);
    }
}
