using Spectre.Console;
using Spectre.Console.Cli;
using Ward.Analysis;
using Ward.Aws.Ingest;
using Ward.Core.Diagnostics;
using Ward.Reporting.Console;
using Ward.Reporting.Json;

namespace Ward.Cli.Commands;

/// <summary><c>ward scan</c>: read every export, build the entitlement graph, run every analysis, report.</summary>
public sealed class ScanCommand(IAnsiConsole console, TimeProvider clock) : Command<ScanSettings>
{
    public override int Execute(CommandContext context, ScanSettings settings, CancellationToken cancellationToken)
    {
        var estate = AwsEstateLoader.Load(settings.AllInputs, cancellationToken);
        foreach (var diagnostic in estate.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).Take(50))
        {
            console.MarkupLineInterpolated($"[red]input error:[/] {diagnostic}");
        }

        foreach (var skipped in estate.Inputs.Where(i => i.Kind is Aws.Estate.InputKind.Unrecognized or Aws.Estate.InputKind.Unreadable))
        {
            console.MarkupLineInterpolated($"[grey]skipped {skipped.Path}: {skipped.Note}[/]");
        }

        if (estate.Accounts.IsEmpty)
        {
            console.MarkupLine("[red]error:[/] nothing usable was found in the inputs.");
            return ExitCodes.UsageOrUnusableInput;
        }

        ScanResult result = null!;
        console.Status().Start("Scanning", status =>
        {
            result = Scanner.Scan(estate, settings.ReferenceTime(clock), settings.AnalysisSettings, new Progress<string>(message => status.Status($"Scanning: {message}")), cancellationToken);
        });

        if (settings.Format == "json")
        {
            if (settings.Output is null)
            {
                using var stdout = Console.OpenStandardOutput();
                JsonReporter.Write(result, stdout);
                return ExitCode(result, settings);
            }

            using var file = File.Create(settings.Output);
            JsonReporter.Write(result, file);
            console.MarkupLineInterpolated($"wrote {settings.Output}");
        }

        ConsoleReporter.Write(result, console);
        return ExitCode(result, settings);
    }

    private static int ExitCode(ScanResult result, ScanSettings settings) =>
        settings.FailOnSeverity is { } threshold && result.Findings.Any(f => f.Severity >= threshold) ? ExitCodes.FindingsAtThreshold : ExitCodes.Ok;
}
