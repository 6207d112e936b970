using Ward.Analysis.Tests.Testing;

namespace Ward.Analysis.Tests.Rules.Unused;

public sealed class DormantUserRuleTests
{
    private const string Rule = "dormant-user";

    [Fact]
    public void A_user_whose_password_and_key_were_last_used_long_ago_is_dormant_and_its_active_twin_is_not()
    {
        // Given two users with a password and a key: one last active 120 days ago, one whose key was used yesterday
        var asleep = ReportLine.KeyUser("asleep", 700, 150) with { PasswordEnabled = "true", PasswordLastUsed = ReportLine.DaysAgo(120), Mfa = "true" };
        var awake = ReportLine.KeyUser("awake", 700, 1) with { PasswordEnabled = "true", PasswordLastUsed = ReportLine.DaysAgo(120), Mfa = "true" };

        var result = new TestEstate().With(asleep, awake).Scan();

        // Then only the first is dormant, medium (it still has credentials), dated by its latest activity
        var finding = Assert.Single(result.Of(Rule));
        Assert.EndsWith("user/asleep", finding.Principal, StringComparison.Ordinal);
        Assert.Equal(Severity.Medium, finding.Severity);
        Assert.Contains("last active 2025-11-16 (120 days before the reference time)", finding.Explanation, StringComparison.Ordinal);
        Assert.Contains("access key 1 last used 2025-10-17", finding.Explanation, StringComparison.Ordinal);
        Assert.Contains("120 days", finding.Title, StringComparison.Ordinal);
    }

    [Fact]
    public void Never_used_counts_once_the_user_is_older_than_the_threshold()
    {
        // Given two users that never signed in: one created 200 days ago, one 10 days ago
        var result = new TestEstate().With(
            ReportLine.ConsoleUser("old-invite") with { Created = ReportLine.DaysAgo(200), PasswordLastUsed = "N/A" },
            ReportLine.ConsoleUser("new-hire") with { Created = ReportLine.DaysAgo(10), PasswordLastUsed = "N/A" }).Scan();

        // Then only the old one is reported, as never used
        var finding = Assert.Single(result.Of(Rule));
        Assert.EndsWith("user/old-invite", finding.Principal, StringComparison.Ordinal);
        Assert.Contains("never signed in or used an access key", finding.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void A_user_without_credentials_is_low_and_an_administrator_with_a_password_is_high()
    {
        var result = new TestEstate().With(
            new ReportLine("shell") { Created = ReportLine.DaysAgo(500) },
            ReportLine.ConsoleUser("breakglass") with { PasswordLastUsed = "N/A", Admin = true }).Scan();

        Assert.Equal(Severity.Low, result.Of(Rule).Single(f => f.Principal.EndsWith("user/shell", StringComparison.Ordinal)).Severity);
        var admin = result.Of(Rule).Single(f => f.Principal.EndsWith("user/breakglass", StringComparison.Ordinal));
        Assert.Equal(Severity.High, admin.Severity);
        Assert.Contains("admin-equivalent", admin.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void No_information_means_no_use_since_2014()
    {
        var result = new TestEstate().With(ReportLine.ConsoleUser("veteran") with { Created = ReportLine.DaysAgo(4500), PasswordLastUsed = "no_information" }).Scan();

        Assert.Contains("not used since IAM began tracking", Assert.Single(result.Of(Rule)).Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void The_threshold_and_the_reference_time_decide()
    {
        // Given a user last active 45 days ago
        var estate = new TestEstate().With(ReportLine.ConsoleUser("part-time") with { PasswordLastUsed = ReportLine.DaysAgo(45) });

        Assert.Empty(estate.Scan().Of(Rule));
        Assert.Single(estate.Scan(settings: new AnalysisSettings { UnusedDays = 30 }).Of(Rule));
        Assert.Single(estate.Scan(asOf: TestEstate.ReferenceTime.AddDays(60)).Of(Rule));
    }

    [Fact]
    public void An_unreadable_last_use_leaves_the_user_undecided()
    {
        // Given a user whose key's last use could not be read (a warning at load time)
        var result = new TestEstate().With(ReportLine.KeyUser("unclear", 700, 300) with { Key1Used = "sometime" }).Scan();

        Assert.Empty(result.Of(Rule));
        Assert.Contains(result.Estate.Diagnostics, d => d.Message.Contains("`sometime`", StringComparison.Ordinal));
    }
}
