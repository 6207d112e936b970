using Ward.Analysis.Tests.Testing;

namespace Ward.Analysis.Tests;

/// <summary>Missing inputs narrow the report, and the scan says so; notes date the inputs.</summary>
public sealed class InputCoverageTests
{
    private static readonly string[] CredentialRules = ["unused-access-key", "old-access-key", "multiple-active-access-keys", "console-user-without-mfa", "root-access-key", "root-without-mfa", "root-recently-used", "dormant-user"];

    [Fact]
    public void Without_a_credential_report_the_credential_rules_do_not_run_and_the_scan_says_so()
    {
        // Given an account with a risky user but no credential report
        var result = new TestEstate { WithCredentialReport = false }.With(ReportLine.KeyUser("stale", 900, 400)).Scan();

        // Then no credential finding is made, and one entry names the account and every rule that could not run
        Assert.DoesNotContain(result.Findings, f => CredentialRules.Contains(f.RuleId, StringComparer.Ordinal));
        var skipped = Assert.Single(result.Skipped, s => s.Analysis.Contains("unused-access-key", StringComparison.Ordinal));
        Assert.All(CredentialRules, rule => Assert.Contains(rule, skipped.Analysis, StringComparison.Ordinal));
        Assert.Contains("account 123456789012", skipped.Analysis, StringComparison.Ordinal);
        Assert.Contains("no usable credential report", skipped.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void With_a_credential_report_nothing_is_skipped_for_it()
    {
        var result = new TestEstate().With(ReportLine.KeyUser("stale", 900, 400)).Scan();

        Assert.NotEmpty(result.Of("unused-access-key"));
        Assert.DoesNotContain(result.Skipped, s => s.Analysis.Contains("unused-access-key", StringComparison.Ordinal));
    }

    [Fact]
    public void Without_service_data_and_with_partial_service_data_the_scan_says_what_was_not_covered()
    {
        var none = new TestEstate().Role("a", 500, 1).Role("b", 500, 1).Scan();
        var partial = new TestEstate().Role("a", 500, 1).Role("b", 500, 1).ServiceData(TestEstate.RoleArn("a"), ("s3", 1)).Scan();

        Assert.Contains(none.Skipped, s => s.Analysis == "unused-service-permissions, permission-creep in account 123456789012" && s.Reason.Contains("no usable service last accessed data", StringComparison.Ordinal));
        Assert.DoesNotContain(partial.Skipped, s => s.Analysis.EndsWith("in account 123456789012", StringComparison.Ordinal));
        Assert.Contains(partial.Skipped, s => s.Analysis == "unused-service-permissions for 1 other principal of account 123456789012");
    }

    [Fact]
    public void The_notes_say_when_the_report_was_generated_and_call_an_old_one_stale()
    {
        var fresh = new TestEstate { GeneratedTime = "2026-03-16T09:14:02+00:00" }.With(ReportLine.ConsoleUser("a")).Scan();
        var stale = new TestEstate { GeneratedTime = "2026-02-01T08:00:00+00:00" }.With(ReportLine.ConsoleUser("a")).Scan();
        var csv = new TestEstate().With(ReportLine.ConsoleUser("a")).Scan();

        Assert.Contains(fresh.Notes, n => n == "The credential report of account 123456789012 was generated 2026-03-16T09:14:02Z.");
        Assert.Contains(stale.Notes, n => n.Contains("generated 2026-02-01T08:00:00Z, 43 days before the reference time: it is stale", StringComparison.Ordinal));
        Assert.Contains(csv.Notes, n => n.Contains("does not say when it was generated; its newest timestamp is 2026-03-15T09:15:00Z", StringComparison.Ordinal));
    }

    [Fact]
    public void A_report_generated_after_the_reference_time_is_noted()
    {
        var result = new TestEstate { GeneratedTime = "2026-03-16T09:14:02+00:00" }.With(ReportLine.ConsoleUser("a")).Scan(asOf: TestEstate.ReferenceTime.AddDays(-30));

        Assert.Contains(result.Notes, n => n.Contains("after the reference time", StringComparison.Ordinal));
    }

    [Fact]
    public void A_decoded_report_whose_newest_timestamp_is_after_the_reference_time_is_noted()
    {
        // Given a decoded CSV (no generation time) whose newest timestamp is 2026-03-15, scanned as of 30 days earlier
        var later = new TestEstate().With(ReportLine.ConsoleUser("a")).Scan(asOf: TestEstate.ReferenceTime.AddDays(-30));
        var current = new TestEstate().With(ReportLine.ConsoleUser("a")).Scan();

        // Then the note says the report postdates the reference time; scanned as of a later time, it does not
        Assert.Contains(later.Notes, n => n.Contains("its newest timestamp is 2026-03-15T09:15:00Z, after the reference time: the report was generated after it, so use recorded after the reference time counts as recent", StringComparison.Ordinal));
        Assert.DoesNotContain(current.Notes, n => n.Contains("after the reference time", StringComparison.Ordinal));
    }
}
