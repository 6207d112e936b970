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

    /// <summary>Lines read by one worker into entries of their own; an export's chunks are appended in line order.</summary>
    private const int ChunkLines = 256;

    /// <summary>Reads the file if at least one of its lines is an asset; otherwise leaves it (and reports nothing).</summary>
    public static GcpInputFile? TryRead(string file, ReadOnlyMemory<byte> utf8, ReadEntries entries, DiagnosticBag diagnostics, CancellationToken cancellationToken = default)
    {
        // Parsed and read on every core: an organization's export is one file of 100,000s of lines.
        var lines = Lines(utf8).ToList();
        var parsed = new ParsedLine[lines.Count];
        var parallel = new ParallelOptions { CancellationToken = cancellationToken };
        try
        {
            Parallel.For(0, lines.Count, parallel, i => parsed[i] = Parse(file, lines[i].Number, lines[i].Bytes));
            if (!Array.Exists(parsed, l => l.Kind == EntryKind.Asset))
            {
                return null;
            }

            var chunks = new (ReadEntries Entries, DiagnosticBag Diagnostics)[(parsed.Length + ChunkLines - 1) / ChunkLines];
            Parallel.For(0, chunks.Length, parallel, chunk =>
            {
                var read = new ReadEntries(entries.Members);
                var problems = new DiagnosticBag();
                for (var i = chunk * ChunkLines; i < Math.Min(parsed.Length, (chunk + 1) * ChunkLines); i++)
                {
                    ReadLine(file, parsed[i], read, problems);
                }

                chunks[chunk] = (read, problems);
            });
            var before = entries.Snapshot();
            foreach (var (read, problems) in chunks)
            {
                entries.Append(read);
                diagnostics.AddRange(problems);
            }

            return new GcpInputFile(file, GcpInputKind.Read, $"{entries.Snapshot().Since(before)} (newline-delimited assets, {lines.Count} line{(lines.Count == 1 ? string.Empty : "s")})");
        }
        finally
        {
            foreach (var line in parsed)
            {
                line?.Document?.Dispose();
            }
        }
    }

    /// <summary>A line as parsed: its document and kind, or why it is not JSON (located in the line, then placed on it in the file).</summary>
    private sealed record ParsedLine(int Number, JsonDocument? Document, EntryKind Kind, (JsonException Exception, SourceLocation Location)? Problem);

    private static ParsedLine Parse(string file, int number, ReadOnlyMemory<byte> bytes)
    {
        try
        {
            var document = JsonDocument.Parse(bytes, Options);
            return new ParsedLine(number, document, EntryClassifier.Classify(document.RootElement) == EntryKind.Asset ? EntryKind.Asset : EntryKind.Unknown, null);
        }
        catch (JsonException exception)
        {
            var at = JsonErrorLocation.Of(exception, bytes.Span, file);
            return new ParsedLine(number, null, EntryKind.Unknown, (exception, new SourceLocation(file, at.JsonPath, number, at.Column)));
        }
    }

    private static void ReadLine(string file, ParsedLine line, ReadEntries entries, DiagnosticBag diagnostics)
    {
        if (line.Document is not { } document)
        {
            var (exception, location) = line.Problem!.Value;
            diagnostics.Add(GcpDiagnosticCodes.InvalidJson, DiagnosticSeverity.Error, $"line {line.Number} is not valid JSON ({GcpEstateLoader.FirstSentence(exception.Message)}); the line was skipped", location);
            return;
        }

        GcpEstateLoader.ReadEntry(new GcpEntry(document.RootElement, JsonPath.Root), line.Kind, entries, new GcpJson(file, diagnostics, line.Number, entries.Members));
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
