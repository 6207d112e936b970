using System.Text.Encodings.Web;
using System.Text.Json;

namespace Ward.Cli;

/// <summary>JSON output settings: camelCase, nulls omitted, and no escaping of backticks or quotes in messages.</summary>
internal static class CliJson
{
    public static JsonSerializerOptions Options { get; } = new(CliJsonContext.Default.Options)
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };
}
