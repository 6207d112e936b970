using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Ward.Cli.Commands;

public sealed class AwsSimulateSettings : CommandSettings
{
    [CommandOption("--cases <FILE>")]
    [Description("JSONL file of cases in the neutral format (docs/formats/aws-simulation-cases.md); `-` reads standard input.")]
    public string Cases { get; init; } = string.Empty;

    [CommandOption("-o|--output <FILE>")]
    [Description("Write the result lines to FILE instead of standard output.")]
    public string? Output { get; init; }

    [CommandOption("--summary")]
    [Description("Print agreement with each case's `expected` decision to standard error.")]
    public bool Summary { get; init; }

    public override ValidationResult Validate() =>
        string.IsNullOrWhiteSpace(Cases) ? ValidationResult.Error("--cases <FILE> is required") : ValidationResult.Success();
}
