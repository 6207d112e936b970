using System.Text.Json;

namespace Ward.Core.Diagnostics;

/// <summary>
/// Where a document that does not parse went wrong. The parser says so itself (line, column, path) for broken syntax,
/// but not for a key written twice in one object, which the readers refuse (the last value would otherwise win
/// unseen): that place is found by reading the bytes again.
/// </summary>
public static class JsonErrorLocation
{
    public static SourceLocation Of(JsonException exception, ReadOnlySpan<byte> utf8, string file)
    {
        ArgumentNullException.ThrowIfNull(exception);
        if (exception.LineNumber is { } line)
        {
            return new SourceLocation(file, exception.Path, checked((int)line + 1), exception.BytePositionInLine is { } column ? checked((int)column + 1) : null);
        }

        if (FirstDuplicateKey(utf8) is not var (path, at))
        {
            return new SourceLocation(file, exception.Path);
        }

        var (keyLine, keyColumn) = LineAndColumn(utf8, at);
        return new SourceLocation(file, path, keyLine, keyColumn);
    }

    /// <summary>The JSON path of the first key that an object repeats (its second occurrence) and where it starts; null when none does.</summary>
    public static (string Path, long Offset)? FirstDuplicateKey(ReadOnlySpan<byte> utf8)
    {
        var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { MaxDepth = 256, CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });

        // For each open container: its path, the keys seen (objects) or the next index (arrays).
        var stack = new Stack<(string Path, HashSet<string>? Keys, int Next)>();
        string? property = null;
        try
        {
            while (reader.Read())
            {
                switch (reader.TokenType)
                {
                    case JsonTokenType.PropertyName:
                        var (parent, keys, _) = stack.Peek();
                        var name = reader.GetString()!;
                        property = JsonPath.Property(parent, name);
                        if (!keys!.Add(name))
                        {
                            return (property, reader.TokenStartIndex);
                        }

                        break;
                    case JsonTokenType.EndObject or JsonTokenType.EndArray:
                        stack.Pop();
                        break;
                    default:
                        var path = JsonPath.Root;
                        if (stack.Count > 0)
                        {
                            var (containerPath, containerKeys, next) = stack.Pop();
                            stack.Push((containerPath, containerKeys, containerKeys is null ? next + 1 : next));
                            path = containerKeys is null ? JsonPath.Index(containerPath, next) : property!;
                        }

                        if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
                        {
                            stack.Push((path, reader.TokenType == JsonTokenType.StartObject ? new HashSet<string>(StringComparer.Ordinal) : null, 0));
                        }

                        break;
                }
            }
        }
        catch (JsonException)
        {
            // Broken further on: the parser's own error says where.
        }

        return null;
    }

    private static (int Line, int Column) LineAndColumn(ReadOnlySpan<byte> utf8, long offset)
    {
        var before = utf8[..checked((int)offset)];
        var line = before.Count((byte)'\n') + 1;
        var lineStart = before.LastIndexOf((byte)'\n') + 1;
        return (line, checked((int)offset) - lineStart + 1);
    }
}
