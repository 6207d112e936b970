using System.Collections.Immutable;
using System.Text.Json;
using Ward.Core.Diagnostics;
using Ward.Core.Inputs;
using Ward.Microsoft.Entra.Directory;

namespace Ward.Microsoft.Entra.Ingest;

/// <summary>
/// Loads an Entra ID directory from Microsoft Graph responses (v1.0 or beta, as Graph returns them) in files and
/// folders (read recursively, in ordinal path order). Files are recognised by content; a file that is not a Graph
/// response is listed as <see cref="EntraInputKind.NotRecognised"/> without a diagnostic, so that folders may also hold
/// other clouds' exports. Every problem is a diagnostic (codes WARD5001–WARD5099); bad entries are skipped and the
/// rest is read.
/// </summary>
public static class EntraDirectoryLoader
{
    private static readonly JsonDocumentOptions Options = new() { MaxDepth = 128, AllowDuplicateProperties = false };

    public static EntraDirectory Load(IEnumerable<string> paths, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(paths);
        var diagnostics = new DiagnosticBag();
        var inputs = ImmutableArray.CreateBuilder<EntraInputFile>();
        var builder = new EntraDirectoryBuilder(diagnostics);
        var documents = new List<JsonDocument>();
        try
        {
            foreach (var file in Expand(paths, diagnostics, inputs))
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (Read(file, diagnostics, inputs) is not { } document)
                {
                    continue;
                }

                // Kept open until the directory is built: the pages' items are views into their documents.
                documents.Add(document);
                var json = new GraphJson(file, diagnostics);
                var recognized = GraphResponseRecognizer.Recognize(file, document.RootElement, diagnostics);
                if (recognized.GraphPage is { } page)
                {
                    builder.Add(page, json);
                    json.ReportUnknownFields();
                    inputs.Add(new EntraInputFile(file, EntraInputKind.GraphResponse, $"{page.Description}: {page.Items.Length} object{(page.Items.Length == 1 ? string.Empty : "s")}{(page.NextLink is null ? string.Empty : "; more pages follow")}"));
                }
                else
                {
                    inputs.Add(new EntraInputFile(file, recognized.IsGraph ? EntraInputKind.GraphResponseNotRead : EntraInputKind.NotRecognised, recognized.Note));
                }
            }

            var directory = builder.Build(inputs.ToImmutable());
            return directory with { Diagnostics = WithLines(diagnostics.ToSortedArray()) };
        }
        finally
        {
            foreach (var document in documents)
            {
                document.Dispose();
            }
        }
    }

    private static IEnumerable<string> Expand(IEnumerable<string> paths, DiagnosticBag diagnostics, ImmutableArray<EntraInputFile>.Builder inputs) =>
        InputPaths.Expand(
            paths,
            file => InputPaths.HasExtension(file, ".json"),
            file => inputs.Add(new EntraInputFile(file, EntraInputKind.NotRecognised, InputPaths.NotReadNote(file))),
            (path, message, note, severity) =>
            {
                diagnostics.Add(EntraDiagnosticCodes.UnreadableFile, severity, message, new SourceLocation(path));
                inputs.Add(new EntraInputFile(path, EntraInputKind.Unreadable, note));
            });

    private static JsonDocument? Read(string file, DiagnosticBag diagnostics, ImmutableArray<EntraInputFile>.Builder inputs)
    {
        byte[] bytes;
        try
        {
            bytes = Utf8Input.Read(file);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            diagnostics.Add(EntraDiagnosticCodes.UnreadableFile, DiagnosticSeverity.Error, $"cannot read the file: {exception.Message}", new SourceLocation(file));
            inputs.Add(new EntraInputFile(file, EntraInputKind.Unreadable, exception.Message));
            return null;
        }

        try
        {
            return JsonDocument.Parse(bytes.AsMemory(), Options);
        }
        catch (JsonException exception)
        {
            diagnostics.Add(EntraDiagnosticCodes.InvalidJson, DiagnosticSeverity.Error, $"not valid JSON ({FirstSentence(exception.Message)}); the file was skipped", JsonErrorLocation.Of(exception, bytes, file));
            inputs.Add(new EntraInputFile(file, EntraInputKind.Unreadable, "invalid JSON"));
            return null;
        }
    }

    /// <summary>Adds line and column to diagnostics located by JSON path, reading again only the files that have some.</summary>
    private static ImmutableArray<Diagnostic> WithLines(ImmutableArray<Diagnostic> diagnostics)
    {
        var located = new List<Diagnostic>(diagnostics.Length);
        foreach (var byFile in diagnostics.GroupBy(d => d.Location.File, StringComparer.Ordinal))
        {
            var items = byFile.ToList();
            if (byFile.Key.Length == 0 || !items.Exists(d => d.Location.Line is null && d.Location.JsonPath is not null))
            {
                located.AddRange(items);
                continue;
            }

            try
            {
                located.AddRange(JsonLineLocator.WithLines(items, Utf8Input.Read(byFile.Key)));
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
                located.AddRange(items);
            }
        }

        var bag = new DiagnosticBag();
        bag.AddRange(located);
        return bag.ToSortedArray();
    }

    private static string FirstSentence(string message)
    {
        var cut = message.IndexOf(". ", StringComparison.Ordinal);
        return cut < 0 ? message : message[..cut];
    }
}
