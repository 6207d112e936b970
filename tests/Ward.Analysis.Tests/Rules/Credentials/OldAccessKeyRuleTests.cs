using Ward.Analysis.Tests.Testing;

namespace Ward.Analysis.Tests.Rules.Credentials;

public sealed class OldAccessKeyRuleTests
{
    private const string Rule = "old-access-key";

    [Fact]
    public void A_key_older_than_the_threshold_is_reported_and_a_young_one_is_not()
    {
        // Given a key created 100 days ago and one created 30 days ago, both in daily use
        var result = new TestEstate().With(ReportLine.KeyUser("old", 100, 1), ReportLine.KeyUser("young", 30, 1)).Scan();

        // Then the old one is reported with its creation date
        var finding = Assert.Single(result.Of(Rule));
        Assert.EndsWith("user/old", finding.Principal, StringComparison.Ordinal);
        Assert.Contains("created 2025-12-06 (100 days before the reference time)", finding.Explanation, StringComparison.Ordinal);
        Assert.Contains("100 days old", finding.Title, StringComparison.Ordinal);
    }

    [Fact]
    public void The_key_age_option_and_the_reference_time_change_the_outcome()
    {
        var estate = new TestEstate().With(ReportLine.KeyUser("rotating", 100, 1));

        Assert.Single(estate.Scan().Of(Rule));
        Assert.Empty(estate.Scan(settings: new AnalysisSettings { KeyAgeDays = 120 }).Of(Rule));
        Assert.Empty(estate.Scan(asOf: TestEstate.ReferenceTime.AddDays(-20)).Of(Rule));
    }

    [Fact]
    public void An_inactive_old_key_is_not_reported()
    {
        var result = new TestEstate().With(ReportLine.KeyUser("rotated", 900, 400) with { Key1Active = "false" }).Scan();

        Assert.Empty(result.Of(Rule));
    }
}
