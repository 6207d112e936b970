namespace Ward.Analysis.Rules.TenantSettings;

/// <summary>
/// <c>entra-user-consent-for-risky-apps</c>: <c>allowUserConsentForRiskyApps</c> is true, so a user may still consent to an
/// application Microsoft detects as risky, where risk-based step-up consent would send the request to an administrator.
/// </summary>
public sealed class EntraUserConsentForRiskyAppsRule : IRule
{
    public RuleMetadata Metadata { get; } = new(
        "entra-user-consent-for-risky-apps",
        "Users may consent to applications Microsoft detects as risky",
        AuthorizationPolicyFindings.Category,
        Severity.High,
        "The authorization policy's `allowUserConsentForRiskyApps` is true. Microsoft Entra ID's risk-based step-up consent blocks a user's consent to an application it detects as risky (a multitenant application without a verified publisher asking for non-basic permissions, for instance) and requires an administrator's instead; this setting turns that off, so users may consent to exactly the applications consent phishing uses. Microsoft recommends keeping it false (its default). Not reported when the policy lets users consent under no policy at all: the setting then has nothing to allow.",
        "Set it back to false; there is no admin center switch. With Microsoft Graph: PATCH https://graph.microsoft.com/v1.0/policies/authorizationPolicy with {\"allowUserConsentForRiskyApps\": false} (Policy.ReadWrite.Authorization, as a Privileged Role Administrator). Review the grants users made while it was on (Entra ID > Enterprise apps > the application > Permissions), and turn on the admin consent workflow (Entra ID > Enterprise apps > Consent and permissions > Admin consent settings) so that the blocked requests reach an administrator.",
        ["entra"],
        [
            "https://learn.microsoft.com/en-us/entra/identity/enterprise-apps/configure-risk-based-step-up-consent",
            "https://learn.microsoft.com/en-us/graph/api/resources/authorizationpolicy",
        ])
    {
        Requires = RuleInputs.EntraAuthorizationPolicy,
    };

    public IEnumerable<Finding> Evaluate(AnalysisContext context)
    {
        if (AuthorizationPolicyFindings.Of(context) is not var (microsoft, policy) || policy.AllowUserConsentForRiskyApps != true
            || policy.SelfConsentPolicies is { IsEmpty: true })
        {
            yield break;
        }

        var consent = policy.SelfConsentPolicies is { } policies
            ? $"Users may consent under {string.Join(", ", policies.Select(p => $"`{p}`"))}, and"
            : "Which consent policies the default user role holds was not exported; if users may consent at all,";
        yield return AuthorizationPolicyFindings.Tenant(
            microsoft,
            Metadata,
            Severity.High,
            "risky-apps",
            "Users may consent to applications Microsoft detects as risky",
            $"The authorization policy's `allowUserConsentForRiskyApps` is true. {consent} risk-based step-up consent does not stop them at an application Microsoft Entra ID detects as risky: the consent goes through instead of being sent to an administrator for review. Microsoft recommends keeping `allowUserConsentForRiskyApps` false.");
    }
}
