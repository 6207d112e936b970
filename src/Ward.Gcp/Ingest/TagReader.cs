using Ward.Core.Diagnostics;
using Ward.Gcp.Iam;

namespace Ward.Gcp.Ingest;

/// <summary>
/// Reads tags as gcloud prints them: keys (<c>tags keys list</c>: <c>name</c> <c>tagKeys/ID</c>, <c>shortName</c>,
/// <c>namespacedName</c>, <c>parent</c>), values (<c>tags values list</c>: <c>name</c> <c>tagValues/ID</c>, the same
/// fields, <c>parent</c> the key), direct bindings (<c>tags bindings list --parent=RESOURCE</c>: <c>name</c>,
/// <c>parent</c>, <c>tagValue</c>, <c>tagValueNamespacedName</c>) and effective tags (<c>… --effective</c>:
/// <c>namespacedTagKey</c>, <c>namespacedTagValue</c>, <c>tagKey</c>, <c>tagValue</c>, <c>inherited</c>). Effective
/// tags do not name the resource they are on, so the file's path does (<see cref="ListedResource"/>).
/// </summary>
internal static class TagReader
{
    private static readonly string[] ListingFolders = ["tags/effective/", "tags/bindings/"];

    public static bool IsKeyName(string name) => IsId(name, "tagKeys/");

    public static bool IsValueName(string name) => IsId(name, "tagValues/");

    public static bool IsBindingName(string name) => name.StartsWith("tagBindings/", StringComparison.Ordinal);

    /// <summary>An effective tag has no name of its own, only its key's and value's.</summary>
    public static bool IsEffectiveTag(GcpEntry entry) =>
        !entry.Has("name") && (entry.Has("namespacedTagValue") || entry.Has("namespacedTagKey") || (entry.Text("tagValue") is { } value && IsValueName(value) && (entry.Has("tagKey") || entry.Has("inherited"))));

    /// <summary>
    /// The resource a tag listing file is about, from its path: <c>…/tags/effective/SERVICE/RELATIVE_NAME.json</c>
    /// (with <c>--effective</c>) or <c>…/tags/bindings/SERVICE/RELATIVE_NAME.json</c> (direct), e.g.
    /// <c>tags/effective/cloudresourcemanager.googleapis.com/projects/123.json</c> for
    /// <c>//cloudresourcemanager.googleapis.com/projects/123</c>; null when the path is not of that form.
    /// </summary>
    public static (string Resource, bool Effective)? ListedResource(string file)
    {
        var path = file.Replace('\\', '/');
        foreach (var folder in ListingFolders)
        {
            var at = path.LastIndexOf(folder, StringComparison.Ordinal);
            if (at < 0 || (at > 0 && path[at - 1] != '/'))
            {
                continue;
            }

            var rest = path[(at + folder.Length)..];
            var extension = rest.LastIndexOf('.');
            var slash = rest.IndexOf('/', StringComparison.Ordinal);
            if (extension <= slash || slash <= 0 || !rest[..slash].Contains('.', StringComparison.Ordinal) || rest[(slash + 1)..extension].Split('/').Any(s => s.Length == 0))
            {
                return null;
            }

            return ("//" + rest[..extension], folder == ListingFolders[0]);
        }

        return null;
    }

    public static TagKey? ReadKey(GcpEntry entry, GcpJson json)
    {
        var name = json.String(entry, "name", "a tag key");
        return name is null ? null : new TagKey
        {
            Name = name,
            NamespacedName = json.String(entry, "namespacedName"),
            ShortName = json.String(entry, "shortName"),
            Parent = json.String(entry, "parent"),
            Location = json.At(entry.Path),
        };
    }

    public static TagValue? ReadValue(GcpEntry entry, GcpJson json)
    {
        var name = json.String(entry, "name", "a tag value");
        return name is null ? null : new TagValue
        {
            Name = name,
            Parent = json.String(entry, "parent"),
            NamespacedName = json.String(entry, "namespacedName"),
            ShortName = json.String(entry, "shortName"),
            Location = json.At(entry.Path),
        };
    }

    /// <summary>A direct binding: <c>parent</c> and <c>tagValue</c>, each read from <c>name</c> (<c>tagBindings/ENCODED_PARENT/tagValues/ID</c>) when absent.</summary>
    public static TagBinding? ReadBinding(GcpEntry entry, GcpJson json)
    {
        var name = json.String(entry, "name");
        var (parentInName, valueInName) = name is null ? (null, null) : SplitBindingName(name);
        var parent = json.String(entry, "parent") ?? parentInName;
        var value = json.String(entry, "tagValue") ?? valueInName;
        if (parent is null || value is null)
        {
            json.Report(GcpDiagnosticCodes.MissingField, DiagnosticSeverity.Error, $"a tag binding{(name is null ? string.Empty : $" `{name}`")} without {(parent is null ? "`parent`" : "`tagValue`")} (nor one in its `name`); skipped", entry.Path);
            return null;
        }

        return new TagBinding
        {
            Resource = parent,
            Effective = false,
            TagValue = value,
            NamespacedTagValue = json.String(entry, "tagValueNamespacedName"),
            Location = json.At(entry.Path),
        };
    }

    public static TagBinding? ReadEffective(GcpEntry entry, GcpJson json, string resource)
    {
        var value = json.String(entry, "tagValue");
        var namespacedValue = json.String(entry, "namespacedTagValue");
        if (value is null && namespacedValue is null)
        {
            json.Report(GcpDiagnosticCodes.MissingField, DiagnosticSeverity.Error, "an effective tag without `tagValue` or `namespacedTagValue`: which value it is is unknown; skipped", entry.Path);
            return null;
        }

        return new TagBinding
        {
            Resource = resource,
            Effective = true,
            TagValue = value,
            TagKey = json.String(entry, "tagKey"),
            NamespacedTagValue = namespacedValue,
            NamespacedTagKey = json.String(entry, "namespacedTagKey"),
            Inherited = json.Boolean(entry, "inherited"),
            Location = json.At(entry.Path),
        };
    }

    private static bool IsId(string name, string prefix) =>
        name.StartsWith(prefix, StringComparison.Ordinal) && name.Length > prefix.Length && name.IndexOf('/', prefix.Length) < 0;

    private static (string? Parent, string? Value) SplitBindingName(string name)
    {
        const string values = "/tagValues/";
        var at = name.LastIndexOf(values, StringComparison.Ordinal);
        if (!IsBindingName(name) || at < 0)
        {
            return (null, null);
        }

        var parent = Uri.UnescapeDataString(name["tagBindings/".Length..at]);
        return (parent.Length == 0 ? null : parent, name[(at + 1)..]);
    }
}
