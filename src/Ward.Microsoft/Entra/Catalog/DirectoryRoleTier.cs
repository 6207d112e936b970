namespace Ward.Microsoft.Entra.Catalog;

/// <summary>
/// How much of the tenant a directory role puts in its holder's hands (<see cref="DirectoryRoleTiers"/> says why for
/// each role).
/// </summary>
public enum DirectoryRoleTier
{
    /// <summary>Control of the tenant: its roles, applications, sign-in, federation or the devices administrators use.</summary>
    Tier0,

    /// <summary>Microsoft 365 data or service administration, or control of other (non-administrator) accounts and groups.</summary>
    Tier1,

    /// <summary>Everything else: readers and roles confined to one service's settings.</summary>
    Tier2,
}
