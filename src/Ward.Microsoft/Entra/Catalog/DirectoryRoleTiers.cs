using System.Collections.Frozen;
using System.Collections.Immutable;
using Ward.Microsoft.Entra.Directory;
using Ward.Microsoft.Entra.Evaluation;

namespace Ward.Microsoft.Entra.Catalog;

/// <summary>
/// The tier of every directory role: built-in roles by template id (the ids of "Microsoft Entra built-in roles", the
/// same in every tenant), each with why it sits in its tier; any other role (a custom role, or a built-in role newer
/// than this catalog) by the resource actions its definition allows.
/// </summary>
/// <remarks>
/// <para>
/// Tier 0 is control of the tenant: the roles that assign roles, take over applications (and the permissions they
/// hold), reset any administrator's credentials, federate domains, rewrite Conditional Access, or run code on the
/// devices administrators use. Tier 1 is Microsoft 365 data (mail, sites, Teams, compliance search, Power Platform
/// and Dynamics data) and control of non-administrator accounts and groups. Tier 2 is the rest: readers and roles
/// confined to one service's settings.
/// </para>
/// <para>
/// Microsoft's PRIVILEGED label (roles that can lead to elevation of privilege, or read sensitive data) is kept beside
/// the tier: every Tier 0 role but Authentication Policy Administrator and Directory Synchronization Accounts carries
/// it, and so do some Tier 1 roles (the password resetters) and some Tier 2 readers. Global Reader and Security Reader
/// are PRIVILEGED because they read sensitive data (sign-in logs, BitLocker recovery keys) but they change nothing:
/// Ward puts them in Tier 2.
/// </para>
/// </remarks>
public static class DirectoryRoleTiers
{
    /// <summary>The template id of Global Administrator, the same in every tenant.</summary>
    public const string GlobalAdministrator = "62e90394-69f5-4237-9190-012177145e10";

    private static readonly FrozenDictionary<string, TieredRole> BuiltIn = Entries().ToFrozenDictionary(e => e.TemplateId, e => e.Role, StringComparer.OrdinalIgnoreCase);

    // Resource actions that put a role in Tier 0 or Tier 1 when Ward's catalog does not know it, each with what it
    // gives; matched like any role permission (allProperties, allTasks, allEntities), unconditional permissions only.
    private static readonly ImmutableArray<(string Action, DirectoryRoleTier Tier, string Gives)> TieringActions =
    [
        ("microsoft.directory/roleAssignments/allProperties/allTasks", DirectoryRoleTier.Tier0, "assigns directory roles, Global Administrator included"),
        ("microsoft.directory/privilegedIdentityManagement/allProperties/allTasks", DirectoryRoleTier.Tier0, "manages Privileged Identity Management, and so who may activate which role"),
        ("microsoft.directory/applications/credentials/update", DirectoryRoleTier.Tier0, "adds credentials to any application and signs in as it, with the permissions it holds"),
        ("microsoft.directory/servicePrincipals/credentials/update", DirectoryRoleTier.Tier0, "adds credentials to any service principal and signs in as it, with the permissions it holds"),
        ("microsoft.directory/applications/owners/update", DirectoryRoleTier.Tier0, "makes anyone owner of any application (owners add credentials)"),
        ("microsoft.directory/servicePrincipals/owners/update", DirectoryRoleTier.Tier0, "makes anyone owner of any service principal (owners add credentials)"),
        ("microsoft.directory/groupsAssignableToRoles/members/update", DirectoryRoleTier.Tier0, "adds members to role-assignable groups, and so to the roles they hold"),
        ("microsoft.directory/domains/federation/update", DirectoryRoleTier.Tier0, "federates domains, and so signs in as their users"),
        ("microsoft.directory/conditionalAccessPolicies/basic/update", DirectoryRoleTier.Tier0, "rewrites Conditional Access policies, administrators' included"),
        ("microsoft.directory/users/password/update", DirectoryRoleTier.Tier1, "resets the passwords of the users it may manage"),
        ("microsoft.directory/users/authenticationMethods/create", DirectoryRoleTier.Tier1, "adds authentication methods to the users it may manage"),
        ("microsoft.directory/groups/members/update", DirectoryRoleTier.Tier1, "adds members to groups (not role-assignable), with the access those groups carry"),
        ("microsoft.directory/groups/owners/update", DirectoryRoleTier.Tier1, "makes anyone owner of groups (not role-assignable)"),
        ("microsoft.directory/groups.security/members/update", DirectoryRoleTier.Tier1, "adds members to security groups (not role-assignable), with the access those groups carry"),
        ("microsoft.directory/groups.security.assignedMembership/members/update", DirectoryRoleTier.Tier1, "adds members to security groups of assigned membership (not role-assignable), with the access those groups carry"),
        ("microsoft.directory/groups.security/owners/update", DirectoryRoleTier.Tier1, "makes anyone owner of security groups (not role-assignable)"),
        ("microsoft.directory/groups.unified/members/update", DirectoryRoleTier.Tier1, "adds members to Microsoft 365 groups (not role-assignable), with the access those groups carry"),
        ("microsoft.directory/groups.unified.assignedMembership/members/update", DirectoryRoleTier.Tier1, "adds members to Microsoft 365 groups of assigned membership (not role-assignable), with the access those groups carry"),
        ("microsoft.directory/groups.unified/owners/update", DirectoryRoleTier.Tier1, "makes anyone owner of Microsoft 365 groups (not role-assignable)"),
        ("microsoft.directory/deviceLocalCredentials/password/read", DirectoryRoleTier.Tier1, "reads devices' local administrator passwords"),
    ];

    /// <summary>The built-in role with this template id in Ward's catalog; null for any other.</summary>
    public static TieredRole? FindBuiltIn(string templateId) => BuiltIn.GetValueOrDefault(templateId);

    /// <summary>
    /// The tier of a role, by its definition id or template id: Ward's catalog for the built-in roles it knows; the
    /// definition's resource actions for any other (the highest tier any of them reaches); Tier 2 when neither tells.
    /// </summary>
    public static TieredRole Of(EntraDirectory directory, string roleDefinitionId)
    {
        var definition = directory.FindRoleDefinition(roleDefinitionId);
        if (FindBuiltIn(definition?.TemplateId ?? roleDefinitionId) is { } known)
        {
            return known;
        }

        var name = definition?.DisplayName ?? roleDefinitionId;
        if (definition is null)
        {
            return new TieredRole(name, DirectoryRoleTier.Tier2, "unknown", false, "a role whose definition was not exported");
        }

        var allowed = definition.RolePermissions.Where(p => string.IsNullOrEmpty(p.Condition)).SelectMany(p => p.AllowedResourceActions).ToList();
        var reached = TieringActions.Where(t => allowed.Any(a => ResourceActionPattern.Matches(a, t.Action))).ToList();
        var kind = definition.IsBuiltIn ? "built-in role Ward's catalog does not list" : "custom role";
        if (reached.Count == 0)
        {
            return new TieredRole(name, DirectoryRoleTier.Tier2, "no action that controls the tenant, its data or other accounts", false, $"{kind}, by its resource actions");
        }

        var tier = reached.Min(r => r.Tier);
        var gives = reached.Where(r => r.Tier == tier).Select(r => $"{r.Gives} (`{r.Action}`)");
        return new TieredRole(name, tier, string.Join("; ", gives), false, $"{kind}, by its resource actions");
    }

    private static IEnumerable<(string TemplateId, TieredRole Role)> Entries()
    {
        const DirectoryRoleTier T0 = DirectoryRoleTier.Tier0;
        const DirectoryRoleTier T1 = DirectoryRoleTier.Tier1;
        const DirectoryRoleTier T2 = DirectoryRoleTier.Tier2;
        return new (string Id, string Name, DirectoryRoleTier Tier, bool Privileged, string Reach)[]
        {
            // Tier 0: control of the tenant.
            ("62e90394-69f5-4237-9190-012177145e10", "Global Administrator", T0, true, "manages every aspect of Microsoft Entra ID and of the Microsoft services that use it"),
            ("e8611ab8-c189-46e8-94e1-60213ab1f814", "Privileged Role Administrator", T0, true, "assigns any directory role, Global Administrator included, and manages Privileged Identity Management"),
            ("7be44c8a-adaf-4e2a-84d6-ab2649e08a13", "Privileged Authentication Administrator", T0, true, "resets the password and authentication methods of any user, Global Administrators included"),
            ("e00e864a-17c5-4a4b-9c06-f5b95a8d5bd8", "Partner Tier2 Support", T0, true, "resets the password of any user, Global Administrators included (a role Microsoft says not to use)"),
            ("4ba39ca4-527c-499a-b93d-d9b492c50246", "Partner Tier1 Support", T0, true, "adds credentials and owners to any application and grants app roles to service principals; resets the passwords of non-administrators only (a role Microsoft says not to use)"),
            ("8ac3fc64-6eca-42ea-9e69-59f4c7b60eb2", "Hybrid Identity Administrator", T0, true, "manages federation, pass-through authentication and synchronisation from Active Directory, and so how users sign in"),
            ("8329153b-31d0-4727-b945-745eb3bc5f31", "Domain Name Administrator", T0, true, "adds and federates domains, and so signs in as their users"),
            ("be2f45a1-457d-42af-a067-6ec1fa63bc45", "External Identity Provider Administrator", T0, true, "adds the identity providers external users sign in with (SAML/WS-Fed federation)"),
            ("b1be1c3e-b65d-4f19-8427-f6fa0d97feb9", "Conditional Access Administrator", T0, true, "rewrites or turns off every Conditional Access policy, administrators' MFA included"),
            ("194ae4cb-b126-40b2-bd5b-6091b380977d", "Security Administrator", T0, true, "manages Conditional Access, Identity Protection and the security settings of Microsoft 365 and Defender"),
            ("9b895d92-2cd3-44c7-9d02-a6ac2d5ea5c3", "Application Administrator", T0, true, "adds credentials to any application or service principal and signs in as it, with the permissions it holds"),
            ("158c047a-c907-4556-b7ef-446551a6b5f7", "Cloud Application Administrator", T0, true, "adds credentials to any application or service principal and signs in as it, with the permissions it holds"),
            ("0526716b-113d-4c15-b2c8-68e3c22b9f80", "Authentication Policy Administrator", T0, false, "sets the authentication methods policy and tenant-wide MFA settings, for administrators too (Ward's tier; Microsoft does not label it privileged)"),
            ("3a2c62db-5318-420d-8d74-23affee5d9d5", "Intune Administrator", T0, true, "runs scripts and installs software on every managed device, administrators' workstations included"),
            ("d29b2b05-8046-44ba-8758-1e26182fcf32", "Directory Synchronization Accounts", T0, false, "writes every synchronised user, password hashes included (the Microsoft Entra Connect account)"),

            // Tier 1: Microsoft 365 data and services, and other users' accounts.
            ("29232cdf-9323-42fd-ade2-1d097af3e4de", "Exchange Administrator", T1, false, "every mailbox (manages all of Exchange Online, mailbox permissions and forwarding included)"),
            ("31392ffb-586c-42d1-9346-e59415a2cc4e", "Exchange Recipient Administrator", T1, false, "creates and changes every Exchange Online mailbox and recipient"),
            ("f28a1f50-f6e7-4571-818b-6a12f2af6b6c", "SharePoint Administrator", T1, false, "every SharePoint site and OneDrive (manages all of SharePoint Online, site administrators included)"),
            ("69091246-20e8-4a56-aa4d-066075b2a7a8", "Teams Administrator", T1, false, "every Team's channels and files, by adding itself as a member (manages Microsoft Teams and the Microsoft 365 group behind every Team)"),
            ("17315797-102d-40b4-93e0-432062caca18", "Compliance Administrator", T1, false, "content across mail, sites and chats through Microsoft Purview (legal and data investigation, data subject requests), and every Exchange admin center feature"),
            ("e6d1a23a-da11-4be4-9570-befc86d067a7", "Compliance Data Administrator", T1, false, "the compliance content of Microsoft Purview (data loss prevention, retention and their alerts) across Microsoft 365"),
            ("11648597-926c-4cf3-9c36-bcebb0ba8dcc", "Power Platform Administrator", T1, false, "every Power Platform environment (its Dataverse data, apps and flows)"),
            ("44367163-eba1-44c3-98af-f5787879f96a", "Dynamics 365 Administrator", T1, false, "every Dynamics 365 environment and its data"),
            ("a9ea8996-122f-4c74-9520-8edcd192826c", "Fabric Administrator", T1, false, "every Fabric and Power BI workspace and its data"),
            ("1707125e-0aa2-4d4d-8655-a7c786c76a25", "Microsoft 365 Backup Administrator", T1, false, "backs up and restores SharePoint, OneDrive and Exchange Online content"),
            ("fe930be7-5e62-47db-91af-98c3a49a38b1", "User Administrator", T1, true, "creates and changes users and groups, and resets the passwords of non-administrators and some administrators"),
            ("db506228-d27e-4b7d-95e5-295956d6615f", "Agent ID Administrator", T1, true, "manages agent identities and their blueprints, credentials included"),
            ("c4e39bd9-1100-46d3-8c65-fb160da0071f", "Authentication Administrator", T1, true, "resets the password and authentication methods of non-administrators"),
            ("729827e3-9c14-49f7-bb1b-9608f156bbb8", "Helpdesk Administrator", T1, true, "resets the passwords of non-administrators and other Helpdesk Administrators"),
            ("966707d0-3269-4727-9be2-8c3a10f19b9d", "Password Administrator", T1, true, "resets the passwords of non-administrators and other Password Administrators"),
            ("fdd7a751-b60b-444a-984c-02652fe8fa1c", "Groups Administrator", T1, false, "manages every group that is not role-assignable, with the access it carries"),
            ("9360feb5-f418-4baa-8175-e2a00bac4301", "Directory Writers", T1, true, "writes users and groups (not role-assignable), the access groups carry included"),
            ("45d8d3c5-c802-45c6-b32a-1d70b5e1e86e", "Identity Governance Administrator", T1, false, "manages access packages and access reviews, which grant group and application access"),
            ("59d46f88-662b-457b-bceb-5c3809e5908f", "Lifecycle Workflows Administrator", T1, true, "runs joiner, mover and leaver workflows over users"),
            ("25a516ed-2fa0-40ea-a2d0-12923a21473a", "Authentication Extensibility Administrator", T1, true, "adds custom authentication extensions that sign-ins call"),
            ("7698a772-787b-4ac8-901f-60d6b08affd2", "Cloud Device Administrator", T1, true, "enables, disables and deletes devices, and reads their BitLocker recovery keys"),
            ("9f06204d-73c1-4d4c-880a-6edb90606fd8", "Microsoft Entra Joined Device Local Administrator", T1, false, "local administrator of every Microsoft Entra joined device"),
            ("5f2222b1-57c3-48ba-8ad5-d4759f1fde6f", "Security Operator", T1, true, "manages security alerts and incidents, and their response actions"),
            ("aaf43236-0c0d-4d5f-883a-6955382ac081", "B2C IEF Keyset Administrator", T1, true, "manages the signing and encryption keys of Azure AD B2C custom policies"),
            ("b0f54661-2d74-4c50-afa3-1ec803f12efe", "Billing Administrator", T1, false, "purchases, subscriptions and payment information"),

            // Tier 2 roles Microsoft labels PRIVILEGED: listed so that the label is shown; every other role is Tier 2 too.
            ("f2ef992c-3afb-46b9-b7cf-a126ee74c451", "Global Reader", T2, true, "reads everything a Global Administrator can, and changes nothing"),
            ("5d6b6bb7-de71-4623-b4af-96380a352509", "Security Reader", T2, true, "reads security information, sign-in logs and BitLocker recovery keys, and changes nothing"),
            ("cf1c38e5-3621-4004-a7cb-879624dced7c", "Application Developer", T2, true, "registers applications whatever the user settings say"),
            ("ecb2c6bf-0ab6-418e-bd87-7986f8d63bbe", "Attribute Provisioning Administrator", T2, true, "edits which custom security attributes applications provision"),
            ("422218e4-db15-4ef9-bbe0-8afb41546d79", "Attribute Provisioning Reader", T2, true, "reads which custom security attributes applications provision"),
        }.Select(e => (e.Id, new TieredRole(e.Name, e.Tier, e.Reach, e.Privileged)));
    }
}
