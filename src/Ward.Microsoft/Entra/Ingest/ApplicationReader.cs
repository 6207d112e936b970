using System.Collections.Frozen;
using System.Collections.Immutable;
using System.Text.Json;
using Ward.Core.Diagnostics;
using Ward.Microsoft.Entra.Directory;

namespace Ward.Microsoft.Entra.Ingest;

/// <summary>Reads applications, service principals and what is granted to them: credentials, app role assignments, delegated grants, sign-in activity.</summary>
internal static class ApplicationReader
{
    private static readonly FrozenSet<string> ApplicationFields = Set(
        "id", "appId", "displayName", "signInAudience", "passwordCredentials", "keyCredentials", "federatedIdentityCredentials", "requiredResourceAccess",
        "deletedDateTime", "applicationTemplateId", "disabledByMicrosoftStatus", "createdDateTime", "description", "groupMembershipClaims", "identifierUris",
        "isDeviceOnlyAuthSupported", "isFallbackPublicClient", "notes", "publisherDomain", "serviceManagementReference", "tags", "tokenEncryptionKeyId",
        "samlMetadataUrl", "defaultRedirectUri", "certification", "optionalClaims", "servicePrincipalLockConfiguration", "requestSignatureVerification",
        "addIns", "api", "appRoles", "info", "parentalControlSettings", "publicClient", "spa", "verifiedPublisher", "web", "uniqueName",
        "nativeAuthenticationApisEnabled", "authenticationBehaviors", "signInAudienceRestrictions", "owners");

    private static readonly FrozenSet<string> ServicePrincipalFields = Set(
        "id", "appId", "displayName", "servicePrincipalType", "appOwnerOrganizationId", "accountEnabled", "appRoles", "oauth2PermissionScopes",
        "passwordCredentials", "keyCredentials", "alternativeNames", "deletedDateTime", "addIns", "appDescription", "appDisplayName", "applicationTemplateId",
        "appRoleAssignmentRequired", "description", "disabledByMicrosoftStatus", "homepage", "loginUrl", "logoutUrl", "notes", "notificationEmailAddresses",
        "preferredSingleSignOnMode", "preferredTokenSigningKeyThumbprint", "replyUrls", "servicePrincipalNames", "signInAudience", "tags",
        "tokenEncryptionKeyId", "samlSingleSignOnSettings", "info", "resourceSpecificApplicationPermissions", "verifiedPublisher", "createdDateTime",
        "publisherName", "owners", "federatedIdentityCredentials");

    private static readonly FrozenSet<string> PasswordFields = Set("customKeyIdentifier", "displayName", "endDateTime", "hint", "keyId", "secretText", "startDateTime");

    private static readonly FrozenSet<string> KeyFields = Set("customKeyIdentifier", "displayName", "endDateTime", "key", "keyId", "startDateTime", "type", "usage");

    private static readonly FrozenSet<string> FederatedFields = Set("id", "name", "issuer", "subject", "audiences", "description", "claimsMatchingExpression");

    private static readonly FrozenSet<string> AppRoleFields = Set("id", "value", "displayName", "description", "allowedMemberTypes", "isEnabled", "origin", "isPreAuthorizationRequired", "isPrivate");

    private static readonly FrozenSet<string> ScopeFields = Set(
        "id", "value", "type", "isEnabled", "adminConsentDescription", "adminConsentDisplayName", "userConsentDescription", "userConsentDisplayName", "origin",
        "isPreAuthorizationRequired", "isPrivate");

    private static readonly FrozenSet<string> SignInActivityFields = Set(
        "id", "appId", "lastSignInActivity", "delegatedClientSignInActivity", "delegatedResourceSignInActivity", "applicationAuthenticationClientSignInActivity",
        "applicationAuthenticationResourceSignInActivity");

    private static readonly FrozenSet<string> AppRoleAssignmentFields = Set(
        "id", "deletedDateTime", "appRoleId", "createdDateTime", "principalDisplayName", "principalId", "principalType", "resourceDisplayName", "resourceId");

    private static readonly FrozenSet<string> GrantFields = Set("id", "clientId", "consentType", "principalId", "resourceId", "scope", "expiryTime", "startTime");

    private static readonly FrozenDictionary<string, ServicePrincipalType> Types = new Dictionary<string, ServicePrincipalType>(StringComparer.OrdinalIgnoreCase)
    {
        ["Application"] = ServicePrincipalType.Application,
        ["ManagedIdentity"] = ServicePrincipalType.ManagedIdentity,
        ["Legacy"] = ServicePrincipalType.Legacy,
        ["SocialIdp"] = ServicePrincipalType.SocialIdp,
    }.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);

    public static EntraApplication? Application(JsonElement item, string path, GraphJson json)
    {
        json.CheckFields(item, path, "an application", ApplicationFields);
        var id = json.Id(item, "id", path, required: true);
        var appId = json.Id(item, "appId", path, required: true);
        if (id is null || appId is null)
        {
            return null;
        }

        var requiredAccess = ImmutableArray.CreateBuilder<RequiredResourceAccess>();
        foreach (var (resource, resourcePath) in json.Objects(item, "requiredResourceAccess", path))
        {
            if (json.String(resource, "resourceAppId", resourcePath, required: true) is not { } resourceAppId)
            {
                continue;
            }

            var access = ImmutableArray.CreateBuilder<ResourceAccess>();
            foreach (var (entry, entryPath) in json.Objects(resource, "resourceAccess", resourcePath))
            {
                var accessId = json.String(entry, "id", entryPath, required: true);
                var type = json.String(entry, "type", entryPath, required: true);
                if (accessId is not null && type is not null)
                {
                    access.Add(new ResourceAccess(accessId, type));
                }
            }

            requiredAccess.Add(new RequiredResourceAccess { ResourceAppId = resourceAppId, ResourceAccess = access.ToImmutable() });
        }

        ImmutableArray<FederatedIdentityCredential>? federated = null;
        if (item.TryGetProperty("federatedIdentityCredentials", out var inline) && inline.ValueKind != JsonValueKind.Null)
        {
            federated = [.. json.Objects(item, "federatedIdentityCredentials", path).Select(p => FederatedCredential(p.Item, p.Path, json)).OfType<FederatedIdentityCredential>()];
        }

        return new EntraApplication
        {
            Id = id,
            AppId = appId,
            DisplayName = json.String(item, "displayName", path),
            SignInAudience = json.String(item, "signInAudience", path),
            PasswordCredentials = Passwords(item, path, json),
            KeyCredentials = Keys(item, path, json),
            FederatedIdentityCredentials = federated,
            RequiredResourceAccess = requiredAccess.ToImmutable(),
            Location = json.At(path),
        };
    }

    public static FederatedIdentityCredential? FederatedCredential(JsonElement item, string path, GraphJson json)
    {
        json.CheckFields(item, path, "a federated identity credential", FederatedFields);
        if (json.String(item, "issuer", path, required: true) is not { } issuer)
        {
            return null;
        }

        // Beta's flexible credentials match claims with an expression object instead of a fixed subject.
        string? expression = null;
        if (item.TryGetProperty("claimsMatchingExpression", out var matching))
        {
            expression = matching.ValueKind switch
            {
                JsonValueKind.Object => json.String(matching, "value", JsonPath.Property(path, "claimsMatchingExpression")),
                JsonValueKind.String => matching.GetString(),
                _ => null,
            };
        }

        var subject = json.String(item, "subject", path);
        if (subject is null && expression is null)
        {
            json.Report(EntraDiagnosticCodes.MissingField, DiagnosticSeverity.Warning, "the federated identity credential has neither `subject` nor `claimsMatchingExpression`: which tokens it accepts is unknown", path);
        }

        return new FederatedIdentityCredential
        {
            Id = json.String(item, "id", path),
            Name = json.String(item, "name", path),
            Issuer = issuer,
            Subject = subject,
            Audiences = json.Strings(item, "audiences", path),
            ClaimsMatchingExpression = expression,
            Description = json.String(item, "description", path),
        };
    }

    public static EntraServicePrincipal? ServicePrincipal(JsonElement item, string path, GraphJson json)
    {
        json.CheckFields(item, path, "a service principal", ServicePrincipalFields);
        var id = json.Id(item, "id", path, required: true);
        var appId = json.Id(item, "appId", path, required: true);
        if (id is null || appId is null)
        {
            return null;
        }

        var typeText = json.String(item, "servicePrincipalType", path);
        var type = ServicePrincipalType.Unknown;
        if (typeText is not null && !Types.TryGetValue(typeText, out type))
        {
            json.Report(EntraDiagnosticCodes.InvalidValue, DiagnosticSeverity.Warning, $"`servicePrincipalType` `{typeText}` is not one Ward knows (`Application`, `ManagedIdentity`, `Legacy`, `SocialIdp`); taken as unknown", JsonPath.Property(path, "servicePrincipalType"));
        }

        var roles = ImmutableArray.CreateBuilder<AppRole>();
        foreach (var (role, rolePath) in json.Objects(item, "appRoles", path))
        {
            json.CheckFields(role, rolePath, "an app role", AppRoleFields);
            if (json.Id(role, "id", rolePath, required: true) is { } roleId)
            {
                roles.Add(new AppRole
                {
                    Id = roleId,
                    Value = json.String(role, "value", rolePath),
                    DisplayName = json.String(role, "displayName", rolePath),
                    AllowedMemberTypes = json.Strings(role, "allowedMemberTypes", rolePath),
                    IsEnabled = json.Boolean(role, "isEnabled", rolePath) ?? true,
                });
            }
        }

        var scopes = ImmutableArray.CreateBuilder<PermissionScope>();
        foreach (var (scope, scopePath) in json.Objects(item, "oauth2PermissionScopes", path))
        {
            json.CheckFields(scope, scopePath, "a permission scope", ScopeFields);
            if (json.Id(scope, "id", scopePath, required: true) is { } scopeId)
            {
                scopes.Add(new PermissionScope
                {
                    Id = scopeId,
                    Value = json.String(scope, "value", scopePath),
                    Type = json.String(scope, "type", scopePath),
                    IsEnabled = json.Boolean(scope, "isEnabled", scopePath) ?? true,
                });
            }
        }

        return new EntraServicePrincipal
        {
            Id = id,
            AppId = appId,
            DisplayName = json.String(item, "displayName", path),
            ServicePrincipalType = type,
            AppOwnerOrganizationId = json.Id(item, "appOwnerOrganizationId", path),
            AccountEnabled = json.Boolean(item, "accountEnabled", path),
            AppRoleAssignmentRequired = json.Boolean(item, "appRoleAssignmentRequired", path),
            AppRoles = roles.ToImmutable(),
            Oauth2PermissionScopes = scopes.ToImmutable(),
            PasswordCredentials = Passwords(item, path, json),
            KeyCredentials = Keys(item, path, json),
            AlternativeNames = json.Strings(item, "alternativeNames", path),
            Location = json.At(path),
        };
    }

    /// <summary>An item of <c>reports/servicePrincipalSignInActivities</c>, keyed by the application id it describes.</summary>
    public static (string AppId, ServicePrincipalSignInActivity Activity)? SignInActivity(JsonElement item, string path, GraphJson json)
    {
        json.CheckFields(item, path, "a service principal sign-in activity", SignInActivityFields);
        if (json.Id(item, "appId", path, required: true) is not { } appId)
        {
            return null;
        }

        DateTimeOffset? Last(string name) =>
            json.Object(item, name, path) is { } activity ? json.Date(activity, "lastSignInDateTime", JsonPath.Property(path, name)) : null;

        return (appId, new ServicePrincipalSignInActivity
        {
            LastSignIn = Last("lastSignInActivity"),
            DelegatedClientLastSignIn = Last("delegatedClientSignInActivity"),
            DelegatedResourceLastSignIn = Last("delegatedResourceSignInActivity"),
            ApplicationClientLastSignIn = Last("applicationAuthenticationClientSignInActivity"),
            ApplicationResourceLastSignIn = Last("applicationAuthenticationResourceSignInActivity"),
        });
    }

    public static AppRoleAssignment? AppRoleAssignment(JsonElement item, string path, GraphJson json)
    {
        json.CheckFields(item, path, "an app role assignment", AppRoleAssignmentFields);
        var id = json.String(item, "id", path, required: true);
        var principal = json.Id(item, "principalId", path, required: true);
        var resource = json.Id(item, "resourceId", path, required: true);
        var role = json.Id(item, "appRoleId", path, required: true);
        if (id is null || principal is null || resource is null || role is null)
        {
            return null;
        }

        return new AppRoleAssignment
        {
            Id = id,
            PrincipalId = principal,
            PrincipalType = json.String(item, "principalType", path),
            PrincipalDisplayName = json.String(item, "principalDisplayName", path),
            ResourceId = resource,
            ResourceDisplayName = json.String(item, "resourceDisplayName", path),
            AppRoleId = role,
            CreatedDateTime = json.Date(item, "createdDateTime", path),
            DeletedDateTime = json.Date(item, "deletedDateTime", path),
            Location = json.At(path),
        };
    }

    public static OAuth2PermissionGrant? Grant(JsonElement item, string path, GraphJson json)
    {
        json.CheckFields(item, path, "a delegated permission grant", GrantFields);
        var id = json.String(item, "id", path, required: true);
        var client = json.Id(item, "clientId", path, required: true);
        var resource = json.Id(item, "resourceId", path, required: true);
        var consent = json.String(item, "consentType", path, required: true);
        if (id is null || client is null || resource is null || consent is null)
        {
            return null;
        }

        var principal = json.Id(item, "principalId", path);
        if (consent.Equals("Principal", StringComparison.OrdinalIgnoreCase) && principal is null)
        {
            json.Report(EntraDiagnosticCodes.MissingField, DiagnosticSeverity.Error, "a `Principal` grant without `principalId`: whom it is for is unknown; the entry was skipped", path);
            return null;
        }

        if (!consent.Equals("Principal", StringComparison.OrdinalIgnoreCase) && !consent.Equals("AllPrincipals", StringComparison.OrdinalIgnoreCase))
        {
            json.Report(EntraDiagnosticCodes.InvalidValue, DiagnosticSeverity.Warning, $"`consentType` `{consent}` is neither `AllPrincipals` nor `Principal`; kept as written", JsonPath.Property(path, "consentType"));
        }

        return new OAuth2PermissionGrant
        {
            Id = id,
            ClientId = client,
            ConsentType = consent,
            PrincipalId = principal,
            ResourceId = resource,
            Scopes = [.. (json.String(item, "scope", path) ?? string.Empty).Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)],
            ExpiryTime = json.Date(item, "expiryTime", path),
            Location = json.At(path),
        };
    }

    private static ImmutableArray<PasswordCredential> Passwords(JsonElement item, string path, GraphJson json) =>
        [.. json.Objects(item, "passwordCredentials", path).Select(p =>
        {
            json.CheckFields(p.Item, p.Path, "a password credential", PasswordFields);
            return new PasswordCredential
            {
                KeyId = json.String(p.Item, "keyId", p.Path),
                DisplayName = json.String(p.Item, "displayName", p.Path),
                Hint = json.String(p.Item, "hint", p.Path),
                StartDateTime = json.Date(p.Item, "startDateTime", p.Path),
                EndDateTime = json.Date(p.Item, "endDateTime", p.Path),
            };
        })];

    private static ImmutableArray<KeyCredential> Keys(JsonElement item, string path, GraphJson json) =>
        [.. json.Objects(item, "keyCredentials", path).Select(p =>
        {
            json.CheckFields(p.Item, p.Path, "a key credential", KeyFields);
            return new KeyCredential
            {
                KeyId = json.String(p.Item, "keyId", p.Path),
                DisplayName = json.String(p.Item, "displayName", p.Path),
                Type = json.String(p.Item, "type", p.Path),
                Usage = json.String(p.Item, "usage", p.Path),
                StartDateTime = json.Date(p.Item, "startDateTime", p.Path),
                EndDateTime = json.Date(p.Item, "endDateTime", p.Path),
                Thumbprint = CertificateThumbprint.Parse(json.String(p.Item, "customKeyIdentifier", p.Path)),
            };
        })];

    private static FrozenSet<string> Set(params string[] names) => names.ToFrozenSet(StringComparer.Ordinal);
}
