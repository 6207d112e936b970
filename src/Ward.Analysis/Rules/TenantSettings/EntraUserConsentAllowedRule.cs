namespace Ward.Analysis.Rules.TenantSettings;

/// <summary>
/// <c>entra-user-consent-allowed</c>: users may consent to applications on their own behalf: to any application for any
/// permission that needs no admin consent (<c>microsoft-user-default-legacy</c>, high), or to verified publishers' and
/// the tenant's own applications for the permissions the tenant classified as low impact (<c>microsoft-user-default-low</c>, low).
/// </summary>
public sealed class EntraUserConsentAllowedRule : IRule
{
    public const string Legacy = "microsoft-user-default-legacy";

    public const string Low = "microsoft-user-default-low";

    public RuleMetadata Metadata { get; } = new(
        "entra-user-consent-allowed",
        "Users may consent to applications",
        AuthorizationPolicyFindings.Category,
        Severity.High,
        "The authorization policy lets every user consent, for themselves, to applications reading the organization's data. Under `microsoft-user-default-legacy` (\"Allow user consent for apps\") any user may grant any application, from any publisher, every delegated permission that needs no admin consent (mail, files, calendars, with offline_access): the consent phishing Microsoft warns of. High. Under `microsoft-user-default-low` (\"Allow user consent for apps from verified publishers, for selected permissions\", Microsoft's recommended setting) only verified publishers' and the tenant's own applications, and only for the permissions the tenant classified as low impact; the CIS Microsoft 365 Foundations Benchmark (level 2) still asks for no user consent, and what users may grant depends on the classification, which the export does not hold. Low. A custom consent policy is not judged: what it allows is in the permission grant policy, which Ward does not read (the scan lists it as not analysed).",
        "In the Microsoft Entra admin center, Entra ID > Enterprise apps > Consent and permissions > User consent settings: choose \"Do not allow user consent\", or at most \"Allow user consent for apps from verified publishers, for selected permissions\" with only low-impact permissions classified (Permission classifications), and turn on the admin consent workflow (Admin consent settings) so users can ask for the rest. With Microsoft Graph: PATCH https://graph.microsoft.com/v1.0/policies/authorizationPolicy with {\"defaultUserRolePermissions\": {\"permissionGrantPoliciesAssigned\": []}} (or [\"ManagePermissionGrantsForSelf.microsoft-user-default-low\"]), keeping any ManagePermissionGrantsForOwnedResource.* entries the list holds (the PATCH replaces the list). Existing grants stay: review them (Enterprise apps > the application > Permissions).",
        ["entra"],
        [
            "https://learn.microsoft.com/en-us/entra/identity/enterprise-apps/configure-user-consent",
            "https://learn.microsoft.com/en-us/entra/identity/enterprise-apps/configure-permission-classifications",
            "https://learn.microsoft.com/en-us/entra/identity/enterprise-apps/configure-admin-consent-workflow",
            "https://learn.microsoft.com/en-us/graph/api/resources/authorizationpolicy",
        ])
    {
        Requires = RuleInputs.EntraAuthorizationPolicy,
    };

    public IEnumerable<Finding> Evaluate(AnalysisContext context)
    {
        if (AuthorizationPolicyFindings.Of(context) is not var (microsoft, policy) || policy.SelfConsentPolicies is not { } consent)
        {
            yield break;
        }

        var assigned = $"The authorization policy assigns the default user role {string.Join(", ", policy.PermissionGrantPoliciesAssigned!.Value.Select(p => $"`{p}`"))}";
        if (consent.Contains(Legacy, StringComparer.OrdinalIgnoreCase))
        {
            yield return AuthorizationPolicyFindings.Tenant(
                microsoft,
                Metadata,
                Severity.High,
                Legacy,
                "Users may consent to any application for the permissions that need no admin consent",
                $"{assigned}: under `{Legacy}` (\"Allow user consent for apps\") every user may grant any application, from any publisher, the delegated permissions that need no admin consent, such as `Mail.Read`, `Files.Read.All`, `Calendars.ReadWrite` and `offline_access`. One user tricked into consenting (consent phishing) lets the application read that user's mail and files for as long as the grant stays, without any administrator seeing a request. Microsoft recommends allowing user consent only for verified publishers and low-impact permissions.");
        }
        else if (consent.Contains(Low, StringComparer.OrdinalIgnoreCase))
        {
            yield return AuthorizationPolicyFindings.Tenant(
                microsoft,
                Metadata,
                Severity.Low,
                Low,
                "Users may consent to verified publishers' applications for low-impact permissions",
                $"{assigned}: under `{Low}` (\"Allow user consent for apps from verified publishers, for selected permissions\", Microsoft's recommended setting) every user may grant applications of verified publishers, and the tenant's own, the delegated permissions the tenant classified as low impact. Reported low: the CIS Microsoft 365 Foundations Benchmark (level 2) asks that users may not consent at all, and which permissions users may grant is the tenant's classification (Permission classifications), which the export does not hold.");
        }
    }

    public IEnumerable<SkippedAnalysis> Skipped(AnalysisContext context)
    {
        if (AuthorizationPolicyFindings.Of(context) is not var (_, policy) || policy.SelfConsentPolicies is not { } consent)
        {
            yield break;
        }

        var custom = consent.Where(p => !p.Equals(Legacy, StringComparison.OrdinalIgnoreCase) && !p.Equals(Low, StringComparison.OrdinalIgnoreCase)).ToList();
        if (custom.Count > 0 && !consent.Contains(Legacy, StringComparer.OrdinalIgnoreCase))
        {
            yield return new SkippedAnalysis(
                $"{Metadata.Id} for the consent polic{(custom.Count == 1 ? "y" : "ies")} {string.Join(", ", custom.Select(p => $"`{p}`"))}",
                "users may consent to applications under a permission grant policy that is not one of Microsoft's two built-in ones; what it lets them grant is in the policy itself (`GET /policies/permissionGrantPolicies/{id}`), which Ward does not read, so it is not judged");
        }
    }
}
