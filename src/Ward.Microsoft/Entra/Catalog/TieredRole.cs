namespace Ward.Microsoft.Entra.Catalog;

/// <summary>A directory role with its tier and why it is there.</summary>
/// <param name="Name">The role's display name.</param>
/// <param name="Tier">Its tier.</param>
/// <param name="Reach">What its holder can do or read, as a clause: "reads and changes every mailbox".</param>
/// <param name="MicrosoftPrivileged">Microsoft labels the role PRIVILEGED in "Microsoft Entra built-in roles".</param>
/// <param name="Basis">How the tier was decided when Ward's catalog of built-in roles does not list the role ("custom role, by its resource actions"); null for the catalog's roles.</param>
public sealed record TieredRole(string Name, DirectoryRoleTier Tier, string Reach, bool MicrosoftPrivileged, string? Basis = null)
{
    /// <summary><c>Tier 0</c>, <c>Tier 1</c>, <c>Tier 2</c>.</summary>
    public string TierLabel => Tier switch
    {
        DirectoryRoleTier.Tier0 => "Tier 0",
        DirectoryRoleTier.Tier1 => "Tier 1",
        _ => "Tier 2",
    };
}
