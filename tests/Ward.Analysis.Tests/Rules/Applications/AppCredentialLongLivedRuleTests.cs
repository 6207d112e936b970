using Ward.Analysis.Tests.Testing;

namespace Ward.Analysis.Tests.Rules.Applications;

public sealed class AppCredentialLongLivedRuleTests
{
    private const string Rule = "app-credential-long-lived";
    private const string RoleManagementReadWriteDirectory = "9e3f62cf-ca93-4989-b6ce-bf83c28f9fe8";

    [Fact]
    public void A_secret_valid_for_two_years_is_long_lived_and_one_valid_for_six_months_is_not()
    {
        // Given an application with a secret from 100 days ago to 630 days ahead (730 days), and another with a secret
        // from 30 days ago to 150 days ahead (180 days)
        var tenant = new TestTenant();
        tenant.AppRegistration("billing-export", secrets: [TestTenant.Secret("billing-2026", 100, 630)]);
        tenant.AppRegistration("hr-sync", secrets: [TestTenant.Secret("hr-2026", 30, 150)]);

        var finding = Assert.Single(tenant.Scan().Of(Rule));

        // Then only the first is reported, on the application's object, with its key id, appId and dates
        Assert.Equal(TestTenant.ApplicationId("billing-export"), finding.Principal);
        Assert.Equal("billing-export", finding.PrincipalName);
        Assert.Equal(Severity.Medium, finding.Severity);
        Assert.Equal("The secret `billing-2026` of `billing-export` is valid for 730 days (about 2 years)", finding.Title);
        Assert.Contains($"(key id `{TestTenant.Id("key-billing-2026")}`) of the application `billing-export` (appId `{TestTenant.AppIdOf("billing-export")}`)", finding.Explanation, StringComparison.Ordinal);
        Assert.Contains("is valid from 2026-08-20 to 2028-08-19, 730 days", finding.Explanation, StringComparison.Ordinal);
        Assert.Contains("The application has no service principal in this tenant: the credential signs in only in the tenants that consented to it.", finding.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void A_secret_without_an_end_date_never_expires_and_is_high_when_the_application_can_take_over_the_tenant()
    {
        // Given an application whose service principal holds RoleManagement.ReadWrite.Directory, with a secret without end date
        var tenant = new TestTenant();
        tenant.AppRegistration("provisioner", secrets: [TestTenant.Secret("forever", 900, null)]);
        tenant.ServicePrincipalOf("provisioner");
        tenant.GrantGraphPermission("provisioner", "RoleManagement.ReadWrite.Directory", RoleManagementReadWriteDirectory);

        var finding = Assert.Single(tenant.Scan().Of(Rule));

        // Then it never expires, and is high: the credential signs in as a tenant-takeover application
        Assert.Equal(Severity.High, finding.Severity);
        Assert.Equal("The secret `forever` of `provisioner` never expires", finding.Title);
        Assert.Contains("has no end date: it never expires", finding.Explanation, StringComparison.Ordinal);
        Assert.Contains("Its service principal `provisioner` holds `RoleManagement.ReadWrite.Directory` of `Microsoft Graph` (assigns any directory role", finding.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void The_lifetime_limit_comes_from_the_settings_and_a_credential_at_the_limit_is_not_reported()
    {
        // Given certificates valid exactly 365 days and 366 days, and a 90-day secret
        var tenant = new TestTenant();
        tenant.AppRegistration("one-year", certificates: [TestTenant.Certificate("CN=one-year", 10, 355)]);
        tenant.AppRegistration("one-year-and-a-day", certificates: [TestTenant.Certificate("CN=one-year-and-a-day", 10, 356)]);
        tenant.AppRegistration("quarterly", secrets: [TestTenant.Secret("quarterly", 10, 80)]);

        // When scanned with the default limit, then with --credential-lifetime-days 60
        var byDefault = tenant.Scan().Of(Rule);
        var strict = tenant.Scan(settings: AnalysisSettings.Default with { CredentialLifetimeDays = 60 }).Of(Rule);

        // Then the default reports only the certificate over a year; 60 days reports all three
        Assert.Equal([TestTenant.ApplicationId("one-year-and-a-day")], byDefault.Select(f => f.Principal).ToArray());
        Assert.Equal("The certificate `CN=one-year-and-a-day` of `one-year-and-a-day` is valid for 366 days", byDefault[0].Title);
        Assert.Equal(3, strict.Count);
    }

    [Fact]
    public void A_certificate_on_a_service_principal_is_reported_on_the_service_principal_but_a_SAML_signing_certificate_is_not()
    {
        // Given a service principal with a three-year certificate of its own, and one with the SAML token signing
        // certificate addTokenSigningCertificate creates (Sign key, Verify key, PFX password), also three years
        var tenant = new TestTenant();
        tenant.ServicePrincipalOf("legacy-daemon", certificates: [TestTenant.Certificate("CN=legacy-daemon", 100, 995)]);
        var (secrets, certificates) = TestTenant.SamlSigningCertificate("CN=Microsoft Azure Federated SSO Certificate");
        tenant.ServicePrincipalOf("saml-payroll", secrets: secrets, certificates: certificates);

        var finding = Assert.Single(tenant.Scan().Of(Rule));

        // Then the daemon's certificate is reported on its service principal; the SAML signing certificate is not a sign-in credential
        Assert.Equal(TestTenant.Id("legacy-daemon"), finding.Principal);
        Assert.Contains("of the service principal `legacy-daemon`", finding.Explanation, StringComparison.Ordinal);
        Assert.Contains("The service principal holds no application permission or role in the export.", finding.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void A_token_encryption_certificate_is_not_a_sign_in_credential_but_a_client_certificate_beside_it_is()
    {
        // Given an application with two five-year certificates: one it signs in with (usage Verify), and the public key
        // of its SAML token encryption certificate (usage Encrypt, as the manifest gives it), valid as long
        var tenant = new TestTenant();
        tenant.AppRegistration("saml-hr", certificates:
        [
            TestTenant.Certificate("CN=saml-hr-client", 100, (5 * 365) - 100),
            TestTenant.Certificate("CN=SAMLEncryptTest", 100, (5 * 365) - 100, usage: "Encrypt"),
        ]);

        var result = tenant.Scan();

        // Then only the client certificate is reported: Entra ID only encrypts tokens to the other, nobody signs in with it
        var finding = Assert.Single(result.Of(Rule));
        Assert.Equal("The certificate `CN=saml-hr-client` of `saml-hr` is valid for 1,825 days (about 5 years)", finding.Title);
        Assert.DoesNotContain(result.Findings, f => f.Explanation.Contains("SAMLEncryptTest", StringComparison.Ordinal));
    }

    [Fact]
    public void An_expired_credential_is_not_long_lived()
    {
        // Given a secret valid for three years that expired a month ago
        var tenant = new TestTenant();
        tenant.AppRegistration("retired", secrets: [TestTenant.Secret("retired", 1125, -30)]);

        // Then it is not long-lived (app-credential-expired reports it)
        var result = tenant.Scan();
        Assert.Empty(result.Of(Rule));
        Assert.Single(result.Of("app-credential-expired"));
    }
}
