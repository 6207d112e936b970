namespace Ward.Microsoft.Entra.Catalog;

/// <summary>What a high-risk permission puts at stake.</summary>
public enum PermissionRisk
{
    /// <summary>Control of the tenant: its roles, applications, groups, policies or sign-in, leading to Global Administrator or its equivalent.</summary>
    TenantTakeover,

    /// <summary>Microsoft 365 data: mail, files, sites, chats and calendars.</summary>
    DataAccess,
}
