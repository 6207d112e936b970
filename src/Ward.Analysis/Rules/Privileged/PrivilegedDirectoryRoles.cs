using Ward.Microsoft.Entra.Catalog;

namespace Ward.Analysis.Rules.Privileged;

/// <summary>
/// The built-in Entra ID roles Microsoft labels PRIVILEGED in its built-in roles reference, as the directory role tier
/// catalogue (<see cref="DirectoryRoleTiers"/>) records them: one list for the MFA rules and the tiering rules. Custom
/// roles are not in it (their permissions are weighed by the tiering rules only).
/// </summary>
internal static class PrivilegedDirectoryRoles
{
    public const string GlobalAdministrator = DirectoryRoleTiers.GlobalAdministrator;

    public static bool Contains(string templateId) => DirectoryRoleTiers.FindBuiltIn(templateId) is { MicrosoftPrivileged: true };
}
