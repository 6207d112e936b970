using System.Text.Json;

namespace Ward.Cli.Tests;

/// <summary>
/// <c>ward scan</c>'s credential and dormancy findings on the Northwind sample, as listed in samples/aws/README.md
/// (seeded risks), and how the thresholds and the reference time change them.
/// </summary>
public sealed class CredentialScanTests
{
    private const string AsOf = "2026-03-16T09:15:00Z";

    private static readonly string[] CredentialRules =
    [
        "root-access-key", "root-without-mfa", "root-recently-used", "console-user-without-mfa", "unused-access-key", "old-access-key",
        "multiple-active-access-keys", "dormant-user", "dormant-role", "unused-service-permissions",
    ];

    private static readonly Lazy<JsonElement> DefaultScan = new(() => Scan());

    [Fact]
    public void The_sample_has_exactly_the_documented_credential_and_dormancy_findings()
    {
        // When the sample is scanned with the default thresholds
        var found = Findings(DefaultScan.Value).Select(f => $"{f.RuleId} {f.Principal}").Order(StringComparer.Ordinal);

        // Then the findings are those samples/aws/README.md lists, and no others
        string[] expected =
        [
            "console-user-without-mfa arn:aws:iam::444455556666:user/dave.patel",
            "console-user-without-mfa arn:aws:iam::444455556666:user/it/henry.ito",
            "dormant-role arn:aws:iam::444455556666:role/nw-migration-admin",
            "dormant-user arn:aws:iam::111122223333:user/breakglass-admin",
            "multiple-active-access-keys arn:aws:iam::444455556666:user/service-accounts/svc-ci-legacy",
            "old-access-key arn:aws:iam::111122223333:user/service-accounts/svc-terraform-org",
            "old-access-key arn:aws:iam::444455556666:user/alice.nguyen",
            "old-access-key arn:aws:iam::444455556666:user/bob.martin",
            "old-access-key arn:aws:iam::444455556666:user/dave.patel",
            "old-access-key arn:aws:iam::444455556666:user/frank.oconnor",
            "old-access-key arn:aws:iam::444455556666:user/service-accounts/svc-backup",
            "old-access-key arn:aws:iam::444455556666:user/service-accounts/svc-ci-legacy",
            "old-access-key arn:aws:iam::444455556666:user/service-accounts/svc-ci-legacy",
            "root-access-key arn:aws:iam::444455556666:root",
            "root-without-mfa arn:aws:iam::444455556666:root",
            "unused-access-key arn:aws:iam::444455556666:user/service-accounts/svc-ci-legacy",
            "unused-service-permissions arn:aws:iam::444455556666:role/nw-ops-automation",
            "unused-service-permissions arn:aws:iam::444455556666:user/service-accounts/svc-backup",
            "unused-service-permissions arn:aws:iam::444455556666:user/service-accounts/svc-ci-legacy",
        ];
        Assert.Equal(expected, found, StringComparer.Ordinal);
    }

    [Fact]
    public void The_seeded_credential_risks_are_explained_with_their_dates()
    {
        var findings = Findings(DefaultScan.Value);

        // The prod root key: critical, created 2021, last used 2022
        var rootKey = Assert.Single(findings, f => f.RuleId == "root-access-key");
        Assert.Equal("critical", rootKey.Severity);
        Assert.Contains("created 2021-03-01", rootKey.Explanation, StringComparison.Ordinal);
        Assert.Contains("last used 2022-03-08", rootKey.Explanation, StringComparison.Ordinal);

        // svc-ci-legacy's second key: active since 2020-02-03, never used
        var unused = Assert.Single(findings, f => f.RuleId == "unused-access-key");
        Assert.Contains("access key 2", unused.Title, StringComparison.Ordinal);
        Assert.Contains("never been used since it was created 2020-02-03", unused.Explanation, StringComparison.Ordinal);
        Assert.Contains("reference time 2026-03-16", unused.Explanation, StringComparison.Ordinal);

        // henry.ito (admin-equivalent through iam:*) signs in without MFA: high; dave.patel: medium
        Assert.Equal("high", findings.Single(f => f.RuleId == "console-user-without-mfa" && f.Principal.EndsWith("henry.ito", StringComparison.Ordinal)).Severity);
        Assert.Equal("medium", findings.Single(f => f.RuleId == "console-user-without-mfa" && f.Principal.EndsWith("dave.patel", StringComparison.Ordinal)).Severity);

        // The break-glass administrator has never been used
        Assert.Contains("has no use recorded for its current credentials (password never used (`no_information`", findings.Single(f => f.RuleId == "dormant-user").Explanation, StringComparison.Ordinal);

        // svc-backup no longer uses RDS (last 2025-06-30) and never called IAM
        var backup = findings.Single(f => f.RuleId == "unused-service-permissions" && f.Principal.EndsWith("svc-backup", StringComparison.Ordinal));
        Assert.Contains("`rds` (Amazon RDS, last used 2025-06-30", backup.Explanation, StringComparison.Ordinal);
        Assert.Contains("`iam` (AWS Identity and Access Management, no use recorded", backup.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void Traps_no_finding_for_an_old_root_sign_in_fresh_keys_or_service_linked_roles()
    {
        var findings = Findings(DefaultScan.Value);
        var scan = DefaultScan.Value.GetProperty("scan");

        // The management root user signed in 2025-09-18: long ago, not "recently used"
        Assert.DoesNotContain(findings, f => f.RuleId == "root-recently-used");

        // svc-terraform-org used every service it is allowed: no unused-service finding
        Assert.DoesNotContain(findings, f => f.RuleId == "unused-service-permissions" && f.Account == "111122223333");

        // The service-linked roles are never dormant findings, and the scan says they were left out
        Assert.DoesNotContain(findings, f => f.Principal.Contains("AWSServiceRoleForOrganizations", StringComparison.Ordinal) && f.RuleId == "dormant-role");
        Assert.Contains(scan.GetProperty("analysesNotRun").EnumerateArray(), s => s.GetProperty("analysis").GetString()!.StartsWith("dormant-role for 2 service-linked roles", StringComparison.Ordinal));
    }

    [Fact]
    public void The_scan_metadata_dates_both_credential_reports_and_states_the_thresholds()
    {
        var scan = DefaultScan.Value.GetProperty("scan");
        var notes = scan.GetProperty("notes").EnumerateArray().Select(n => n.GetString()!).ToList();

        Assert.Contains("The credential report of account 444455556666 was generated 2026-03-16T09:14:02Z.", notes, StringComparer.Ordinal);
        Assert.Contains(notes, n => n.StartsWith("The credential report of account 111122223333 is the decoded CSV, which does not say when it was generated", StringComparison.Ordinal));
        Assert.Equal(2, scan.GetProperty("inputsRead").EnumerateArray().Count(i => i.GetProperty("kind").GetString() == "CredentialReport"));
        Assert.Equal(2, scan.GetProperty("inputsRead").EnumerateArray().Count(i => i.GetProperty("kind").GetString() == "ServiceLastAccessed"));
        Assert.Equal(90, scan.GetProperty("thresholds").GetProperty("unusedDays").GetInt32());
        Assert.Contains(scan.GetProperty("analysesNotRun").EnumerateArray(), s => s.GetProperty("analysis").GetString() == "unused-service-permissions for 19 other principals of account 444455556666");
    }

    [Fact]
    public void A_shorter_unused_threshold_reveals_the_incomplete_offboarding()
    {
        // frank.oconnor's password and key were last used 2026-01-30: 44 days before the reference time
        var findings = Findings(Scan("--unused-days", "30"));

        Assert.Contains(findings, f => f.RuleId == "dormant-user" && f.Principal.EndsWith("user/frank.oconnor", StringComparison.Ordinal));
        Assert.Contains(findings, f => f.RuleId == "unused-access-key" && f.Principal.EndsWith("user/frank.oconnor", StringComparison.Ordinal));
        Assert.DoesNotContain(Findings(DefaultScan.Value), f => f.Principal.EndsWith("user/frank.oconnor", StringComparison.Ordinal) && f.RuleId is "dormant-user" or "unused-access-key");
    }

    [Fact]
    public void A_longer_key_age_threshold_spares_alices_104_day_old_key_but_not_bobs()
    {
        var findings = Findings(Scan("--key-age-days", "120"));

        Assert.DoesNotContain(findings, f => f.RuleId == "old-access-key" && f.Principal.EndsWith("user/alice.nguyen", StringComparison.Ordinal));
        Assert.Contains(findings, f => f.RuleId == "old-access-key" && f.Principal.EndsWith("user/bob.martin", StringComparison.Ordinal));
    }

    [Fact]
    public void A_later_reference_time_makes_frank_dormant_and_calls_the_reports_stale()
    {
        // On 2026-05-01, frank.oconnor's last activity (2026-01-30 18:10 UTC) is 90 days old
        var report = Scan("--as-of", "2026-05-01T09:15:00Z");

        Assert.Contains(Findings(report), f => f.RuleId == "dormant-user" && f.Principal.EndsWith("user/frank.oconnor", StringComparison.Ordinal));
        Assert.Contains(report.GetProperty("scan").GetProperty("notes").EnumerateArray(), n => n.GetString()!.Contains("46 days before the reference time: it is stale", StringComparison.Ordinal));
    }

    [Fact]
    public void Months_after_the_export_the_authorization_details_are_called_stale_and_Identity_Center_roles_point_to_their_permission_set()
    {
        // On 2026-11-01 every role of the sample is unused for 90 days, and the newest timestamp of prod's
        // authorization details (a role's use on 2026-03-16) is 229 days old
        var report = Scan("--as-of", "2026-11-01T00:00:00Z");

        Assert.Contains(report.GetProperty("scan").GetProperty("notes").EnumerateArray(), n => n.GetString()!.StartsWith("The authorization details of account 444455556666 do not say when they were exported; their newest timestamp", StringComparison.Ordinal)
            && n.GetString()!.Contains("229 days before the reference time: if the export is that old, later role use is not in it and dormant-role findings may no longer hold", StringComparison.Ordinal));

        // The Identity Center role cannot be deleted in IAM: the remediation names the permission set identity-center.json maps it to
        var sso = Assert.Single(report.GetProperty("findings").EnumerateArray(), f => f.GetProperty("ruleId").GetString() == "dormant-role" && f.GetProperty("principal").GetString()!.Contains("AWSReservedSSO_ReadOnlyAccess_", StringComparison.Ordinal));
        Assert.Contains("permission set `ReadOnlyAccess` in account 444455556666", sso.GetProperty("remediation").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--unused-days", "0")]
    [InlineData("--key-age-days", "-5")]
    [InlineData("--root-use-days", "99999")]
    [InlineData("--unused-days", "ninety")]
    public void A_bad_threshold_is_a_usage_error(string option, string value)
    {
        var (exitCode, output) = WardRunner.Run("scan", Repository.Samples, option, value);

        // The message names the option and the value, never the .NET type the value was meant to become
        Assert.Equal(2, exitCode);
        Assert.Contains(value, output, StringComparison.Ordinal);
        Assert.Contains(option, output, StringComparison.Ordinal);
        Assert.DoesNotContain("Nullable", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--unused-days=ninety", "--unused-days: `ninety` is not a whole number")]
    [InlineData("--html-rows", "--html-rows: `lots` is not a whole number", "lots")]
    public void A_value_that_is_not_a_number_is_named_with_its_option(string option, string message, string? value = null)
    {
        var (exitCode, output) = value is null ? WardRunner.Run("scan", Repository.Samples, option) : WardRunner.Run("scan", Repository.Samples, option, value);

        Assert.Equal(2, exitCode);
        Assert.Contains(message, output, StringComparison.Ordinal);
    }

    [Fact]
    public void Scan_help_lists_the_threshold_options()
    {
        var (exitCode, output) = WardRunner.Run("scan", "--help");

        Assert.Equal(0, exitCode);
        Assert.Contains("--unused-days", output, StringComparison.Ordinal);
        Assert.Contains("--key-age-days", output, StringComparison.Ordinal);
        Assert.Contains("--root-use-days", output, StringComparison.Ordinal);
    }

    [Fact]
    public void The_test_copy_of_the_sample_is_identical_to_the_sample()
    {
        var copy = Path.Combine(Repository.Root, "tests", "Ward.Aws.Tests", "Ingest", "Fixtures", "northwind");
        foreach (var file in Directory.EnumerateFiles(Repository.Samples, "*", SearchOption.AllDirectories).Where(f => !f.EndsWith("README.md", StringComparison.Ordinal)))
        {
            var twin = Path.Combine(copy, Path.GetRelativePath(Repository.Samples, file));
            Assert.True(File.Exists(twin), $"{twin} is missing");
            Assert.True(File.ReadAllBytes(file).AsSpan().SequenceEqual(File.ReadAllBytes(twin)), $"{twin} differs from {file}");
        }
    }

    private static JsonElement Scan(params string[] options)
    {
        var output = Path.Combine(Directory.CreateTempSubdirectory("ward-scan-").FullName, "findings.json");
        string[] args = ["scan", Repository.Samples, "--format", "json", "--output", output, .. options.Contains("--as-of") ? [] : new[] { "--as-of", AsOf }, .. options];
        var (exitCode, console) = WardRunner.Run(args);
        Assert.True(exitCode == 0, console);
        return JsonDocument.Parse(File.ReadAllText(output)).RootElement;
    }

    private static List<(string RuleId, string Principal, string Severity, string Title, string Explanation, string? Account)> Findings(JsonElement report) =>
    [
        .. report.GetProperty("findings").EnumerateArray()
            .Where(f => CredentialRules.Contains(f.GetProperty("ruleId").GetString(), StringComparer.Ordinal))
            .Select(f => (
                f.GetProperty("ruleId").GetString()!,
                f.GetProperty("principal").GetString()!,
                f.GetProperty("severity").GetString()!,
                f.GetProperty("title").GetString()!,
                f.GetProperty("explanation").GetString()!,
                f.GetProperty("account").GetString())),
    ];
}
