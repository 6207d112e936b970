using Ward.Analysis.Tests.Testing;

namespace Ward.Analysis.Tests.Rules.TenantSettings;

public sealed class EntraUserConsentAllowedRuleTests
{
    private const string Rule = "entra-user-consent-allowed";

    [Fact]
    public void Consent_to_any_application_is_high_and_no_user_consent_is_not_reported()
    {
        // Given a tenant where users may consent to any application ("Allow user consent for apps"), and one where they
        // may not (only Teams' resource-specific consent entries remain)
        var legacy = new TestTenant().AuthorizationPolicy(consentPolicies: [TestTenant.LegacyConsent, .. TestTenant.TeamsOwnerConsent]);
        var none = new TestTenant().AuthorizationPolicy(consentPolicies: TestTenant.TeamsOwnerConsent);

        // Then the first is one high finding about the tenant, naming the policy; the second is silent
        var finding = Assert.Single(legacy.Scan().Of(Rule));
        Assert.Equal((Severity.High, TestTenant.TenantId, TestTenant.TenantId, "Fabrikam"), (finding.Severity, finding.Principal, finding.Account, finding.PrincipalName));
        Assert.Equal("tenant-settings", finding.Category);
        Assert.Contains("`ManagePermissionGrantsForSelf.microsoft-user-default-legacy`", finding.Explanation, StringComparison.Ordinal);
        Assert.Contains("Consent and permissions > User consent settings", finding.Remediation, StringComparison.Ordinal);
        Assert.Contains("PATCH https://graph.microsoft.com/v1.0/policies/authorizationPolicy", finding.Remediation, StringComparison.Ordinal);
        Assert.Equal(Finding.FingerprintOf(Rule, TestTenant.TenantId, "microsoft-user-default-legacy"), finding.Fingerprint);
        Assert.Empty(none.Scan().Of(Rule));
    }

    [Fact]
    public void Consent_to_verified_publishers_for_low_impact_permissions_is_low()
    {
        // Given Microsoft's recommended setting
        var tenant = new TestTenant().AuthorizationPolicy(consentPolicies: [TestTenant.LowConsent, .. TestTenant.TeamsOwnerConsent]);

        // Then it is reported low, saying why at all
        var finding = Assert.Single(tenant.Scan().Of(Rule));
        Assert.Equal(Severity.Low, finding.Severity);
        Assert.Contains("Microsoft's recommended setting", finding.Explanation, StringComparison.Ordinal);
        Assert.Contains("CIS Microsoft 365 Foundations Benchmark (level 2)", finding.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void The_beta_collection_form_with_the_consent_policies_at_the_top_level_is_judged_like_v1()
    {
        // Given beta's answer: a one-item collection naming the consent policies at the top level
        var legacy = new TestTenant().AuthorizationPolicyJson(Beta($"[\"{TestTenant.LegacyConsent}\"]"));
        var none = new TestTenant().AuthorizationPolicyJson(Beta("[]"));

        // Then users consenting to any application is found there too, and an empty list is not
        Assert.Equal(Severity.High, Assert.Single(legacy.Scan().Of(Rule)).Severity);
        Assert.Empty(none.Scan().Of(Rule));
    }

    [Fact]
    public void A_custom_consent_policy_is_listed_as_not_judged()
    {
        // Given users consenting under a custom permission grant policy, which the export does not describe
        var tenant = new TestTenant().AuthorizationPolicy(consentPolicies: ["ManagePermissionGrantsForSelf.fabrikam-verified-readonly"]);

        // Then there is no finding, and the scan says why
        var result = tenant.Scan();
        Assert.Empty(result.Of(Rule));
        var skipped = Assert.Single(result.Skipped, s => s.Analysis.StartsWith(Rule, StringComparison.Ordinal));
        Assert.Contains("`fabrikam-verified-readonly`", skipped.Analysis, StringComparison.Ordinal);
        Assert.Contains("GET /policies/permissionGrantPolicies/{id}", skipped.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_the_authorization_policy_the_tenant_settings_rules_are_listed_as_not_run()
    {
        // Given an export without the authorization policy, and one with it
        var without = new TestTenant();
        without.User("adele");
        var with = new TestTenant().AuthorizationPolicy();

        // Then nothing is reported, and one entry names the six rules that needed it; with it, no such entry
        var result = without.Scan();
        Assert.DoesNotContain(result.Findings, f => f.Category == "tenant-settings");
        var skipped = Assert.Single(result.Skipped, s => s.Analysis.Contains(Rule, StringComparison.Ordinal));
        Assert.Equal(
            $"entra-user-consent-allowed, entra-user-consent-for-risky-apps, entra-guest-access-as-members, entra-guest-invites-from-everyone, entra-users-can-register-apps, entra-users-can-create-tenants in tenant {TestTenant.TenantId}",
            skipped.Analysis);
        Assert.Contains("GET /policies/authorizationPolicy", skipped.Reason, StringComparison.Ordinal);
        Assert.DoesNotContain(with.Scan().Skipped, s => s.Analysis.Contains(Rule, StringComparison.Ordinal));
    }

    [Fact]
    public void A_policy_exported_without_its_consent_list_says_nothing_about_consent()
    {
        // Given the policy read with a $select that left the consent list out
        var tenant = new TestTenant().AuthorizationPolicyJson("""
            {"@odata.context": "https://graph.microsoft.com/v1.0/$metadata#policies/authorizationPolicy(allowInvitesFrom,guestUserRoleId)/$entity",
             "id": "authorizationPolicy", "allowInvitesFrom": "adminsAndGuestInviters", "guestUserRoleId": "10dae51f-b6af-4016-8d66-8c2a99b929b3"}
            """);

        // Then users are not said to be unable to consent, nor able: there is no finding
        Assert.Empty(tenant.Scan().Of(Rule));
    }

    private static string Beta(string consentPolicies) => $$"""
        {
          "@odata.context": "https://graph.microsoft.com/beta/$metadata#policies/authorizationPolicy",
          "value": [
            {
              "id": "authorizationPolicy",
              "allowInvitesFrom": "adminsAndGuestInviters",
              "allowedToSignUpEmailBasedSubscriptions": true,
              "allowedToUseSSPR": true,
              "allowEmailVerifiedUsersToJoinOrganization": false,
              "allowUserConsentForRiskyApps": false,
              "blockMsolPowerShell": true,
              "description": "Used to manage authorization related settings across the company.",
              "displayName": "Authorization Policy",
              "enabledPreviewFeatures": [],
              "guestUserRoleId": "10dae51f-b6af-4016-8d66-8c2a99b929b3",
              "permissionGrantPolicyIdsAssignedToDefaultUserRole": {{consentPolicies}},
              "defaultUserRolePermissions": {"allowedToCreateApps": false, "allowedToCreateSecurityGroups": false, "allowedToCreateTenants": false, "allowedToReadBitlockerKeysForOwnedDevice": true, "allowedToReadOtherUsers": true}
            }
          ]
        }
        """;
}
