using System.Text.Json;
using Ward.Core.Diagnostics;

namespace Ward.Microsoft.Azure.Ingest;

/// <summary>
/// One entry of an export, in either form: the az CLI's flat object, or the ARM REST resource whose fields sit
/// under <c>properties</c> (next to <c>id</c>, <c>name</c> and <c>type</c>).
/// </summary>
internal readonly record struct ArmItem(JsonElement Element, string Path)
{
    // Looked up once: every field read asks for it.
    private readonly JsonElement? _properties = Element.ValueKind == JsonValueKind.Object && Element.TryGetProperty("properties", out var properties) && properties.ValueKind == JsonValueKind.Object ? properties : null;

    public bool HasProperties => _properties is not null;

    public JsonElement Properties => _properties ?? Element;

    public string PropertiesPath => HasProperties ? JsonPath.Property(Path, "properties") : Path;

    /// <summary>A field of the entry: under <c>properties</c> first, then at the top (where <c>id</c>, <c>name</c>, <c>type</c> are).</summary>
    public bool TryGet(string name, out JsonElement value, out string path)
    {
        var found = TryGet(name, out value);
        path = PathOf(name);
        return found;
    }

    /// <summary>As <see cref="TryGet(string, out JsonElement, out string)"/>, without the path (made only for a diagnostic).</summary>
    public bool TryGet(string name, out JsonElement value)
    {
        if (_properties is { } properties && properties.TryGetProperty(name, out value) && value.ValueKind != JsonValueKind.Null)
        {
            return true;
        }

        return Element.TryGetProperty(name, out value) && value.ValueKind != JsonValueKind.Null;
    }

    /// <summary>The JSON path of a field: where it is, else where it belongs (under <c>properties</c> in the REST form).</summary>
    public string PathOf(string name) =>
        _properties is { } properties && properties.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null ? JsonPath.Property(PropertiesPath, name)
        : Element.TryGetProperty(name, out value) && value.ValueKind != JsonValueKind.Null ? JsonPath.Property(Path, name)
        : JsonPath.Property(PropertiesPath, name);

    /// <summary>The object that holds a field (<c>properties</c> or the entry itself) and its path.</summary>
    public (JsonElement Parent, string Path) HolderOf(string name) =>
        HasProperties && Properties.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null ? (Properties, PropertiesPath) : (Element, Path);

    public bool Has(string name) => TryGet(name, out _);

    public string? Text(string name) => TryGet(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
