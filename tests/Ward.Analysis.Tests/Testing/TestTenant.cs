using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Ward.Aws.Ingest;
using Ward.Core.Graph;
using Ward.Microsoft;
using Ward.Microsoft.Edges;

namespace Ward.Analysis.Tests.Testing;

/// <summary>
/// A small Entra ID tenant and Azure estate written as Microsoft Graph responses and az CLI output (in the layout of
/// the export scripts), loaded by the real loader and scanned by the real scanner. Ids are GUIDs derived from the
/// keys given, so a test names objects by key and finds them by <see cref="Id"/>.
/// </summary>
internal sealed partial class TestTenant
{
    public const string TenantId = "9c3e6f1a-2b4d-4e8f-a1c3-5d7e9f1b3a5c";
    public const string SubscriptionId = "3f9a1c7e-5b2d-4a8f-9e6c-1d3b5a7f9c2e";
    public const string MicrosoftTenantId = "f8cdef31-a31e-4b4a-93e4-5f571e91255a";
    public const string MicrosoftGraphAppId = "00000003-0000-0000-c000-000000000000";

    private const string V1 = "https://graph.microsoft.com/v1.0/$metadata#";
    private const string Beta = "https://graph.microsoft.com/beta/$metadata#";

    private readonly Dictionary<string, List<object>> _collections = new(StringComparer.Ordinal);
    private readonly List<(string Folder, string Parent, List<object> Items)> _relations = [];
    private readonly Dictionary<string, List<object>> _azureFiles = new(StringComparer.Ordinal);
    private readonly List<(string File, string Text)> _entities = [];

    public static DateTimeOffset ReferenceTime { get; } = new(2026, 11, 28, 12, 0, 0, TimeSpan.Zero);

    /// <summary>Verified custom domains of the organization, besides the initial <c>fabrikam.onmicrosoft.com</c> (users are <c>key@fabrikam.example</c>).</summary>
    public string[] CustomDomains { get; init; } = [];

    /// <summary>The object id of the object written under <paramref name="key"/> (a GUID derived from it).</summary>
    public static string Id(string key)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(key)).AsSpan(0, 16).ToArray();
        hash[6] = (byte)((hash[6] & 0x0f) | 0x40);
        hash[8] = (byte)((hash[8] & 0x3f) | 0x80);
        return new Guid(hash, bigEndian: true).ToString();
    }

    public static string UserPrincipalName(string key) => $"{key}@fabrikam.example";

    /// <summary>An ISO 8601 time this many days before the reference time.</summary>
    public static string DaysAgo(double days) => ReferenceTime.AddDays(-days).ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>An item of a Graph collection, as written (<paramref name="collection"/> is the part of the context after <c>$metadata#</c>).</summary>
    public TestTenant Add(string collection, object item)
    {
        if (!_collections.TryGetValue(collection, out var items))
        {
            _collections[collection] = items = [];
        }

        items.Add(item);
        return this;
    }

    /// <summary>A single object Graph returns on its own (<c>GET /policies/…</c>), written to <paramref name="file"/> with a <c>$entity</c> context.</summary>
    public TestTenant AddEntity(string file, string context, object item)
    {
        var body = JsonSerializer.SerializeToNode(item)!.AsObject();
        body.Insert(0, "@odata.context", V1 + context + "/$entity");
        _entities.Add((file, body.ToJsonString()));
        return this;
    }

    /// <summary>A relation of the export layout (<c>group-members</c>, <c>group-owners</c>, <c>application-owners</c> …) of the object <paramref name="parentKey"/>.</summary>
    public TestTenant Relation(string folder, string parentKey, params object[] references)
    {
        _relations.Add((folder, Id(parentKey), [.. references]));
        return this;
    }

    /// <summary>An item of an Azure export file (az CLI JSON arrays: <c>role-assignments.json</c>, <c>role-definitions.json</c> …).</summary>
    public TestTenant AddAzure(string file, object item)
    {
        if (!_azureFiles.TryGetValue(file, out var items))
        {
            _azureFiles[file] = items = [];
        }

        items.Add(item);
        return this;
    }

    /// <summary>A member user, last signed in <paramref name="signedInDaysAgo"/> days before the reference time (null: never).</summary>
    public string User(string key, string userType = "Member", double? signedInDaysAgo = 1, double createdDaysAgo = 400, bool enabled = true, bool withSignInActivity = true)
    {
        if (!withSignInActivity)
        {
            // Not selected (no AuditLog.Read.All): a response whose $select does not name signInActivity.
            Add("users(id,displayName,userPrincipalName,userType,accountEnabled,createdDateTime,onPremisesSyncEnabled)", new { id = Id(key), displayName = key, userPrincipalName = UserPrincipalName(key), userType, accountEnabled = enabled, createdDateTime = DaysAgo(createdDaysAgo), onPremisesSyncEnabled = (bool?)null });
            return Id(key);
        }

        var sign = signedInDaysAgo is { } days ? DaysAgo(days) : null;
        Add("users(id,displayName,userPrincipalName,userType,accountEnabled,createdDateTime,onPremisesSyncEnabled,signInActivity)", new
        {
            id = Id(key),
            displayName = key,
            userPrincipalName = UserPrincipalName(key),
            userType,
            accountEnabled = enabled,
            createdDateTime = DaysAgo(createdDaysAgo),
            onPremisesSyncEnabled = (bool?)null,
            signInActivity = new { lastSignInDateTime = sign, lastNonInteractiveSignInDateTime = sign, lastSuccessfulSignInDateTime = sign },
        });
        return Id(key);
    }

    /// <summary>
    /// A B2B guest invited at <paramref name="homeAddress"/> (its <c>mail</c>; the user principal name is the address with
    /// its @ written as _, then <c>#EXT#@fabrikam.onmicrosoft.com</c>), in the invitation state given (null: the export did not select it).
    /// With <paramref name="signsInAt"/>, its <c>identities</c> as Graph lists them: the user principal name issued by
    /// the tenant, and, unless <paramref name="signsInAt"/> is the tenant's own domain, a federated identity of that
    /// issuer (<c>ExternalAzureAD</c>, <c>MicrosoftAccount</c>, <c>mail</c>...).
    /// </summary>
    public string Guest(string key, string homeAddress, string? externalUserState = "Accepted", string? signsInAt = null)
    {
        var upn = $"{homeAddress.Replace('@', '_')}#EXT#@fabrikam.onmicrosoft.com";
        if (signsInAt is not null)
        {
            var local = new { signInType = "userPrincipalName", issuer = "fabrikam.onmicrosoft.com", issuerAssignedId = (string?)upn };
            var identities = signsInAt == "fabrikam.onmicrosoft.com" ? [local] : new[] { new { signInType = "federated", issuer = signsInAt, issuerAssignedId = (string?)null }, local };
            Add("users(id,displayName,userPrincipalName,userType,mail,externalUserState,identities,accountEnabled)", new { id = Id(key), displayName = key, userPrincipalName = upn, userType = "Guest", mail = homeAddress, externalUserState, identities, accountEnabled = true });
            return Id(key);
        }

        _ = externalUserState is null
            ? Add("users(id,displayName,userPrincipalName,userType,mail,accountEnabled)", new { id = Id(key), displayName = key, userPrincipalName = upn, userType = "Guest", mail = homeAddress, accountEnabled = true })
            : Add("users(id,displayName,userPrincipalName,userType,mail,externalUserState,accountEnabled)", new { id = Id(key), displayName = key, userPrincipalName = upn, userType = "Guest", mail = homeAddress, externalUserState, accountEnabled = true });
        return Id(key);
    }

    /// <summary>A security group with these direct members (user, group or service principal keys; the type is looked up when written).</summary>
    public string Group(string key, bool roleAssignable = false, params string[] memberKeys) =>
        WriteGroup(key, roleAssignable, [], securityEnabled: true, mailEnabled: false, memberKeys);

    /// <summary>A Microsoft 365 group (<c>groupTypes</c> <c>Unified</c>, mail-enabled, security-enabled or not) with these direct members.</summary>
    public string Microsoft365Group(string key, bool securityEnabled = false, params string[] memberKeys) =>
        WriteGroup(key, roleAssignable: false, ["Unified"], securityEnabled, mailEnabled: true, memberKeys);

    /// <summary>A security group whose member list the export does not have.</summary>
    public string GroupWithoutMemberList(string key) =>
        WriteGroup(key, roleAssignable: false, [], securityEnabled: true, mailEnabled: false, memberKeys: null);

    private string WriteGroup(string key, bool roleAssignable, string[] groupTypes, bool securityEnabled, bool mailEnabled, string[]? memberKeys)
    {
        Add("groups(id,displayName,isAssignableToRole,groupTypes,membershipRule,securityEnabled,mailEnabled,onPremisesSyncEnabled)", new
        {
            id = Id(key),
            displayName = key,
            isAssignableToRole = roleAssignable,
            groupTypes,
            membershipRule = (string?)null,
            securityEnabled,
            mailEnabled,
            onPremisesSyncEnabled = (bool?)null,
        });
        if (memberKeys is not null)
        {
            _pendingMembers.Add((key, memberKeys));
        }

        return Id(key);
    }

    private readonly List<(string Group, string[] Members)> _pendingMembers = [];

    /// <summary>The owners of a group, application or service principal (<paramref name="folder"/>: <c>group-owners</c>, <c>application-owners</c>, <c>service-principal-owners</c>).</summary>
    public TestTenant Owners(string folder, string ownedKey, params string[] ownerKeys) =>
        Relation(folder, ownedKey, [.. ownerKeys.Select(ReferenceTo)]);

    /// <summary>A directory role assignment (active, permanent) of a role written by <see cref="RoleDefinition"/>.</summary>
    public TestTenant AssignRole(string principalKey, string roleName, string scope = "/")
    {
        var role = BuiltInRoles.Get(roleName);
        RoleDefinition(roleName);
        return Add("roleManagement/directory/roleAssignments", new
        {
            id = Id($"assignment-{principalKey}-{roleName}-{scope}"),
            principalId = Id(principalKey),
            roleDefinitionId = role.TemplateId,
            directoryScopeId = scope,
            appScopeId = (string?)null,
        });
    }

    /// <summary>A PIM eligibility (schedule instance) for a role, from <paramref name="startDaysAgo"/>; <paramref name="endInDays"/> null never ends.</summary>
    public TestTenant EligibleRole(string principalKey, string roleName, string scope = "/", double startDaysAgo = 30, double? endInDays = null)
    {
        var role = BuiltInRoles.Get(roleName);
        RoleDefinition(roleName);
        return Add("roleManagement/directory/roleEligibilityScheduleInstances", new
        {
            id = Id($"eligible-{principalKey}-{roleName}-{scope}"),
            principalId = Id(principalKey),
            roleDefinitionId = role.TemplateId,
            directoryScopeId = scope,
            appScopeId = (string?)null,
            startDateTime = DaysAgo(startDaysAgo),
            endDateTime = endInDays is { } end ? DaysAgo(-end) : null,
            memberType = "Direct",
            roleEligibilityScheduleId = Id($"eligible-schedule-{principalKey}-{roleName}"),
        });
    }

    /// <summary>The role definition of a built-in role (once), with the resource actions of <see cref="BuiltInRoles"/>.</summary>
    public TestTenant RoleDefinition(string roleName)
    {
        var role = BuiltInRoles.Get(roleName);
        if (_writtenRoles.Add(roleName))
        {
            Add("roleManagement/directory/roleDefinitions", new
            {
                id = role.TemplateId,
                displayName = role.Name,
                description = role.Name,
                isBuiltIn = true,
                isEnabled = true,
                templateId = role.TemplateId,
                version = "1",
                rolePermissions = new[] { new { allowedResourceActions = role.AllowedResourceActions, condition = (string?)null } },
            });
        }

        return this;
    }

    private readonly HashSet<string> _writtenRoles = new(StringComparer.Ordinal);

    /// <summary>Writes the files, loads them with the Microsoft loader and scans at the reference time (or <paramref name="asOf"/>).</summary>
    public ScanResult Scan(DateTimeOffset? asOf = null, AnalysisSettings? settings = null)
    {
        using var folderOnDisk = new ScratchFolder(Files());
        var estates = Load(folderOnDisk);
        var options = new ScanOptions { Settings = settings ?? AnalysisSettings.Default, Microsoft = new MicrosoftInputs(estates.Entra, estates.Azure) };
        var aws = AwsEstateLoader.Load([folderOnDisk.Path], TestContext.Current.CancellationToken);
        return Scanner.Scan(aws, asOf ?? ReferenceTime, options, cancellationToken: TestContext.Current.CancellationToken);
    }

    /// <summary>Writes the files, loads them with the Microsoft loader and builds the escalation graph at the reference time.</summary>
    public EntitlementGraph EscalationGraph()
    {
        using var folderOnDisk = new ScratchFolder(Files());
        var estates = Load(folderOnDisk);
        return MicrosoftGraphBuilder.Build(new MicrosoftEdgeContext(estates.Entra, estates.Azure, ReferenceTime));
    }

    /// <summary>
    /// Every edge every Microsoft checker finds over the whole tenant, before the graph keeps only those on a path: to
    /// show that a principal has no edge at all, not merely none that leads to an administrator.
    /// </summary>
    public List<Edge> EveryEdge()
    {
        using var folderOnDisk = new ScratchFolder(Files());
        var estates = Load(folderOnDisk);
        var context = new MicrosoftEdgeContext(estates.Entra, estates.Azure, ReferenceTime);
        return [.. MicrosoftEdgeCheckers.All.SelectMany(c => c.Check(context, targets: null))];
    }

    private static MicrosoftEstates Load(ScratchFolder folderOnDisk)
    {
        var estates = MicrosoftEstateLoader.Load([folderOnDisk.Path], TestContext.Current.CancellationToken);
        Assert.DoesNotContain(estates.Diagnostics, d => d.Severity == Core.Diagnostics.DiagnosticSeverity.Error);
        return estates;
    }

    private List<(string Name, string Text)> Files()
    {
        var files = new List<(string Name, string Text)>
        {
            ("organization.json", Collection("organization", [new
            {
                id = TenantId,
                displayName = "Fabrikam",
                verifiedDomains = CustomDomains.Select(d => new { capabilities = "Email", isDefault = true, isInitial = false, name = d, type = "Managed" })
                    .Append(new { capabilities = "Email", isDefault = CustomDomains.Length == 0, isInitial = true, name = "fabrikam.onmicrosoft.com", type = "Managed" }).ToArray(),
            }])),
        };
        foreach (var (group, members) in _pendingMembers)
        {
            files.Add(($"group-members/{Id(group)}.json", Collection("directoryObjects", [.. members.Select(ReferenceTo)])));
        }

        var index = 0;
        foreach (var (collection, items) in _collections)
        {
            var beta = collection.StartsWith("reports/servicePrincipalSignInActivities", StringComparison.Ordinal);
            files.Add(($"collection-{index++:D2}.json", Collection(collection, items, beta)));
        }

        files.AddRange(_entities);
        files.AddRange(_exchangeFiles);

        foreach (var (folder, parent, items) in _relations)
        {
            files.Add(($"{folder}/{parent}.json", Collection("directoryObjects", items)));
        }

        foreach (var (file, items) in _azureFiles)
        {
            files.Add(($"azure/{file}", JsonSerializer.Serialize(items)));
        }

        return files;
    }

    private object ReferenceTo(string key)
    {
        var type = _collections.Where(c => c.Key.StartsWith("groups", StringComparison.Ordinal)).SelectMany(c => c.Value).Any(i => IdOf(i) == Id(key)) ? "group"
            : _collections.Where(c => c.Key.StartsWith("servicePrincipals", StringComparison.Ordinal)).SelectMany(c => c.Value).Any(i => IdOf(i) == Id(key)) ? "servicePrincipal"
            : "user";
        return new Dictionary<string, object?>(StringComparer.Ordinal) { ["@odata.type"] = $"#microsoft.graph.{type}", ["id"] = Id(key), ["displayName"] = key };
    }

    private static string? IdOf(object item) => JsonSerializer.SerializeToElement(item).TryGetProperty("id", out var id) ? id.GetString() : null;

    private static string Collection(string context, IEnumerable<object> items, bool beta = false) =>
        JsonSerializer.Serialize(new Dictionary<string, object>(StringComparer.Ordinal) { ["@odata.context"] = (beta ? Beta : V1) + context, ["value"] = items });
}
