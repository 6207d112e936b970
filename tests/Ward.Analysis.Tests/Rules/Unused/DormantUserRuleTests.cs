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
        Assert.Contains("access key 1 created 2024-04-15, last used 2025-10-17", finding.Explanation, StringComparison.Ordinal);
        Assert.Contains("120 days", finding.Title, StringComparison.Ordinal);
    }

    [Fact]
    public void Never_used_counts_once_the_user_is_older_than_the_threshold()
    {
        // Given two users that never signed in: one created 200 days ago, one 10 days ago
        var result = new TestEstate().With(
            ReportLine.ConsoleUser("old-invite") with { Created = ReportLine.DaysAgo(200), PasswordLastChanged = ReportLine.DaysAgo(200), PasswordLastUsed = "no_information" },
            ReportLine.ConsoleUser("new-hire") with { Created = ReportLine.DaysAgo(10), PasswordLastChanged = ReportLine.DaysAgo(10), PasswordLastUsed = "no_information" }).Scan();

        // Then only the old one is reported, as having no recorded use
        var finding = Assert.Single(result.Of(Rule));
        Assert.EndsWith("user/old-invite", finding.Principal, StringComparison.Ordinal);
        Assert.Contains("has no use recorded for its current credentials", finding.Explanation, StringComparison.Ordinal);
        Assert.Contains("has no use recorded for its current credentials", finding.Title, StringComparison.Ordinal);
    }

    [Fact]
    public void A_user_without_credentials_is_low_and_an_administrator_with_a_password_is_high()
    {
        var result = new TestEstate().With(
            new ReportLine("shell") { Created = ReportLine.DaysAgo(500) },
            ReportLine.ConsoleUser("breakglass") with { PasswordLastUsed = "no_information", PasswordLastChanged = ReportLine.DaysAgo(700), Admin = true }).Scan();

        Assert.Equal(Severity.Low, result.Of(Rule).Single(f => f.Principal.EndsWith("user/shell", StringComparison.Ordinal)).Severity);
        var admin = result.Of(Rule).Single(f => f.Principal.EndsWith("user/breakglass", StringComparison.Ordinal));
        Assert.Equal(Severity.High, admin.Severity);
        Assert.Contains("admin-equivalent", admin.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void The_password_and_key_columns_are_worded_as_AWS_defines_them()
    {
        // Given a user from before IAM tracked sign-ins (2014-10-20) whose password has no recorded use
        // (`no_information`), one created since with the same, and one with no password at all (`N/A`) and a key from
        // before IAM tracked key use (2015-04-22)
        var result = new TestEstate().With(
            ReportLine.ConsoleUser("veteran") with { Created = ReportLine.DaysAgo(4500), PasswordLastChanged = ReportLine.DaysAgo(4500), PasswordLastUsed = "no_information" },
            ReportLine.ConsoleUser("newcomer") with { Created = ReportLine.DaysAgo(400), PasswordLastChanged = ReportLine.DaysAgo(400), PasswordLastUsed = "no_information" },
            ReportLine.KeyUser("legacy-batch", 4200, null) with { Created = ReportLine.DaysAgo(4300) }).Scan();

        // Then only the user created since tracking began is said to have never used it
        var veteran = result.Of(Rule).Single(f => f.Principal.EndsWith("user/veteran", StringComparison.Ordinal));
        Assert.Contains("password not used since IAM began tracking sign-ins on 2014-10-20 (`no_information`)", veteran.Explanation, StringComparison.Ordinal);
        Assert.DoesNotContain("never", veteran.Explanation + veteran.Title, StringComparison.Ordinal);
        var newcomer = result.Of(Rule).Single(f => f.Principal.EndsWith("user/newcomer", StringComparison.Ordinal));
        Assert.Contains("password never used (`no_information`)", newcomer.Explanation, StringComparison.Ordinal);
        var legacy = result.Of(Rule).Single(f => f.Principal.EndsWith("user/legacy-batch", StringComparison.Ordinal));
        Assert.Contains("(no password; access key 1 created 2014-09-15, no use recorded since IAM began tracking key use on 2015-04-22)", legacy.Explanation, StringComparison.Ordinal);
        Assert.DoesNotContain("never", legacy.Explanation + legacy.Title, StringComparison.Ordinal);
    }

    [Fact]
    public void A_user_with_no_recorded_use_is_idle_only_since_its_newest_credential()
    {
        // Given two users created long ago with no recorded use (the report shows current credentials only): one whose
        // key was rotated yesterday, one whose key is 300 days old; and two console users whose password was set
        // 10 and 300 days ago and never used since
        var result = new TestEstate().With(
            ReportLine.KeyUser("rotated", 1, null) with { Created = ReportLine.DaysAgo(2000) },
            ReportLine.KeyUser("stale-key", 300, null) with { Created = ReportLine.DaysAgo(2000) },
            ReportLine.ConsoleUser("password-reset") with { Created = ReportLine.DaysAgo(2000), PasswordLastChanged = ReportLine.DaysAgo(10), PasswordLastUsed = "no_information" },
            ReportLine.ConsoleUser("stale-password") with { Created = ReportLine.DaysAgo(2000), PasswordLastChanged = ReportLine.DaysAgo(300), PasswordLastUsed = "no_information" }).Scan();

        // Then only the old credentials are dormant, counted from their creation, and none is called "never used"
        Assert.Equal(["stale-key", "stale-password"], result.Of(Rule).Select(f => f.Principal[(f.Principal.LastIndexOf('/') + 1)..]).Order(StringComparer.Ordinal), StringComparer.Ordinal);
        var key = result.Of(Rule).Single(f => f.Principal.EndsWith("user/stale-key", StringComparison.Ordinal));
        Assert.Contains("has no use recorded for its current credentials", key.Explanation, StringComparison.Ordinal);
        Assert.Contains("Idleness is counted from its newest credential (access key 1, created 2025-05-20 (300 days before the reference time))", key.Explanation, StringComparison.Ordinal);
        Assert.DoesNotContain("never", key.Title, StringComparison.Ordinal);
        Assert.DoesNotContain("has never", key.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void A_key_rotated_after_the_last_recorded_use_counts_as_activity()
    {
        // Given two users whose password was last used 200 days ago: one got a new key 20 days ago, one 150 days ago
        var result = new TestEstate().With(
            ReportLine.KeyUser("fresh-key", 20, null) with { Created = ReportLine.DaysAgo(2000), PasswordEnabled = "true", PasswordLastChanged = ReportLine.DaysAgo(900), PasswordLastUsed = ReportLine.DaysAgo(200), Mfa = "true" },
            ReportLine.KeyUser("old-key", 150, null) with { Created = ReportLine.DaysAgo(2000), PasswordEnabled = "true", PasswordLastChanged = ReportLine.DaysAgo(900), PasswordLastUsed = ReportLine.DaysAgo(200), Mfa = "true" }).Scan();

        // Then only the second is dormant, for the 150 days since its key was created
        var finding = Assert.Single(result.Of(Rule));
        Assert.EndsWith("user/old-key", finding.Principal, StringComparison.Ordinal);
        Assert.Contains("has no use recorded for 150 days", finding.Title, StringComparison.Ordinal);
        Assert.Contains("was last active 2025-08-28 (200 days before the reference time)", finding.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unreadable_active_flag_leaves_the_user_undecided_and_listed_where_its_twin_is_judged()
    {
        // Given two users with an old, never used key: one whose `access_key_1_active` reads `yes`, one `false`;
        // and a console user whose `password_enabled` reads `yes`
        var result = new TestEstate().With(
            ReportLine.KeyUser("unclear-key", 700, null) with { Key1Active = "yes" },
            ReportLine.KeyUser("inactive-key", 700, null) with { Key1Active = "false" },
            ReportLine.ConsoleUser("unclear-password") with { PasswordEnabled = "yes", PasswordLastUsed = ReportLine.DaysAgo(400), PasswordLastChanged = ReportLine.DaysAgo(700) }).Scan();

        // Then the first and the third are not judged (their credentials may be active) but listed as not decided;
        // the second is dormant, low (no active credential)
        var finding = Assert.Single(result.Of(Rule));
        Assert.EndsWith("user/inactive-key", finding.Principal, StringComparison.Ordinal);
        Assert.Equal(Severity.Low, finding.Severity);
        var skipped = Assert.Single(result.Skipped, s => s.Analysis.StartsWith(Rule, StringComparison.Ordinal));
        Assert.Equal($"{Rule} for 2 users of account {TestEstate.Account}", skipped.Analysis);
        Assert.Contains("not decided", skipped.Reason, StringComparison.Ordinal);
        Assert.EndsWith("unclear-key, unclear-password", skipped.Reason, StringComparison.Ordinal);
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
        Assert.Contains(result.Skipped, s => s.Analysis == $"{Rule} for 1 user of account {TestEstate.Account}" && s.Reason.EndsWith("unclear", StringComparison.Ordinal));
    }
}
