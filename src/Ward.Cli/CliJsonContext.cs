using System.Text.Json.Serialization;
using Ward.Cli.Commands;

namespace Ward.Cli;

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(SimulationResultLine))]
internal sealed partial class CliJsonContext : JsonSerializerContext;
