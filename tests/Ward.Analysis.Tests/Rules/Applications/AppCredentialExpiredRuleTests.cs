using Ward.Analysis.Tests.Testing;

namespace Ward.Analysis.Tests.Rules.Applications;

public sealed class AppCredentialExpiredRuleTests
{
    private const string Rule = "app-credential-expired";

    [Fact]
    public void A_secret_that_expired_before_the_reference_time_is_reported_and_a_valid_one_is_not()
    {
        // Given an application with a secret that expired 40 days ago, and one whose secret is still valid
        var tenant = new TestTenant();
        tenant.AppRegistration("cafeteria-bot", secrets: [TestTenant.Secret("menu-bot", 400, -40)]);
        tenant.AppRegistration("timesheets", secrets: [TestTenant.Secret("timesheets", 30, 150)]);

        var finding = Assert.Single(tenant.Scan().Of(Rule));

        // Then the expired one is reported, low, with its dates against the reference time
        Assert.Equal(TestTenant.ApplicationId("cafeteria-bot"), finding.Principal);
        Assert.Equal(Severity.Low, finding.Severity);
        Assert.Equal("The secret `menu-bot` of `cafeteria-bot` expired on 2026-10-19", finding.Title);
        Assert.Contains("was valid from 2025-10-24 and expired 2026-10-19 (40 days before the reference time), and is still on the application", finding.Explanation, StringComparison.Ordinal);
        Assert.Contains("The application has no other valid secret or certificate.", finding.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void An_expired_certificate_beside_a_valid_one_says_the_application_still_has_a_credential()
    {
        // Given an application whose old certificate expired and whose new one is valid
        var tenant = new TestTenant();
        tenant.AppRegistration("reporting", certificates: [TestTenant.Certificate("CN=reporting-2025", 400, -35), TestTenant.Certificate("CN=reporting-2026", 40, 325)]);

        var finding = Assert.Single(tenant.Scan().Of(Rule));

        // Then only the expired one is reported, and the rotation is visible
        Assert.Contains("certificate `CN=reporting-2025`", finding.Explanation, StringComparison.Ordinal);
        Assert.Contains("The application has other credentials that are still valid.", finding.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void Expiry_is_measured_against_the_reference_time_not_the_clock()
    {
        // Given a secret that expired 10 days before the reference time
        var tenant = new TestTenant();
        tenant.AppRegistration("exporter", secrets: [TestTenant.Secret("exporter", 300, -10)]);

        // When scanned as of 20 days before the reference time, it had not expired yet
        var earlier = tenant.Scan(asOf: TestTenant.ReferenceTime.AddDays(-20));

        // Then nothing is reported then
        Assert.Empty(earlier.Of(Rule));
        Assert.Single(tenant.Scan().Of(Rule));
    }
}
