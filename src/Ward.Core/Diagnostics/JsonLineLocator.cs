using System.Text.Json;

namespace Ward.Core.Diagnostics;

/// <summary>
/// Finds the line and column of JSON paths in a UTF-8 document, in one forward pass. Used only when a file has
/// diagnostics, so reading stays fast; a path that goes inside an embedded document (a policy given as a string)
/// resolves to the string that holds it.
/// </summary>
public static class JsonLineLocator
{
    public static IReadOnlyDictionary<string, (int Line, int Column)> Locate(ReadOnlyMemory<byte> utf8, IReadOnlyCollection<string> paths)
    {
        var found = new Dictionary<string, (int Line, int Column)>(StringComparer.Ordinal);
        if (paths.Count == 0)
        {
            return found;
        }

        var prefixes = new HashSet<string>(StringComparer.Ordinal);
        foreach (var path in paths)
        {
            foreach (var prefix in Prefixes(path))
            {
                prefixes.Add(prefix);
            }
        }

        var positions = new Dictionary<string, long>(StringComparer.Ordinal);
        try
        {
            Walk(utf8.Span, prefixes, positions);
        }
        catch (JsonException)
        {
            // A truncated document: keep what was found before the break.
        }

        var lineStarts = LineStarts(utf8.Span);
        foreach (var path in paths)
        {
            // The deepest prefix that exists in the file.
            foreach (var prefix in Prefixes(path).Reverse())
            {
                if (positions.TryGetValue(prefix, out var offset))
                {
                    var line = lineStarts.BinarySearch(offset);
                    line = line >= 0 ? line : ~line - 1;
                    found[path] = (line + 1, checked((int)(offset - lineStarts[line])) + 1);
                    break;
                }
            }
        }

        return found;
    }

    /// <summary>Adds line and column to the diagnostics of one file that have a JSON path but no line.</summary>
    public static IEnumerable<Diagnostic> WithLines(IReadOnlyList<Diagnostic> diagnostics, ReadOnlyMemory<byte> utf8)
    {
        var wanted = diagnostics.Where(d => d.Location.Line is null && d.Location.JsonPath is not null).Select(d => d.Location.JsonPath!).Distinct(StringComparer.Ordinal).ToList();
        var lines = Locate(utf8, wanted);
        return diagnostics.Select(d => d.Location.Line is null && d.Location.JsonPath is { } path && lines.TryGetValue(path, out var at)
            ? d with { Location = d.Location.WithLine(at.Line, at.Column) }
            : d);
    }

    private static void Walk(ReadOnlySpan<byte> utf8, HashSet<string> prefixes, Dictionary<string, long> positions)
    {
        var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { MaxDepth = 256, CommentHandling = JsonCommentHandling.Skip });

        // For each open container: its path (null when no wanted path lies inside) and, for arrays, the next index.
        var stack = new Stack<(string? Path, bool IsArray, int Next)>();
        string? property = null;
        while (reader.Read())
        {
            switch (reader.TokenType)
            {
                case JsonTokenType.PropertyName:
                    var parent = stack.Peek().Path;
                    property = parent is null ? null : JsonPath.Property(parent, reader.GetString()!);
                    if (property is not null && !prefixes.Contains(property))
                    {
                        property = null;
                    }
                    else if (property is not null)
                    {
                        positions.TryAdd(property, reader.TokenStartIndex);
                    }

                    break;
                case JsonTokenType.EndObject or JsonTokenType.EndArray:
                    stack.Pop();
                    break;
                default:
                    var path = ValuePath(stack, property);
                    if (path is not null && !prefixes.Contains(path))
                    {
                        path = null;
                    }

                    if (path is not null)
                    {
                        positions.TryAdd(path, reader.TokenStartIndex);
                    }

                    if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
                    {
                        stack.Push((path, reader.TokenType == JsonTokenType.StartArray, 0));
                    }

                    break;
            }
        }
    }

    private static string? ValuePath(Stack<(string? Path, bool IsArray, int Next)> stack, string? property)
    {
        if (stack.Count == 0)
        {
            return JsonPath.Root;
        }

        var (parentPath, isArray, next) = stack.Pop();
        stack.Push((parentPath, isArray, isArray ? next + 1 : next));
        if (!isArray)
        {
            return property;
        }

        return parentPath is null ? null : JsonPath.Index(parentPath, next);
    }

    private static IEnumerable<string> Prefixes(string path)
    {
        // `$.a.b[2]['c d']` → `$`, `$.a`, `$.a.b`, `$.a.b[2]`, `$.a.b[2]['c d']`.
        yield return JsonPath.Root;
        var quoted = false;
        for (var i = 1; i < path.Length; i++)
        {
            var c = path[i];
            if (c == '\'' && path[i - 1] != '\\')
            {
                quoted = !quoted;
            }

            if (!quoted && (c == '.' || c == '[') && i > 1)
            {
                yield return path[..i];
            }
        }

        if (path.Length > 1)
        {
            yield return path;
        }
    }

    private static List<long> LineStarts(ReadOnlySpan<byte> utf8)
    {
        var starts = new List<long> { 0 };
        var offset = 0;
        while (true)
        {
            var next = utf8[offset..].IndexOf((byte)'\n');
            if (next < 0)
            {
                return starts;
            }

            offset += next + 1;
            starts.Add(offset);
        }
    }
}
