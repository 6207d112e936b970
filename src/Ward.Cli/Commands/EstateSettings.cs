using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;
using Ward.Aws.Policy.Evaluation;
using Ward.Core.Inputs;
using Ward.Core.Model;

namespace Ward.Cli.Commands;

/// <summary>Options shared by the commands that read an estate.</summary>
public class EstateSettings : CommandSettings
{
    [CommandOption("-i|--input <PATH>")]
    [Description("An export file or a folder of exports (repeatable). Files are recognised by content.")]
    public string[] Inputs { get; init; } = [];

    [CommandOption("-c|--context <KEY=VALUE>")]
    [Description("Set or override a request context key (repeatable), e.g. `aws:MultiFactorAuthPresent=true`. Multivalued keys: `key=[[a,b]]`. Azure: an attribute conditions test, e.g. `@Resource[[Microsoft.Storage/storageAccounts/blobServices/containers:name]]=logs`.")]
    public string[] Context { get; init; } = [];

    [CommandOption("--as-of <TIMESTAMP>")]
    [Description("Reference time for date conditions (ISO 8601). Default: now.")]
    public string? AsOf { get; init; }

    [CommandOption("-f|--format <FORMAT>")]
    [Description("Output format: `table` (default) or `json`.")]
    [DefaultValue("table")]
    public string Format { get; init; } = "table";

    [CommandOption("--resource-policy <FILE>")]
    [Description("The resource's own policy (bucket, key, queue, topic, function, secret or trust policy) as a JSON file.")]
    public string? ResourcePolicy { get; init; }

    [CommandOption("--session-policy <FILE>")]
    [Description("A session policy passed when the role session was created, as a JSON file.")]
    public string? SessionPolicy { get; init; }

    [CommandOption("-v|--verbose")]
    [Description("List every input diagnostic, not only errors.")]
    public bool Verbose { get; init; }

    public bool Json => string.Equals(Format, "json", StringComparison.OrdinalIgnoreCase);

    public override ValidationResult Validate()
    {
        if (Inputs.Length == 0)
        {
            return ValidationResult.Error("give at least one export with -i|--input <PATH>");
        }

        if (Format is not ("table" or "json"))
        {
            return ValidationResult.Error($"unknown format `{Format}`; use `table` or `json`");
        }

        if (AsOf is not null && !IsoTimestamp.TryParse(AsOf, out _))
        {
            return ValidationResult.Error($"--as-of `{AsOf}` is not an ISO 8601 timestamp");
        }

        foreach (var file in new[] { ResourcePolicy, SessionPolicy }.OfType<string>())
        {
            if (!File.Exists(file))
            {
                return ValidationResult.Error($"policy file `{file}` does not exist");
            }

            // Opening a pipe nothing writes to would wait for ever.
            if (FileKind.NotRegular(file) is { } kind)
            {
                return ValidationResult.Error($"policy file `{file}` is {kind}, not a regular file: save the policy to a file and give that");
            }
        }

        foreach (var entry in Context)
        {
            if (!entry.Contains('=', StringComparison.Ordinal) || entry.StartsWith('='))
            {
                return ValidationResult.Error($"--context `{entry}` must be KEY=VALUE");
            }
        }

        return ValidationResult.Success();
    }

    public DateTimeOffset ReferenceTime(TimeProvider clock) =>
        AsOf is null ? clock.GetUtcNow() : IsoTimestamp.TryParse(AsOf, out var asOf) ? asOf : throw new InvalidOperationException("--as-of is checked before it is read");

    public IReadOnlyDictionary<string, ContextValue> ContextValues()
    {
        var values = new Dictionary<string, ContextValue>(StringComparer.OrdinalIgnoreCase);
        foreach (var entry in Context)
        {
            var separator = entry.IndexOf('=', StringComparison.Ordinal);
            var key = entry[..separator].Trim();
            var value = entry[(separator + 1)..];
            values[key] = value.StartsWith('[') && value.EndsWith(']')
                ? ContextValue.Of(value[1..^1].Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
                : ContextValue.Of(value);
        }

        return values;
    }
}
