using System.Collections.Frozen;

namespace Ward.Microsoft.Entra.Ingest;

/// <summary>
/// Where an export keeps the relations Graph answers without naming their parent (<c>$metadata#directoryObjects</c>):
/// a folder named after the relation, then the parent's object id, either as a folder of pages
/// (<c>group-members/&lt;group-id&gt;/page-001.json</c>) or as the file name (<c>group-members/&lt;group-id&gt;.json</c>,
/// <c>&lt;group-id&gt;.page-002.json</c>). This is the layout <c>scripts/export-entra.sh</c> writes (docs/formats/entra.md).
/// </summary>
internal static class RelationLayout
{
    public static FrozenDictionary<string, GraphCollection> Folders { get; } = new Dictionary<string, GraphCollection>(StringComparer.OrdinalIgnoreCase)
    {
        ["group-members"] = GraphCollection.GroupMembers,
        ["group-transitive-members"] = GraphCollection.GroupTransitiveMembers,
        ["group-owners"] = GraphCollection.GroupOwners,
        ["application-owners"] = GraphCollection.ApplicationOwners,
        ["service-principal-owners"] = GraphCollection.ServicePrincipalOwners,
        ["administrative-unit-members"] = GraphCollection.AdministrativeUnitMembers,
        ["device-registered-owners"] = GraphCollection.DeviceRegisteredOwners,
        ["device-registered-users"] = GraphCollection.DeviceRegisteredUsers,
    }.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);

    /// <summary>The relation and parent object id a file's path names; null when it names none.</summary>
    public static (GraphCollection Relation, string? Parent)? Of(string file)
    {
        var parts = Path.GetFullPath(file).Split([Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar], StringSplitOptions.RemoveEmptyEntries);

        // The innermost relation folder counts, so an export folder may itself sit anywhere.
        for (var i = parts.Length - 2; i >= 0; i--)
        {
            if (!Folders.TryGetValue(parts[i], out var relation))
            {
                continue;
            }

            var next = parts[i + 1];
            var candidate = i + 1 == parts.Length - 1 ? next.Split('.')[0] : next;
            return (relation, Guid.TryParse(candidate, out var parent) ? parent.ToString("D") : null);
        }

        return null;
    }

    /// <summary>The relation folder a collection is written to.</summary>
    public static string FolderOf(GraphCollection relation) => Folders.First(p => p.Value == relation).Key;
}
