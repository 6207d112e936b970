using System.Collections.Frozen;
using System.Collections.Immutable;
using System.Text.Json;
using Ward.Core.Diagnostics;
using Ward.Microsoft.Entra.Directory;

namespace Ward.Microsoft.Entra.Ingest;

/// <summary>Reads directory objects: the organization, users, groups, administrative units, and the items of member and owner lists.</summary>
internal static class DirectoryObjectReader
{
    // Fields read, plus those Graph returns by default that Ward does not need (so they are not reported).
    private static readonly FrozenSet<string> UserFields = Set(
        "id", "userPrincipalName", "displayName", "userType", "accountEnabled", "createdDateTime", "onPremisesSyncEnabled", "signInActivity",
        "businessPhones", "givenName", "jobTitle", "mail", "mobilePhone", "officeLocation", "preferredLanguage", "surname", "deletedDateTime",
        "creationType", "externalUserState", "identities", "onPremisesImmutableId", "onPremisesSamAccountName", "onPremisesLastSyncDateTime", "onPremisesDistinguishedName");

    private static readonly FrozenSet<string> IdentityFields = Set("signInType", "issuer", "issuerAssignedId");

    private static readonly FrozenSet<string> SignInFields = Set(
        "lastSignInDateTime", "lastSignInRequestId", "lastNonInteractiveSignInDateTime", "lastNonInteractiveSignInRequestId", "lastSuccessfulSignInDateTime", "lastSuccessfulSignInRequestId");

    private static readonly FrozenSet<string> GroupFields = Set(
        "id", "displayName", "isAssignableToRole", "groupTypes", "membershipRule", "membershipRuleProcessingState", "securityEnabled", "mailEnabled",
        "onPremisesSyncEnabled", "deletedDateTime", "classification", "createdDateTime", "creationOptions", "description", "expirationDateTime", "mail",
        "mailNickname", "onPremisesDomainName", "onPremisesLastSyncDateTime", "onPremisesNetBiosName", "onPremisesSamAccountName",
        "onPremisesSecurityIdentifier", "onPremisesProvisioningErrors", "preferredDataLocation", "preferredLanguage", "proxyAddresses", "renewedDateTime",
        "resourceBehaviorOptions", "resourceProvisioningOptions", "securityIdentifier", "serviceProvisioningErrors", "theme", "uniqueName", "visibility",
        "isManagementRestricted");

    private static readonly FrozenSet<string> AdministrativeUnitFields = Set(
        "id", "displayName", "description", "isMemberManagementRestricted", "membershipType", "membershipRule", "membershipRuleProcessingState", "visibility", "deletedDateTime");

    private static readonly FrozenSet<string> OrganizationFields = Set(
        "id", "displayName", "verifiedDomains", "tenantType", "createdDateTime", "countryLetterCode", "deletedDateTime", "businessPhones", "city", "country",
        "marketingNotificationEmails", "onPremisesLastSyncDateTime", "onPremisesSyncEnabled", "postalCode", "preferredLanguage", "privacyProfile",
        "provisionedPlans", "assignedPlans", "securityComplianceNotificationMails", "securityComplianceNotificationPhones", "state", "street",
        "technicalNotificationMails", "directorySizeQuota", "onPremisesSyncStatus", "partnerTenantType");

    private static readonly FrozenDictionary<string, DirectoryObjectKind> Kinds = new Dictionary<string, DirectoryObjectKind>(StringComparer.OrdinalIgnoreCase)
    {
        ["#microsoft.graph.user"] = DirectoryObjectKind.User,
        ["#microsoft.graph.group"] = DirectoryObjectKind.Group,
        ["#microsoft.graph.servicePrincipal"] = DirectoryObjectKind.ServicePrincipal,
        ["#microsoft.graph.application"] = DirectoryObjectKind.Application,
        ["#microsoft.graph.device"] = DirectoryObjectKind.Device,
        ["#microsoft.graph.orgContact"] = DirectoryObjectKind.OrgContact,
        ["#microsoft.graph.administrativeUnit"] = DirectoryObjectKind.AdministrativeUnit,
    }.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);

    public static DirectoryObjectKind KindOf(string? odataType) =>
        odataType is not null && Kinds.TryGetValue(odataType.StartsWith('#') ? odataType : "#" + odataType, out var kind) ? kind : DirectoryObjectKind.Unknown;

    public static (string Id, string? DisplayName)? Organization(JsonElement item, string path, GraphJson json)
    {
        json.CheckFields(item, path, "the organization", OrganizationFields);
        return json.Id(item, "id", path, required: true) is { } id ? (id, json.String(item, "displayName", path)) : null;
    }

    /// <summary>The organization's <c>verifiedDomains</c>: name, whether initial or default, and type.</summary>
    public static IEnumerable<VerifiedDomain> VerifiedDomains(JsonElement organization, string path, GraphJson json)
    {
        if (!organization.TryGetProperty("verifiedDomains", out var domains) || domains.ValueKind != JsonValueKind.Array)
        {
            yield break;
        }

        var index = 0;
        foreach (var domain in domains.EnumerateArray())
        {
            var domainPath = JsonPath.Index(JsonPath.Property(path, "verifiedDomains"), index++);
            if (domain.ValueKind == JsonValueKind.Object && json.String(domain, "name", domainPath, required: true) is { } name)
            {
                yield return new VerifiedDomain
                {
                    Name = name,
                    IsInitial = json.Boolean(domain, "isInitial", domainPath) ?? name.EndsWith(".onmicrosoft.com", StringComparison.OrdinalIgnoreCase),
                    IsDefault = json.Boolean(domain, "isDefault", domainPath) ?? false,
                    Type = json.String(domain, "type", domainPath),
                };
            }
        }
    }

    /// <summary>A user; <paramref name="signInActivitySelected"/> when the response's <c>$select</c> names <c>signInActivity</c>, so that a user without it has none recorded.</summary>
    public static EntraUser? User(JsonElement item, string path, GraphJson json, bool signInActivitySelected = false)
    {
        json.CheckFields(item, path, "a user", UserFields);
        if (json.Id(item, "id", path, required: true) is not { } id)
        {
            return null;
        }

        var userType = json.String(item, "userType", path);
        var type = userType switch
        {
            null => EntraUserType.Unknown,
            _ when userType.Equals("Member", StringComparison.OrdinalIgnoreCase) => EntraUserType.Member,
            _ when userType.Equals("Guest", StringComparison.OrdinalIgnoreCase) => EntraUserType.Guest,
            _ => EntraUserType.Unknown,
        };
        if (userType is not null && type == EntraUserType.Unknown)
        {
            json.Report(EntraDiagnosticCodes.InvalidValue, DiagnosticSeverity.Warning, $"`userType` `{userType}` is neither `Member` nor `Guest`; taken as unknown", JsonPath.Property(path, "userType"));
        }

        UserSignInActivity? signIn = null;
        if (json.Object(item, "signInActivity", path) is { } activity)
        {
            var activityPath = JsonPath.Property(path, "signInActivity");
            json.CheckFields(activity, activityPath, "a user's signInActivity", SignInFields);
            signIn = new UserSignInActivity
            {
                LastSignIn = json.Date(activity, "lastSignInDateTime", activityPath),
                LastNonInteractiveSignIn = json.Date(activity, "lastNonInteractiveSignInDateTime", activityPath),
                LastSuccessfulSignIn = json.Date(activity, "lastSuccessfulSignInDateTime", activityPath),
                SuccessfulSignInExported = activity.TryGetProperty("lastSuccessfulSignInDateTime", out _),
            };
        }
        else if (item.TryGetProperty("signInActivity", out var value) ? value.ValueKind == JsonValueKind.Null : signInActivitySelected)
        {
            // Selected (or given) but null: the export has it, and it records no sign-in. Only a signInActivity neither
            // given nor selected is unknown.
            signIn = new UserSignInActivity { SuccessfulSignInExported = true };
        }

        return new EntraUser
        {
            Id = id,
            UserPrincipalName = json.String(item, "userPrincipalName", path),
            DisplayName = json.String(item, "displayName", path),
            UserType = type,
            Mail = json.String(item, "mail", path),
            ExternalUserState = json.String(item, "externalUserState", path),
            Identities = Identities(item, path, json),
            AccountEnabled = json.Boolean(item, "accountEnabled", path),
            CreatedDateTime = json.Date(item, "createdDateTime", path),
            OnPremisesSyncEnabled = json.Boolean(item, "onPremisesSyncEnabled", path),
            SignInActivity = signIn,
            Location = json.At(path),
        };
    }

    /// <summary>A user's <c>identities</c>; null when the export did not select them (an empty list is kept: it says the user has none).</summary>
    private static ImmutableArray<UserIdentity>? Identities(JsonElement item, string path, GraphJson json)
    {
        if (!item.TryGetProperty("identities", out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return [.. json.Objects(item, "identities", path).Select(i =>
        {
            json.CheckFields(i.Item, i.Path, "a user's identity", IdentityFields);
            return new UserIdentity
            {
                SignInType = json.String(i.Item, "signInType", i.Path),
                Issuer = json.String(i.Item, "issuer", i.Path),
                IssuerAssignedId = json.String(i.Item, "issuerAssignedId", i.Path),
            };
        })];
    }

    public static EntraGroup? Group(JsonElement item, string path, GraphJson json)
    {
        json.CheckFields(item, path, "a group", GroupFields);
        if (json.Id(item, "id", path, required: true) is not { } id)
        {
            return null;
        }

        return new EntraGroup
        {
            Id = id,
            DisplayName = json.String(item, "displayName", path),
            IsAssignableToRole = json.Boolean(item, "isAssignableToRole", path) ?? false,
            GroupTypes = json.Strings(item, "groupTypes", path),
            MembershipRule = json.String(item, "membershipRule", path),
            MembershipRuleProcessingState = json.String(item, "membershipRuleProcessingState", path),
            SecurityEnabled = json.Boolean(item, "securityEnabled", path),
            MailEnabled = json.Boolean(item, "mailEnabled", path),
            OnPremisesSyncEnabled = json.Boolean(item, "onPremisesSyncEnabled", path),
            Location = json.At(path),
        };
    }

    public static AdministrativeUnit? AdministrativeUnit(JsonElement item, string path, GraphJson json)
    {
        json.CheckFields(item, path, "an administrative unit", AdministrativeUnitFields);
        if (json.Id(item, "id", path, required: true) is not { } id)
        {
            return null;
        }

        return new AdministrativeUnit
        {
            Id = id,
            DisplayName = json.String(item, "displayName", path),
            IsMemberManagementRestricted = json.Boolean(item, "isMemberManagementRestricted", path) ?? false,
            MembershipType = json.String(item, "membershipType", path),
            MembershipRule = json.String(item, "membershipRule", path),
            Location = json.At(path),
        };
    }

    /// <summary>An item of a member or owner list: only its id and <c>@odata.type</c> matter (the rest is the object, read from its own collection).</summary>
    public static DirectoryObjectReference? Reference(JsonElement item, string path, GraphJson json)
    {
        if (json.Id(item, "id", path, required: true) is not { } id)
        {
            return null;
        }

        var type = json.String(item, "@odata.type", path);
        return new DirectoryObjectReference(id, KindOf(type));
    }

    private static FrozenSet<string> Set(params string[] names) => names.ToFrozenSet(StringComparer.Ordinal);
}
