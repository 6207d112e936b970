using Ward.Analysis.Tests.Testing;

namespace Ward.Analysis.Tests.Rules.Credentials;

public sealed class MultipleActiveAccessKeysRuleTests
{
    private const string Rule = "multiple-active-access-keys";

    [Fact]
    public void Two_active_keys_are_reported_and_one_active_with_one_inactive_is_not()
    {
        // Given a user with two active keys and a user whose second key was deactivated
        var both = ReportLine.KeyUser("both", 300, 1) with { Key2Active = "true", Key2Created = ReportLine.DaysAgo(20) };
        var rotated = ReportLine.KeyUser("rotated", 300, 1) with { Key2Active = "false", Key2Created = ReportLine.DaysAgo(20) };

        var result = new TestEstate().With(both, rotated).Scan();

        // Then only the first is reported, low, with both keys described
        var finding = Assert.Single(result.Of(Rule));
        Assert.EndsWith("user/both", finding.Principal, StringComparison.Ordinal);
        Assert.Equal(Severity.Low, finding.Severity);
        Assert.Contains("access key 1 (created 2025-05-20", finding.Explanation, StringComparison.Ordinal);
        Assert.Contains("access key 2 (created 2026-02-24 (20 days before the reference time), never used)", finding.Explanation, StringComparison.Ordinal);
    }
}
