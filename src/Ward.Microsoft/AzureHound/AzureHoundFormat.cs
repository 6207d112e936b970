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
            var azureMeta = HasAzureMeta(root);
            if (root.TryGetProperty("data", out var data) && data.ValueKind == JsonValueKind.Array)
            {
                if (!azureMeta && !data.EnumerateArray().Take(3).Any(IsRecord))
                {
                    return null;
                }

                return [.. data.EnumerateArray().Select((record, i) => (record, JsonPath.Index("$.data", i)))];
            }

            // AzureHound's envelope whose `data` is not a list: its own, with nothing to read (MetaProblems says why).
            return azureMeta ? [] : IsRecord(root) ? [(root, JsonPath.Root)] : null;
        }

        // JSON Lines, turned into an array by ToArray.
        if (root.ValueKind == JsonValueKind.Array && root.GetArrayLength() > 0 && IsRecord(root[0]))
        {
            return [.. root.EnumerateArray().Select((record, i) => (record, JsonPath.Index(JsonPath.Root, i)))];
        }

        return null;
    }

    private static bool HasAzureMeta(JsonElement root) =>
        root.TryGetProperty("meta", out var meta) && meta.ValueKind == JsonValueKind.Object
        && meta.TryGetProperty("type", out var type) && type.ValueKind == JsonValueKind.String && type.ValueEquals("azure");

    /// <summary>Problems of the envelope's <c>meta</c>: AzureHound always writes <c>type</c> <c>azure</c>, <c>version</c> 5 and the record count.</summary>
    public static IEnumerable<(string Message, string Path, DiagnosticSeverity Severity)> MetaProblems(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("data", out var data) || data.ValueKind != JsonValueKind.Array)
        {
            if (root.ValueKind == JsonValueKind.Object && HasAzureMeta(root))
            {
                yield return root.TryGetProperty("data", out var notList)
                    ? ($"`data` must be the list of AzureHound records, found {JsonValues.Describe(notList.ValueKind)}: nothing of this file was read", "$.data", DiagnosticSeverity.Error)
                    : ("the envelope has no `data` list of records: nothing of this file was read", JsonPath.Root, DiagnosticSeverity.Error);
            }

            yield break;
        }

        if (!root.TryGetProperty("meta", out var meta) || meta.ValueKind != JsonValueKind.Object)
        {
            yield return ("the envelope has no `meta` object; read as AzureHound output because its records have `kind` and `data`", JsonPath.Root, DiagnosticSeverity.Warning);
            yield break;
        }

        if (meta.TryGetProperty("version", out var version) && !(version.ValueKind == JsonValueKind.Number && version.TryGetInt32(out var v) && v == 5))
        {
            yield return ($"`meta.version` is `{version.GetRawText()}`, not 5 (the only version AzureHound writes); read as version 5", "$.meta.version", DiagnosticSeverity.Warning);
        }

        if (meta.TryGetProperty("count", out var count) && count.ValueKind == JsonValueKind.Number && count.TryGetInt32(out var n) && n != data.GetArrayLength())
        {
            yield return ($"`meta.count` says {n} records but `data` holds {data.GetArrayLength()}: the file may be truncated or edited", "$.meta.count", DiagnosticSeverity.Warning);
        }
    }

    /// <summary>
    /// JSON Lines of AzureHound records as one JSON array with the same line numbers (a <c>[</c> before the first value,
    /// a comma after each value, a <c>]</c> after the last), so that JSON paths and lines stay exact. Null when the bytes
    /// are not such a stream (the first value is not an AzureHound record, or the lines before it that do not parse are more than three or do not begin as a record does). A line that does not parse is left out
    /// (blanked, so the lines after it keep their numbers) and reading goes on at the next line: its number is returned.
    /// </summary>
    private const int LeadingBadLines = 3;

    public static (byte[] Array, ImmutableArray<int> BadLines)? JsonLines(ReadOnlyMemory<byte> utf8)
    {
        var span = utf8.Span;
        var values = new List<(int Start, int End)>();
        var badLines = ImmutableArray.CreateBuilder<int>();
        var options = new JsonReaderOptions { AllowMultipleValues = true, MaxDepth = 128 };
        var offset = 0;
        while (offset < span.Length)
        {
            var reader = new Utf8JsonReader(span[offset..], options);
            try
            {
                while (reader.Read())
                {
                    var start = offset + checked((int)reader.TokenStartIndex);
                    if (values.Count == 0)
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

                    values.Add((start, offset + checked((int)reader.BytesConsumed)));
                }

                break;
            }
            catch (JsonException)
            {
                // The value that failed starts at the first byte after the last good one: its line is left out, and
                // reading goes on at the next line (one record per line; a record cut short must not swallow the next).
                var from = values.Count == 0 ? offset : Math.Max(offset, values[^1].End);
                while (from < span.Length && span[from] is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n')
                {
                    from++;
                }

                // Before any record, a few lines that do not parse are left out like any other, if each begins as a
                // record does (a first record cut short must not lose the file); anything else (an envelope cut short,
                // `{"data": [`), and the bytes are not a stream of records at all.
                if (values.Count == 0 && (badLines.Count >= LeadingBadLines || !span[from..].StartsWith("{\"kind\""u8)))
                {
                    return null;
                }

                badLines.Add(LineOf(span, from));
                var newline = span[from..].IndexOf((byte)'\n');
                offset = newline < 0 ? span.Length : from + newline + 1;
            }
        }

        if (values.Count == 0 || (values.Count < 2 && badLines.Count == 0))
        {
            return null;
        }

        // What lies between values (whitespace, or a line left out) is kept only as line breaks.
        var buffer = new byte[span.Length + values.Count + 2];
        buffer[0] = (byte)'[';
        var length = 1;
        var cursor = 0;
        for (var i = 0; i < values.Count; i++)
        {
            foreach (var b in span[cursor..values[i].Start])
            {
                buffer[length++] = b is (byte)'\n' or (byte)'\r' ? b : (byte)' ';
            }

            span[values[i].Start..values[i].End].CopyTo(buffer.AsSpan(length));
            length += values[i].End - values[i].Start;
            buffer[length++] = i == values.Count - 1 ? (byte)']' : (byte)',';
            cursor = values[i].End;
        }

        return (buffer[..length], badLines.ToImmutable());
    }

    /// <summary>The 1-based line of a byte position.</summary>
    private static int LineOf(ReadOnlySpan<byte> utf8, int position) => utf8[..Math.Max(0, position)].Count((byte)'\n') + 1;

    private static bool IsRecord(JsonElement element) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty("kind", out var kind) && kind.ValueKind == JsonValueKind.String
        && element.TryGetProperty("data", out _);
}
