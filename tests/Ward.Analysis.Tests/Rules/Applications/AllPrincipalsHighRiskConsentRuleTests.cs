using Ward.Analysis.Tests.Testing;

namespace Ward.Analysis.Tests.Rules.Applications;

public sealed class AllPrincipalsHighRiskConsentRuleTests
{
    private const string Rule = "all-principals-high-risk-consent";

    [Fact]
    public void Consent_for_every_user_to_mail_is_reported_and_consent_to_sign_in_scopes_is_not()
    {
        // Given this tenant's intranet consented for every user to Mail.ReadWrite and Files.ReadWrite.All (with
        // offline_access), and a cafeteria bot consented for every user to sign-in scopes only
        var tenant = new TestTenant();
        tenant.ServicePrincipalOf("intranet");
        tenant.ServicePrincipalOf("cafeteria-bot");
        tenant.DelegatedGrant("intranet", "openid profile User.Read Mail.ReadWrite Files.ReadWrite.All offline_access")
            .DelegatedGrant("cafeteria-bot", "openid profile User.Read");

        var finding = Assert.Single(tenant.Scan().Of(Rule));

        // Then the intranet is reported, medium (the tenant's own application, data scopes), with what it can do
        Assert.Equal(TestTenant.Id("intranet"), finding.Principal);
        Assert.Equal(Severity.Medium, finding.Severity);
        Assert.Equal("`intranet` is consented for every user to Mail.ReadWrite, Files.ReadWrite.All of `Microsoft Graph`", finding.Title);
        Assert.Contains("The delegated permission grant `grant-intranet-all-graph` (consentType AllPrincipals)", finding.Explanation, StringComparison.Ordinal);
        Assert.Contains("`Mail.ReadWrite`, which reads, changes and deletes the signed-in user's mail", finding.Explanation, StringComparison.Ordinal);
        Assert.Contains("with `offline_access` it keeps them", finding.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void A_directory_control_scope_or_another_tenants_client_is_high()
    {
        // Given this tenant's admin tool consented for every user to Directory.AccessAsUser.All, and a vendor's
        // application consented for every user to Mail.Read
        var tenant = new TestTenant();
        tenant.ServicePrincipalOf("admin-portal");
        tenant.ServicePrincipalOf("vendor-mail", ownerTenant: TestTenant.OtherTenantId);
        tenant.DelegatedGrant("admin-portal", "Directory.AccessAsUser.All").DelegatedGrant("vendor-mail", "Mail.Read");

        var findings = tenant.Scan().Of(Rule);

        // Then both are high; the first says an administrator's sign-in lends it the administrator's rights
        Assert.Equal(2, findings.Count);
        Assert.All(findings, f => Assert.Equal(Severity.High, f.Severity));
        Assert.Contains("an administrator's sign-in lends it the administrator's rights", findings.Single(f => f.PrincipalName == "admin-portal").Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void One_users_consent_Microsofts_own_clients_and_scopes_of_another_API_named_like_Graphs_are_not_reported()
    {
        // Given alice's own consent to Mail.Read; a Microsoft client consented for every user to Mail.Read; and a client
        // consented for every user to a line-of-business API's scope called Mail.Read
        var tenant = new TestTenant();
        tenant.User("alice");
        tenant.ServicePrincipalOf("mail-app");
        tenant.ServicePrincipalOf("graph-explorer", ownerTenant: TestTenant.MicrosoftTenantId);
        tenant.ServicePrincipalOf("orders-api");
        tenant.ServicePrincipalOf("orders-web");
        tenant.DelegatedGrant("mail-app", "Mail.Read", userKey: "alice")
            .DelegatedGrant("graph-explorer", "openid Mail.Read")
            .DelegatedGrant("orders-web", "Mail.Read", resourceKey: "orders-api");

        // Then none is reported
        Assert.Empty(tenant.Scan().Of(Rule));
    }

    [Fact]
    public void A_client_that_requires_assignment_is_still_reported_and_the_finding_says_only_assigned_users_sign_in()
    {
        // Given this tenant's intranet, consented for every user to Mail.ReadWrite, which requires assignment, and its
        // twin that does not
        var tenant = new TestTenant();
        tenant.ServicePrincipalRequiringAssignment("intranet");
        tenant.ServicePrincipalOf("wiki");
        tenant.DelegatedGrant("intranet", "Mail.ReadWrite").DelegatedGrant("wiki", "Mail.ReadWrite");

        var findings = tenant.Scan().Of(Rule);

        // Then both are reported at the same severity; only the first says that assigned users alone sign in to it
        Assert.Equal(2, findings.Count);
        Assert.All(findings, f => Assert.Equal(Severity.Medium, f.Severity));
        Assert.Contains("It requires assignment (`appRoleAssignmentRequired`), so only the users assigned to it, directly or through a group, sign in to it", findings.Single(f => f.PrincipalName == "intranet").Explanation, StringComparison.Ordinal);
        Assert.Contains("Whoever signs in to it lends it these permissions", findings.Single(f => f.PrincipalName == "wiki").Explanation, StringComparison.Ordinal);
    }
}
