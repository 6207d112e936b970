using System.Text.Json;
using Ward.Core.Diagnostics;

namespace Ward.Microsoft.Azure.Ingest;

/// <summary>
/// One entry of an export, in either form: the az CLI's flat object, or the ARM REST resource whose fields sit
/// under <c>properties</c> (next to <c>id</c>, <c>name</c> and <c>type</c>).
/// </summary>
internal readonly record struct ArmItem(JsonElement Element, string Path)
{
    public bool HasProperties => Element.TryGetProperty("properties", out var properties) && properties.ValueKind == JsonValueKind.Object;

    public JsonElement Properties => HasProperties ? Element.GetProperty("properties") : Element;

    public string PropertiesPath => HasProperties ? JsonPath.Property(Path, "properties") : Path;

    /// <summary>A field of the entry: under <c>properties</c> first, then at the top (where <c>id</c>, <c>name</c>, <c>type</c> are).</summary>
    public bool TryGet(string name, out JsonElement value, out string path)
    {
        if (HasProperties && Properties.TryGetProperty(name, out value) && value.ValueKind != JsonValueKind.Null)
        {
            path = JsonPath.Property(PropertiesPath, name);
            return true;
        }

        if (Element.TryGetProperty(name, out value) && value.ValueKind != JsonValueKind.Null)
        {
            path = JsonPath.Property(Path, name);
            return true;
        }

        path = JsonPath.Property(PropertiesPath, name);
        return false;
    }

    /// <summary>The object that holds a field (<c>properties</c> or the entry itself) and its path.</summary>
    public (JsonElement Parent, string Path) HolderOf(string name) =>
        HasProperties && Properties.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null ? (Properties, PropertiesPath) : (Element, Path);

    public bool Has(string name) => TryGet(name, out _, out _);

    public string? Text(string name) => TryGet(name, out var value, out _) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
