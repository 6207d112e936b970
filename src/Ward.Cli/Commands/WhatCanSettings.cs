using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;
using Ward.Aws.Catalog;

namespace Ward.Cli.Commands;

public sealed class WhatCanSettings : EstateSettings
{
    [CommandArgument(0, "<PRINCIPAL>")]
    [Description("AWS: a principal ARN, `user/NAME`, `role/NAME`, or a unique name. Azure: an Entra object id or user principal name. Entra ID (without Azure exports): a service principal's display name, application id or object id, or a user principal name, for its API permissions.")]
    public string Principal { get; init; } = string.Empty;

    [CommandOption("--service <PREFIX>")]
    [Description("Only this service, e.g. `s3`.")]
    public string? Service { get; init; }

    [CommandOption("--access-level <LEVEL>")]
    [Description("Only this access level: list, read, write, permissions-management, tagging.")]
    public string? AccessLevel { get; init; }

    [CommandOption("--expand")]
    [Description("List every action (AWS), or every pattern per scope (Azure), not only counts.")]
    public bool Expand { get; init; }

    public AccessLevel? Level => AccessLevel is not null && AccessLevels.TryParse(AccessLevel, out var level) ? level : null;

    public override ValidationResult Validate()
    {
        if (AccessLevel is not null && !AccessLevels.TryParse(AccessLevel, out _))
        {
            return ValidationResult.Error($"unknown access level `{AccessLevel}`; use list, read, write, permissions-management or tagging");
        }

        if (Service is not null && !AwsActionCatalog.Default.IsKnownService(Service))
        {
            return ValidationResult.Error($"unknown service prefix `{Service}`");
        }

        return base.Validate();
    }
}
