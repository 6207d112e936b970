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
    /// <summary>One line of the file: its number from 1, and its document or why it is not JSON.</summary>
    internal sealed record ParsedLine(int Number, JsonDocument? Document, JsonException? Problem);

    private static readonly JsonDocumentOptions Options = new() { MaxDepth = 128 };

    /// <summary>Each non-blank line parsed on its own (a malformed line keeps its problem); the caller disposes them.</summary>
    public static List<ParsedLine> Parse(ReadOnlyMemory<byte> utf8)
    {
        var lines = new List<ParsedLine>();
        foreach (var (number, bytes) in Lines(utf8))
        {
            try
            {
                lines.Add(new ParsedLine(number, JsonDocument.Parse(bytes, Options), null));
            }
            catch (JsonException exception)
            {
                lines.Add(new ParsedLine(number, null, exception));
            }
        }

        return lines;
    }

    /// <summary>Reads the parsed lines if at least one is an asset; otherwise leaves them (and reports nothing). Disposes them either way.</summary>
    public static GcpInputFile? TryRead(string file, List<ParsedLine> lines, ReadEntries entries, DiagnosticBag diagnostics)
    {
        try
        {
            if (!lines.Exists(l => l.Document is { } d && EntryClassifier.Classify(d.RootElement) == EntryKind.Asset))
            {
                return null;
            }

            var before = entries.Snapshot();
            foreach (var (number, document, problem) in lines)
            {
                if (document is null)
                {
                    var column = problem!.BytePositionInLine is { } c ? (int?)checked((int)c + 1) : null;
                    diagnostics.Add(GcpDiagnosticCodes.InvalidJson, DiagnosticSeverity.Error, $"line {number} is not valid JSON ({GcpEstateLoader.FirstSentence(problem.Message)}); the line was skipped", new SourceLocation(file, problem.Path, number, column));
                    continue;
                }

                var root = document.RootElement;
                GcpEstateLoader.ReadEntry(new GcpEntry(root, JsonPath.Root), EntryClassifier.Classify(root) == EntryKind.Asset ? EntryKind.Asset : EntryKind.Unknown, entries, new GcpJson(file, diagnostics, number));
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
