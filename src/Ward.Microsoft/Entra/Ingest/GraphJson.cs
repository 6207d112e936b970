using System.Collections.Frozen;
using System.Collections.Immutable;
using System.Text.Json;
using Ward.Core.Diagnostics;
using Ward.Core.Model;

namespace Ward.Microsoft.Entra.Ingest;

/// <summary>Typed accessors over the objects of one Graph response file that report wrong shapes instead of throwing.</summary>
internal sealed class GraphJson(string file, DiagnosticBag diagnostics)
{
    // Unknown fields by object kind, reported once per file when the file is done.
    private readonly SortedDictionary<string, (string Path, SortedSet<string> Names)> _unknownFields = new(StringComparer.Ordinal);

    public string File { get; } = file;

    public SourceLocation At(string path) => new(File, path);

    public void Report(string code, DiagnosticSeverity severity, string message, string path) =>
        diagnostics.Add(code, severity, message, At(path));

    public static string Describe(JsonValueKind kind) => JsonValues.Describe(kind);

    public IEnumerable<(JsonElement Item, string Path)> Objects(JsonElement parent, string name, string parentPath)
    {
        if (!parent.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            yield break;
        }

        var path = JsonPath.Property(parentPath, name);
        if (value.ValueKind != JsonValueKind.Array)
        {
            Report(EntraDiagnosticCodes.WrongShape, DiagnosticSeverity.Error, $"`{name}` must be an array, found {Describe(value.ValueKind)}; it was skipped", path);
            yield break;
        }

        var index = 0;
        foreach (var item in value.EnumerateArray())
        {
            var itemPath = JsonPath.Index(path, index++);
            if (item.ValueKind != JsonValueKind.Object)
            {
                Report(EntraDiagnosticCodes.WrongShape, DiagnosticSeverity.Error, $"expected an object, found {Describe(item.ValueKind)}; skipped", itemPath);
                continue;
            }

            yield return (item, itemPath);
        }
    }

    /// <summary>A nested object; null when absent or null.</summary>
    public JsonElement? Object(JsonElement parent, string name, string parentPath)
    {
        if (!parent.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Object)
        {
            Report(EntraDiagnosticCodes.WrongShape, DiagnosticSeverity.Error, $"`{name}` must be an object, found {Describe(value.ValueKind)}; it was skipped", JsonPath.Property(parentPath, name));
            return null;
        }

        return value;
    }

    public string? String(JsonElement parent, string name, string parentPath, bool required = false)
    {
        if (!parent.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            if (required)
            {
                Report(EntraDiagnosticCodes.MissingField, DiagnosticSeverity.Error, $"required field `{name}` is missing; the entry was skipped", parentPath);
            }

            return null;
        }

        if (value.ValueKind != JsonValueKind.String)
        {
            Report(EntraDiagnosticCodes.WrongShape, DiagnosticSeverity.Error, $"`{name}` must be a string, found {Describe(value.ValueKind)}{(required ? "; the entry was skipped" : string.Empty)}", JsonPath.Property(parentPath, name));
            return null;
        }

        try
        {
            return value.GetString();
        }
        catch (InvalidOperationException)
        {
            Report(EntraDiagnosticCodes.WrongShape, DiagnosticSeverity.Error, $"`{name}` holds an invalid string escape (a lone surrogate)", JsonPath.Property(parentPath, name));
            return null;
        }
    }

    /// <summary>An object id: a GUID, returned in lower case; anything else is reported.</summary>
    public string? Id(JsonElement parent, string name, string parentPath, bool required = false)
    {
        var text = String(parent, name, parentPath, required);
        if (text is null)
        {
            return null;
        }

        if (Guid.TryParse(text, out var guid))
        {
            return guid.ToString("D");
        }

        Report(EntraDiagnosticCodes.InvalidValue, DiagnosticSeverity.Error, $"`{name}` is not an object id (a GUID): `{text}`{(required ? "; the entry was skipped" : string.Empty)}", JsonPath.Property(parentPath, name));
        return null;
    }

    public bool? Boolean(JsonElement parent, string name, string parentPath)
    {
        if (!parent.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind is JsonValueKind.True or JsonValueKind.False)
        {
            return value.GetBoolean();
        }

        Report(EntraDiagnosticCodes.WrongShape, DiagnosticSeverity.Warning, $"`{name}` must be true or false, found {Describe(value.ValueKind)}; taken as not given", JsonPath.Property(parentPath, name));
        return null;
    }

    public DateTimeOffset? Date(JsonElement parent, string name, string parentPath)
    {
        var text = String(parent, name, parentPath);
        if (text is null)
        {
            return null;
        }

        if (IsoTimestamp.TryParse(text, out var date))
        {
            return date;
        }

        Report(EntraDiagnosticCodes.InvalidValue, DiagnosticSeverity.Warning, $"`{name}` is not an ISO 8601 timestamp: `{text}`; taken as not given", JsonPath.Property(parentPath, name));
        return null;
    }

    public ImmutableArray<string> Strings(JsonElement parent, string name, string parentPath)
    {
        if (!parent.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return [];
        }

        var path = JsonPath.Property(parentPath, name);
        if (value.ValueKind != JsonValueKind.Array)
        {
            Report(EntraDiagnosticCodes.WrongShape, DiagnosticSeverity.Error, $"`{name}` must be an array of strings, found {Describe(value.ValueKind)}; taken as empty", path);
            return [];
        }

        return JsonValues.StringItems(value, path, (item, itemPath) => Report(EntraDiagnosticCodes.WrongShape, DiagnosticSeverity.Error, $"expected a string, found {Describe(item.ValueKind)}; skipped", itemPath));
    }

    /// <summary>Notes the fields of an object the reader does not know; annotations (<c>@odata.type</c>, <c>x@odata.type</c>) are not fields.</summary>
    public void CheckFields(JsonElement element, string path, string kind, FrozenSet<string> known)
    {
        foreach (var property in element.EnumerateObject())
        {
            if (JsonValues.IsKnownName(property, known) || property.Name.Contains('@', StringComparison.Ordinal))
            {
                continue;
            }

            if (!_unknownFields.TryGetValue(kind, out var entry))
            {
                entry = (JsonPath.Property(path, property.Name), new SortedSet<string>(StringComparer.Ordinal));
                _unknownFields[kind] = entry;
            }

            entry.Names.Add(property.Name);
        }
    }

    /// <summary>One info per object kind for the fields seen in this file that Ward does not read.</summary>
    public void ReportUnknownFields()
    {
        foreach (var (kind, (path, names)) in _unknownFields)
        {
            var listed = string.Join(", ", names.Take(8).Select(n => $"`{n}`"));
            var more = names.Count > 8 ? $" and {names.Count - 8} more" : string.Empty;
            Report(EntraDiagnosticCodes.UnknownField, DiagnosticSeverity.Info, $"fields Ward does not read in {kind}: {listed}{more} (ignored; reported once per file)", path);
        }

        _unknownFields.Clear();
    }
}
