using System.Collections.Immutable;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Ward.Analysis;
using Ward.Analysis.Suppressions;

namespace Ward.Reporting.Json;

/// <summary>
/// Writes <c>{"scan": {...}, "findings": [...]}</c> as documented in docs/schema/findings.schema.json: the fields
/// of every finding plus what was read, what was skipped and why, and which analyses could not run.
/// </summary>
public static class JsonReporter
{
    public const string SchemaVersion = "1";

    private static readonly JsonWriterOptions Options = new() { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static readonly byte[] ArrayStart = Encoding.UTF8.GetBytes("[" + Options.NewLine);
    private static readonly byte[] ArrayEnd = Encoding.UTF8.GetBytes(Options.NewLine + "  ]");

    // Findings written per chunk: large enough that a chunk's writer costs little, small enough to keep both cores busy.
    private const int ChunkSize = 512;

    public static void Write(ScanResult result, Stream output)
    {
        using var json = new Utf8JsonWriter(output, Options);
        json.WriteStartObject();
        json.WriteString("schemaVersion", SchemaVersion);
        json.WriteStartObject("scan");
        json.WriteString("tool", "ward");
        json.WriteString("version", ScanFacts.ToolVersion);
        json.WriteString("referenceTime", ScanFacts.ReferenceTime(result));
        ScanJson.WriteInputs(json, result);
        json.WriteStartArray("diagnostics");
        foreach (var diagnostic in result.Inputs.Diagnostics)
        {
            json.WriteStartObject();
            json.WriteString("code", diagnostic.Code);
            json.WriteString("severity", diagnostic.Severity.ToString().ToLowerInvariant());
            json.WriteString("message", diagnostic.Message);
            json.WriteString("file", diagnostic.Location.File);
            if (diagnostic.Location.JsonPath is { } path)
            {
                json.WriteString("jsonPath", path);
            }

            if (diagnostic.Location.Line is { } line)
            {
                json.WriteNumber("line", line);
                if (diagnostic.Location.Column is { } column)
                {
                    json.WriteNumber("column", column);
                }
            }

            json.WriteEndObject();
        }

        json.WriteEndArray();
        ScanJson.WriteAnalysesNotRun(json, result);
        json.WriteStartArray("suppressed");
        foreach (var (finding, suppression) in result.Suppressed)
        {
            json.WriteStartObject();
            json.WriteString("ruleId", finding.RuleId);
            json.WriteString("principal", finding.Principal);
            json.WriteString("title", finding.Title);
            json.WriteString("fingerprint", finding.Fingerprint);
            json.WriteString("justification", suppression.Justification);
            json.WriteString("expires", suppression.Expires);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        WriteSuppressions(json, "suppressionsExpired", result.Expired);
        WriteSuppressions(json, "suppressionsUnused", result.Unused);
        json.WriteStartArray("notes");
        foreach (var note in result.Notes)
        {
            json.WriteStringValue(note);
        }

        json.WriteEndArray();
        json.WriteStartObject("thresholds");
        json.WriteNumber("unusedDays", result.Settings.UnusedDays);
        json.WriteNumber("keyAgeDays", result.Settings.KeyAgeDays);
        json.WriteNumber("rootUseDays", result.Settings.RootUseDays);
        json.WriteEndObject();
        ScanJson.WriteCounts(json, result);
        json.WriteEndObject();

        json.Flush();
        WriteFindings(result.Findings, output);
    }

    /// <summary>
    /// The <c>findings</c> member and the end of the document, as the writer above would write them, but worded on
    /// every core: a scan may report 100,000s of findings. Each chunk is written by a writer of its own as
    /// <c>{"findings": [...]}</c>, where its findings sit at the depth they have in the report, and its array's
    /// contents are copied in order, joined as the writer joins array items.
    /// </summary>
    private static void WriteFindings(ImmutableArray<Finding> findings, Stream output)
    {
        var newLine = Encoding.UTF8.GetBytes(Options.NewLine);
        output.Write(Encoding.UTF8.GetBytes($",{Options.NewLine}  \"findings\": ["));
        if (findings.IsEmpty)
        {
            output.Write(Encoding.UTF8.GetBytes($"]{Options.NewLine}}}"));
            return;
        }

        // A few chunks at a time, one per core and then some, written in order: the report is never held whole.
        var chunks = (findings.Length + ChunkSize - 1) / ChunkSize;
        var window = new PooledBufferWriter[Environment.ProcessorCount * 2];
        for (var first = 0; first < chunks; first += window.Length)
        {
            var count = Math.Min(window.Length, chunks - first);
            Parallel.For(0, count, j =>
            {
                var from = (first + j) * ChunkSize;
                window[j] = Chunk(findings.AsSpan(from, Math.Min(ChunkSize, findings.Length - from)).ToArray());
            });
            for (var j = 0; j < count; j++)
            {
                using var chunk = window[j];
                output.Write(first + j == 0 ? newLine : [(byte)',', .. newLine]);
                var written = chunk.WrittenSpan;
                var start = written.IndexOf(ArrayStart) + ArrayStart.Length;
                output.Write(written[start..written.LastIndexOf(ArrayEnd)]);
            }
        }

        output.Write(Encoding.UTF8.GetBytes($"{Options.NewLine}  ]{Options.NewLine}}}"));
    }

    /// <summary>
    /// The findings written as <c>{"findings": [...]}</c>: between its <c>[</c> line and its <c>]</c> line are the items of
    /// the report's array, indented for their depth there.
    /// </summary>
    private static PooledBufferWriter Chunk(Finding[] findings)
    {
        var buffer = new PooledBufferWriter(findings.Length * 2048);
        using var json = new Utf8JsonWriter(buffer, Options);
        json.WriteStartObject();
        json.WriteStartArray("findings");
        foreach (var finding in findings)
        {
            WriteFinding(json, finding);
        }

        json.WriteEndArray();
        json.WriteEndObject();
        json.Flush();
        return buffer;
    }

    private static void WriteFinding(Utf8JsonWriter json, Finding finding)
    {
        json.WriteStartObject();
        json.WriteString("ruleId", finding.RuleId);
        json.WriteString("category", finding.Category);
        json.WriteString("severity", ScanFacts.Name(finding.Severity));
        json.WriteString("provider", finding.Provider);
        json.WriteString("account", finding.Account);
        json.WriteString("principal", finding.Principal);
        if (finding.PrincipalName is { } name)
        {
            json.WriteString("principalName", name);
        }

        if (finding.PrincipalDisplayName is { } displayName)
        {
            json.WriteString("principalDisplayName", displayName);
        }

        json.WriteString("title", finding.Title);
        json.WriteString("explanation", finding.Explanation);
        FindingJson.WritePath(json, finding.Path);
        json.WriteString("remediation", finding.Remediation);
        json.WriteStartArray("references");
        foreach (var reference in finding.References)
        {
            json.WriteStringValue(reference);
        }

        json.WriteEndArray();
        json.WriteString("fingerprint", finding.Fingerprint);
        json.WriteEndObject();
    }

    private static void WriteSuppressions(Utf8JsonWriter json, string name, IEnumerable<Suppression> suppressions)
    {
        json.WriteStartArray(name);
        foreach (var suppression in suppressions)
        {
            json.WriteStartObject();
            json.WriteString("rule", suppression.Rule);
            if (suppression.Principal is { } principal)
            {
                json.WriteString("principal", principal);
            }

            if (suppression.Fingerprint is { } fingerprint)
            {
                json.WriteString("fingerprint", fingerprint);
            }

            json.WriteString("justification", suppression.Justification);
            json.WriteString("expires", suppression.Expires);
            json.WriteString("location", suppression.Location);
            json.WriteEndObject();
        }

        json.WriteEndArray();
    }
}
