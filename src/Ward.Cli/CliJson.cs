using System.Text.Encodings.Web;
using System.Text.Json;
using Ward.Cli.Commands;
using Ward.Cli.Output;

namespace Ward.Cli;

/// <summary>JSON output settings: camelCase, nulls omitted, and no escaping of backticks or quotes in messages.</summary>
internal static class CliJson
{
    public static JsonSerializerOptions Options { get; } = new(CliJsonContext.Default.Options)
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>
    /// Writes an answer as one JSON object, with an <c>inputs</c> member saying what reading the inputs skipped and how
    /// many errors and warnings it found: a pipeline reading only standard output must not take an answer from a
    /// partial estate for a complete one.
    /// </summary>
    public static void WriteAnswer<T>(TextWriter writer, T answer, LoadedEstates estates)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(estates);
        var node = JsonSerializer.SerializeToNode(answer, Options.GetTypeInfo(typeof(T)))!.AsObject();
        node["inputs"] = JsonSerializer.SerializeToNode(estates.Inputs, Options.GetTypeInfo(typeof(InputsJson)));
        writer.WriteLine(node.ToJsonString(Options));
    }
}
