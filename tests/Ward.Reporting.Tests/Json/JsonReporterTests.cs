using System.Text.Encodings.Web;
using System.Text.Json;
using Ward.Reporting.Json;
using Ward.Reporting.Tests.Testing;

namespace Ward.Reporting.Tests.Json;

/// <summary>The JSON report: its findings are worded in chunks on every core, and must read as one writer's document.</summary>
public sealed class JsonReporterTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(511)]
    [InlineData(512)]
    [InlineData(1300)]
    public void The_report_is_one_indented_document_with_every_finding_in_order(int count)
    {
        // Given a scan with that many findings (hostile texts among them), spread over several chunks
        var scan = Scans.Hostile with { Findings = [.. Enumerable.Range(0, count).Select(i => Scans.HostileFinding with { Fingerprint = $"f{i:D5}" })] };

        // When it is written
        using var stream = new MemoryStream();
        JsonReporter.Write(scan, stream);
        var report = stream.ToArray();

        // Then it parses, holds the findings in order, and is byte for byte what one indented writer makes of it
        using var document = JsonDocument.Parse(report);
        var findings = document.RootElement.GetProperty("findings");
        Assert.Equal(count, findings.GetArrayLength());
        Assert.Equal(Enumerable.Range(0, count).Select(i => $"f{i:D5}"), findings.EnumerateArray().Select(f => f.GetProperty("fingerprint").GetString()!), StringComparer.Ordinal);
        Assert.Equal(Rewritten(document), report);
    }

    [Fact]
    public void Findings_longer_than_a_chunk_s_first_buffer_are_written_whole()
    {
        // Given findings whose explanations outgrow the buffer a chunk starts with, many times over
        var explanation = string.Concat(Enumerable.Repeat("a long explanation \u00e9\u4e2d ", 2000));
        var scan = Scans.Hostile with { Findings = [.. Enumerable.Range(0, 40).Select(i => Scans.HostileFinding with { Explanation = explanation + i, Fingerprint = $"f{i:D5}" })] };

        // When it is written
        using var stream = new MemoryStream();
        JsonReporter.Write(scan, stream);

        // Then every explanation is whole
        using var document = JsonDocument.Parse(stream.ToArray());
        Assert.Equal(Enumerable.Range(0, 40).Select(i => explanation + i), document.RootElement.GetProperty("findings").EnumerateArray().Select(f => f.GetProperty("explanation").GetString()!), StringComparer.Ordinal);
    }

    private static byte[] Rewritten(JsonDocument document)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            document.WriteTo(json);
        }

        return stream.ToArray();
    }
}
