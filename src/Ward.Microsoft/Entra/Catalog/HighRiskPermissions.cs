using System.Collections.Frozen;
using System.Collections.Immutable;
using Ward.Microsoft.Entra.Directory;

namespace Ward.Microsoft.Entra.Catalog;

/// <summary>
/// The Microsoft Graph, Exchange Online and SharePoint Online permissions whose holder can take over the tenant or
/// read (or write) Microsoft 365 data tenant-wide, with why. Permissions are matched by resource and name (the
/// resource service principal's exported <c>appRoles</c> value, or the scope named by a delegated grant), so an app
/// role of another API that happens to be called <c>Mail.Read</c> is not taken for Graph's.
/// </summary>
/// <remarks>
/// Left out on purpose: the narrowed permissions (<c>Sites.Selected</c>, <c>Files.SelectedOperations.Selected</c>,
/// <c>Mail.ReadBasic.All</c>), read-only directory permissions (<c>User.Read.All</c>, <c>Directory.Read.All</c>), and
/// <c>Application.ReadWrite.OwnedBy</c> (only the applications the holder owns). Microsoft Graph application
/// permissions carry their app role ids, which are the same in every tenant; other Microsoft APIs reuse some of those
/// ids for their own roles, so an id alone is trusted only when the resource is known to be Microsoft Graph.
/// </remarks>
public static class HighRiskPermissions
{
    public const string MicrosoftGraphAppId = "00000003-0000-0000-c000-000000000000";

    public const string ExchangeOnlineAppId = "00000002-0000-0ff1-ce00-000000000000";

    public const string SharePointOnlineAppId = "00000003-0000-0ff1-ce00-000000000000";

    /// <summary>The app role id of a role assignment that grants no app role (access to the resource only).</summary>
    public const string DefaultAccessRoleId = "00000000-0000-0000-0000-000000000000";

    private const string Graph = "Microsoft Graph";
    private const string Exchange = "Office 365 Exchange Online";
    private const string SharePoint = "Office 365 SharePoint Online";

    // Keyed by kind, resource and name; names compare without case, as Entra ID matches them.
    private static readonly FrozenDictionary<string, HighRiskPermission> ByName;
    private static readonly FrozenDictionary<string, HighRiskPermission> ByGraphAppRoleId;

    static HighRiskPermissions()
    {
        All = [.. GraphApplication(), .. ExchangeAndSharePointApplication(), .. Delegated()];
        ByName = All.ToFrozenDictionary(p => Key(p.ResourceAppId, p.Name, p.Kind), StringComparer.OrdinalIgnoreCase);
        ByGraphAppRoleId = All.Where(p => p.GraphAppRoleId is not null).ToFrozenDictionary(p => p.GraphAppRoleId!, StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>Every entry, application permissions first.</summary>
    public static ImmutableArray<HighRiskPermission> All { get; }

    public static HighRiskPermission? Find(string resourceAppId, string name, PermissionKind kind) => ByName.GetValueOrDefault(Key(resourceAppId, name, kind));

    /// <summary>
    /// Whether Exchange Online can narrow the application permission to some mailboxes, with an application access
    /// policy or RBAC for Applications (Outlook REST, Microsoft Graph mail, calendar and mailbox settings, EWS): neither
    /// is in a Graph export, so such a permission is taken as tenant-wide.
    /// </summary>
    public static bool ExchangeCanNarrow(HighRiskPermission permission) =>
        permission.Kind == PermissionKind.Application
        && (string.Equals(permission.ResourceAppId, ExchangeOnlineAppId, StringComparison.OrdinalIgnoreCase)
            || (string.Equals(permission.ResourceAppId, MicrosoftGraphAppId, StringComparison.OrdinalIgnoreCase)
                && (permission.Name.StartsWith("Mail.", StringComparison.Ordinal) || permission.Name.StartsWith("MailboxSettings.", StringComparison.Ordinal) || permission.Name.StartsWith("Calendars.", StringComparison.Ordinal))));

    /// <summary>
    /// Names what an app role assignment grants: from the resource service principal's exported <c>appRoles</c>; for
    /// Microsoft Graph (its service principal, or, when that is not exported, an assignment whose
    /// <c>resourceDisplayName</c> is Microsoft Graph) from its well-known app role ids when the export does not name it.
    /// </summary>
    public static GrantedAppRole Resolve(EntraDirectory directory, AppRoleAssignment assignment)
    {
        var resource = directory.FindServicePrincipal(assignment.ResourceId);
        var resourceName = resource?.DisplayName ?? assignment.ResourceDisplayName ?? assignment.ResourceId;
        var resourceAppId = resource?.AppId ?? (string.Equals(assignment.ResourceDisplayName, Graph, StringComparison.OrdinalIgnoreCase) ? MicrosoftGraphAppId : null);
        if (string.Equals(assignment.AppRoleId, DefaultAccessRoleId, StringComparison.OrdinalIgnoreCase))
        {
            return new GrantedAppRole(resourceName, resourceAppId, null, null);
        }

        var name = resource?.AppRoles.FirstOrDefault(r => string.Equals(r.Id, assignment.AppRoleId, StringComparison.OrdinalIgnoreCase))?.Value;
        if (name is null && string.Equals(resourceAppId, MicrosoftGraphAppId, StringComparison.OrdinalIgnoreCase))
        {
            name = ByGraphAppRoleId.GetValueOrDefault(assignment.AppRoleId)?.Name;
        }

        var highRisk = resourceAppId is not null && name is not null ? Find(resourceAppId, name, PermissionKind.Application) : null;
        return new GrantedAppRole(resourceName, resourceAppId, name, highRisk);
    }

    /// <summary>The high-risk scopes of a delegated grant; none when its resource service principal is not in the export (its scopes cannot be told apart from another API's).</summary>
    public static ImmutableArray<HighRiskPermission> In(EntraDirectory directory, OAuth2PermissionGrant grant) =>
        directory.FindServicePrincipal(grant.ResourceId) is not { } resource
            ? []
            : [.. grant.Scopes.Select(s => Find(resource.AppId, s, PermissionKind.Delegated)).OfType<HighRiskPermission>().Distinct()];

    // App role ids as the Microsoft Graph permissions reference lists them.
    private static IEnumerable<HighRiskPermission> GraphApplication()
    {
        const PermissionRisk Takeover = PermissionRisk.TenantTakeover;
        const PermissionRisk Data = PermissionRisk.DataAccess;
        return new (string Name, PermissionRisk Risk, string Id, string Why)[]
        {
            ("RoleManagement.ReadWrite.Directory", Takeover, "9e3f62cf-ca93-4989-b6ce-bf83c28f9fe8", "assigns any directory role, Global Administrator included, to itself or to anyone"),
            ("RoleAssignmentSchedule.ReadWrite.Directory", Takeover, "dd199f4a-f148-40a4-a2ec-f0069cc799ec", "creates active directory role assignments through PIM, Global Administrator included"),
            ("RoleEligibilitySchedule.ReadWrite.Directory", Takeover, "fee28b28-e1f3-4841-818e-2704dc62245f", "makes anyone eligible for any directory role through PIM, Global Administrator included"),
            ("PrivilegedAccess.ReadWrite.AzureADGroup", Takeover, "2f6817f8-7b12-4f0f-bc18-eeaf60705a9e", "makes anyone a member or owner of groups managed by PIM for Groups, role-assignable groups included"),
            ("PrivilegedAssignmentSchedule.ReadWrite.AzureADGroup", Takeover, "41202f2c-f7ab-45be-b001-85c9728b9d69", "creates active memberships and ownerships of groups managed by PIM for Groups, role-assignable groups included"),
            ("PrivilegedEligibilitySchedule.ReadWrite.AzureADGroup", Takeover, "618b6020-bca8-4de6-99f6-ef445fa4d857", "makes anyone eligible for membership or ownership of groups managed by PIM for Groups, role-assignable groups included"),
            ("AppRoleAssignment.ReadWrite.All", Takeover, "06b708a9-e830-4db3-a914-8e69da51d44f", "grants any application permission, RoleManagement.ReadWrite.Directory included, to itself or to any application"),
            ("Application.ReadWrite.All", Takeover, "1bfefb4e-e0b5-418b-a88f-73c46d2cc8e9", "adds a credential to any application or service principal and signs in as it, with whatever that one holds"),
            ("DelegatedPermissionGrant.ReadWrite.All", Takeover, "8e8e4742-1d95-4f68-9d56-6ee75648c72a", "grants any application any delegated permission for every user, without anyone's consent"),
            ("Policy.ReadWrite.PermissionGrant", Takeover, "a402ca1c-2696-4531-972d-6e5ee4aa11ea", "rewrites the consent and permission grant policies, so that anyone may consent any application to anything"),
            ("Directory.ReadWrite.All", Takeover, "19dbc75e-c2e2-444c-a770-ec69d8559fc7", "writes users, groups and most directory objects: adds members to any group that is not role-assignable, with the Azure roles and access that group carries"),
            ("Group.ReadWrite.All", Takeover, "62a82d76-70ea-41e2-9197-370581804d09", "adds members and owners to any group that is not role-assignable, with the Azure roles, application access and data that group carries"),
            ("GroupMember.ReadWrite.All", Takeover, "dbaae8cf-10b5-4b86-a4a1-f871c94c6695", "adds members to any group that is not role-assignable, with the Azure roles and access that group carries"),
            ("UserAuthenticationMethod.ReadWrite.All", Takeover, "50483e42-d915-4231-9639-7fdb7fd190e5", "adds authentication methods (a Temporary Access Pass, a phone) to users and signs in as them"),
            ("Policy.ReadWrite.ConditionalAccess", Takeover, "01c0a623-fc9b-48e9-b794-0756f8e8f067", "turns off or rewrites every Conditional Access policy, the MFA and device requirements of administrators included"),
            ("Domain.ReadWrite.All", Takeover, "7e05723c-0bb0-42da-be95-ae9f08a6e53c", "adds and federates domains, and so signs in as any user of a domain it federates to an identity provider it controls"),
            ("Organization.ReadWrite.All", Takeover, "292d869f-3427-49a8-9dab-8c70152b74e9", "changes the organization's settings, the certificate authorities trusted for certificate-based authentication included"),
            ("PublicKeyInfrastructure.ReadWrite.All", Takeover, "a2b63618-5350-462d-b1b3-ba6eb3684e26", "writes the PKI-based trust store, the certificate authorities trusted for certificate-based authentication"),
            ("Mail.Read", Data, "810c84a8-4a9e-49e6-bf7d-12d183f40d01", "reads the mail of every mailbox"),
            ("Mail.ReadWrite", Data, "e2a3a72e-5f79-4c64-b1b1-878b674786c9", "reads, changes and deletes the mail of every mailbox"),
            ("Mail.Send", Data, "b633e1c5-b582-4048-a93e-9f11b44c7e96", "sends mail as any user"),
            ("MailboxSettings.ReadWrite", Data, "6931bccd-447a-43d1-b442-00a195474933", "changes the settings and inbox rules of every mailbox (forwarding rules included)"),
            ("Calendars.ReadWrite", Data, "ef54d2bf-783f-4e0f-bca1-3210c0444d99", "reads and changes every calendar"),
            ("Files.Read.All", Data, "01d4889c-1287-42c6-ac1f-5d1e02578ef6", "reads every file in OneDrive and SharePoint"),
            ("Files.ReadWrite.All", Data, "75359482-378d-4052-8f01-80520e7db3cd", "reads, changes and deletes every file in OneDrive and SharePoint"),
            ("Sites.Read.All", Data, "332a536c-c7ef-4017-ab91-336970924f0d", "reads the content of every SharePoint site"),
            ("Sites.ReadWrite.All", Data, "9492366f-7969-46a4-8d15-ed1a20078fff", "reads and writes the content of every SharePoint site"),
            ("Sites.Manage.All", Data, "0c0bf378-bf22-4481-8f81-9e89a9b4960a", "creates and deletes lists and libraries in every SharePoint site, and reads and writes their content"),
            ("Sites.FullControl.All", Data, "a82116e5-55eb-4c41-a434-62fe8a61c773", "has full control of every SharePoint site, its permissions included"),
            ("Chat.Read.All", Data, "6b7d71aa-70aa-4810-a8d9-5d9fb2830017", "reads every Teams chat message"),
            ("Chat.ReadWrite.All", Data, "294ce7c9-31ba-490a-ad7d-97a7d075e4ed", "reads and writes every Teams chat message"),
            ("ChannelMessage.Read.All", Data, "7b2449af-6ccd-4f4d-9f78-e550c193f0d1", "reads every Teams channel message"),
        }.Select(p => new HighRiskPermission(MicrosoftGraphAppId, Graph, p.Name, PermissionKind.Application, p.Risk, p.Why, p.Id));
    }

    // Exchange Online's and SharePoint Online's own APIs (EWS and legacy Outlook REST; SharePoint REST and CSOM): named from their exported service principals.
    private static IEnumerable<HighRiskPermission> ExchangeAndSharePointApplication() =>
    [
        new(ExchangeOnlineAppId, Exchange, "full_access_as_app", PermissionKind.Application, PermissionRisk.DataAccess, "reads, writes and sends as every mailbox through Exchange Web Services"),
        new(ExchangeOnlineAppId, Exchange, "Mail.Read", PermissionKind.Application, PermissionRisk.DataAccess, "reads the mail of every mailbox"),
        new(ExchangeOnlineAppId, Exchange, "Mail.ReadWrite", PermissionKind.Application, PermissionRisk.DataAccess, "reads, changes and deletes the mail of every mailbox"),
        new(ExchangeOnlineAppId, Exchange, "Mail.Send", PermissionKind.Application, PermissionRisk.DataAccess, "sends mail as any user"),
        new(SharePointOnlineAppId, SharePoint, "Sites.Read.All", PermissionKind.Application, PermissionRisk.DataAccess, "reads the content of every SharePoint site"),
        new(SharePointOnlineAppId, SharePoint, "Sites.ReadWrite.All", PermissionKind.Application, PermissionRisk.DataAccess, "reads and writes the content of every SharePoint site"),
        new(SharePointOnlineAppId, SharePoint, "Sites.Manage.All", PermissionKind.Application, PermissionRisk.DataAccess, "creates and deletes lists and libraries in every SharePoint site, and reads and writes their content"),
        new(SharePointOnlineAppId, SharePoint, "Sites.FullControl.All", PermissionKind.Application, PermissionRisk.DataAccess, "has full control of every SharePoint site, its permissions included"),
    ];

    // A delegated permission acts within the signed-in user's rights: the takeover ones matter once an administrator uses the client.
    private static IEnumerable<HighRiskPermission> Delegated()
    {
        const PermissionRisk Takeover = PermissionRisk.TenantTakeover;
        const PermissionRisk Data = PermissionRisk.DataAccess;
        var graph = new (string Name, PermissionRisk Risk, string Why)[]
        {
            ("Directory.AccessAsUser.All", Takeover, "does in the directory everything the signed-in user may do"),
            ("Directory.ReadWrite.All", Takeover, "writes the directory as the signed-in user"),
            ("RoleManagement.ReadWrite.Directory", Takeover, "assigns directory roles as the signed-in user"),
            ("RoleAssignmentSchedule.ReadWrite.Directory", Takeover, "creates directory role assignments through PIM as the signed-in user"),
            ("RoleEligibilitySchedule.ReadWrite.Directory", Takeover, "creates directory role eligibilities through PIM as the signed-in user"),
            ("PrivilegedAccess.ReadWrite.AzureADGroup", Takeover, "manages PIM for Groups as the signed-in user"),
            ("AppRoleAssignment.ReadWrite.All", Takeover, "grants application permissions as the signed-in user"),
            ("Application.ReadWrite.All", Takeover, "adds credentials to applications and service principals as the signed-in user"),
            ("DelegatedPermissionGrant.ReadWrite.All", Takeover, "grants delegated permissions to applications as the signed-in user"),
            ("Policy.ReadWrite.PermissionGrant", Takeover, "rewrites the consent policies as the signed-in user"),
            ("Group.ReadWrite.All", Takeover, "changes groups and their members as the signed-in user"),
            ("GroupMember.ReadWrite.All", Takeover, "changes group members as the signed-in user"),
            ("UserAuthenticationMethod.ReadWrite.All", Takeover, "adds authentication methods to users as the signed-in user"),
            ("Policy.ReadWrite.ConditionalAccess", Takeover, "rewrites Conditional Access policies as the signed-in user"),
            ("Domain.ReadWrite.All", Takeover, "adds and federates domains as the signed-in user"),
            ("Mail.Read", Data, "reads the signed-in user's mail"),
            ("Mail.ReadWrite", Data, "reads, changes and deletes the signed-in user's mail"),
            ("Mail.Send", Data, "sends mail as the signed-in user"),
            ("Mail.Read.Shared", Data, "reads the mail of the signed-in user and of the mailboxes shared with them"),
            ("Mail.ReadWrite.Shared", Data, "reads and writes the mail of the signed-in user and of the mailboxes shared with them"),
            ("Mail.Send.Shared", Data, "sends mail as the signed-in user and as those who let them"),
            ("MailboxSettings.ReadWrite", Data, "changes the signed-in user's mailbox settings and inbox rules (forwarding rules included)"),
            ("Calendars.ReadWrite", Data, "reads and changes the signed-in user's calendars"),
            ("Files.Read.All", Data, "reads every file the signed-in user can reach"),
            ("Files.ReadWrite.All", Data, "reads, changes and deletes every file the signed-in user can reach"),
            ("Sites.Read.All", Data, "reads every SharePoint site the signed-in user can reach"),
            ("Sites.ReadWrite.All", Data, "reads and writes every SharePoint site the signed-in user can reach"),
            ("Sites.Manage.All", Data, "manages the lists and libraries of every SharePoint site the signed-in user can reach"),
            ("Sites.FullControl.All", Data, "has the signed-in user's full control of SharePoint sites"),
            ("Chat.Read", Data, "reads the signed-in user's Teams chats"),
            ("Chat.ReadWrite", Data, "reads and sends the signed-in user's Teams chat messages"),
            ("ChannelMessage.Read.All", Data, "reads the Teams channel messages the signed-in user can reach"),
            ("EWS.AccessAsUser.All", Data, "opens the signed-in user's mailbox through Exchange Web Services"),
            ("IMAP.AccessAsUser.All", Data, "opens the signed-in user's mailbox through IMAP"),
            ("POP.AccessAsUser.All", Data, "opens the signed-in user's mailbox through POP"),
            ("EAS.AccessAsUser.All", Data, "opens the signed-in user's mailbox through Exchange ActiveSync"),
        }.Select(p => new HighRiskPermission(MicrosoftGraphAppId, Graph, p.Name, PermissionKind.Delegated, p.Risk, p.Why));
        var exchange = new (string Name, string Why)[]
        {
            ("EWS.AccessAsUser.All", "opens the signed-in user's mailbox through Exchange Web Services"),
            ("full_access_as_user", "opens the signed-in user's mailbox through Exchange Web Services"),
            ("Mail.Read", "reads the signed-in user's mail"),
            ("Mail.ReadWrite", "reads, changes and deletes the signed-in user's mail"),
            ("Mail.Send", "sends mail as the signed-in user"),
        }.Select(p => new HighRiskPermission(ExchangeOnlineAppId, Exchange, p.Name, PermissionKind.Delegated, Data, p.Why));
        var sharePoint = new (string Name, string Why)[]
        {
            ("AllSites.Read", "reads every SharePoint site the signed-in user can reach"),
            ("AllSites.Write", "reads and writes every SharePoint site the signed-in user can reach"),
            ("AllSites.Manage", "manages every SharePoint site the signed-in user can reach"),
            ("AllSites.FullControl", "has the signed-in user's full control of SharePoint sites"),
        }.Select(p => new HighRiskPermission(SharePointOnlineAppId, SharePoint, p.Name, PermissionKind.Delegated, Data, p.Why));
        return graph.Concat(exchange).Concat(sharePoint);
    }

    private static string Key(string resourceAppId, string name, PermissionKind kind) => $"{kind} {resourceAppId} {name}";
}
