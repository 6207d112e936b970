using Spectre.Console;
using Ward.Microsoft.Entra.Directory;

namespace Ward.Cli.Commands;

/// <summary>How the Entra ID questions (directory roles, API permissions) find the export and name its objects.</summary>
internal static class EntraNames
{
    /// <summary>The Entra ID export, or null with an error saying what the question needs of it.</summary>
    public static EntraDirectory? Directory(IAnsiConsole console, LoadedEstates estates, string needs)
    {
        if (estates.HasEntra)
        {
            return estates.Entra;
        }

        console.MarkupLineInterpolated($"[red]error:[/] no Entra ID export was read: {needs} (`scripts/export-entra.sh`, docs/formats/entra.md).");
        return null;
    }

    /// <summary>
    /// The object ids a name may mean: users by user principal name or display name, then service principals, groups and
    /// applications by display name (several: the caller lists them and asks for the id) (an application as <paramref name="application"/> makes it, when given).
    /// </summary>
    public static List<string> ByName(string text, EntraDirectory directory, Func<string, string>? application = null) =>
        [.. directory.Users.Where(u => string.Equals(u.UserPrincipalName, text, StringComparison.OrdinalIgnoreCase) || string.Equals(u.DisplayName, text, StringComparison.OrdinalIgnoreCase)).Select(u => u.Id)
            .Concat(directory.ServicePrincipals.Where(s => string.Equals(s.DisplayName, text, StringComparison.OrdinalIgnoreCase)).Select(s => s.Id))
            .Concat(directory.Groups.Where(g => string.Equals(g.DisplayName, text, StringComparison.OrdinalIgnoreCase)).Select(g => g.Id))
            .Concat(directory.Applications.Where(a => string.Equals(a.DisplayName, text, StringComparison.OrdinalIgnoreCase)).Select(a => application?.Invoke(a.Id) ?? a.Id))
            .Distinct(StringComparer.OrdinalIgnoreCase)];

    /// <summary>The one object found, or null with an error: none, or several (listed, so that the user gives the object id).</summary>
    public static string? One(IAnsiConsole console, string text, string role, IReadOnlyList<string> found, string forms)
    {
        switch (found.Count)
        {
            case 1:
                return found[0];
            case 0:
                console.MarkupLineInterpolated($"[red]error:[/] {role} `{text}` is not a {forms} of the Entra ID export.");
                return null;
            default:
                console.MarkupLineInterpolated($"[red]error:[/] {role} `{text}` names several objects ({string.Join(", ", found)}); give the object id.");
                return null;
        }
    }

    /// <summary>How an object is shown: its user principal name or display name with its id; the tenant for <c>/</c>.</summary>
    public static string Label(string id, EntraDirectory directory)
    {
        if (id == "/")
        {
            return "the tenant (/)";
        }

        var name = directory.FindUser(id)?.UserPrincipalName ?? directory.FindServicePrincipal(id)?.DisplayName ?? directory.FindGroup(id)?.DisplayName
            ?? directory.FindApplication(id)?.DisplayName ?? directory.FindAdministrativeUnit(id)?.DisplayName;
        return name is null ? id : $"{name} ({id})";
    }
}
