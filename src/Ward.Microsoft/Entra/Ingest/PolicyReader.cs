using System.Collections.Frozen;
using System.Collections.Immutable;
using System.Text.Json;
using Ward.Core.Diagnostics;
using Ward.Microsoft.Entra.Directory;

namespace Ward.Microsoft.Entra.Ingest;

/// <summary>Reads conditional access policies, the authorization policy and authentication method registration details.</summary>
internal static class PolicyReader
{
    private static readonly FrozenSet<string> PolicyFields = Set(
        "id", "templateId", "displayName", "description", "createdDateTime", "modifiedDateTime", "deletedDateTime", "state", "sessionControls", "conditions",
        "grantControls", "partialEnablementStrategy");

    private static readonly FrozenSet<string> ConditionFields = Set(
        "users", "applications", "clientApplications", "clientAppTypes", "platforms", "locations", "devices", "userRiskLevels", "signInRiskLevels",
        "servicePrincipalRiskLevels", "insiderRiskLevels", "authenticationFlows");

    private static readonly FrozenSet<string> UserConditionFields = Set(
        "includeUsers", "excludeUsers", "includeGroups", "excludeGroups", "includeRoles", "excludeRoles", "includeGuestsOrExternalUsers", "excludeGuestsOrExternalUsers");

    private static readonly FrozenSet<string> ApplicationConditionFields = Set(
        "includeApplications", "excludeApplications", "includeUserActions", "includeAuthenticationContextClassReferences", "applicationFilter");

    private static readonly FrozenSet<string> SecurityDefaultsFields = Set("id", "displayName", "description", "isEnabled");

    private static readonly FrozenSet<string> GrantFields = Set("operator", "builtInControls", "customAuthenticationFactors", "termsOfUse", "authenticationStrength");

    private static readonly FrozenSet<string> StrengthFields = Set(
        "id", "createdDateTime", "modifiedDateTime", "displayName", "description", "policyType", "requirementsSatisfied", "allowedCombinations", "combinationConfigurations");

    private static readonly FrozenSet<string> AuthorizationFields = Set(
        "id", "displayName", "description", "allowInvitesFrom", "allowedToSignUpEmailBasedSubscriptions", "allowedToUseSSPR",
        "allowEmailVerifiedUsersToJoinOrganization", "allowUserConsentForRiskyApps", "blockMsolPowerShell", "guestUserRoleId", "defaultUserRolePermissions",
        "permissionGrantPolicyIdsAssignedToDefaultUserRole", "enabledPreviewFeatures", "deletedDateTime", "defaultUserRoleOverrides");

    private static readonly FrozenSet<string> DefaultPermissionFields = Set(
        "allowedToCreateApps", "allowedToCreateSecurityGroups", "allowedToCreateTenants", "allowedToReadBitlockerKeysForOwnedDevice", "allowedToReadOtherUsers",
        "permissionGrantPoliciesAssigned");

    private static readonly FrozenSet<string> InviterValues = FrozenSet.ToFrozenSet(["none", "adminsAndGuestInviters", "adminsGuestInvitersAndAllMembers", "everyone"], StringComparer.OrdinalIgnoreCase);

    private static readonly FrozenSet<string> GuestRoles = Set(AuthorizationPolicy.MemberLikeGuestRole, AuthorizationPolicy.LimitedGuestRole, AuthorizationPolicy.RestrictedGuestRole);

    private static readonly FrozenSet<string> RegistrationFields = Set(
        "id", "userPrincipalName", "userDisplayName", "userType", "isAdmin", "isSsprRegistered", "isSsprEnabled", "isSsprCapable", "isMfaRegistered", "isMfaCapable",
        "isPasswordlessCapable", "lastUpdatedDateTime", "methodsRegistered", "isSystemPreferredAuthenticationMethodEnabled", "systemPreferredAuthenticationMethods",
        "userPreferredMethodForSecondaryAuthentication", "defaultMfaMethod", "defaultMethod");

    public static ConditionalAccessPolicy? ConditionalAccess(JsonElement item, string path, GraphJson json)
    {
        json.CheckFields(item, path, "a conditional access policy", PolicyFields);
        if (json.String(item, "id", path, required: true) is not { } rawId)
        {
            return null;
        }

        var stateText = json.String(item, "state", path);
        var state = stateText switch
        {
            null => ConditionalAccessPolicyState.Unknown,
            _ when stateText.Equals("enabled", StringComparison.OrdinalIgnoreCase) => ConditionalAccessPolicyState.Enabled,
            _ when stateText.Equals("disabled", StringComparison.OrdinalIgnoreCase) => ConditionalAccessPolicyState.Disabled,
            _ when stateText.Equals("enabledForReportingButNotEnforced", StringComparison.OrdinalIgnoreCase) => ConditionalAccessPolicyState.EnabledForReportingButNotEnforced,
            _ => ConditionalAccessPolicyState.Unknown,
        };
        if (stateText is null || state == ConditionalAccessPolicyState.Unknown)
        {
            json.Report(EntraDiagnosticCodes.InvalidValue, DiagnosticSeverity.Warning, $"the policy's `state` is {(stateText is null ? "missing" : $"`{stateText}`")}, not `enabled`, `disabled` or `enabledForReportingButNotEnforced`: whether it is enforced is unknown", stateText is null ? path : JsonPath.Property(path, "state"));
        }

        var policy = new ConditionalAccessPolicy
        {
            Id = Guid.TryParse(rawId, out var guid) ? guid.ToString("D") : rawId,
            DisplayName = json.String(item, "displayName", path),
            State = state,
            Location = json.At(path),
        };

        if (json.Object(item, "conditions", path) is { } conditions)
        {
            policy = Conditions(policy, conditions, JsonPath.Property(path, "conditions"), json);
        }

        if (json.Object(item, "grantControls", path) is { } grant)
        {
            var grantPath = JsonPath.Property(path, "grantControls");
            json.CheckFields(grant, grantPath, "a policy's grant controls", GrantFields);
            policy = policy with
            {
                GrantOperator = json.String(grant, "operator", grantPath),
                BuiltInControls = json.Strings(grant, "builtInControls", grantPath),
                TermsOfUse = json.Strings(grant, "termsOfUse", grantPath),
                CustomAuthenticationFactors = json.Strings(grant, "customAuthenticationFactors", grantPath),
                AuthenticationStrength = Strength(grant, grantPath, json),
            };
        }

        return policy;
    }

    /// <summary>Whom and what the policy applies to, and the conditions that narrow it (see <see cref="ConditionalAccessPolicy"/>).</summary>
    private static ConditionalAccessPolicy Conditions(ConditionalAccessPolicy policy, JsonElement conditions, string path, GraphJson json)
    {
        json.CheckFields(conditions, path, "a policy's conditions", ConditionFields);
        if (json.Object(conditions, "users", path) is { } users)
        {
            var usersPath = JsonPath.Property(path, "users");
            json.CheckFields(users, usersPath, "a policy's user conditions", UserConditionFields);
            policy = policy with
            {
                IncludeUsers = json.Strings(users, "includeUsers", usersPath),
                ExcludeUsers = json.Strings(users, "excludeUsers", usersPath),
                IncludeGroups = json.Strings(users, "includeGroups", usersPath),
                ExcludeGroups = json.Strings(users, "excludeGroups", usersPath),
                IncludeRoles = json.Strings(users, "includeRoles", usersPath),
                ExcludeRoles = json.Strings(users, "excludeRoles", usersPath),
                IncludeGuestsOrExternalUsers = ExternalUsers(users, "includeGuestsOrExternalUsers", usersPath, json),
                ExcludeGuestsOrExternalUsers = ExternalUsers(users, "excludeGuestsOrExternalUsers", usersPath, json),
            };
        }

        if (json.Object(conditions, "applications", path) is { } applications)
        {
            var applicationsPath = JsonPath.Property(path, "applications");
            json.CheckFields(applications, applicationsPath, "a policy's application conditions", ApplicationConditionFields);
            policy = policy with
            {
                IncludeApplications = json.Strings(applications, "includeApplications", applicationsPath),
                ExcludeApplications = json.Strings(applications, "excludeApplications", applicationsPath),
                IncludeUserActions = json.Strings(applications, "includeUserActions", applicationsPath),
                IncludeAuthenticationContextClassReferences = json.Strings(applications, "includeAuthenticationContextClassReferences", applicationsPath),
                ApplicationFilter = Filter(applications, "applicationFilter", applicationsPath, json),
            };
        }

        var platforms = json.Object(conditions, "platforms", path);
        var platformsPath = JsonPath.Property(path, "platforms");
        var locations = json.Object(conditions, "locations", path);
        var locationsPath = JsonPath.Property(path, "locations");
        var devices = json.Object(conditions, "devices", path);
        var flows = json.Object(conditions, "authenticationFlows", path);
        return policy with
        {
            ClientAppTypes = json.Strings(conditions, "clientAppTypes", path),
            IncludePlatforms = platforms is { } p ? json.Strings(p, "includePlatforms", platformsPath) : [],
            ExcludePlatforms = platforms is { } q ? json.Strings(q, "excludePlatforms", platformsPath) : [],
            IncludeLocations = locations is { } l ? json.Strings(l, "includeLocations", locationsPath) : [],
            ExcludeLocations = locations is { } m ? json.Strings(m, "excludeLocations", locationsPath) : [],
            UserRiskLevels = json.Strings(conditions, "userRiskLevels", path),
            SignInRiskLevels = json.Strings(conditions, "signInRiskLevels", path),
            InsiderRiskLevels = Flags(json.String(conditions, "insiderRiskLevels", path)),
            DeviceFilter = devices is { } d ? Filter(d, "deviceFilter", JsonPath.Property(path, "devices"), json) : null,
            AuthenticationFlows = flows is { } f ? Flags(json.String(f, "transferMethods", JsonPath.Property(path, "authenticationFlows"))) : [],
        };
    }

    /// <summary>The grant's authentication strength, with what tells whether it is multifactor (see <see cref="AuthenticationStrength"/>).</summary>
    private static AuthenticationStrength? Strength(JsonElement grant, string grantPath, GraphJson json)
    {
        if (json.Object(grant, "authenticationStrength", grantPath) is not { } strength)
        {
            return null;
        }

        var path = JsonPath.Property(grantPath, "authenticationStrength");
        json.CheckFields(strength, path, "a policy's authentication strength", StrengthFields);
        return new AuthenticationStrength
        {
            Id = json.String(strength, "id", path),
            DisplayName = json.String(strength, "displayName", path),
            PolicyType = json.String(strength, "policyType", path),
            RequirementsSatisfied = json.String(strength, "requirementsSatisfied", path),
            AllowedCombinations = json.Strings(strength, "allowedCombinations", path),
        };
    }

    private static ConditionalAccessExternalUsers? ExternalUsers(JsonElement users, string name, string usersPath, GraphJson json)
    {
        if (json.Object(users, name, usersPath) is not { } external)
        {
            return null;
        }

        var path = JsonPath.Property(usersPath, name);
        var tenants = json.Object(external, "externalTenants", path);
        var tenantsPath = JsonPath.Property(path, "externalTenants");
        var kind = tenants is { } t ? json.String(t, "membershipKind", tenantsPath) : null;
        return new ConditionalAccessExternalUsers
        {
            Types = Flags(json.String(external, "guestOrExternalUserTypes", path)),
            AllTenants = kind is null || !kind.Equals("enumerated", StringComparison.OrdinalIgnoreCase),
            Tenants = tenants is { } e ? json.Strings(e, "members", tenantsPath) : [],
        };
    }

    private static ConditionalAccessFilter? Filter(JsonElement parent, string name, string parentPath, GraphJson json)
    {
        if (json.Object(parent, name, parentPath) is not { } filter)
        {
            return null;
        }

        var path = JsonPath.Property(parentPath, name);
        return new ConditionalAccessFilter(json.String(filter, "mode", path), json.String(filter, "rule", path));
    }

    /// <summary>A Graph flags value (<c>b2bCollaborationGuest,internalGuest</c>) as its names.</summary>
    private static ImmutableArray<string> Flags(string? value) =>
        value is null ? [] : [.. value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];

    public static SecurityDefaultsPolicy SecurityDefaults(JsonElement item, string path, GraphJson json)
    {
        json.CheckFields(item, path, "the security defaults policy", SecurityDefaultsFields);
        var enabled = json.Boolean(item, "isEnabled", path);
        if (enabled is null)
        {
            json.Report(EntraDiagnosticCodes.MissingField, DiagnosticSeverity.Warning, "the security defaults policy has no `isEnabled`: whether security defaults are on is unknown", path);
        }

        return new SecurityDefaultsPolicy { IsEnabled = enabled, Location = json.At(path) };
    }

    public static AuthorizationPolicy? Authorization(JsonElement item, string path, GraphJson json)
    {
        json.CheckFields(item, path, "the authorization policy", AuthorizationFields);
        var policy = new AuthorizationPolicy
        {
            AllowInvitesFrom = InvitesFrom(item, path, json),
            GuestUserRoleId = GuestRole(item, path, json),
            AllowUserConsentForRiskyApps = json.Boolean(item, "allowUserConsentForRiskyApps", path),
            Location = json.At(path),
        };

        // Beta names the consent policies at the top level; v1.0 inside defaultUserRolePermissions.
        var topLevel = ConsentPolicies(item, "permissionGrantPolicyIdsAssignedToDefaultUserRole", path, json);
        ImmutableArray<string>? nested = null;
        if (json.Object(item, "defaultUserRolePermissions", path) is { } defaults)
        {
            var defaultsPath = JsonPath.Property(path, "defaultUserRolePermissions");
            json.CheckFields(defaults, defaultsPath, "defaultUserRolePermissions", DefaultPermissionFields);
            nested = ConsentPolicies(defaults, "permissionGrantPoliciesAssigned", defaultsPath, json);
            policy = policy with
            {
                AllowedToCreateApps = json.Boolean(defaults, "allowedToCreateApps", defaultsPath),
                AllowedToCreateSecurityGroups = json.Boolean(defaults, "allowedToCreateSecurityGroups", defaultsPath),
                AllowedToCreateTenants = json.Boolean(defaults, "allowedToCreateTenants", defaultsPath),
                AllowedToReadOtherUsers = json.Boolean(defaults, "allowedToReadOtherUsers", defaultsPath),
            };
        }

        if (topLevel is { } top && nested is { } inner && !top.ToHashSet(StringComparer.OrdinalIgnoreCase).SetEquals(inner))
        {
            // Both name the same setting; taking both can only overstate what users may consent to, never hide it.
            json.Report(EntraDiagnosticCodes.InvalidValue, DiagnosticSeverity.Warning, $"`permissionGrantPolicyIdsAssignedToDefaultUserRole` and `defaultUserRolePermissions.permissionGrantPoliciesAssigned` disagree ({Listed(top)} against {Listed(inner)}); both are taken", JsonPath.Property(path, "permissionGrantPolicyIdsAssignedToDefaultUserRole"));
            return policy with { PermissionGrantPoliciesAssigned = [.. top.Union(inner, StringComparer.OrdinalIgnoreCase)] };
        }

        return policy with { PermissionGrantPoliciesAssigned = nested ?? topLevel };
    }

    /// <summary>A list of consent policies; null when absent or unusable, since an empty list would say users cannot consent.</summary>
    private static ImmutableArray<string>? ConsentPolicies(JsonElement parent, string name, string parentPath, GraphJson json)
    {
        if (!parent.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Array)
        {
            json.Report(EntraDiagnosticCodes.WrongShape, DiagnosticSeverity.Warning, $"`{name}` must be an array of strings, found {GraphJson.Describe(value.ValueKind)}; whether users may consent to applications is taken as unknown", JsonPath.Property(parentPath, name));
            return null;
        }

        return json.Strings(parent, name, parentPath);
    }

    private static string? InvitesFrom(JsonElement item, string path, GraphJson json)
    {
        var value = json.String(item, "allowInvitesFrom", path);
        if (value is null || InviterValues.Contains(value))
        {
            return value;
        }

        json.Report(EntraDiagnosticCodes.InvalidValue, DiagnosticSeverity.Warning, $"`allowInvitesFrom` is `{value}`, not `none`, `adminsAndGuestInviters`, `adminsGuestInvitersAndAllMembers` or `everyone`: who may invite guests is taken as unknown", JsonPath.Property(path, "allowInvitesFrom"));
        return null;
    }

    private static string? GuestRole(JsonElement item, string path, GraphJson json)
    {
        var id = json.Id(item, "guestUserRoleId", path);
        if (id is not null && !GuestRoles.Contains(id))
        {
            json.Report(EntraDiagnosticCodes.InvalidValue, DiagnosticSeverity.Warning, $"`guestUserRoleId` is `{id}`, none of the three guest role templates (member-like `{AuthorizationPolicy.MemberLikeGuestRole}`, limited `{AuthorizationPolicy.LimitedGuestRole}`, restricted `{AuthorizationPolicy.RestrictedGuestRole}`): what guests may read is unknown", JsonPath.Property(path, "guestUserRoleId"));
        }

        return id;
    }

    private static string Listed(ImmutableArray<string> values) => values.IsEmpty ? "none" : string.Join(", ", values.Select(v => $"`{v}`"));

    public static UserRegistrationDetails? Registration(JsonElement item, string path, GraphJson json)
    {
        json.CheckFields(item, path, "a user's registration details", RegistrationFields);
        if (json.Id(item, "id", path, required: true) is not { } id)
        {
            return null;
        }

        return new UserRegistrationDetails
        {
            Id = id,
            UserPrincipalName = json.String(item, "userPrincipalName", path),
            IsMfaRegistered = json.Boolean(item, "isMfaRegistered", path),
            IsMfaCapable = json.Boolean(item, "isMfaCapable", path),
            MethodsRegistered = json.Strings(item, "methodsRegistered", path),
            IsAdmin = json.Boolean(item, "isAdmin", path),
            LastUpdated = json.Date(item, "lastUpdatedDateTime", path),
            Location = json.At(path),
        };
    }

    private static FrozenSet<string> Set(params string[] names) => names.ToFrozenSet(StringComparer.Ordinal);
}
