using System.Text.Json.Serialization;
using Ward.Cli.Commands;
using Ward.Cli.Output;

namespace Ward.Cli;

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(SimulationResultLine))]
[JsonSerializable(typeof(CanJson))]
[JsonSerializable(typeof(WhoCanJson))]
[JsonSerializable(typeof(WhatCanJson))]
[JsonSerializable(typeof(AzureWhatCanJson))]
[JsonSerializable(typeof(GcpWhatCanJson))]
[JsonSerializable(typeof(EntraWhatCanJson))]
[JsonSerializable(typeof(InputsJson))]
internal sealed partial class CliJsonContext : JsonSerializerContext;
