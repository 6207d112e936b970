using System.Collections.Concurrent;
using System.Text.Json;

namespace Ward.Gcp.Ingest;

/// <summary>
/// One JSON object of an export and its path. Field names are looked up as written (camelCase, the API's JSON) and
/// then in snake_case, the form <c>gcloud asset export</c> writes to Cloud Storage, so one reader serves both.
/// </summary>
internal readonly record struct GcpEntry(JsonElement Element, string Path)
{
    // Readers ask for a few dozen field names, millions of times on a large organization.
    private static readonly ConcurrentDictionary<string, string> SnakeNames = new(StringComparer.Ordinal);

    public bool TryGet(string camelName, out JsonElement value, out string path)
    {
        if (Element.ValueKind == JsonValueKind.Object)
        {
            if (Element.TryGetProperty(camelName, out value) && value.ValueKind != JsonValueKind.Null)
            {
                path = Core.Diagnostics.JsonPath.Property(Path, camelName);
                return true;
            }

            var snake = SnakeNames.GetOrAdd(camelName, SnakeCase);
            if (!ReferenceEquals(snake, camelName) && Element.TryGetProperty(snake, out value) && value.ValueKind != JsonValueKind.Null)
            {
                path = Core.Diagnostics.JsonPath.Property(Path, snake);
                return true;
            }
        }

        value = default;
        path = Path;
        return false;
    }

    public bool Has(string camelName) => TryGet(camelName, out _, out _);

    /// <summary>The string value of a field, or null when absent or not a string (for recognising entries; readers report wrong shapes).</summary>
    public string? Text(string camelName) => TryGet(camelName, out var value, out _) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    public GcpEntry? Child(string camelName) => TryGet(camelName, out var value, out var path) && value.ValueKind == JsonValueKind.Object ? new GcpEntry(value, path) : null;

    /// <summary><c>assetType</c> → <c>asset_type</c>.</summary>
    public static string SnakeCase(string camelName)
    {
        var builder = new System.Text.StringBuilder(camelName.Length + 4);
        foreach (var c in camelName)
        {
            if (char.IsAsciiLetterUpper(c))
            {
                builder.Append('_').Append(char.ToLowerInvariant(c));
            }
            else
            {
                builder.Append(c);
            }
        }

        return builder.Length == camelName.Length ? camelName : builder.ToString();
    }
}
