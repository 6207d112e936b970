namespace Ward.Analysis.Tests.Testing;

/// <summary>
/// Application registrations and their workload identities for the application rules: app registrations with client
/// secrets and certificates (<c>GET /applications</c>), service principals with their own credentials and app roles,
/// federated identity credentials (<c>GET /applications/{id}/federatedIdentityCredentials</c>, beta's
/// <c>claimsMatchingExpression</c> included), app role assignments on any resource and delegated permission grants
/// (<c>GET /oauth2PermissionGrants</c>). An application and its service principal share a key: the application's object
/// id is <c>Id("app-" + key)</c>, the service principal's <c>Id(key)</c>, and both carry the appId <c>Id("app-id-" + key)</c>.
/// </summary>
internal sealed partial class TestTenant
{
    public const string ExchangeOnlineAppId = "00000002-0000-0ff1-ce00-000000000000";
    public const string GitHubIssuer = "https://token.actions.githubusercontent.com";
    public const string OtherTenantId = "5b1e8f0a-7c2d-4e6f-9a8b-3c4d5e6f7a8b";

    private static readonly string[] TokenExchangeAudience = ["api://AzureADTokenExchange"];

    private const string ApplicationsSelect = "applications(id,appId,displayName,signInAudience,passwordCredentials,keyCredentials,requiredResourceAccess)";

    /// <summary>The object id of the application registration written under <paramref name="key"/>.</summary>
    public static string ApplicationId(string key) => Id("app-" + key);

    public static string AppIdOf(string key) => Id("app-id-" + key);

    /// <summary>A client secret (a password credential), valid from <paramref name="sinceDaysAgo"/> days before the reference time to <paramref name="endsInDays"/> after it (null: no end date).</summary>
    public static object Secret(string name, double sinceDaysAgo, double? endsInDays) => new
    {
        customKeyIdentifier = (string?)null,
        displayName = name,
        endDateTime = endsInDays is { } end ? DaysAgo(-end) : null,
        hint = "Q~x",
        keyId = Id($"key-{name}"),
        secretText = (string?)null,
        startDateTime = DaysAgo(sinceDaysAgo),
    };

    /// <summary>A certificate (a key credential); <paramref name="keyId"/> defaults to one derived from the name.</summary>
    public static object Certificate(string name, double sinceDaysAgo, double? endsInDays, string usage = "Verify", string? keyId = null) => new
    {
        customKeyIdentifier = "5C4B3E2F1A0D9C8B7A6F5E4D3C2B1A0F9E8D7C6B",
        displayName = name,
        endDateTime = endsInDays is { } end ? DaysAgo(-end) : null,
        key = (string?)null,
        keyId = keyId ?? Id($"key-{name}-{usage}"),
        startDateTime = DaysAgo(sinceDaysAgo),
        type = "AsymmetricX509Cert",
        usage,
    };

    /// <summary>
    /// What <c>addTokenSigningCertificate</c> leaves on a service principal for SAML sign-on: a <c>Sign</c> key, its
    /// <c>Verify</c> half, and the password of the PFX (the same key id as the <c>Sign</c> key), valid three years.
    /// </summary>
    public static (object[] Secrets, object[] Certificates) SamlSigningCertificate(string name, double sinceDaysAgo = 100)
    {
        var keyId = Id($"saml-{name}");
        var password = new
        {
            customKeyIdentifier = "5C4B3E2F1A0D9C8B7A6F5E4D3C2B1A0F9E8D7C6B",
            displayName = name,
            endDateTime = DaysAgo(sinceDaysAgo - (3 * 365)),
            hint = (string?)null,
            keyId,
            secretText = (string?)null,
            startDateTime = DaysAgo(sinceDaysAgo),
        };
        return ([password], [Certificate(name, sinceDaysAgo, (3 * 365) - sinceDaysAgo, "Sign", keyId), Certificate(name, sinceDaysAgo, (3 * 365) - sinceDaysAgo, "Verify")]);
    }

    /// <summary>An application registration with these credentials; returns its object id.</summary>
    public string AppRegistration(string key, string signInAudience = "AzureADMyOrg", object[]? secrets = null, object[]? certificates = null)
    {
        Add(ApplicationsSelect, new
        {
            id = ApplicationId(key),
            appId = AppIdOf(key),
            displayName = key,
            signInAudience,
            passwordCredentials = secrets ?? [],
            keyCredentials = certificates ?? [],
            requiredResourceAccess = Array.Empty<object>(),
        });
        return ApplicationId(key);
    }

    /// <summary>
    /// A service principal of the application <paramref name="key"/> (published by <paramref name="ownerTenant"/>),
    /// with credentials of its own and, as a resource, these app roles (value, id).
    /// </summary>
    public string ServicePrincipalOf(string key, string ownerTenant = TenantId, object[]? secrets = null, object[]? certificates = null, bool enabled = true, string? appId = null, params (string Value, string Id)[] appRoles)
    {
        Add(ServicePrincipalsSelect, new
        {
            id = Id(key),
            appId = appId ?? AppIdOf(key),
            displayName = key,
            servicePrincipalType = "Application",
            appOwnerOrganizationId = ownerTenant,
            accountEnabled = enabled,
            alternativeNames = Array.Empty<string>(),
            appRoles = appRoles.Select(r => new { id = r.Id, value = r.Value, displayName = r.Value, description = r.Value, allowedMemberTypes = ApplicationMemberTypes, isEnabled = true }).ToArray(),
            passwordCredentials = secrets ?? [],
            keyCredentials = certificates ?? [],
        });
        return Id(key);
    }

    /// <summary>A service principal of this tenant that requires assignment (<c>appRoleAssignmentRequired</c> true) before users sign in to it.</summary>
    public string ServicePrincipalRequiringAssignment(string key)
    {
        Add(ServicePrincipalsSelect, new
        {
            id = Id(key),
            appId = AppIdOf(key),
            displayName = key,
            servicePrincipalType = "Application",
            appOwnerOrganizationId = TenantId,
            accountEnabled = true,
            appRoleAssignmentRequired = true,
            alternativeNames = Array.Empty<string>(),
            appRoles = Array.Empty<object>(),
            passwordCredentials = Array.Empty<object>(),
            keyCredentials = Array.Empty<object>(),
        });
        return Id(key);
    }

    /// <summary>Federated identity credentials of the application <paramref name="appKey"/> (a subject, or a beta claims matching expression).</summary>
    public TestTenant FederatedCredentials(string appKey, params (string Name, string Issuer, string? Subject, string? Expression)[] credentials)
    {
        foreach (var (name, issuer, subject, expression) in credentials)
        {
            Add($"applications('{ApplicationId(appKey)}')/federatedIdentityCredentials", new
            {
                id = Id($"fic-{appKey}-{name}"),
                name,
                issuer,
                subject,
                description = (string?)null,
                audiences = TokenExchangeAudience,
                claimsMatchingExpression = expression is null ? null : new { value = expression, languageVersion = 1 },
            });
        }

        return this;
    }

    /// <summary>An app role of the resource service principal <paramref name="resourceKey"/> (written by <see cref="ServicePrincipalOf"/>) granted to <paramref name="holderKey"/>.</summary>
    public TestTenant GrantAppRole(string holderKey, string resourceKey, string appRoleId) =>
        Add($"servicePrincipals('{Id(resourceKey)}')/appRoleAssignedTo", new
        {
            id = Id($"grant-{holderKey}-{resourceKey}-{appRoleId}"),
            principalId = Id(holderKey),
            principalType = "ServicePrincipal",
            principalDisplayName = holderKey,
            resourceId = Id(resourceKey),
            resourceDisplayName = resourceKey,
            appRoleId,
            createdDateTime = DaysAgo(300),
        });

    /// <summary>A Microsoft Graph app role granted to <paramref name="holderKey"/> as <c>servicePrincipals/{id}/appRoleAssignments</c> lists it, Graph's service principal not being exported.</summary>
    public TestTenant GrantGraphAppRoleWithoutGraph(string holderKey, string appRoleId) =>
        Add($"servicePrincipals('{Id(holderKey)}')/appRoleAssignments", new
        {
            id = Id($"graph-grant-{holderKey}-{appRoleId}"),
            principalId = Id(holderKey),
            principalType = "ServicePrincipal",
            principalDisplayName = holderKey,
            resourceId = Id("unexported-microsoft-graph"),
            resourceDisplayName = "Microsoft Graph",
            appRoleId,
            createdDateTime = DaysAgo(300),
        });

    /// <summary>
    /// A delegated permission grant of <paramref name="scope"/> on Microsoft Graph (or on <paramref name="resourceKey"/>)
    /// to the client <paramref name="clientKey"/>: for every user, or for <paramref name="userKey"/> only.
    /// </summary>
    public TestTenant DelegatedGrant(string clientKey, string scope, string? userKey = null, string? resourceKey = null)
    {
        var resource = resourceKey is null ? MicrosoftGraph() : Id(resourceKey);
        return Add("oauth2PermissionGrants", new
        {
            clientId = Id(clientKey),
            consentType = userKey is null ? "AllPrincipals" : "Principal",
            id = $"grant-{clientKey}-{userKey ?? "all"}-{resourceKey ?? "graph"}",
            principalId = userKey is null ? null : Id(userKey),
            resourceId = resource,
            scope,
        });
    }

    /// <summary>Microsoft Graph's service principal, written once (with the app roles <see cref="GrantGraphPermission"/> adds); returns its object id.</summary>
    private string MicrosoftGraph()
    {
        var graph = Id("microsoft-graph");
        if (!_graphWritten)
        {
            _graphWritten = true;
            Add(ServicePrincipalsSelect, new
            {
                id = graph,
                appId = MicrosoftGraphAppId,
                displayName = "Microsoft Graph",
                servicePrincipalType = "Application",
                appOwnerOrganizationId = MicrosoftTenantId,
                accountEnabled = true,
                alternativeNames = Array.Empty<string>(),
                appRoles = _graphAppRoles,
                passwordCredentials = Array.Empty<object>(),
                keyCredentials = Array.Empty<object>(),
            });
        }

        return graph;
    }
}
