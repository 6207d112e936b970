using Ward.Analysis.Tests.Testing;

namespace Ward.Analysis.Tests.Rules.Applications;

public sealed class ThirdPartyAppHighRiskPermissionRuleTests
{
    private const string Rule = "third-party-app-high-risk-permission";
    private const string MailRead = "810c84a8-4a9e-49e6-bf7d-12d183f40d01";
    private const string ApplicationReadWriteAll = "1bfefb4e-e0b5-418b-a88f-73c46d2cc8e9";

    [Fact]
    public void Another_tenants_application_reading_all_mail_is_reported_and_this_tenants_own_multi_tenant_application_is_not()
    {
        // Given Mail.Read held by a vendor's application and by this tenant's own multi-tenant application
        var tenant = new TestTenant();
        tenant.ServicePrincipalOf("contoso-archiver", ownerTenant: TestTenant.OtherTenantId);
        tenant.AppRegistration("fabrikam-portal", signInAudience: "AzureADMultipleOrgs");
        tenant.ServicePrincipalOf("fabrikam-portal");
        tenant.GrantGraphPermission("contoso-archiver", "Mail.Read", MailRead).GrantGraphPermission("fabrikam-portal", "Mail.Read", MailRead);

        var finding = Assert.Single(tenant.Scan().Of(Rule));

        // Then the vendor's is reported, high, naming its tenant
        Assert.Equal(TestTenant.Id("contoso-archiver"), finding.Principal);
        Assert.Equal(Severity.High, finding.Severity);
        Assert.Equal("Another tenant's application `contoso-archiver` holds Mail.Read", finding.Title);
        Assert.Contains($"is an application of tenant `{TestTenant.OtherTenantId}`", finding.Explanation, StringComparison.Ordinal);
        Assert.Contains("as application permissions (tenant-wide, without a signed-in user): `Mail.Read` of `Microsoft Graph`, which reads the mail of every mailbox", finding.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void A_tenant_takeover_application_permission_of_a_vendor_is_critical()
    {
        // Given a vendor's application holding Application.ReadWrite.All
        var tenant = new TestTenant();
        tenant.ServicePrincipalOf("vendor-sso-manager", ownerTenant: TestTenant.OtherTenantId);
        tenant.GrantGraphPermission("vendor-sso-manager", "Application.ReadWrite.All", ApplicationReadWriteAll);

        // Then it is critical
        Assert.Equal(Severity.Critical, Assert.Single(tenant.Scan().Of(Rule)).Severity);
    }

    [Fact]
    public void Delegated_grants_count_consented_for_everyone_high_by_one_user_medium_and_sign_in_scopes_not_at_all()
    {
        // Given three vendors' applications: one consented for every user to Files.ReadWrite.All, one consented by
        // alice to Mail.Read, and one consented for every user to openid profile User.Read
        var tenant = new TestTenant();
        tenant.User("alice");
        tenant.ServicePrincipalOf("file-sharer", ownerTenant: TestTenant.OtherTenantId);
        tenant.ServicePrincipalOf("mail-plugin", ownerTenant: TestTenant.OtherTenantId);
        tenant.ServicePrincipalOf("sign-in-only", ownerTenant: TestTenant.OtherTenantId);
        tenant.DelegatedGrant("file-sharer", "openid Files.ReadWrite.All offline_access")
            .DelegatedGrant("mail-plugin", "Mail.Read", userKey: "alice")
            .DelegatedGrant("sign-in-only", "openid profile User.Read");

        var findings = tenant.Scan().Of(Rule).ToDictionary(f => f.PrincipalName!, StringComparer.Ordinal);

        // Then the first is high, the second medium, the third not reported
        Assert.Equal(["file-sharer", "mail-plugin"], findings.Keys.Order(StringComparer.Ordinal).ToArray());
        Assert.Equal(Severity.High, findings["file-sharer"].Severity);
        Assert.Contains("as delegated permissions for every user (admin consent) (grant `grant-file-sharer-all-graph`): `Files.ReadWrite.All` of `Microsoft Graph`", findings["file-sharer"].Explanation, StringComparison.Ordinal);
        Assert.Equal(Severity.Medium, findings["mail-plugin"].Severity);
        Assert.Contains("for `alice@fabrikam.example` only", findings["mail-plugin"].Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void Microsoft_applications_are_not_third_parties()
    {
        // Given a Microsoft application holding Mail.Read
        var tenant = new TestTenant();
        tenant.ServicePrincipalOf("microsoft-service", ownerTenant: TestTenant.MicrosoftTenantId);
        tenant.GrantGraphPermission("microsoft-service", "Mail.Read", MailRead);

        // Then it is not reported
        Assert.Empty(tenant.Scan().Of(Rule));
    }
}
