using System.Collections.Immutable;
using System.Text;
using Ward.Analysis;
using Ward.Aws.Ingest;

namespace Ward.Reporting.Tests.Testing;

/// <summary>
/// Scan results the report tests render: the Northwind sample scanned by the real scanner, and a hostile estate
/// (Fixtures/hostile-gaad.json, scanned the same way) plus a hand-made finding whose every field is an attack.
/// </summary>
internal static class Scans
{
    public const string ScriptTag = "<script>alert(1)</script>";
    public const string AttributeBreakout = "\"><img src=x onerror=alert(1)>";
    public const string ScriptEnd = "</script>";

    /// <summary>The attack strings that must never appear unescaped in an HTML report.</summary>
    public static IReadOnlyList<string> HtmlPayloads { get; } = [ScriptTag, AttributeBreakout, ScriptEnd, "<img", "<script>"];

    public static DateTimeOffset ReferenceTime { get; } = new(2026, 3, 16, 9, 15, 0, TimeSpan.Zero);

    /// <summary>A finding of a rule the catalog does not know, whose every text is an attack on some report format.</summary>
    public static Finding HostileFinding { get; } = new()
    {
        RuleId = "hostile-rule",
        Category = ScriptTag,
        Severity = Severity.Low,
        Provider = "aws",
        Account = "=1+1",
        Principal = "arn:aws:iam::123456789012:user/pipe|back`tick" + ScriptEnd,
        Title = "@SUM(1+1) " + ScriptTag + " | `code` [link](https://attacker.example/)",
        Explanation = AttributeBreakout + "\nsecond line, with \"quotes\", commas and " + ScriptEnd,
        Path =
        [
            new PathStep(
                "arn:aws:iam::123456789012:user/pipe|back`tick" + ScriptEnd,
                ScriptTag,
                "arn:aws:iam::123456789012:role/" + AttributeBreakout,
                "`" + ScriptTag + "` becomes `" + AttributeBreakout + "`",
                [new PathPermission("iam:" + ScriptTag, "arn:aws:iam::123456789012:role/" + AttributeBreakout, ScriptEnd + " statement " + AttributeBreakout)],
                ["`aws:SourceIp` is " + ScriptTag]),
        ],
        Remediation = "-2+3*cmd|' /C calc'!A0 " + ScriptEnd,
        References = ["javascript:alert(1)", "https://attacker.example/\"><script>alert(1)</script>", "data:text/html,<script>alert(1)</script>", "docs/rules/hostile-rule.md"],
        Fingerprint = Finding.FingerprintOf("hostile-rule", "pipe"),
    };

    private static readonly Lazy<ScanResult> SampleScan = new(() => Scanner.Scan(AwsEstateLoader.Load([Repository.Samples]), ReferenceTime));

    private static readonly Lazy<ScanResult> HostileScan = new(() =>
    {
        var scan = Scanner.Scan(AwsEstateLoader.Load([Repository.Fixture("hostile-gaad.json")]), ReferenceTime);
        return scan with
        {
            Findings = [.. scan.Findings, HostileFinding],
            Skipped = [.. scan.Skipped, new SkippedAnalysis(ScriptTag, AttributeBreakout + " " + ScriptEnd)],
        };
    });

    public static ScanResult Sample => SampleScan.Value;

    /// <summary>The hostile estate's real findings (an escalation path and an admin) plus <see cref="HostileFinding"/>.</summary>
    public static ScanResult Hostile => HostileScan.Value;

    /// <summary>A scan with nothing to report: the hostile estate without its findings.</summary>
    public static ScanResult Empty => Hostile with { Findings = ImmutableArray<Finding>.Empty, Skipped = [] };

    public static string Render(Action<ScanResult, Stream> write, ScanResult result)
    {
        using var stream = new MemoryStream();
        write(result, stream);
        return Encoding.UTF8.GetString(stream.ToArray());
    }
}
