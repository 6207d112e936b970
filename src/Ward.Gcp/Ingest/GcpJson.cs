using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Text.Json;
using Ward.Core.Diagnostics;
using Ward.Core.Model;
using Ward.Gcp.Iam;
using Ward.Gcp.Policy.Conditions;

namespace Ward.Gcp.Ingest;

/// <summary>
/// Typed accessors over export entries that report wrong shapes at their JSON path instead of throwing. In a
/// newline-delimited export every location also carries the line of the entry.
/// </summary>
internal sealed class GcpJson(string file, DiagnosticBag diagnostics, int? line = null, ConcurrentDictionary<string, Member>? members = null)
{
    public string File { get; } = file;

    /// <summary>A binding member, parsed once per text for the load when the load keeps them (<see cref="ReadEntries.Members"/>).</summary>
    /// <remarks>Files are read side by side: the first copy added is the one every reader gets.</remarks>
    public Member MemberOf(string text) => members?.GetOrAdd(text, Member.Parse) ?? Member.Parse(text);

    public DiagnosticBag Diagnostics { get; } = diagnostics;

    public SourceLocation At(string path) => new(File, path, line);

    public void Report(string code, DiagnosticSeverity severity, string message, string path) => Diagnostics.Add(code, severity, message, At(path));

    /// <summary>
    /// A warning, at its <c>expression</c>, when a condition's text is not CEL Ward can parse: the condition is kept,
    /// and every decision it could change is left undecided (with the parse error in its explanation).
    /// </summary>
    public void CheckCondition(string? expression, string conditionPath, string whose)
    {
        if (!string.IsNullOrWhiteSpace(expression) && IamCondition.Parse(expression).ParseError is { } error)
        {
            Report(GcpDiagnosticCodes.UnparsableCondition, DiagnosticSeverity.Warning, $"the condition of {whose} cannot be parsed: {error}; it is kept, and the decisions it could change are left undecided", JsonPath.Property(conditionPath, "expression"));
        }
    }

    public static string Describe(JsonValueKind kind) => JsonValues.Describe(kind);

    public string? String(GcpEntry entry, string name, string? requiredBy = null)
    {
        if (!entry.TryGet(name, out var value, out var path))
        {
            if (requiredBy is not null)
            {
                Report(GcpDiagnosticCodes.MissingField, DiagnosticSeverity.Error, $"{requiredBy} without `{name}`; skipped", entry.Path);
            }

            return null;
        }

        if (value.ValueKind != JsonValueKind.String)
        {
            Report(GcpDiagnosticCodes.WrongShape, DiagnosticSeverity.Error, $"`{name}` must be a string, found {Describe(value.ValueKind)}{(requiredBy is null ? string.Empty : "; skipped")}", path);
            return null;
        }

        string? text;
        try
        {
            text = value.GetString();
        }
        catch (InvalidOperationException)
        {
            Report(GcpDiagnosticCodes.WrongShape, DiagnosticSeverity.Error, $"`{name}` holds an invalid string escape (a lone surrogate)", path);
            return null;
        }

        if (requiredBy is not null && string.IsNullOrWhiteSpace(text))
        {
            Report(GcpDiagnosticCodes.MissingField, DiagnosticSeverity.Error, $"{requiredBy} with an empty `{name}`; skipped", path);
            return null;
        }

        return text;
    }

    /// <summary>A string or a number (Google writes 64-bit numbers as strings, but some outputs write them as numbers).</summary>
    public string? Identifier(GcpEntry entry, string name)
    {
        if (entry.TryGet(name, out var value, out _) && value.ValueKind == JsonValueKind.Number)
        {
            return value.GetRawText();
        }

        return String(entry, name);
    }

    public bool Boolean(GcpEntry entry, string name)
    {
        if (!entry.TryGet(name, out var value, out var path))
        {
            return false;
        }

        if (value.ValueKind is JsonValueKind.True or JsonValueKind.False)
        {
            return value.ValueKind == JsonValueKind.True;
        }

        Report(GcpDiagnosticCodes.WrongShape, DiagnosticSeverity.Error, $"`{name}` must be true or false, found {Describe(value.ValueKind)}; read as false", path);
        return false;
    }

    public int? Integer(GcpEntry entry, string name)
    {
        if (!entry.TryGet(name, out var value, out var path))
        {
            return null;
        }

        if (value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var number))
        {
            return number;
        }

        Report(GcpDiagnosticCodes.WrongShape, DiagnosticSeverity.Warning, $"`{name}` must be an integer, found {Describe(value.ValueKind)}; ignored", path);
        return null;
    }

    public DateTimeOffset? Date(GcpEntry entry, string name)
    {
        var text = String(entry, name);
        if (text is null)
        {
            return null;
        }

        if (IsoTimestamp.TryParse(text, out var date))
        {
            return date;
        }

        entry.TryGet(name, out _, out var path);
        Report(GcpDiagnosticCodes.WrongShape, DiagnosticSeverity.Warning, $"`{name}` is not an ISO 8601 timestamp: `{text}`; read as unknown", path);
        return null;
    }

    /// <summary>A list of strings; other kinds of items are reported and skipped.</summary>
    public ImmutableArray<string> Strings(GcpEntry entry, string name)
    {
        if (!entry.TryGet(name, out var value, out var path))
        {
            return [];
        }

        if (value.ValueKind != JsonValueKind.Array)
        {
            Report(GcpDiagnosticCodes.WrongShape, DiagnosticSeverity.Error, $"`{name}` must be an array of strings, found {Describe(value.ValueKind)}; read as empty", path);
            return [];
        }

        return JsonValues.StringItems(value, path, (item, itemPath) => Report(GcpDiagnosticCodes.WrongShape, DiagnosticSeverity.Error, $"expected a string, found {Describe(item.ValueKind)}; skipped", itemPath));
    }

    /// <summary>The objects of an array field; other kinds of items are reported and skipped.</summary>
    public IEnumerable<GcpEntry> Objects(GcpEntry entry, string name)
    {
        if (!entry.TryGet(name, out var value, out var path))
        {
            yield break;
        }

        if (value.ValueKind != JsonValueKind.Array)
        {
            Report(GcpDiagnosticCodes.WrongShape, DiagnosticSeverity.Error, $"`{name}` must be an array, found {Describe(value.ValueKind)}; its contents were skipped", path);
            yield break;
        }

        var index = 0;
        foreach (var item in value.EnumerateArray())
        {
            var itemPath = JsonPath.Index(path, index++);
            if (item.ValueKind != JsonValueKind.Object)
            {
                Report(GcpDiagnosticCodes.WrongShape, DiagnosticSeverity.Error, $"expected an object, found {Describe(item.ValueKind)}; skipped", itemPath);
                continue;
            }

            yield return new GcpEntry(item, itemPath);
        }
    }

    /// <summary>An object field; another kind is reported.</summary>
    public GcpEntry? Object(GcpEntry entry, string name)
    {
        if (!entry.TryGet(name, out var value, out var path))
        {
            return null;
        }

        if (value.ValueKind == JsonValueKind.Object)
        {
            return new GcpEntry(value, path);
        }

        Report(GcpDiagnosticCodes.WrongShape, DiagnosticSeverity.Error, $"`{name}` must be an object, found {Describe(value.ValueKind)}; ignored", path);
        return null;
    }
}
