using System.Globalization;
using Ward.Analysis;
using Ward.Aws.Ingest;
using Ward.Gcp.Ingest;
using Ward.Microsoft;

namespace Ward.Cli.Tests;

/// <summary>Rules run in parallel: the result must not depend on which rule finishes first.</summary>
public sealed class ParallelScanTests
{
    private static readonly DateTimeOffset AsOf = DateTimeOffset.Parse("2026-11-28T12:00:00Z", CultureInfo.InvariantCulture);

    [Fact]
    public void Scanning_every_sample_twice_gives_the_same_findings_in_the_same_order()
    {
        // Given the AWS, Entra ID, Azure and Google Cloud samples, scanned together twice
        var first = ScanAllSamples();
        var second = ScanAllSamples();

        // Then both scans report the same findings, explanations included, in the same order, from every cloud
        Assert.Equal(first.Findings.Select(Line), second.Findings.Select(Line), StringComparer.Ordinal);
        Assert.Equal(["aws", "azure", "entra", "gcp"], first.Findings.Select(f => f.Provider).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal), StringComparer.Ordinal);
        Assert.Equal(first.Skipped, second.Skipped);
    }

    [Fact]
    public void Every_rule_runs_once_and_its_time_is_kept_in_catalog_order()
    {
        var result = ScanAllSamples();

        Assert.Equal(RuleCatalog.All.Select(r => r.Metadata.Id), result.RuleTimes.Select(t => t.RuleId), StringComparer.Ordinal);
        Assert.All(result.RuleTimes, t => Assert.True(t.Elapsed >= TimeSpan.Zero));
    }

    private static string Line(Finding finding) => $"{finding.Fingerprint} {finding.Severity} {finding.Title} {finding.Explanation}";

    private static ScanResult ScanAllSamples()
    {
        var samples = Path.Combine(Repository.Root, "samples");
        var aws = AwsEstateLoader.Load([Path.Combine(samples, "aws")], TestContext.Current.CancellationToken);
        var microsoft = MicrosoftEstateLoader.Load([Path.Combine(samples, "entra"), Path.Combine(samples, "azure"), Path.Combine(samples, "azurehound")], TestContext.Current.CancellationToken);
        var gcp = GcpEstateLoader.Load([Path.Combine(samples, "gcp")], TestContext.Current.CancellationToken);
        var options = new ScanOptions { Microsoft = new MicrosoftInputs(microsoft.Entra, microsoft.Azure), Gcp = gcp };
        return Scanner.Scan(aws, AsOf, options, cancellationToken: TestContext.Current.CancellationToken);
    }
}
