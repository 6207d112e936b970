using Ward.Analysis.Tests.Testing;

namespace Ward.Analysis.Tests.Rules.Unused;

public sealed class DormantServicePrincipalRuleTests
{
    private const string Rule = "dormant-service-principal";
    private const string MailRead = "810c84a8-4a9e-49e6-bf7d-12d183f40d01";
    private const string UserReadAll = "df021288-bdef-4463-88db-98f22de89214";

    [Fact]
    public void An_application_with_a_Graph_permission_unused_for_months_is_dormant_and_one_used_yesterday_is_not()
    {
        // Given two applications holding Mail.Read: one last signed in (app-only) 200 days ago, one yesterday
        var tenant = new TestTenant();
        tenant.ApplicationServicePrincipal("mail-archiver");
        tenant.ApplicationServicePrincipal("mail-sync");
        tenant.GrantGraphPermission("mail-archiver", "Mail.Read", MailRead).GrantGraphPermission("mail-sync", "Mail.Read", MailRead);
        tenant.ServicePrincipalSignedIn("mail-archiver", appOnlyClientDaysAgo: 200).ServicePrincipalSignedIn("mail-sync", appOnlyClientDaysAgo: 1);

        var finding = Assert.Single(tenant.Scan().Of(Rule));

        // Then the unused one is reported, medium (it holds a permission), with what it still holds
        Assert.Equal(TestTenant.Id("mail-archiver"), finding.Principal);
        Assert.Equal("mail-archiver", finding.PrincipalName);
        Assert.Equal("entra", finding.Provider);
        Assert.Equal(Severity.Medium, finding.Severity);
        Assert.Contains("has not signed in for 200 days", finding.Title, StringComparison.Ordinal);
        Assert.Contains("(app-only as a client 2026-05-12)", finding.Explanation, StringComparison.Ordinal);
        Assert.Contains("application permission `Mail.Read` of `Microsoft Graph`", finding.Explanation, StringComparison.Ordinal);
        Assert.Contains("secret `mail-archiver-secret` on the service principal", finding.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void A_dormant_application_that_holds_nothing_is_not_reported()
    {
        // Given an application unused for 300 days whose only secret has expired, with no permission or role
        var tenant = new TestTenant();
        tenant.ApplicationServicePrincipal("cafeteria-bot", secretSinceDaysAgo: 700, secretEndsInDays: -335);
        tenant.ServicePrincipalSignedIn("cafeteria-bot", delegatedClientDaysAgo: 300);

        // Then there is nothing to remove: no finding
        Assert.Empty(tenant.Scan().Of(Rule));
    }

    [Fact]
    public void Without_a_report_entry_an_old_credential_dates_the_service_principal_and_a_new_one_leaves_it_undecided()
    {
        // Given two applications the report does not list, each holding User.Read.All: one with a secret valid for 400
        // days, one with a secret created 20 days ago; and another application in the report, so the report was given
        var tenant = new TestTenant();
        tenant.ApplicationServicePrincipal("forgotten", secretSinceDaysAgo: 400);
        tenant.ApplicationServicePrincipal("brand-new", secretSinceDaysAgo: 20);
        tenant.ApplicationServicePrincipal("busy");
        tenant.GrantGraphPermission("forgotten", "User.Read.All", UserReadAll).GrantGraphPermission("brand-new", "User.Read.All", UserReadAll);
        tenant.ServicePrincipalSignedIn("busy", appOnlyClientDaysAgo: 1);

        var result = tenant.Scan();

        // Then the first is reported as never seen signing in; the second is left undecided, and the scan says so
        var finding = Assert.Single(result.Of(Rule));
        Assert.Equal(TestTenant.Id("forgotten"), finding.Principal);
        Assert.Contains("has no recorded sign-in", finding.Title, StringComparison.Ordinal);
        Assert.Contains("although its secret `forgotten-secret` on the service principal has been valid since 2025-10-24", finding.Explanation, StringComparison.Ordinal);
        var skipped = Assert.Single(result.Skipped, s => s.Analysis.StartsWith(Rule, StringComparison.Ordinal));
        Assert.Equal("dormant-service-principal for 1 service principal without a recorded sign-in", skipped.Analysis);
    }

    [Fact]
    public void A_SAML_token_signing_certificate_is_not_a_credential_held_but_a_client_secret_beside_it_is()
    {
        // Given two SAML applications the report does not list (SAML sign-ins are not OAuth sign-ins), each with the
        // token signing certificate addTokenSigningCertificate created 400 days ago (Sign key, Verify half, PFX
        // password); the second also with a client secret of its own; and another application in the report
        var tenant = new TestTenant();
        var (secrets, certificates) = TestTenant.SamlSigningCertificate("CN=Microsoft Azure Federated SSO Certificate", sinceDaysAgo: 400);
        tenant.ServicePrincipalOf("saml-payroll", secrets: secrets, certificates: certificates);
        tenant.ServicePrincipalOf("saml-expenses", secrets: [.. secrets, TestTenant.Secret("expenses-api", 400, 300)], certificates: certificates);
        tenant.ApplicationServicePrincipal("busy");
        tenant.ServicePrincipalSignedIn("busy", appOnlyClientDaysAgo: 1);

        var finding = Assert.Single(tenant.Scan().Of(Rule));

        // Then only the one with a secret is reported, and only the secret is named: the signing certificate's
        // private key and its password are Entra ID's, and nobody signs in with them
        Assert.Equal(TestTenant.Id("saml-expenses"), finding.Principal);
        Assert.Contains("although its secret `expenses-api` on the service principal has been valid since", finding.Explanation, StringComparison.Ordinal);
        Assert.Contains("It still holds secret `expenses-api` on the service principal. ", finding.Explanation, StringComparison.Ordinal);
        Assert.DoesNotContain("Federated SSO Certificate", finding.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void Managed_identities_Microsoft_applications_and_disabled_service_principals_are_left_out()
    {
        // Given, all unused for 200 days: a managed identity that is Owner of the subscription, Microsoft Graph itself,
        // and a disabled application holding a permission; and a third party's application holding one
        var tenant = new TestTenant();
        tenant.ManagedIdentityAt("vm-identity", $"{TestTenant.Subscription}/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines/vm1");
        tenant.AssignAzureRole("vm-identity", "ServicePrincipal", TestTenant.Owner, TestTenant.Subscription);
        tenant.ApplicationServicePrincipal("switched-off", enabled: false);
        tenant.ApplicationServicePrincipal("vendor-app", secretSinceDaysAgo: null, ownerTenant: "5b1e8f0a-7c2d-4e6f-9a8b-3c4d5e6f7a8b");
        tenant.GrantGraphPermission("switched-off", "Mail.Read", MailRead).GrantGraphPermission("vendor-app", "Mail.Read", MailRead);
        foreach (var key in new[] { "vm-identity", "microsoft-graph", "switched-off", "vendor-app" })
        {
            tenant.ServicePrincipalSignedIn(key, appOnlyResourceDaysAgo: 200);
        }

        var finding = Assert.Single(tenant.Scan().Of(Rule));

        // Then only the third party's application is reported; its credentials live in its own tenant
        Assert.Equal(TestTenant.Id("vendor-app"), finding.Principal);
        Assert.Contains("an application of tenant `5b1e8f0a-7c2d-4e6f-9a8b-3c4d5e6f7a8b`", finding.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void A_dormant_application_that_is_Global_Administrator_is_high()
    {
        // Given an application holding Global Administrator, unused for a year
        var tenant = new TestTenant();
        tenant.ApplicationServicePrincipal("legacy-provisioner");
        tenant.AssignRole("legacy-provisioner", "Global Administrator");
        tenant.ServicePrincipalSignedIn("legacy-provisioner", appOnlyClientDaysAgo: 365);

        var finding = Assert.Single(tenant.Scan().Of(Rule));

        // Then it is high, and says why
        Assert.Equal(Severity.High, finding.Severity);
        Assert.Contains("directory role Global Administrator", finding.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_the_sign_in_report_the_rule_says_it_could_not_decide()
    {
        // Given an application holding a permission, and no sign-in activity report
        var tenant = new TestTenant();
        tenant.ApplicationServicePrincipal("unknown-use");
        tenant.GrantGraphPermission("unknown-use", "Mail.Read", MailRead);

        var result = tenant.Scan();

        // Then nothing is reported, and the scan says why
        Assert.Empty(result.Of(Rule));
        var skipped = Assert.Single(result.Skipped, s => s.Analysis.StartsWith(Rule, StringComparison.Ordinal));
        Assert.Contains("reports/servicePrincipalSignInActivities", skipped.Reason, StringComparison.Ordinal);
    }
}
