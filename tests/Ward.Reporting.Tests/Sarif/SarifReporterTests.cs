using System.Globalization;
using System.Text.Json;
using Ward.Analysis;
using Ward.Reporting.Sarif;
using Ward.Reporting.Tests.Testing;

namespace Ward.Reporting.Tests.Sarif;

public sealed class SarifReporterTests
{
    private static JsonElement Log(ScanResult result) =>
        JsonDocument.Parse(Scans.Render((r, s) => SarifReporter.Write(r, s, Repository.Root), result)).RootElement;

    private static JsonElement Run(ScanResult result) => Assert.Single(Log(result).GetProperty("runs").EnumerateArray().ToList());

    [Fact]
    public void The_log_declares_sarif_2_1_0_and_one_run_of_ward()
    {
        // When the sample is written as SARIF
        var log = Log(Scans.Sample);

        // Then it names the schema and version, and holds one run whose driver is ward with its version
        Assert.Equal(SarifReporter.SchemaUri, log.GetProperty("$schema").GetString());
        Assert.Equal("2.1.0", log.GetProperty("version").GetString());
        var driver = Run(Scans.Sample).GetProperty("tool").GetProperty("driver");
        Assert.Equal("ward", driver.GetProperty("name").GetString());
        Assert.Matches(@"^\d+\.\d+\.\d+$", driver.GetProperty("version").GetString());
        Assert.False(driver.TryGetProperty("informationUri", out _), "Ward has no public URL yet; none is made up");
    }

    [Fact]
    public void Every_rule_of_the_catalog_is_described_for_code_scanning()
    {
        var rules = Run(Scans.Sample).GetProperty("tool").GetProperty("driver").GetProperty("rules").EnumerateArray().ToList();

        Assert.Equal(RuleCatalog.All.Select(r => r.Metadata.Id), rules.Select(r => r.GetProperty("id").GetString()!), StringComparer.Ordinal);
        Assert.All(rules.Zip(RuleCatalog.All.Select(r => r.Metadata)), pair =>
        {
            var (rule, metadata) = pair;
            Assert.Equal(SarifReporter.PascalCase(metadata.Id), rule.GetProperty("name").GetString());
            Assert.Equal(metadata.Title, rule.GetProperty("shortDescription").GetProperty("text").GetString());
            Assert.Equal(metadata.Description, rule.GetProperty("fullDescription").GetProperty("text").GetString());
            Assert.Contains(metadata.Remediation, rule.GetProperty("help").GetProperty("text").GetString(), StringComparison.Ordinal);
            Assert.Contains(metadata.Remediation, rule.GetProperty("help").GetProperty("markdown").GetString(), StringComparison.Ordinal);
            Assert.Equal(SarifReporter.Level(metadata.DefaultSeverity), rule.GetProperty("defaultConfiguration").GetProperty("level").GetString());

            // GitHub reads security-severity only for rules tagged "security"
            var properties = rule.GetProperty("properties");
            var tags = properties.GetProperty("tags").EnumerateArray().Select(t => t.GetString()!).ToList();
            Assert.Contains("security", tags, StringComparer.Ordinal);
            Assert.Contains(metadata.Category, tags, StringComparer.Ordinal);
            var score = double.Parse(properties.GetProperty("security-severity").GetString()!, CultureInfo.InvariantCulture);
            Assert.InRange(score, 0.0, 10.0);
            Assert.False(rule.TryGetProperty("helpUri", out _));
        });
    }

    [Fact]
    public void Every_finding_is_one_result_whose_rule_index_points_at_its_rule()
    {
        // Given the sample's findings
        var findings = Scans.Sample.Findings;
        var run = Run(Scans.Sample);
        var rules = run.GetProperty("tool").GetProperty("driver").GetProperty("rules").EnumerateArray().Select(r => r.GetProperty("id").GetString()!).ToList();

        // When the results are read back
        var results = run.GetProperty("results").EnumerateArray().ToList();

        // Then there is one per finding, in order, each pointing at its own rule and carrying its fingerprint
        Assert.NotEmpty(findings);
        Assert.Equal(findings.Length, results.Count);
        Assert.All(results.Zip(findings), pair =>
        {
            var (result, finding) = pair;
            var ruleId = result.GetProperty("ruleId").GetString();
            Assert.Equal(finding.RuleId, ruleId);
            Assert.Contains(ruleId, rules, StringComparer.Ordinal);
            Assert.Equal(ruleId, rules[result.GetProperty("ruleIndex").GetInt32()]);
            Assert.Equal(SarifReporter.Level(finding.Severity), result.GetProperty("level").GetString());
            Assert.Equal(finding.Fingerprint, result.GetProperty("partialFingerprints").GetProperty(SarifReporter.FingerprintKey).GetString());
            Assert.Contains(finding.Explanation, result.GetProperty("message").GetProperty("text").GetString(), StringComparison.Ordinal);
            Assert.Equal(finding.Path.Length, result.GetProperty("properties").GetProperty("path").GetArrayLength());
            Assert.Equal(finding.Category, result.GetProperty("properties").GetProperty("category").GetString());
        });
    }

    [Fact]
    public void A_result_is_located_at_the_export_of_its_principals_account_and_at_the_principal()
    {
        var results = Run(Scans.Sample).GetProperty("results").EnumerateArray().ToList();

        Assert.All(results.Zip(Scans.Sample.Findings), pair =>
        {
            var (result, finding) = pair;
            var location = Assert.Single(result.GetProperty("locations").EnumerateArray().ToList());
            var physical = location.GetProperty("physicalLocation");
            var uri = physical.GetProperty("artifactLocation").GetProperty("uri").GetString()!;

            // GitHub wants a path relative to the repository root, with forward slashes
            // (exposure findings are about a resource: they point at the resource-policies file instead, or at the
            // S3 settings file for a bucket exposed by its ACL alone)
            var file = Scans.Sample.Estate.ResourcePolicies.ContainsKey(finding.Principal) ? "resource-policies.json"
                : Scans.Sample.Estate.S3Buckets.ContainsKey(finding.Principal) ? "s3-buckets.json"
                : "gaad.json";
            Assert.Equal($"samples/aws/{finding.Account}/{file}", uri);
            Assert.True(File.Exists(Path.Combine(Repository.Root, uri)), uri);
            Assert.Equal(1, physical.GetProperty("region").GetProperty("startLine").GetInt32());
            var logical = Assert.Single(location.GetProperty("logicalLocations").EnumerateArray().ToList());
            Assert.Equal(finding.Principal, logical.GetProperty("fullyQualifiedName").GetString());
            Assert.Equal("resource", logical.GetProperty("kind").GetString());
        });
    }

    [Fact]
    public void A_file_outside_the_base_directory_gets_an_absolute_file_uri()
    {
        // Given a base directory the sample is not under
        var elsewhere = Directory.CreateTempSubdirectory("ward-sarif-").FullName;

        // When the log is written relative to it
        var log = JsonDocument.Parse(Scans.Render((r, s) => SarifReporter.Write(r, s, elsewhere), Scans.Sample)).RootElement;

        // Then the location is still usable: a file URI
        var uri = log.GetProperty("runs")[0].GetProperty("results")[0].GetProperty("locations")[0].GetProperty("physicalLocation").GetProperty("artifactLocation").GetProperty("uri").GetString()!;
        Assert.StartsWith("file:///", uri, StringComparison.Ordinal);
        Assert.EndsWith("/gaad.json", uri, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(Severity.Critical, "error", "9.5")]
    [InlineData(Severity.High, "error", "8.0")]
    [InlineData(Severity.Medium, "warning", "5.5")]
    [InlineData(Severity.Low, "note", "3.0")]
    [InlineData(Severity.Info, "note", "0.0")]
    public void Severities_map_to_sarif_levels_and_security_severity_scores(Severity severity, string level, string score)
    {
        Assert.Equal(level, SarifReporter.Level(severity));
        Assert.Equal(score, SarifReporter.SecuritySeverity(severity));
    }

    [Theory]
    [InlineData("privilege-escalation", "PrivilegeEscalation")]
    [InlineData("admin-equivalent", "AdminEquivalent")]
    [InlineData("aws-passrole-lambda", "AwsPassroleLambda")]
    public void Rule_names_are_the_ids_in_pascal_case(string id, string name) =>
        Assert.Equal(name, SarifReporter.PascalCase(id));

    [Fact]
    public void A_finding_of_a_rule_the_catalog_lacks_still_has_a_rule_to_point_at()
    {
        // Given the hostile scan, whose hand-made finding names a rule the catalog does not have
        var run = Run(Scans.Hostile);
        var rules = run.GetProperty("tool").GetProperty("driver").GetProperty("rules").EnumerateArray().ToList();

        // Then that rule is described after the catalog's, and every result's rule index is right
        Assert.Equal(RuleCatalog.All.Length + 1, rules.Count);
        Assert.Equal(Scans.HostileFinding.RuleId, rules[^1].GetProperty("id").GetString());
        Assert.All(run.GetProperty("results").EnumerateArray(), result =>
            Assert.Equal(result.GetProperty("ruleId").GetString(), rules[result.GetProperty("ruleIndex").GetInt32()].GetProperty("id").GetString()));
    }

    [Fact]
    public void Hostile_names_round_trip_as_data_and_html_characters_are_escaped()
    {
        // When the hostile scan is written
        var text = Scans.Render((r, s) => SarifReporter.Write(r, s, Repository.Root), Scans.Hostile);

        // Then the JSON text holds no raw markup, yet reading it back gives the names exactly
        Assert.DoesNotContain("<script>", text, StringComparison.Ordinal);
        Assert.DoesNotContain("<img", text, StringComparison.Ordinal);
        var results = JsonDocument.Parse(text).RootElement.GetProperty("runs")[0].GetProperty("results").EnumerateArray().ToList();
        Assert.Contains(results, r => r.GetProperty("locations")[0].GetProperty("logicalLocations")[0].GetProperty("fullyQualifiedName").GetString() == Scans.HostileFinding.Principal);
        Assert.Contains(results, r => r.GetProperty("properties").GetProperty("category").GetString() == Scans.ScriptTag);
    }

    [Fact]
    public void The_invocation_and_run_state_the_reference_time_what_was_skipped_and_what_did_not_run()
    {
        // Given the sample scanned without its organization export, so SCPs and RCPs cannot be applied
        var run = Run(Scans.Sample with { Skipped = [new SkippedAnalysis("SCPs and RCPs", "no organization export was given")] });

        // Then the invocation succeeded at the reference time, and the run lists the skipped input and analysis
        var invocation = Assert.Single(run.GetProperty("invocations").EnumerateArray().ToList());
        Assert.True(invocation.GetProperty("executionSuccessful").GetBoolean());
        Assert.Equal("2026-03-16T09:15:00Z", invocation.GetProperty("properties").GetProperty("referenceTime").GetString());
        var properties = run.GetProperty("properties");
        Assert.Contains(properties.GetProperty("inputsSkipped").EnumerateArray(), i => i.GetProperty("path").GetString()!.EndsWith("README.md", StringComparison.Ordinal));
        Assert.Equal("SCPs and RCPs", Assert.Single(properties.GetProperty("analysesNotRun").EnumerateArray().ToList()).GetProperty("analysis").GetString());

        // And every input diagnostic is a tool notification located in its file and line
        var notifications = invocation.GetProperty("toolExecutionNotifications").EnumerateArray().ToList();
        Assert.Equal(Scans.Sample.Estate.Diagnostics.Length, notifications.Count);
        Assert.All(notifications, n => Assert.Matches("^WARD[0-9]{4}$", n.GetProperty("descriptor").GetProperty("id").GetString()));
        var located = notifications.Select(n => n.GetProperty("locations")[0].GetProperty("physicalLocation")).ToList();
        Assert.Contains(located, l => l.GetProperty("artifactLocation").GetProperty("uri").GetString() == "samples/aws/organization.json" && l.GetProperty("region").GetProperty("startLine").GetInt32() > 1);
    }

    [Fact]
    public void A_scan_without_findings_is_a_valid_log_with_no_results()
    {
        var run = Run(Scans.Empty);

        Assert.Equal(0, run.GetProperty("results").GetArrayLength());
        Assert.Equal(RuleCatalog.All.Length, run.GetProperty("tool").GetProperty("driver").GetProperty("rules").GetArrayLength());
    }
}
