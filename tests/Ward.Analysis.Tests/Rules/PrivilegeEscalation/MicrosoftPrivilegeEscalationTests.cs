using Ward.Analysis.Tests.Testing;

namespace Ward.Analysis.Tests.Rules.PrivilegeEscalation;

/// <summary>The privilege-escalation rule on an Entra ID tenant written with <see cref="TestTenant"/>.</summary>
public sealed class MicrosoftPrivilegeEscalationTests
{
    private const string DirectoryReadWriteAll = "19dbc75e-c2e2-444c-a770-ec69d8559fc7";

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

    [Fact]
    public void A_Microsoft_service_principal_holding_Directory_ReadWrite_All_is_no_source_but_the_tenants_own_application_is()
    {
        // Given Prod Owners, a security group that owns the subscription, and two service principals holding Microsoft
        // Graph Directory.ReadWrite.All (which writes the members of such a group): Dataverse, Microsoft's own
        // application, and directory-sync, an application of this tenant
        var tenant = new TestTenant().AzureSubscriptionIn();
        tenant.Group("Prod Owners");
        tenant.AssignAzureRole("Prod Owners", "Group", TestTenant.Owner, TestTenant.Subscription);
        tenant.ApplicationServicePrincipal("Dataverse", secretSinceDaysAgo: null, ownerTenant: TestTenant.MicrosoftTenantId);
        tenant.ApplicationServicePrincipal("directory-sync", secretSinceDaysAgo: null);
        tenant.GrantGraphPermission("Dataverse", "Directory.ReadWrite.All", DirectoryReadWriteAll)
            .GrantGraphPermission("directory-sync", "Directory.ReadWrite.All", DirectoryReadWriteAll);

        var findings = tenant.Scan().Of("privilege-escalation");

        // Then the tenant's application adds itself to the group; Dataverse is no source (nobody in the tenant can
        // sign in as it), so the graph holds no edge from it
        var finding = Assert.Single(findings);
        Assert.Equal((TestTenant.Id("directory-sync"), "entra-add-group-member"), (finding.Principal, Assert.Single(finding.Path).Technique));
        Assert.DoesNotContain(tenant.EscalationGraph().Edges, e => e.From.Value == TestTenant.Id("Dataverse"));
    }
}
