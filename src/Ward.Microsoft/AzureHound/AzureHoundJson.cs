using System.Buffers;
using System.Text.Json;

namespace Ward.Microsoft.AzureHound;

/// <summary>
/// Rewrites the payload of a record into the Graph or ARM object it embeds, so that the Graph and ARM readers read it
/// unchanged: ids lower-cased (current AzureHound upper-cases them; Entra ids are lower-case GUIDs, ARM ids are
/// case-insensitive) and the fields AzureHound adds at the top dropped. The structure is kept, so JSON paths into the
/// rewritten object are paths into the file.
/// </summary>
internal static class AzureHoundJson
{
    private static readonly JsonDocumentOptions Options = new() { MaxDepth = 128, AllowDuplicateProperties = false };

    /// <summary>
    /// The record's <paramref name="data"/> object without the top-level fields in <paramref name="drop"/> (those AzureHound
    /// added beside the embedded object); <paramref name="rewrite"/> rewrites an id after lower-casing (field name, value).
    /// </summary>
    public static JsonDocument Normalize(JsonElement data, IReadOnlySet<string> drop, Func<string, string, string>? rewrite = null)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            foreach (var property in data.EnumerateObject())
            {
                if (!drop.Contains(property.Name))
                {
                    writer.WritePropertyName(property.Name);
                    Write(writer, property.Name, property.Value, rewrite);
                }
            }

            writer.WriteEndObject();
        }

        return JsonDocument.Parse(buffer.WrittenMemory.ToArray(), Options);
    }

    /// <summary>Whether a field holds an id: <c>id</c>, <c>…Id</c> or <c>scope</c>.</summary>
    public static bool IsIdField(string name) => name is "id" or "scope" || (name.Length > 2 && name.EndsWith("Id", StringComparison.Ordinal));

    /// <summary>An id as Ward keeps it: GUIDs and ARM paths lower-cased, anything else (Graph's opaque assignment ids) as written.</summary>
    public static string NormalizeId(string value) =>
        value.StartsWith('/') || Guid.TryParseExact(value, "D", out _) ? value.ToLowerInvariant() : value;

    private static void Write(Utf8JsonWriter writer, string? name, JsonElement value, Func<string, string, string>? rewrite)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Object:
                writer.WriteStartObject();
                foreach (var property in value.EnumerateObject())
                {
                    writer.WritePropertyName(property.Name);
                    Write(writer, property.Name, property.Value, rewrite);
                }

                writer.WriteEndObject();
                break;
            case JsonValueKind.Array:
                writer.WriteStartArray();
                foreach (var item in value.EnumerateArray())
                {
                    Write(writer, null, item, rewrite);
                }

                writer.WriteEndArray();
                break;
            case JsonValueKind.String when name is not null && IsIdField(name):
                var id = NormalizeId(value.GetString()!);
                writer.WriteStringValue(rewrite is null ? id : rewrite(name, id));
                break;
            default:
                value.WriteTo(writer);
                break;
        }
    }
}
