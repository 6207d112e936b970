using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Ward.Cli.Commands;

public sealed class CanSettings : EstateSettings
{
    [CommandArgument(0, "<PRINCIPAL>")]
    [Description("Principal ARN, `user/NAME`, `role/NAME`, a unique name, an account id (root), or a service principal.")]
    public string Principal { get; init; } = string.Empty;

    [CommandArgument(1, "<ACTION>")]
    [Description("The action, e.g. `s3:GetObject`.")]
    public string Action { get; init; } = string.Empty;

    [CommandArgument(2, "[RESOURCE]")]
    [Description("The resource ARN; `*` (default) for actions without resource-level permissions.")]
    public string Resource { get; init; } = "*";

    public override ValidationResult Validate() =>
        !Action.Contains(':', StringComparison.Ordinal) ? ValidationResult.Error($"action `{Action}` is not of the form `service:Action`") : base.Validate();
}
