using Ward.Analysis.Tests.Testing;

namespace Ward.Analysis.Tests.Rules.TenantSettings;

public sealed class EntraUserConsentForRiskyAppsRuleTests
{
    private const string Rule = "entra-user-consent-for-risky-apps";

    [Fact]
    public void Consent_to_risky_applications_is_high_and_its_default_is_not_reported()
    {
        // Given users consenting under Microsoft's recommended policy, in a tenant that lets them consent to risky
        // applications, and in one that keeps the default
        var risky = new TestTenant().AuthorizationPolicy(consentPolicies: [TestTenant.LowConsent], riskyAppConsent: true);
        var safe = new TestTenant().AuthorizationPolicy(consentPolicies: [TestTenant.LowConsent]);

        var finding = Assert.Single(risky.Scan().Of(Rule));
        Assert.Equal((Severity.High, TestTenant.TenantId), (finding.Severity, finding.Principal));
        Assert.Contains("`allowUserConsentForRiskyApps` is true", finding.Explanation, StringComparison.Ordinal);
        Assert.Contains("`microsoft-user-default-low`", finding.Explanation, StringComparison.Ordinal);
        Assert.Contains("{\"allowUserConsentForRiskyApps\": false}", finding.Remediation, StringComparison.Ordinal);
        Assert.Empty(safe.Scan().Of(Rule));
    }

    [Fact]
    public void Consent_to_risky_applications_allows_nothing_where_users_cannot_consent()
    {
        // Given the flag on, but no user consent policy assigned
        var tenant = new TestTenant().AuthorizationPolicy(consentPolicies: TestTenant.TeamsOwnerConsent, riskyAppConsent: true);

        // Then there is nothing it allows, and nothing is reported
        Assert.Empty(tenant.Scan().Of(Rule));
    }
}
