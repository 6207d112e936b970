using System.Collections.Frozen;
using System.Collections.Immutable;
using System.Text.Json;
using Ward.Core.Diagnostics;
using Ward.Core.Model;
using Ward.Microsoft.Azure.Rbac;

namespace Ward.Microsoft.Azure.Ingest;

/// <summary>Typed accessors over export entries that report wrong shapes at their JSON path instead of throwing.</summary>
internal sealed class ArmJson(string file, DiagnosticBag diagnostics)
{
    private readonly HashSet<string> _reportedUnknownFields = new(StringComparer.Ordinal);

    public string File { get; } = file;

    public DiagnosticBag Diagnostics { get; } = diagnostics;

    public SourceLocation At(string path) => new(File, path);

    public void Report(string code, DiagnosticSeverity severity, string message, string path) => Diagnostics.Add(code, severity, message, At(path));

    public static string Describe(JsonValueKind kind) => JsonValues.Describe(kind);

    public string? String(ArmItem item, string name, bool required = false)
    {
        if (!item.TryGet(name, out var value))
        {
            if (required)
            {
                Report(AzureDiagnosticCodes.MissingField, DiagnosticSeverity.Error, $"required field `{name}` is missing; the entry was skipped", item.Path);
            }

            return null;
        }

        if (value.ValueKind != JsonValueKind.String)
        {
            Report(AzureDiagnosticCodes.WrongShape, DiagnosticSeverity.Error, $"`{name}` must be a string, found {Describe(value.ValueKind)}", item.PathOf(name));
            return null;
        }

        try
        {
            var text = value.GetString();
            if (required && string.IsNullOrWhiteSpace(text))
            {
                Report(AzureDiagnosticCodes.MissingField, DiagnosticSeverity.Error, $"required field `{name}` is empty; the entry was skipped", item.PathOf(name));
                return null;
            }

            return text;
        }
        catch (InvalidOperationException)
        {
            Report(AzureDiagnosticCodes.WrongShape, DiagnosticSeverity.Error, $"`{name}` holds an invalid string escape (a lone surrogate)", item.PathOf(name));
            return null;
        }
    }

    public bool Boolean(ArmItem item, string name)
    {
        if (!item.TryGet(name, out var value))
        {
            return false;
        }

        if (value.ValueKind is JsonValueKind.True or JsonValueKind.False)
        {
            return value.ValueKind == JsonValueKind.True;
        }

        Report(AzureDiagnosticCodes.WrongShape, DiagnosticSeverity.Error, $"`{name}` must be true or false, found {Describe(value.ValueKind)}; read as false", item.PathOf(name));
        return false;
    }

    public DateTimeOffset? Date(ArmItem item, string name)
    {
        var text = String(item, name);
        if (text is null)
        {
            return null;
        }

        if (IsoTimestamp.TryParse(text, out var date))
        {
            return date;
        }

        Report(AzureDiagnosticCodes.WrongShape, DiagnosticSeverity.Warning, $"`{name}` is not an ISO 8601 timestamp: `{text}`", item.PathOf(name));
        return null;
    }

    /// <summary>A list of strings; null entries are skipped silently (the az CLI writes none), other kinds are reported.</summary>
    public ImmutableArray<string> Strings(JsonElement parent, string name, string parentPath)
    {
        if (!parent.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return [];
        }

        var path = JsonPath.Property(parentPath, name);
        if (value.ValueKind != JsonValueKind.Array)
        {
            Report(AzureDiagnosticCodes.WrongShape, DiagnosticSeverity.Error, $"`{name}` must be an array of strings, found {Describe(value.ValueKind)}; it was read as empty", path);
            return [];
        }

        return JsonValues.StringItems(value, path, (item, itemPath) => Report(AzureDiagnosticCodes.WrongShape, DiagnosticSeverity.Error, $"expected a string, found {Describe(item.ValueKind)}; skipped", itemPath));
    }

    public ImmutableArray<string> Strings(ArmItem item, string name)
    {
        var (parent, path) = item.HolderOf(name);
        return Strings(parent, name, path);
    }

    public IEnumerable<(JsonElement Item, string Path)> Objects(ArmItem item, string name)
    {
        var (parent, path) = item.HolderOf(name);
        return Objects(parent, name, path);
    }

    public IEnumerable<(JsonElement Item, string Path)> Objects(JsonElement parent, string name, string parentPath)
    {
        if (!parent.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            yield break;
        }

        var path = JsonPath.Property(parentPath, name);
        if (value.ValueKind != JsonValueKind.Array)
        {
            Report(AzureDiagnosticCodes.WrongShape, DiagnosticSeverity.Error, $"`{name}` must be an array, found {Describe(value.ValueKind)}; its contents were skipped", path);
            yield break;
        }

        var index = 0;
        foreach (var item in value.EnumerateArray())
        {
            var itemPath = JsonPath.Index(path, index++);
            if (item.ValueKind != JsonValueKind.Object)
            {
                Report(AzureDiagnosticCodes.WrongShape, DiagnosticSeverity.Error, $"expected an object, found {Describe(item.ValueKind)}; skipped", itemPath);
                continue;
            }

            yield return (item, itemPath);
        }
    }

    /// <summary>Reads a scope field; a malformed scope is reported (with why) and the entry skipped.</summary>
    public AzureScope? Scope(ArmItem item, string name, string entity)
    {
        var text = String(item, name, required: true);
        if (text is null)
        {
            return null;
        }

        if (AzureScope.TryParse(text, out var scope, out var problem))
        {
            return scope;
        }

        Report(AzureDiagnosticCodes.InvalidScope, DiagnosticSeverity.Error, $"{entity} skipped: {problem}", item.PathOf(name));
        return null;
    }

    public ImmutableArray<PermissionBlock> Permissions(ArmItem item, string entity)
    {
        if (!item.TryGet("permissions", out var value, out var path))
        {
            Report(AzureDiagnosticCodes.MissingField, DiagnosticSeverity.Error, $"{entity} has no `permissions`: it grants (or denies) nothing Ward can see", item.Path);
            return [];
        }

        var builder = ImmutableArray.CreateBuilder<PermissionBlock>();
        if (value.ValueKind != JsonValueKind.Array)
        {
            Report(AzureDiagnosticCodes.WrongShape, DiagnosticSeverity.Error, $"`permissions` must be an array, found {Describe(value.ValueKind)}", path);
            return [];
        }

        var index = 0;
        foreach (var block in value.EnumerateArray())
        {
            var blockPath = JsonPath.Index(path, index++);
            if (block.ValueKind != JsonValueKind.Object)
            {
                Report(AzureDiagnosticCodes.WrongShape, DiagnosticSeverity.Error, $"a permission block must be an object, found {Describe(block.ValueKind)}; skipped", blockPath);
                continue;
            }

            CheckFields(block, blockPath, "permission block", KnownFields.PermissionBlock);
            var blockItem = new ArmItem(block, blockPath);
            builder.Add(new PermissionBlock
            {
                Actions = Strings(block, "actions", blockPath),
                NotActions = Strings(block, "notActions", blockPath),
                DataActions = Strings(block, "dataActions", blockPath),
                NotDataActions = Strings(block, "notDataActions", blockPath),
                Condition = String(blockItem, "condition"),
                ConditionVersion = String(blockItem, "conditionVersion"),
            });
        }

        return builder.ToImmutable();
    }

    /// <summary>Warns once per file and entity kind about fields the reader does not know, so typos and new fields are seen.</summary>
    public void CheckFields(JsonElement element, string path, string entity, FrozenSet<string> known)
    {
        foreach (var property in element.EnumerateObject())
        {
            if (!JsonValues.IsKnownName(property, known) && _reportedUnknownFields.Add(entity + "." + property.Name))
            {
                Report(AzureDiagnosticCodes.UnknownField, DiagnosticSeverity.Warning, $"unknown field `{property.Name}` in {entity} (ignored; reported once per file)", JsonPath.Property(path, property.Name));
            }
        }
    }

    public void CheckFields(ArmItem item, string entity, FrozenSet<string> known)
    {
        CheckFields(item.Element, item.Path, entity, known);
        if (item.HasProperties)
        {
            CheckFields(item.Properties, item.PropertiesPath, entity, known);
        }
    }
}
