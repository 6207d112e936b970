using Ward.Analysis.Tests.Testing;

namespace Ward.Analysis.Tests.Rules.Credentials;

public sealed class UnusedAccessKeyRuleTests
{
    private const string Rule = "unused-access-key";

    [Fact]
    public void A_key_used_yesterday_is_fine_and_its_twin_unused_for_200_days_is_reported()
    {
        // Given two users with the same key, one used yesterday and one 200 days ago
        var result = new TestEstate().With(ReportLine.KeyUser("active-ci", 400, 1), ReportLine.KeyUser("stale-ci", 400, 200)).Scan();

        // Then only the stale key is reported, with its dates and the reference time
        var finding = Assert.Single(result.Of(Rule));
        Assert.EndsWith("user/stale-ci", finding.Principal, StringComparison.Ordinal);
        Assert.Equal(Severity.Medium, finding.Severity);
        Assert.Contains("last used 2025-08-28 (200 days before the reference time)", finding.Explanation, StringComparison.Ordinal);
        Assert.Contains("reference time 2026-03-16", finding.Explanation, StringComparison.Ordinal);
        Assert.Equal("123456789012", finding.Account);
    }

    [Fact]
    public void A_key_never_used_counts_from_its_creation()
    {
        // Given a key created 200 days ago and never used, and one created 10 days ago and never used
        var result = new TestEstate().With(ReportLine.KeyUser("forgotten", 200, null), ReportLine.KeyUser("new-hire", 10, null)).Scan();

        // Then only the old one is reported, as never used
        var finding = Assert.Single(result.Of(Rule));
        Assert.EndsWith("user/forgotten", finding.Principal, StringComparison.Ordinal);
        Assert.Contains("never been used since it was created 2025-08-28", finding.Explanation, StringComparison.Ordinal);
        Assert.Contains("never used", finding.Title, StringComparison.Ordinal);
    }

    [Fact]
    public void The_threshold_option_changes_the_outcome()
    {
        // Given a key last used 120 days ago
        var estate = new TestEstate().With(ReportLine.KeyUser("quarterly-job", 500, 120));

        // Then it is unused at the default 90 days, but not with a 180-day threshold
        Assert.Single(estate.Scan().Of(Rule));
        Assert.Empty(estate.Scan(settings: new AnalysisSettings { UnusedDays = 180 }).Of(Rule));
    }

    [Fact]
    public void The_reference_time_changes_the_outcome()
    {
        // Given a key last used 60 days before the default reference time
        var estate = new TestEstate().With(ReportLine.KeyUser("batch", 500, 60));

        // Then it is fine at the reference time, and unused 40 days later
        Assert.Empty(estate.Scan().Of(Rule));
        var later = Assert.Single(estate.Scan(asOf: TestEstate.ReferenceTime.AddDays(40)).Of(Rule));
        Assert.Contains("100 days before the reference time", later.Explanation, StringComparison.Ordinal);
        Assert.Contains("reference time 2026-04-25", later.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void An_inactive_key_and_the_root_users_key_are_not_this_rules()
    {
        // Given an inactive unused key, and a root user with an unused active key
        var inactive = ReportLine.KeyUser("parked", 400, 300) with { Key1Active = "false" };
        var root = ReportLine.Root() with { Key1Active = "true", Key1Created = ReportLine.DaysAgo(900), Key1Used = ReportLine.DaysAgo(800) };

        // Then this rule reports neither (root keys are root-access-key's)
        Assert.Empty(new TestEstate().With(inactive, root).Scan().Of(Rule));
    }

    [Fact]
    public void An_administrators_unused_key_is_high()
    {
        var result = new TestEstate().With(ReportLine.KeyUser("old-admin", 400, 150) with { Admin = true }).Scan();

        var finding = Assert.Single(result.Of(Rule));
        Assert.Equal(Severity.High, finding.Severity);
        Assert.Contains("admin-equivalent", finding.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void The_fingerprint_is_stable_and_tells_keys_apart()
    {
        // Given a user with two unused keys, scanned twice
        var line = ReportLine.KeyUser("two-keys", 400, 200) with { Key2Active = "true", Key2Created = ReportLine.DaysAgo(300) };
        var first = new TestEstate().With(line).Scan().Of(Rule);
        var second = new TestEstate().With(line).Scan(asOf: TestEstate.ReferenceTime.AddDays(3)).Of(Rule);

        // Then each key has its own fingerprint, the same in both scans
        Assert.Equal(2, first.Select(f => f.Fingerprint).Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(first.Select(f => f.Fingerprint).Order(StringComparer.Ordinal), second.Select(f => f.Fingerprint).Order(StringComparer.Ordinal));
    }
}
