using System.Collections.Immutable;
using System.Text.Json;
using Ward.Aws.Policy.Parsing;
using Ward.Core.Diagnostics;
using Ward.Core.Model;

namespace Ward.Aws.Ingest;

/// <summary>Small typed accessors over <see cref="JsonElement"/> that report wrong shapes instead of throwing.</summary>
internal sealed class JsonReading(string file, DiagnosticBag diagnostics)
{
    private readonly HashSet<string> _reportedUnknownFields = new(StringComparer.Ordinal);

    public string File { get; } = file;

    public DiagnosticBag Diagnostics { get; } = diagnostics;

    public SourceLocation At(string path) => new(File, path);

    public void Report(string code, DiagnosticSeverity severity, string message, string path) =>
        Diagnostics.Add(code, severity, message, At(path));

    /// <summary>
    /// The items of a list, each with its JSON path; none when the list is left out. A list that is <c>null</c> is read
    /// as empty with a warning: the AWS CLI writes an empty list as <c>[]</c>, so a null one was written by something
    /// else, and what it held is not known.
    /// </summary>
    public IEnumerable<(JsonElement Item, string Path)> Array(JsonElement parent, string name, string parentPath)
    {
        if (!parent.TryGetProperty(name, out var value))
        {
            yield break;
        }

        var path = JsonPath.Property(parentPath, name);
        if (value.ValueKind == JsonValueKind.Null)
        {
            Report(IngestDiagnosticCodes.WrongShape, DiagnosticSeverity.Warning, $"`{name}` is null where a list is expected (the AWS CLI writes an empty list as `[]`): read as empty, so anything it should hold is missing", path);
            yield break;
        }

        if (value.ValueKind != JsonValueKind.Array)
        {
            Report(IngestDiagnosticCodes.WrongShape, DiagnosticSeverity.Error, $"`{name}` must be an array, found {PolicyParser.Describe(value.ValueKind)}; its contents were skipped", path);
            yield break;
        }

        var index = 0;
        foreach (var item in value.EnumerateArray())
        {
            yield return (item, JsonPath.Index(path, index));
            index++;
        }
    }

    public IEnumerable<(JsonElement Item, string Path)> Objects(JsonElement parent, string name, string parentPath)
    {
        foreach (var (item, path) in Array(parent, name, parentPath))
        {
            if (item.ValueKind != JsonValueKind.Object)
            {
                Report(IngestDiagnosticCodes.WrongShape, DiagnosticSeverity.Error, $"expected an object, found {PolicyParser.Describe(item.ValueKind)}; skipped", path);
                continue;
            }

            yield return (item, path);
        }
    }

    public string? String(JsonElement parent, string name, string parentPath, bool required = false)
    {
        if (!parent.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            if (required)
            {
                Report(IngestDiagnosticCodes.MissingField, DiagnosticSeverity.Error, $"required field `{name}` is missing", parentPath);
            }

            return null;
        }

        if (value.ValueKind != JsonValueKind.String)
        {
            Report(IngestDiagnosticCodes.WrongShape, DiagnosticSeverity.Error, $"`{name}` must be a string, found {PolicyParser.Describe(value.ValueKind)}", JsonPath.Property(parentPath, name));
            return null;
        }

        try
        {
            return value.GetString();
        }
        catch (InvalidOperationException)
        {
            Report(IngestDiagnosticCodes.WrongShape, DiagnosticSeverity.Error, $"`{name}` holds an invalid string escape (a lone surrogate)", JsonPath.Property(parentPath, name));
            return null;
        }
    }

    public static bool Boolean(JsonElement parent, string name) =>
        parent.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.True;

    public static int Integer(JsonElement parent, string name) =>
        parent.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var number) ? number : 0;

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

        Report(IngestDiagnosticCodes.WrongShape, DiagnosticSeverity.Warning, $"`{name}` is not an ISO 8601 timestamp: `{text}`", JsonPath.Property(parentPath, name));
        return null;
    }

    public ImmutableArray<string> Strings(JsonElement parent, string name, string parentPath)
    {
        var builder = ImmutableArray.CreateBuilder<string>();
        foreach (var (item, path) in Array(parent, name, parentPath))
        {
            if (item.ValueKind == JsonValueKind.String)
            {
                builder.Add(item.GetString()!);
            }
            else
            {
                Report(IngestDiagnosticCodes.WrongShape, DiagnosticSeverity.Error, $"expected a string, found {PolicyParser.Describe(item.ValueKind)}", path);
            }
        }

        return builder.ToImmutable();
    }

    public ImmutableSortedDictionary<string, string> Tags(JsonElement parent, string parentPath)
    {
        var builder = ImmutableSortedDictionary.CreateBuilder<string, string>(StringComparer.Ordinal);
        foreach (var (tag, path) in Objects(parent, "Tags", parentPath))
        {
            if (String(tag, "Key", path, required: true) is { } key)
            {
                builder[key] = String(tag, "Value", path) ?? string.Empty;
            }
        }

        return builder.ToImmutable();
    }

    /// <summary>Warns once per file about each field the reader does not know (so typos and new fields are seen).</summary>
    public void CheckFields(JsonElement element, string path, string entity, IReadOnlySet<string> known)
    {
        foreach (var property in element.EnumerateObject())
        {
            if (!known.Contains(property.Name) && _reportedUnknownFields.Add(entity + "." + property.Name))
            {
                Report(IngestDiagnosticCodes.UnknownField, DiagnosticSeverity.Warning, $"unknown field `{property.Name}` in {entity} (ignored; reported once per file)", JsonPath.Property(path, property.Name));
            }
        }
    }
}
