using System.Text.Json;
using Ward.Analysis;

namespace Ward.Reporting;

/// <summary>What the JSON report and the SARIF run properties say about the scan itself (the same shape in both).</summary>
internal static class ScanJson
{
    private const int FlushThreshold = 1 << 16;

    /// <summary>
    /// Hands what the writer holds to its stream once it passes 64 KiB: a writer on a stream keeps everything until
    /// flushed, and a report of many findings would otherwise be built whole in memory before a byte is written.
    /// </summary>
    public static void FlushWhenFull(Utf8JsonWriter json)
    {
        if (json.BytesPending > FlushThreshold)
        {
            json.Flush();
        }
    }

    /// <summary><c>counts</c>: what the scan covered and found, suppressed findings apart.</summary>
    public static void WriteCounts(Utf8JsonWriter json, ScanResult result)
    {
        json.WriteStartObject("counts");
        json.WriteNumber("accounts", result.Estate.Accounts.Length);
        json.WriteNumber("principals", ScanFacts.PrincipalCount(result));
        json.WriteNumber("tenants", result.Microsoft is { HasEntra: true } ? 1 : 0);
        json.WriteNumber("subscriptions", result.Microsoft?.Subscriptions ?? 0);
        json.WriteNumber("edges", ScanFacts.EdgeCount(result));
        json.WriteNumber("findings", result.Findings.Length);
        json.WriteNumber("suppressed", result.Suppressed.Length);
        json.WriteEndObject();
    }

    /// <summary><c>inputsRead</c> and <c>inputsSkipped</c>.</summary>
    public static void WriteInputs(Utf8JsonWriter json, ScanResult result)
    {
        json.WriteStartArray("inputsRead");
        foreach (var input in result.Inputs.Read)
        {
            json.WriteStartObject();
            json.WriteString("path", input.Path);
            json.WriteString("provider", input.Provider);
            json.WriteString("kind", input.Kind);
            json.WriteString("note", input.Note);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteStartArray("inputsSkipped");
        foreach (var input in result.Inputs.Skipped)
        {
            json.WriteStartObject();
            json.WriteString("path", input.Path);
            json.WriteString("reason", input.Reason);
            json.WriteEndObject();
        }

        json.WriteEndArray();
    }

    /// <summary><c>analysesNotRun</c>: what could not run, and why.</summary>
    public static void WriteAnalysesNotRun(Utf8JsonWriter json, ScanResult result)
    {
        json.WriteStartArray("analysesNotRun");
        foreach (var skipped in result.Skipped)
        {
            json.WriteStartObject();
            json.WriteString("analysis", skipped.Analysis);
            json.WriteString("reason", skipped.Reason);
            json.WriteEndObject();
        }

        json.WriteEndArray();
    }
}
