using System.Collections.Frozen;
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

    private static readonly FrozenSet<string> UserConditionFields = Set(
        "includeUsers", "excludeUsers", "includeGroups", "excludeGroups", "includeRoles", "excludeRoles", "includeGuestsOrExternalUsers", "excludeGuestsOrExternalUsers");

    private static readonly FrozenSet<string> GrantFields = Set("operator", "builtInControls", "customAuthenticationFactors", "termsOfUse", "authenticationStrength", "authenticationStrength@odata.context");

    private static readonly FrozenSet<string> AuthorizationFields = Set(
        "id", "displayName", "description", "allowInvitesFrom", "allowedToSignUpEmailBasedSubscriptions", "allowedToUseSSPR",
        "allowEmailVerifiedUsersToJoinOrganization", "allowUserConsentForRiskyApps", "blockMsolPowerShell", "guestUserRoleId", "defaultUserRolePermissions",
        "permissionGrantPolicyIdsAssignedToDefaultUserRole", "enabledPreviewFeatures", "deletedDateTime", "defaultUserRoleOverrides");

    private static readonly FrozenSet<string> DefaultPermissionFields = Set(
        "allowedToCreateApps", "allowedToCreateSecurityGroups", "allowedToCreateTenants", "allowedToReadBitlockerKeysForOwnedDevice", "allowedToReadOtherUsers",
        "permissionGrantPoliciesAssigned");

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
            var conditionsPath = JsonPath.Property(path, "conditions");
            if (json.Object(conditions, "users", conditionsPath) is { } users)
            {
                var usersPath = JsonPath.Property(conditionsPath, "users");
                json.CheckFields(users, usersPath, "a policy's user conditions", UserConditionFields);
                policy = policy with
                {
                    IncludeUsers = json.Strings(users, "includeUsers", usersPath),
                    ExcludeUsers = json.Strings(users, "excludeUsers", usersPath),
                    IncludeGroups = json.Strings(users, "includeGroups", usersPath),
                    ExcludeGroups = json.Strings(users, "excludeGroups", usersPath),
                    IncludeRoles = json.Strings(users, "includeRoles", usersPath),
                    ExcludeRoles = json.Strings(users, "excludeRoles", usersPath),
                    IncludesGuestsOrExternalUsers = json.Object(users, "includeGuestsOrExternalUsers", usersPath) is not null,
                    ExcludesGuestsOrExternalUsers = json.Object(users, "excludeGuestsOrExternalUsers", usersPath) is not null,
                };
            }

            if (json.Object(conditions, "applications", conditionsPath) is { } applications)
            {
                var applicationsPath = JsonPath.Property(conditionsPath, "applications");
                policy = policy with
                {
                    IncludeApplications = json.Strings(applications, "includeApplications", applicationsPath),
                    ExcludeApplications = json.Strings(applications, "excludeApplications", applicationsPath),
                };
            }
        }

        if (json.Object(item, "grantControls", path) is { } grant)
        {
            var grantPath = JsonPath.Property(path, "grantControls");
            json.CheckFields(grant, grantPath, "a policy's grant controls", GrantFields);
            var strength = json.Object(grant, "authenticationStrength", grantPath);
            var strengthPath = JsonPath.Property(grantPath, "authenticationStrength");
            policy = policy with
            {
                GrantOperator = json.String(grant, "operator", grantPath),
                BuiltInControls = json.Strings(grant, "builtInControls", grantPath),
                AuthenticationStrengthId = strength is { } s ? json.String(s, "id", strengthPath) : null,
                AuthenticationStrengthDisplayName = strength is { } d ? json.String(d, "displayName", strengthPath) : null,
            };
        }

        return policy;
    }

    public static AuthorizationPolicy? Authorization(JsonElement item, string path, GraphJson json)
    {
        json.CheckFields(item, path, "the authorization policy", AuthorizationFields);
        var policy = new AuthorizationPolicy
        {
            AllowInvitesFrom = json.String(item, "allowInvitesFrom", path),
            GuestUserRoleId = json.Id(item, "guestUserRoleId", path),

            // Beta names the consent policies at the top level; v1.0 inside defaultUserRolePermissions (read below).
            PermissionGrantPoliciesAssigned = json.Strings(item, "permissionGrantPolicyIdsAssignedToDefaultUserRole", path),
            Location = json.At(path),
        };

        if (json.Object(item, "defaultUserRolePermissions", path) is { } defaults)
        {
            var defaultsPath = JsonPath.Property(path, "defaultUserRolePermissions");
            json.CheckFields(defaults, defaultsPath, "defaultUserRolePermissions", DefaultPermissionFields);
            var assigned = json.Strings(defaults, "permissionGrantPoliciesAssigned", defaultsPath);
            policy = policy with
            {
                AllowedToCreateApps = json.Boolean(defaults, "allowedToCreateApps", defaultsPath),
                AllowedToCreateSecurityGroups = json.Boolean(defaults, "allowedToCreateSecurityGroups", defaultsPath),
                AllowedToCreateTenants = json.Boolean(defaults, "allowedToCreateTenants", defaultsPath),
                AllowedToReadOtherUsers = json.Boolean(defaults, "allowedToReadOtherUsers", defaultsPath),
                PermissionGrantPoliciesAssigned = defaults.TryGetProperty("permissionGrantPoliciesAssigned", out _) ? assigned : policy.PermissionGrantPoliciesAssigned,
            };
        }

        return policy;
    }

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
            IsMfaRegistered = json.Boolean(item, "isMfaRegistered", path) ?? false,
            IsMfaCapable = json.Boolean(item, "isMfaCapable", path) ?? false,
            MethodsRegistered = json.Strings(item, "methodsRegistered", path),
            IsAdmin = json.Boolean(item, "isAdmin", path),
            Location = json.At(path),
        };
    }

    private static FrozenSet<string> Set(params string[] names) => names.ToFrozenSet(StringComparer.Ordinal);
}
