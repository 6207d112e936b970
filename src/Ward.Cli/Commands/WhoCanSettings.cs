using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Ward.Cli.Commands;

public sealed class WhoCanSettings : EstateSettings
{
    [CommandArgument(0, "<ACTION>")]
    [Description("The action, e.g. `s3:GetObject`.")]
    public string Action { get; init; } = string.Empty;

    [CommandArgument(1, "[RESOURCE]")]
    [Description("The resource ARN; `*` (default) for actions without resource-level permissions.")]
    public string Resource { get; init; } = "*";

    [CommandOption("--all")]
    [Description("Also list principals that are denied, with the deciding layer.")]
    public bool All { get; init; }

    public override ValidationResult Validate() =>
        !Action.Contains(':', StringComparison.Ordinal) ? ValidationResult.Error($"action `{Action}` is not of the form `service:Action`") : base.Validate();
}
