using System.Collections.Immutable;
using System.Text.Json;
using Ward.Core.Diagnostics;

namespace Ward.Microsoft.AzureHound;

/// <summary>
/// Tells AzureHound output from other JSON: the file envelope <c>{"data": [...], "meta": {"type": "azure"}}</c>, a
/// single <c>{"kind", "data"}</c> record, or JSON Lines of such records (what AzureHound prints without <c>-o</c>).
/// </summary>
internal static class AzureHoundFormat
{
    /// <summary>The records of a parsed file with their JSON paths, or null when the file is not AzureHound output.</summary>
    public static ImmutableArray<(JsonElement Record, string Path)>? Records(JsonElement root)
    {
        if (root.ValueKind == JsonValueKind.Object)
        {
            if (root.TryGetProperty("data", out var data) && data.ValueKind == JsonValueKind.Array)
            {
                var azureMeta = root.TryGetProperty("meta", out var meta) && meta.ValueKind == JsonValueKind.Object
                    && meta.TryGetProperty("type", out var type) && type.ValueKind == JsonValueKind.String && type.ValueEquals("azure");
                if (!azureMeta && !data.EnumerateArray().Take(3).Any(IsRecord))
                {
                    return null;
                }

                return [.. data.EnumerateArray().Select((record, i) => (record, JsonPath.Index("$.data", i)))];
            }

            return IsRecord(root) ? [(root, JsonPath.Root)] : null;
        }

        // JSON Lines, turned into an array by ToArray.
        if (root.ValueKind == JsonValueKind.Array && root.GetArrayLength() > 0 && IsRecord(root[0]))
        {
            return [.. root.EnumerateArray().Select((record, i) => (record, JsonPath.Index(JsonPath.Root, i)))];
        }

        return null;
    }

    /// <summary>Problems of the envelope's <c>meta</c>: AzureHound always writes <c>type</c> <c>azure</c>, <c>version</c> 5 and the record count.</summary>
    public static IEnumerable<(string Message, string Path)> MetaProblems(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("data", out var data) || data.ValueKind != JsonValueKind.Array)
        {
            yield break;
        }

        if (!root.TryGetProperty("meta", out var meta) || meta.ValueKind != JsonValueKind.Object)
        {
            yield return ("the envelope has no `meta` object; read as AzureHound output because its records have `kind` and `data`", JsonPath.Root);
            yield break;
        }

        if (meta.TryGetProperty("version", out var version) && !(version.ValueKind == JsonValueKind.Number && version.TryGetInt32(out var v) && v == 5))
        {
            yield return ($"`meta.version` is `{version.GetRawText()}`, not 5 (the only version AzureHound writes); read as version 5", "$.meta.version");
        }

        if (meta.TryGetProperty("count", out var count) && count.ValueKind == JsonValueKind.Number && count.TryGetInt32(out var n) && n != data.GetArrayLength())
        {
            yield return ($"`meta.count` says {n} records but `data` holds {data.GetArrayLength()}: the file may be truncated or edited", "$.meta.count");
        }
    }

    /// <summary>
    /// JSON Lines of AzureHound records as one JSON array with the same line numbers (a <c>[</c> before the first value,
    /// a comma after each value, a <c>]</c> after the last), so that JSON paths and lines stay exact. Null when the bytes
    /// are not such a stream. A value that does not parse ends the stream: its line is returned with the records before it.
    /// </summary>
    public static (byte[] Array, int? BadLine)? JsonLines(ReadOnlyMemory<byte> utf8)
    {
        var span = utf8.Span;
        var ends = new List<int>();
        int? badLine = null;
        var reader = new Utf8JsonReader(span, new JsonReaderOptions { AllowMultipleValues = true, MaxDepth = 128 });
        try
        {
            while (reader.Read())
            {
                if (ends.Count == 0)
                {
                    using var first = JsonDocument.ParseValue(ref reader);
                    if (!IsRecord(first.RootElement))
                    {
                        return null;
                    }
                }
                else
                {
                    reader.Skip();
                }

                ends.Add(checked((int)reader.BytesConsumed));
            }
        }
        catch (JsonException exception)
        {
            if (ends.Count == 0)
            {
                return null;
            }

            badLine = exception.LineNumber is { } line ? checked((int)line + 1) : null;
        }

        if (ends.Count < 2 && badLine is null)
        {
            return null;
        }

        var buffer = new List<byte>(span.Length + ends.Count + 2) { (byte)'[' };
        var start = 0;
        for (var i = 0; i < ends.Count; i++)
        {
            buffer.AddRange(span[start..ends[i]]);
            buffer.Add(i == ends.Count - 1 ? (byte)']' : (byte)',');
            start = ends[i];
        }

        return ([.. buffer], badLine);
    }

    private static bool IsRecord(JsonElement element) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty("kind", out var kind) && kind.ValueKind == JsonValueKind.String
        && element.TryGetProperty("data", out _);
}
