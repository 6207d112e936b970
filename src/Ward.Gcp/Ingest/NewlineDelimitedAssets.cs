using System.Text.Json;
using Ward.Core.Diagnostics;
using Ward.Gcp.Iam;

namespace Ward.Gcp.Ingest;

/// <summary>
/// Reads a Cloud Asset Inventory export written to Cloud Storage: newline-delimited JSON, one asset a line. The line
/// is the location of everything found in it; a malformed line is reported and the others are read.
/// </summary>
internal static class NewlineDelimitedAssets
{
    private static readonly JsonDocumentOptions Options = new() { MaxDepth = 128, AllowDuplicateProperties = false };

    /// <summary>Reads the file if at least one of its lines is an asset; otherwise leaves it (and reports nothing).</summary>
    public static GcpInputFile? TryRead(string file, ReadOnlyMemory<byte> utf8, ReadEntries entries, DiagnosticBag diagnostics)
    {
        var lines = new List<(int Number, JsonDocument? Document, (JsonException Exception, SourceLocation Location)? Problem)>();
        try
        {
            foreach (var (number, bytes) in Lines(utf8))
            {
                try
                {
                    lines.Add((number, JsonDocument.Parse(bytes, Options), null));
                }
                catch (JsonException exception)
                {
                    // Located in the line, then placed on it in the file.
                    var at = JsonErrorLocation.Of(exception, bytes.Span, file);
                    lines.Add((number, null, (exception, new SourceLocation(file, at.JsonPath, number, at.Column))));
                }
            }

            if (!lines.Exists(l => l.Document is { } d && EntryClassifier.Classify(d.RootElement) == EntryKind.Asset))
            {
                return null;
            }

            var before = entries.Snapshot();
            foreach (var (number, document, problem) in lines)
            {
                if (document is null)
                {
                    var (exception, location) = problem!.Value;
                    diagnostics.Add(GcpDiagnosticCodes.InvalidJson, DiagnosticSeverity.Error, $"line {number} is not valid JSON ({GcpEstateLoader.FirstSentence(exception.Message)}); the line was skipped", location);
                    continue;
                }

                var root = document.RootElement;
                GcpEstateLoader.ReadEntry(new GcpEntry(root, JsonPath.Root), EntryClassifier.Classify(root) == EntryKind.Asset ? EntryKind.Asset : EntryKind.Unknown, entries, new GcpJson(file, diagnostics, number, entries.Members));
            }

            return new GcpInputFile(file, GcpInputKind.Read, $"{entries.Snapshot().Since(before)} (newline-delimited assets, {lines.Count} line{(lines.Count == 1 ? string.Empty : "s")})");
        }
        finally
        {
            foreach (var line in lines)
            {
                line.Document?.Dispose();
            }
        }
    }

    /// <summary>The non-blank lines, numbered from 1.</summary>
    private static IEnumerable<(int Number, ReadOnlyMemory<byte> Bytes)> Lines(ReadOnlyMemory<byte> utf8)
    {
        var number = 0;
        var rest = utf8;
        while (!rest.IsEmpty)
        {
            number++;
            var end = rest.Span.IndexOf((byte)'\n');
            var line = end < 0 ? rest : rest[..end];
            rest = end < 0 ? ReadOnlyMemory<byte>.Empty : rest[(end + 1)..];
            if (!line.Span.Trim(" \t\r"u8).IsEmpty)
            {
                yield return (number, line);
            }
        }
    }
}
