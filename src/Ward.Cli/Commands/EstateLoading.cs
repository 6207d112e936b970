using Spectre.Console;
using Ward.Aws.Catalog;
using Ward.Aws.Estate;
using Ward.Cli.Output;
using Ward.Aws.Policy.Evaluation;
using Ward.Aws.Policy.Parsing;
using Ward.Aws.Policy.Syntax;
using Ward.Aws.Queries;
using Ward.Core.Diagnostics;

namespace Ward.Cli.Commands;

/// <summary>Loads the estate for a command and reports on standard error what was read and what was not.</summary>
internal static class EstateLoading
{
    /// <summary>Reads the policy files given with --resource-policy / --session-policy; null when one is unusable.</summary>
    public static SuppliedPolicies? SuppliedPolicies(EstateSettings settings, TextWriter errors)
    {
        NamedPolicy? Read(string? file, PolicyKind kind)
        {
            if (file is null)
            {
                return null;
            }

            var result = PolicyParser.ParseText(File.ReadAllText(file), kind, new SourceLocation(file, JsonPath.Root));
            foreach (var diagnostic in result.Diagnostics)
            {
                errors.WriteLine($"ward: {diagnostic}");
            }

            return result.Document is { } document ? new NamedPolicy(Path.GetFileName(file), document) : null;
        }

        var resource = Read(settings.ResourcePolicy, PolicyKind.Resource);
        var session = Read(settings.SessionPolicy, PolicyKind.Session);
        if ((settings.ResourcePolicy is not null && resource is null) || (settings.SessionPolicy is not null && session is null))
        {
            errors.WriteLine("ward: error: a policy file given on the command line could not be read.");
            return null;
        }

        return new SuppliedPolicies(resource, session);
    }

    /// <summary>The AWS estate for an AWS question; null (with the reason shown) when no AWS export was read.</summary>
    /// <summary>
    /// Warns when an AWS action (or pattern) matches no action of the catalog: a misspelled action would otherwise get a
    /// confident answer (the policies' patterns may still match it as written, and the answer treats it so).
    /// </summary>
    public static void WarnIfUnknownAwsAction(IAnsiConsole messages, string action)
    {
        var known = action.Contains('*', StringComparison.Ordinal) || action.Contains('?', StringComparison.Ordinal)
            ? AwsActionCatalog.Default.Expand(action).Any()
            : AwsActionCatalog.Default.TryGetAction(action, out _);
        if (!known)
        {
            var service = action.Split(':', 2)[0];
            messages.MarkupLineInterpolated($"[yellow]warning:[/] `{action}` matches no AWS action Ward knows{(AwsActionCatalog.Default.IsKnownService(service) ? string.Empty : $" (no service has the prefix `{service}`)")}: a misspelling? The answer below takes it as written.");
        }
    }

    public static AwsEstate? Aws(IAnsiConsole console, LoadedEstates estates)
    {
        if (estates.HasAws)
        {
            return estates.Aws;
        }

        console.MarkupLine("[red]error:[/] no AWS export was read: an AWS question needs `get-account-authorization-details` output (`scripts/export-aws.sh`, docs/formats/aws.md).");
        return null;
    }

    /// <summary>Reads every provider's exports from the inputs (see <see cref="InputReading"/>); null when nothing usable was found.</summary>
    public static LoadedEstates? Load(EstateSettings settings, CancellationToken cancellationToken)
    {
        var reading = InputReading.Read(settings.Inputs, cancellationToken);
        var errors = new StreamWriter(Console.OpenStandardError()) { AutoFlush = true };
        errors.WriteLine($"ward: read {reading.Summary()}.");
        foreach (var (path, note) in reading.Skipped)
        {
            errors.WriteLine($"ward: skipped {path}: {note}");
        }

        var shown = reading.Diagnostics.Where(d => settings.Verbose || d.Severity == DiagnosticSeverity.Error).ToList();
        foreach (var diagnostic in shown.Take(settings.Verbose ? int.MaxValue : 50))
        {
            errors.WriteLine($"ward: {diagnostic}");
        }

        if (shown.Count > 50 && !settings.Verbose)
        {
            errors.WriteLine($"ward: ... and {shown.Count - 50} more errors (use --verbose to list all).");
        }

        var warnings = reading.Diagnostics.Count(d => d.Severity == DiagnosticSeverity.Warning);
        if (warnings > 0 && !settings.Verbose)
        {
            errors.WriteLine($"ward: {warnings} warning(s) not shown (use --verbose).");
        }

        if (reading.Estates.IsEmpty)
        {
            errors.WriteLine("ward: error: nothing usable was found in the inputs.");
            return null;
        }

        return reading.Estates with
        {
            Inputs = new InputsJson(
                [.. reading.Skipped.Select(s => new SkippedInputJson(s.Path, s.Reason))],
                reading.Diagnostics.Count(d => d.Severity == DiagnosticSeverity.Error),
                warnings),
        };
    }
}
