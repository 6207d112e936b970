using System.Globalization;
using System.Collections.Immutable;
using Spectre.Console;
using Spectre.Console.Cli;
using Ward.Analysis;
using Ward.Analysis.Suppressions;
using Ward.Core.Diagnostics;
using Ward.Reporting.Console;

namespace Ward.Cli.Commands;

/// <summary><c>ward scan</c>: read every export, build the entitlement graph, run every analysis, report.</summary>
public sealed class ScanCommand(IAnsiConsole console, StandardOutput standardOutput, TimeProvider clock) : Command<ScanSettings>
{
    public override int Execute(CommandContext context, ScanSettings settings, CancellationToken cancellationToken)
    {
        // A report on standard output is for a pipeline: every message goes to standard error meanwhile.
        var reports = settings.Reports;
        var toStandardOutput = reports is [(_, null)];
        var messages = toStandardOutput ? standardOutput.Messages : console;

        // A report that cannot be written is found out before the scan, not after it.
        foreach (var path in reports.Select(r => r.Path).OfType<string>())
        {
            if (CannotWrite(path) is { } why)
            {
                messages.MarkupLineInterpolated($"[red]error:[/] cannot write {path}: {why}");
                return ExitCodes.UsageOrUnusableInput;
            }
        }

        var reading = InputReading.Read(settings.AllInputs, cancellationToken);
        ShowDiagnostics(messages, reading, settings.Verbose);

        foreach (var (path, note) in reading.Skipped)
        {
            messages.MarkupLineInterpolated($"[grey]skipped {path}: {note}[/]");
        }

        var microsoft = reading.Estates.HasEntra || reading.Estates.HasAzure ? new MicrosoftInputs(reading.Estates.Entra, reading.Estates.Azure) : null;
        if (microsoft is not null || reading.Estates.HasGcp)
        {
            messages.MarkupLineInterpolated($"[grey]read {reading.Summary()}.[/]");
        }

        var estate = reading.Estates.Aws;
        var gcp = reading.Estates.HasGcp ? reading.Estates.Gcp : null;
        if (estate.Accounts.IsEmpty && microsoft is null && gcp is null)
        {
            // Files a reader took may still hold nothing to analyse alone (AzureHound resources without the directory).
            foreach (var input in reading.Taken)
            {
                messages.MarkupLineInterpolated($"[grey]read {input.Path} ({input.Provider} {input.Kind}): {input.Note}[/]");
            }

            messages.MarkupLine(reading.Taken.IsEmpty
                ? "[red]error:[/] nothing usable was found in the inputs."
                : "[red]error:[/] nothing usable was found in the inputs: the files read hold no principals, policies or role assignments to analyse (docs/formats/ describes each provider's exports).");
            return ExitCodes.UsageOrUnusableInput;
        }

        foreach (var target in settings.Targets.Where(t => !estate.Users.ContainsKey(t) && !estate.Roles.ContainsKey(t) && !estate.ResourcePolicies.ContainsKey(t)))
        {
            messages.MarkupLineInterpolated($"[red]error:[/] --target `{target}` is not a user or role of the exports, nor a resource of the resource policies export (give its full ARN, e.g. arn:aws:iam::111122223333:role/name or arn:aws:s3:::bucket).");
            return ExitCodes.UsageOrUnusableInput;
        }

        var suppressions = ImmutableArray<Suppression>.Empty;
        if (settings.Suppressions is { } suppressionsFile)
        {
            (suppressions, var problems) = SuppressionFile.Read(suppressionsFile);
            foreach (var problem in problems)
            {
                messages.MarkupLineInterpolated($"[red]suppressions:[/] {problem}");
            }

            if (problems.Any(p => p.Code == SuppressionFile.InvalidJson))
            {
                return ExitCodes.UsageOrUnusableInput;
            }
        }

        ScanResult result = null!;
        messages.Status().Start("Scanning", status =>
        {
            var options = new ScanOptions { Settings = settings.AnalysisSettings, Suppressions = suppressions, Targets = settings.Targets, Microsoft = microsoft, Gcp = gcp, Inputs = reading.ForReports };
            result = Scanner.Scan(estate, settings.ReferenceTime(clock), options, new Progress<string>(message => status.Status($"Scanning: {message}")), cancellationToken);
        });

        if (toStandardOutput)
        {
            standardOutput.Write(stream => reports[0].Format.Write(result, stream, settings.ReportOptions));
            return ExitCode(result, settings);
        }

        var files = new List<FileStream>();
        try
        {
            foreach (var (_, path) in reports)
            {
                try
                {
                    files.Add(File.Create(path!));
                }
                catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
                {
                    messages.MarkupLineInterpolated($"[red]error:[/] cannot write {path}: {exception.Message}");
                    return ExitCodes.UsageOrUnusableInput;
                }
            }

            // Reports read the finished result and nothing else: several are written at once, one per core.
            Parallel.For(0, reports.Count, new ParallelOptions { CancellationToken = cancellationToken }, i => reports[i].Format.Write(result, files[i], settings.ReportOptions));
        }
        catch (AggregateException failed) when (failed.InnerExceptions.All(e => e is IOException or UnauthorizedAccessException))
        {
            // A full disk, say: each failure named, not "one or more errors occurred".
            foreach (var exception in failed.InnerExceptions)
            {
                messages.MarkupLineInterpolated($"[red]error:[/] a report could not be written: {exception.Message}");
            }

            return ExitCodes.UsageOrUnusableInput;
        }
        finally
        {
            files.ForEach(f => f.Dispose());
        }

        foreach (var (format, path) in reports)
        {
            console.MarkupLineInterpolated($"wrote {path} ({format.Name})");
        }

        ConsoleReporter.Write(result, console);
        return ExitCode(result, settings);
    }

    private static int ExitCode(ScanResult result, ScanSettings settings) =>
        settings.FailOnSeverity is { } threshold && result.Findings.Any(f => f.Severity >= threshold) ? ExitCodes.FindingsAtThreshold : ExitCodes.Ok;

    /// <summary>
    /// Input errors (the first 50, every one with --verbose), then how many errors and warnings were left unshown:
    /// what Ward could not read is never silent, though the console stays readable on a large estate.
    /// </summary>
    private static void ShowDiagnostics(IAnsiConsole messages, InputReading reading, bool verbose)
    {
        const int Shown = 50;
        var errors = reading.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        foreach (var diagnostic in verbose ? errors : errors.Take(Shown))
        {
            messages.MarkupLineInterpolated($"[red]input error:[/] {diagnostic}");
        }

        if (!verbose && errors.Count > Shown)
        {
            messages.MarkupLineInterpolated(CultureInfo.InvariantCulture, $"[red]... and {errors.Count - Shown} more input errors[/] (--verbose lists them; the JSON report has them all).");
        }

        var warnings = reading.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Warning).ToList();
        if (verbose)
        {
            foreach (var diagnostic in reading.Diagnostics.Where(d => d.Severity != DiagnosticSeverity.Error))
            {
                messages.MarkupLineInterpolated($"[yellow]input {diagnostic.Severity.ToString().ToLowerInvariant()}:[/] {diagnostic}");
            }
        }
        else if (warnings.Count > 0)
        {
            messages.MarkupLineInterpolated(CultureInfo.InvariantCulture, $"[yellow]{warnings.Count} input warning(s) not shown[/] (--verbose lists them; the JSON report has them all).");
        }
    }

    /// <summary>Why a report cannot be written there (a missing folder, a folder in the file's place, no permission); null when it can.</summary>
    private static string? CannotWrite(string path)
    {
        var full = Path.GetFullPath(path);
        if (Directory.Exists(full))
        {
            return "it is a folder: give a file name for the report";
        }

        if (Path.GetDirectoryName(full) is { } folder && !Directory.Exists(folder))
        {
            return $"its folder {folder} does not exist";
        }

        // A new file is created and deleted again, to find out now whether the folder lets it be written. An existing
        // path is left alone: opening it could truncate a file or, for a named pipe, hand its reader an empty report.
        if (File.Exists(full))
        {
            return null;
        }

        try
        {
            using (new FileStream(full, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
            }

            File.Delete(full);
            return null;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return exception.Message;
        }
    }
}
