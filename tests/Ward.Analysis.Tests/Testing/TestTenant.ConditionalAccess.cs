namespace Ward.Analysis.Tests.Testing;

/// <summary>Conditional access policies, the security defaults policy and MFA registration, as Microsoft Graph v1.0 returns them.</summary>
internal sealed partial class TestTenant
{
    private static readonly string[] AllLocations = ["All"];
    private static readonly string[] AllPlatforms = ["all"];
    private static readonly string[] PushMethod = ["push"];

    /// <summary>The built-in phishing-resistant MFA authentication strength, as a policy's grant carries it.</summary>
    public static Dictionary<string, object?> PhishingResistantStrength =>
        Strength("00000000-0000-0000-0000-000000000004", "Phishing-resistant MFA", "builtIn", "mfa", "windowsHelloForBusiness", "fido2", "x509CertificateMultiFactor");

    /// <summary>The built-in passwordless MFA authentication strength.</summary>
    public static Dictionary<string, object?> PasswordlessStrength =>
        Strength("00000000-0000-0000-0000-000000000003", "Passwordless MFA", "builtIn", "mfa", "windowsHelloForBusiness", "fido2", "x509CertificateMultiFactor", "deviceBasedPush");

    /// <summary>
    /// An authentication strength as Graph v1.0 expands it in <c>grantControls.authenticationStrength</c> of a policy
    /// (<paramref name="combinations"/>: comma-separated <c>authenticationMethodModes</c>, such as <c>password,sms</c>).
    /// </summary>
    public static Dictionary<string, object?> Strength(string id, string name, string policyType, string requirementsSatisfied, params string[] combinations) =>
        new(StringComparer.Ordinal)
        {
            ["id"] = id,
            ["createdDateTime"] = DaysAgo(500),
            ["modifiedDateTime"] = DaysAgo(500),
            ["displayName"] = name,
            ["description"] = $"{name} (test)",
            ["policyType"] = policyType,
            ["requirementsSatisfied"] = requirementsSatisfied,
            ["allowedCombinations"] = combinations,
            ["combinationConfigurations@odata.context"] = $"https://graph.microsoft.com/v1.0/$metadata#identity/conditionalAccess/authenticationStrength/policies('{id}')/combinationConfigurations",
            ["combinationConfigurations"] = Array.Empty<object>(),
        };

    /// <summary>
    /// A conditional access policy. User, group and role lists take keys (users, groups) or role names; the keywords
    /// <c>All</c>, <c>None</c> and <c>GuestsOrExternalUsers</c> are kept. Unset conditions are written as Graph writes them (null or empty).
    /// </summary>
    public TestTenant ConditionalAccessPolicy(
        string name,
        string state = "enabled",
        string[]? includeUsers = null,
        string[]? excludeUsers = null,
        string[]? includeGroups = null,
        string[]? excludeGroups = null,
        string[]? includeRoles = null,
        string[]? excludeRoles = null,
        string[]? includeApplications = null,
        string[]? includeUserActions = null,
        string[]? clientAppTypes = null,
        string[]? excludeLocations = null,
        string grantOperator = "OR",
        string[]? builtInControls = null,
        Dictionary<string, object?>? authenticationStrength = null,
        string[]? excludeApplications = null,
        string[]? includePlatforms = null,
        string[]? excludePlatforms = null,
        string[]? includeLocations = null,
        string? deviceFilter = null)
    {
        var roles = (string[]? names) => (names ?? []).Select(n => BuiltInRoles.Get(n).TemplateId).ToArray();
        var users = (string[]? keys) => (keys ?? []).Select(k => k is "All" or "None" or "GuestsOrExternalUsers" ? k : Id(k)).ToArray();
        return Add("identity/conditionalAccess/policies", new
        {
            id = Id("ca-" + name),
            templateId = (string?)null,
            displayName = name,
            createdDateTime = DaysAgo(300),
            modifiedDateTime = DaysAgo(200),
            state,
            sessionControls = (object?)null,
            conditions = new
            {
                userRiskLevels = Array.Empty<string>(),
                signInRiskLevels = Array.Empty<string>(),
                clientAppTypes = clientAppTypes ?? ["all"],
                platforms = includePlatforms is null && excludePlatforms is null ? null : new { includePlatforms = includePlatforms ?? AllPlatforms, excludePlatforms = excludePlatforms ?? [] },
                locations = includeLocations is null && excludeLocations is null ? null : new { includeLocations = includeLocations ?? AllLocations, excludeLocations = excludeLocations ?? [] },
                devices = deviceFilter is null ? null : new { deviceFilter = new { mode = "include", rule = deviceFilter } },
                clientApplications = (object?)null,
                applications = new
                {
                    includeApplications = includeApplications ?? ["All"],
                    excludeApplications = excludeApplications ?? [],
                    includeUserActions = includeUserActions ?? [],
                    includeAuthenticationContextClassReferences = Array.Empty<string>(),
                    applicationFilter = (object?)null,
                },
                users = new
                {
                    includeUsers = users(includeUsers),
                    excludeUsers = users(excludeUsers),
                    includeGroups = (includeGroups ?? []).Select(Id).ToArray(),
                    excludeGroups = (excludeGroups ?? []).Select(Id).ToArray(),
                    includeRoles = roles(includeRoles),
                    excludeRoles = roles(excludeRoles),
                    includeGuestsOrExternalUsers = (object?)null,
                    excludeGuestsOrExternalUsers = (object?)null,
                },
            },
            grantControls = new
            {
                @operator = grantOperator,
                builtInControls = builtInControls ?? (authenticationStrength is null ? ["mfa"] : []),
                customAuthenticationFactors = Array.Empty<string>(),
                termsOfUse = Array.Empty<string>(),
                authenticationStrength,
            },
        });
    }

    /// <summary>An exported, empty list of conditional access policies (<c>GET /identity/conditionalAccess/policies</c>): the tenant has none.</summary>
    public TestTenant NoConditionalAccessPolicies()
    {
        _collections.TryAdd("identity/conditionalAccess/policies", []);
        return this;
    }

    /// <summary>The security defaults policy, enabled or not, as the single object Graph returns.</summary>
    public TestTenant SecurityDefaults(bool enabled) =>
        AddEntity("security-defaults-policy.json", "policies/identitySecurityDefaultsEnforcementPolicy", new
        {
            id = "00000000-0000-0000-0000-000000000005",
            displayName = "Security Defaults",
            description = "Security defaults is a set of basic identity security mechanisms recommended by Microsoft.",
            isEnabled = enabled,
        });

    /// <summary>
    /// A user's entry in the registration details report: MFA registered when <paramref name="methods"/> holds a method
    /// that satisfies MFA; capable of MFA (a method the authentication methods policy allows) as registered, unless the overload with a capability says otherwise.
    /// </summary>
    public TestTenant MfaRegistration(string userKey, bool registered, params string[] methods) => MfaRegistration(userKey, registered, registered, methods);

    /// <inheritdoc cref="MfaRegistration(string, bool, string[])"/>
    public TestTenant MfaRegistration(string userKey, bool registered, bool capable, params string[] methods) =>
        Add("reports/authenticationMethods/userRegistrationDetails", new
        {
            id = Id(userKey),
            userPrincipalName = UserPrincipalName(userKey),
            userDisplayName = userKey,
            userType = "member",
            isAdmin = false,
            isSsprRegistered = registered,
            isSsprEnabled = true,
            isSsprCapable = registered,
            isMfaRegistered = registered,
            isMfaCapable = capable,
            isPasswordlessCapable = false,
            methodsRegistered = methods,
            isSystemPreferredAuthenticationMethodEnabled = true,
            systemPreferredAuthenticationMethods = registered ? PushMethod : [],
            userPreferredMethodForSecondaryAuthentication = registered ? "push" : "none",
            lastUpdatedDateTime = DaysAgo(1),
        });
}
