using System.Globalization;
using System.Text.Json;
using Ward.Analysis;
using Ward.Aws.Edges;

namespace Ward.Cli.Tests;

/// <summary><c>ward scan</c> on the Northwind sample, whose seeded risks are listed in samples/aws/README.md.</summary>
public sealed class ScanCommandTests
{
    private static readonly Lazy<JsonElement> SampleReport = new(() =>
    {
        var output = Path.Combine(Directory.CreateTempSubdirectory("ward-scan-").FullName, "findings.json");
        var (exitCode, _) = WardRunner.Run("scan", Repository.Samples, "--format", "json", "--output", output, "--as-of", "2026-03-16T09:15:00Z");
        Assert.Equal(0, exitCode);
        return JsonDocument.Parse(File.ReadAllText(output)).RootElement;
    });

    [Theory]
    [InlineData("user/dave.patel", "iam-001")]
    [InlineData("user/bob.martin", "sts-001")]
    [InlineData("user/service-accounts/svc-terraform-org", "sts-001")]
    public void Seeded_escalation_paths_are_found_with_their_first_technique(string principal, string technique)
    {
        // When the sample is scanned
        var findings = Findings("privilege-escalation");

        // Then the principal has an escalation finding whose path starts with the technique
        var finding = Assert.Single(findings, f => f.GetProperty("principal").GetString()!.EndsWith(principal, StringComparison.Ordinal));
        Assert.Equal(technique, finding.GetProperty("path")[0].GetProperty("technique").GetString());
        Assert.NotEmpty(finding.GetProperty("path")[0].GetProperty("permissions").EnumerateArray());
    }

    [Fact]
    public void A_boundary_that_blocks_escalation_is_honoured()
    {
        // carol.smith is in bob's group, but her boundary removes sts:AssumeRole and iam:PassRole
        var carol = Findings("privilege-escalation").Where(f => f.GetProperty("principal").GetString()!.EndsWith("user/carol.smith", StringComparison.Ordinal)).ToList();

        Assert.DoesNotContain(carol, f => f.GetProperty("path").EnumerateArray().Any(s => s.GetProperty("technique").GetString() is "sts-001" or "lambda-001"));
    }

    [Fact]
    public void Administrators_are_admin_equivalent_and_are_not_reported_as_escalating()
    {
        // Given the identities found admin-equivalent without conditions
        var admins = Findings("admin-equivalent").Where(f => f.GetProperty("severity").GetString() == "high")
            .Select(f => f.GetProperty("principal").GetString()!).ToHashSet(StringComparer.Ordinal);

        // Then the break-glass user is one, and none of them is said to escalate
        Assert.Contains(admins, a => a.EndsWith("user/breakglass-admin", StringComparison.Ordinal));
        Assert.DoesNotContain(Findings("privilege-escalation"), f => admins.Contains(f.GetProperty("principal").GetString()!));
    }

    [Fact]
    public void The_report_states_its_reference_time_and_what_it_read()
    {
        var scan = SampleReport.Value.GetProperty("scan");

        Assert.Equal("2026-03-16T09:15:00Z", scan.GetProperty("referenceTime").GetString());
        Assert.Equal(3, scan.GetProperty("inputsRead").EnumerateArray().Count(i => i.GetProperty("kind").GetString() is "AuthorizationDetails" or "Organization"));
        Assert.Contains(scan.GetProperty("inputsSkipped").EnumerateArray(), i => i.GetProperty("path").GetString()!.EndsWith("README.md", StringComparison.Ordinal));
    }

    [Fact]
    public void Fail_on_sets_exit_code_1_when_a_finding_reaches_the_threshold()
    {
        var output = Path.Combine(Directory.CreateTempSubdirectory("ward-scan-").FullName, "findings.json");

        var (critical, _) = WardRunner.Run("scan", Repository.Samples, "--format", "json", "--output", output, "--fail-on", "critical");

        Assert.Equal(1, critical);
    }

    [Fact]
    public void Every_edge_checker_is_listed_once_and_names_a_known_technique()
    {
        var listed = AwsEdgeCheckers.All.Select(c => c.GetType()).ToList();
        var defined = typeof(IAwsEdgeChecker).Assembly.GetTypes().Where(t => !t.IsAbstract && typeof(IAwsEdgeChecker).IsAssignableFrom(t)).ToList();

        Assert.Equal(defined.Count, listed.Distinct().Count());
        Assert.Empty(defined.Except(listed));
        Assert.All(AwsEdgeCheckers.All, c => Assert.True(AwsTechniqueCatalog.All.ContainsKey(c.TechniqueId), c.TechniqueId));
        Assert.Equal(AwsEdgeCheckers.All.Length, AwsEdgeCheckers.All.Select(c => c.TechniqueId).Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void The_sample_trust_policies_give_the_documented_trust_findings()
    {
        // Given the seeded trusts of samples/aws/README.md, when the sample is scanned
        string[] Roles(string rule) => [.. Findings(rule).Select(f => $"{f.GetProperty("principal").GetString()![(f.GetProperty("principal").GetString()!.LastIndexOf('/') + 1)..]} {f.GetProperty("severity").GetString()}").Order(StringComparer.Ordinal)];

        // Then: the GitHub role with `repo:northwind-traders/*` (admin), the two roles trusting a whole account,
        // the SSO roles, and the cross-account inventory; the vendor's ExternalId keeps it out of the third-party rule
        Assert.Equal(["nw-github-terraform high"], Roles("oidc-trust-unrestricted"));
        Assert.Equal(["OrganizationAccountAccessRole high", "nw-migration-admin high"], Roles("whole-account-trust"));
        Assert.Equal(["AWSReservedSSO_AdministratorAccess_7c1e0b9a3d5f2e84 low", "AWSReservedSSO_ReadOnlyAccess_2b9d4f6a8c1e3057 info"], Roles("saml-federated-trust"));
        Assert.Equal(["OrganizationAccountAccessRole info", "contoso-monitoring-integration info", "nw-security-audit info"], Roles("cross-account-access"));
        Assert.Empty(Findings("external-trust-without-external-id"));
        Assert.Empty(Findings("public-role-trust"));
    }

    [Fact]
    public void The_sample_resource_policies_give_the_documented_exposure_findings()
    {
        // Given the seeded resource policies of samples/aws/README.md, when the sample is scanned
        string[] Resources(string rule) => [.. Findings(rule).Select(f => $"{f.GetProperty("principal").GetString()} {f.GetProperty("account").GetString()} {f.GetProperty("severity").GetString()}").Order(StringComparer.Ordinal)];

        // Then: the management account's public bucket (no RCP protects it) and the press kit bucket its ACL opens to
        // everyone (listing only: high); the key shared with the vendor and the secret shared with the management
        // account. Not: the legacy downloads bucket (RestrictPublicBuckets neutralises its public policy), the prod
        // website bucket (the RCP data perimeter), the queue pinned to its topic by aws:SourceArn, the topic's default
        // policy, the S3-invoked function, the CloudTrail bucket
        Assert.Equal(["arn:aws:s3:::northwind-org-artifacts 111122223333 critical", "arn:aws:s3:::northwind-press-kit 111122223333 high"], Resources("public-resource"));
        Assert.Equal(
            [
                "arn:aws:kms:eu-west-1:444455556666:key/9b7e2c14-3f6a-4d8e-a0b5-c71d2e4f8a96 444455556666 medium",
                "arn:aws:secretsmanager:eu-west-1:444455556666:secret:nw/prod/reporting-db-Xy7Q2w 444455556666 info",
            ],
            Resources("cross-account-resource"));
    }

    [Fact]
    public void Broad_grants_of_the_sample_are_reported_only_where_they_are_usable()
    {
        string[] Names(string rule) => [.. Findings(rule).Select(f => f.GetProperty("principal").GetString()![(f.GetProperty("principal").GetString()!.LastIndexOf('/') + 1)..]).Order(StringComparer.Ordinal)];

        // PowerUserAccess's NotAction (carol.smith's boundary leaves her part of it, DynamoDB among others), alice.nguyen's
        // AdministratorAccess (with MFA) and svc-ci-legacy's cloudformation:* are usable wildcards
        Assert.Equal(["alice.nguyen", "bob.martin", "carol.smith", "svc-ci-legacy"], Names("wildcard-grant"));

        // frank.oconnor is in Developers too, but his Deny * * leaves nothing; admins are reported as admins
        Assert.DoesNotContain("frank.oconnor", Names("resource-exposure"), StringComparer.Ordinal);
        Assert.DoesNotContain("frank.oconnor", Names("data-exfiltration"), StringComparer.Ordinal);
        Assert.DoesNotContain("maria.garcia", Names("data-exfiltration"), StringComparer.Ordinal);
        Assert.Contains("bob.martin", Names("resource-exposure"), StringComparer.Ordinal);
        Assert.Contains("grace.lee", Names("data-exfiltration"), StringComparer.Ordinal);
    }

    [Fact]
    public void A_named_target_gets_the_paths_that_reach_it()
    {
        // Given nw-ops-automation (IAMFullAccess) named as a target
        var output = Path.Combine(Directory.CreateTempSubdirectory("ward-target-").FullName, "findings.json");
        var (exitCode, _) = WardRunner.Run("scan", Repository.Samples, "--as-of", "2026-03-16T09:15:00Z", "--target", "arn:aws:iam::444455556666:role/nw-ops-automation", "--format", "json", "--output", output);
        Assert.Equal(0, exitCode);
        var findings = JsonDocument.Parse(File.ReadAllText(output)).RootElement.GetProperty("findings").EnumerateArray()
            .Where(f => f.GetProperty("ruleId").GetString() == "path-to-target")
            .ToDictionary(f => f.GetProperty("principal").GetString()![(f.GetProperty("principal").GetString()!.LastIndexOf('/') + 1)..], StringComparer.Ordinal);

        // Then svc-ci-legacy passes it to Lambda directly; frank.oconnor (Deny * *) cannot; admins are not repeated
        Assert.Equal("lambda-001", findings["svc-ci-legacy"].GetProperty("path")[0].GetProperty("technique").GetString());
        Assert.True(findings.ContainsKey("bob.martin"));
        Assert.False(findings.ContainsKey("frank.oconnor"));
        Assert.False(findings.ContainsKey("henry.ito"));
    }

    [Fact]
    public void A_resource_named_as_target_gets_the_principals_that_reach_its_data()
    {
        // Given prod's KMS key (its policy delegates to the account and lets the monitoring vendor encrypt and decrypt)
        const string key = "arn:aws:kms:eu-west-1:444455556666:key/9b7e2c14-3f6a-4d8e-a0b5-c71d2e4f8a96";
        var output = Path.Combine(Directory.CreateTempSubdirectory("ward-resource-target-").FullName, "findings.json");
        var (exitCode, _) = WardRunner.Run("scan", Repository.Samples, "--as-of", "2026-03-16T09:15:00Z", "--target", key, "--format", "json", "--output", output);
        Assert.Equal(0, exitCode);
        var findings = JsonDocument.Parse(File.ReadAllText(output)).RootElement.GetProperty("findings").EnumerateArray()
            .Where(f => f.GetProperty("ruleId").GetString() == "path-to-target")
            .ToDictionary(f => f.GetProperty("principal").GetString()![(f.GetProperty("principal").GetString()!.LastIndexOf('/') + 1)..], StringComparer.Ordinal);

        // Then bob.martin (PowerUserAccess: kms:* included) reaches it in one step (using it, or granting himself
        // Decrypt, which sorts first among equally short paths), and frank.oconnor (Deny * *) does not reach it
        var step = Assert.Single(findings["bob.martin"].GetProperty("path").EnumerateArray());
        Assert.True(step.GetProperty("technique").GetString() is "ward-resource-access" or "ward-kms-create-grant", step.GetProperty("technique").GetString());
        Assert.Equal(key, step.GetProperty("to").GetString());
        Assert.False(findings.ContainsKey("frank.oconnor"));

        // And the monitoring vendor's account, which the key policy names, reaches it from outside the exports
        var vendor = Assert.Single(findings["arn:aws:iam::999988887777:root"].GetProperty("path").EnumerateArray());
        Assert.Equal("ward-resource-outsider", vendor.GetProperty("technique").GetString());
        Assert.Contains("Allow use of the key by Contoso Monitoring", vendor.GetProperty("permissions")[0].GetProperty("grantedBy").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_public_bucket_named_as_target_is_reached_by_anyone_without_credentials()
    {
        var output = Path.Combine(Directory.CreateTempSubdirectory("ward-public-target-").FullName, "findings.json");
        var (exitCode, _) = WardRunner.Run("scan", Repository.Samples, "--as-of", "2026-03-16T09:15:00Z", "--target", "arn:aws:s3:::northwind-org-artifacts", "--format", "json", "--output", output);
        Assert.Equal(0, exitCode);

        var anonymous = Assert.Single(
            JsonDocument.Parse(File.ReadAllText(output)).RootElement.GetProperty("findings").EnumerateArray(),
            f => f.GetProperty("ruleId").GetString() == "path-to-target" && f.GetProperty("principal").GetString() == "anonymous");
        var step = Assert.Single(anonymous.GetProperty("path").EnumerateArray());
        Assert.Equal("ward-resource-outsider", step.GetProperty("technique").GetString());
        Assert.Equal("s3:GetObject", Assert.Single(step.GetProperty("permissions").EnumerateArray()).GetProperty("action").GetString());
    }

    [Fact]
    public void A_resource_target_that_is_not_in_the_resource_policies_export_is_a_usage_error()
    {
        var (exitCode, output) = WardRunner.Run("scan", Repository.Samples, "--target", "arn:aws:s3:::no-such-bucket");

        Assert.Equal(2, exitCode);
        Assert.Contains("no-such-bucket", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("08:00")]          // would have been today at eight by the clock: a scan nobody can reproduce
    [InlineData("1/11/2026")]
    [InlineData("Nov 1 2026")]
    public void An_as_of_that_is_not_ISO_8601_is_a_usage_error(string value)
    {
        var (exitCode, output) = WardRunner.Run("scan", Repository.Samples, "--as-of", value);

        Assert.Equal(2, exitCode);
        Assert.Contains("is not an ISO 8601 timestamp", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("4")]
    [InlineData("severe")]
    [InlineData("low,critical")]   // the enum parser would OR the two into a value above critical: no gate at all
    [InlineData("high,critical")]
    public void A_fail_on_value_that_is_not_a_severity_name_is_a_usage_error(string value)
    {
        var (exitCode, output) = WardRunner.Run("scan", Repository.Samples, "--fail-on", value);

        Assert.Equal(2, exitCode);
        Assert.Contains("unknown severity", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Input_warnings_are_counted_on_the_console_and_listed_with_verbose()
    {
        // Given the sample, whose organization export draws one warning
        var (_, quiet) = WardRunner.Run("scan", Repository.Samples, "--as-of", "2026-03-16T09:15:00Z");
        var (_, verbose) = WardRunner.Run("scan", Repository.Samples, "--as-of", "2026-03-16T09:15:00Z", "--verbose");

        // Then the console says how many were not shown, and --verbose shows each with its file and place
        Assert.Contains("1 input warning(s) not shown", quiet, StringComparison.Ordinal);
        Assert.Contains("input warning: ", verbose, StringComparison.Ordinal);
        Assert.Contains("organization.json:", verbose, StringComparison.Ordinal);
        Assert.DoesNotContain("not shown", verbose, StringComparison.Ordinal);
    }

    [Fact]
    public void Input_errors_beyond_fifty_are_counted_not_dropped()
    {
        // Given the sample and 55 files that are not valid JSON
        var folder = Directory.CreateTempSubdirectory("ward-errors-").FullName;
        for (var i = 0; i < 55; i++)
        {
            File.WriteAllText(Path.Combine(folder, $"broken-{i:D2}.json"), "{\"UserDetailList\": [");
        }

        var (_, output) = WardRunner.Run("scan", Repository.Samples, folder, "--as-of", "2026-03-16T09:15:00Z");

        // Then 50 are listed and the rest counted
        Assert.Equal(50, output.Split('\n').Count(line => line.StartsWith("input error:", StringComparison.Ordinal)));
        Assert.Contains("... and 5 more input errors", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Accounts_of_the_organization_without_an_IAM_export_are_said_to_be_unanalysed()
    {
        // Given the sample: an organization of four accounts, two of them exported
        var (_, output) = WardRunner.Run("scan", Repository.Samples, "--as-of", "2026-03-16T09:15:00Z");

        // Then the scan names the other two as not analysed
        Assert.Contains("no get-account-authorization-details export for 2 accounts (555566667777, 666677778888)", string.Join(' ', output.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)), StringComparison.Ordinal);
    }

    [Fact]
    public void A_compressed_export_is_skipped_with_a_hint_to_decompress_it()
    {
        // Given the sample and a gzip-compressed copy of one export
        var folder = Directory.CreateTempSubdirectory("ward-gzip-").FullName;
        using (var output = File.Create(Path.Combine(folder, "gaad.json.gz")))
        using (var gzip = new System.IO.Compression.GZipStream(output, System.IO.Compression.CompressionLevel.Fastest))
        {
            gzip.Write(File.ReadAllBytes(Path.Combine(Repository.Samples, "111122223333", "gaad.json")));
        }

        var (_, text) = WardRunner.Run("scan", Repository.Samples, folder, "--as-of", "2026-03-16T09:15:00Z");

        // Then it is listed as skipped, saying why and what to do
        Assert.Contains("gaad.json.gz: a compressed file (.gz): decompress it to have it read", string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)), StringComparison.Ordinal);
    }

    [Fact]
    public void A_second_organization_export_is_said_to_be_skipped_for_what_it_is()
    {
        var folder = Directory.CreateTempSubdirectory("ward-second-organization-").FullName;
        File.Copy(Path.Combine(Repository.Samples, "organization.json"), Path.Combine(folder, "organization-copy.json"));

        var (_, text) = WardRunner.Run("scan", Repository.Samples, folder, "--as-of", "2026-03-16T09:15:00Z");
        var flat = string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

        Assert.Contains("organization-copy.json: a second organization export; only the first", flat, StringComparison.Ordinal);
        Assert.DoesNotContain("not an AWS, Entra ID", flat, StringComparison.Ordinal);
    }

    [Fact]
    public void An_empty_file_is_listed_once_as_skipped_not_also_as_read()
    {
        var folder = Directory.CreateTempSubdirectory("ward-empty-").FullName;
        File.WriteAllText(Path.Combine(folder, "empty.json"), string.Empty);
        var report = Path.Combine(folder, "report.json");

        WardRunner.Run("scan", Repository.Samples, Path.Combine(folder, "empty.json"), "--as-of", "2026-03-16T09:15:00Z", "--format", "json", "--output", report);

        using var document = System.Text.Json.JsonDocument.Parse(File.ReadAllText(report));
        var scan = document.RootElement.GetProperty("scan");
        Assert.DoesNotContain(scan.GetProperty("inputsRead").EnumerateArray(), i => i.GetProperty("path").GetString()!.EndsWith("empty.json", StringComparison.Ordinal));
        Assert.Contains(scan.GetProperty("inputsSkipped").EnumerateArray(), i => i.GetProperty("path").GetString()!.EndsWith("empty.json", StringComparison.Ordinal));
    }

    [Fact]
    public void A_mistyped_option_is_a_usage_error_not_ignored()
    {
        // Given --fail-on mistyped: ignoring it would quietly turn off a CI gate
        var (exitCode, output) = WardRunner.Run("scan", Repository.Samples, "--fial-on", "high");

        Assert.Equal(2, exitCode);
        Assert.Contains("Unknown option 'fial-on'", output, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_target_is_a_usage_error()
    {
        var (exitCode, output) = WardRunner.Run("scan", Repository.Samples, "--target", "arn:aws:iam::444455556666:role/no-such-role");

        Assert.Equal(2, exitCode);
        Assert.Contains("no-such-role", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Permission_creep_scores_show_their_arithmetic_and_use_only_known_actions()
    {
        // svc-ci-legacy holds cloudformation:* it never used (PassRole is never counted as unused)
        var finding = Assert.Single(Findings("permission-creep"), f => f.GetProperty("principal").GetString()!.EndsWith("user/service-accounts/svc-ci-legacy", StringComparison.Ordinal));
        var explanation = finding.GetProperty("explanation").GetString()!;
        var arithmetic = System.Text.RegularExpressions.Regex.Match(explanation, @"round\(100 × (\d+) / (\d+)\) = (\d+)");
        Assert.True(arithmetic.Success, explanation);
        var (unused, watched, score) = (int.Parse(arithmetic.Groups[1].Value, CultureInfo.InvariantCulture), int.Parse(arithmetic.Groups[2].Value, CultureInfo.InvariantCulture), int.Parse(arithmetic.Groups[3].Value, CultureInfo.InvariantCulture));
        Assert.Equal((int)Math.Round(100.0 * unused / watched, MidpointRounding.AwayFromZero), score);
        Assert.Equal(Ward.Analysis.Rules.Unused.PermissionCreepRule.HighRisk.Count, watched);
        Assert.Contains("`cloudformation:CreateStack`", explanation, StringComparison.Ordinal);
        Assert.DoesNotContain("`iam:PassRole`", explanation[..explanation.IndexOf("Score", StringComparison.Ordinal)], StringComparison.Ordinal);
        Assert.All(Ward.Analysis.Rules.Unused.PermissionCreepRule.HighRisk, a => Assert.True(Ward.Aws.Catalog.AwsActionCatalog.Default.TryGetAction(a, out _), a));
    }

    [Fact]
    public void The_sample_gives_exactly_the_expected_findings()
    {
        // Given the expected findings of the sample (Expected/northwind-findings.txt, derived from samples/aws/README.md)
        var expected = File.ReadAllLines(Path.Combine(Repository.Root, "tests", "Ward.Cli.Tests", "Expected", "northwind-findings.txt"))
            .Where(line => line.Length > 0 && !line.StartsWith('#')).ToList();

        // When the sample is scanned
        var actual = SampleReport.Value.GetProperty("findings").EnumerateArray()
            .Select(f => $"{f.GetProperty("severity").GetString()} {f.GetProperty("ruleId").GetString()} {f.GetProperty("principal").GetString()}").ToList();

        // Then every expected finding is there, in order, and nothing else
        var missing = expected.Except(actual, StringComparer.Ordinal).ToList();
        var unexpected = actual.Except(expected, StringComparer.Ordinal).ToList();
        Assert.True(missing.Count == 0 && unexpected.Count == 0, $"missing:\n{string.Join("\n", missing)}\nunexpected:\n{string.Join("\n", unexpected)}");
        Assert.Equal(expected, actual);
    }

    [Fact]
    public void The_console_summary_lists_identities_and_exposed_resources_apart()
    {
        // Given the sample, whose public artifacts bucket has a critical exposure finding
        var (_, output) = WardRunner.Run("scan", Repository.Samples, "--as-of", "2026-03-16T09:15:00Z");

        // Then the bucket is among the exposed resources, and the identities table holds identities only
        var identities = output[output.IndexOf("Riskiest identities", StringComparison.Ordinal)..output.IndexOf("Exposed resources", StringComparison.Ordinal)];
        var resources = output[output.IndexOf("Exposed resources", StringComparison.Ordinal)..];
        Assert.Contains("arn:aws:iam::444455556666:user/bob.martin", identities, StringComparison.Ordinal);
        Assert.DoesNotContain("arn:aws:s3:::", identities, StringComparison.Ordinal);
        Assert.Contains("arn:aws:s3:::northwind-org-artifacts", resources, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_rule_has_a_kebab_case_id_and_a_docs_page()
    {
        Assert.All(RuleCatalog.All, rule =>
        {
            Assert.Matches("^[a-z0-9]+(-[a-z0-9]+)*$", rule.Metadata.Id);
            Assert.True(File.Exists(Path.Combine(Repository.Root, "docs", "rules", rule.Metadata.Id + ".md")), rule.Metadata.Id);
        });
    }

    private static List<JsonElement> Findings(string ruleId) =>
        [.. SampleReport.Value.GetProperty("findings").EnumerateArray().Where(f => f.GetProperty("ruleId").GetString() == ruleId)];
}
