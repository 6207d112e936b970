using Ward.Analysis.Tests.Testing;

namespace Ward.Analysis.Tests.Rules.Credentials;

/// <summary>root-access-key, root-without-mfa and root-recently-used.</summary>
public sealed class RootRulesTests
{
    [Fact]
    public void A_root_access_key_is_critical_and_a_root_without_keys_is_fine()
    {
        // Given a root user with an active key (created 1,000 days ago, used 700 days ago), and a user with a key
        var root = ReportLine.Root() with { Key1Active = "true", Key1Created = ReportLine.DaysAgo(1000), Key1Used = ReportLine.DaysAgo(700) };
        var withKey = new TestEstate().With(root, ReportLine.KeyUser("ci", 30, 1)).Scan();
        var without = new TestEstate().With(ReportLine.KeyUser("ci", 30, 1)).Scan();

        // Then only the root key is reported, critical, with its dates
        var finding = Assert.Single(withKey.Of("root-access-key"));
        Assert.Equal((Severity.Critical, "arn:aws:iam::123456789012:root"), (finding.Severity, finding.Principal));
        Assert.Contains("access key 1 (created 2023-06-20 (1,000 days before the reference time), last used 2024-04-15 (700 days before the reference time) for s3 in eu-west-1)", finding.Explanation, StringComparison.Ordinal);
        Assert.Empty(without.Of("root-access-key"));
    }

    [Fact]
    public void A_report_without_the_root_line_is_warned_and_the_root_rules_are_listed_as_not_run()
    {
        // Given a report without the `<root_account>` line (IAM always writes one), and its twin with it
        var without = new TestEstate { WithRootLine = false }.With(ReportLine.KeyUser("ci", 30, 1)).Scan();
        var with = new TestEstate().With(ReportLine.KeyUser("ci", 30, 1)).Scan();

        // Then the root user is not given a clean bill: a warning, and the three root rules are listed as not run
        var warning = Assert.Single(without.Estate.Diagnostics, d => d.Code == "WARD1408");
        Assert.Equal(Core.Diagnostics.DiagnosticSeverity.Warning, warning.Severity);
        var skipped = Assert.Single(without.Skipped, s => s.Analysis.StartsWith("root-", StringComparison.Ordinal));
        Assert.Equal("root-access-key, root-without-mfa, root-recently-used in account 123456789012", skipped.Analysis);
        Assert.Contains("no usable `<root_account>` line", skipped.Reason, StringComparison.Ordinal);
        Assert.DoesNotContain(with.Estate.Diagnostics, d => d.Code == "WARD1408");
        Assert.DoesNotContain(with.Skipped, s => s.Analysis.StartsWith("root-", StringComparison.Ordinal));
    }

    [Fact]
    public void A_root_user_without_MFA_is_critical_and_one_with_MFA_is_fine()
    {
        var without = new TestEstate().With(ReportLine.Root() with { Mfa = "false" }).Scan();
        var with = new TestEstate().With(ReportLine.Root()).Scan();

        Assert.Equal(Severity.Critical, Assert.Single(without.Of("root-without-mfa")).Severity);
        Assert.Empty(with.Of("root-without-mfa"));
    }

    [Fact]
    public void A_root_sign_in_five_days_ago_is_reported_and_one_200_days_ago_is_not()
    {
        var recent = new TestEstate().With(ReportLine.Root() with { PasswordLastUsed = ReportLine.DaysAgo(5) }).Scan();
        var old = new TestEstate().With(ReportLine.Root() with { PasswordLastUsed = ReportLine.DaysAgo(200) }).Scan();

        var finding = Assert.Single(recent.Of("root-recently-used"));
        Assert.Equal(Severity.High, finding.Severity);
        Assert.Contains("signed in to the console 2026-03-11 (5 days before the reference time)", finding.Explanation, StringComparison.Ordinal);
        Assert.Contains("30 days (--root-use-days)", finding.Explanation, StringComparison.Ordinal);
        Assert.Empty(old.Of("root-recently-used"));
    }

    [Fact]
    public void Root_key_use_counts_and_the_window_and_reference_time_decide()
    {
        // Given a root user whose (since deactivated) key was used 10 days ago
        var estate = new TestEstate().With(ReportLine.Root() with { Key1Created = ReportLine.DaysAgo(900), Key1Used = ReportLine.DaysAgo(10) });

        // Then it is recent within 30 days, not within 7, and not 30 days after the reference time
        Assert.Contains("used access key 1 2026-03-06", Assert.Single(estate.Scan().Of("root-recently-used")).Explanation, StringComparison.Ordinal);
        Assert.Empty(estate.Scan(settings: new AnalysisSettings { RootUseDays = 7 }).Of("root-recently-used"));
        Assert.Empty(estate.Scan(asOf: TestEstate.ReferenceTime.AddDays(30)).Of("root-recently-used"));
    }

    [Fact]
    public void A_root_use_after_the_reference_time_is_said_to_be_after_it_not_within_the_days_before_it()
    {
        // Given a credential report that postdates the reference time (--as-of earlier than the export): a root
        // sign-in and a root key use after it, and, in a second report, a sign-in 5 days before it as well
        var after = new TestEstate().With(ReportLine.Root() with { PasswordLastUsed = ReportLine.DaysAgo(-20), Key1Created = ReportLine.DaysAgo(900), Key1Used = ReportLine.DaysAgo(-10) }).Scan();
        var both = new TestEstate().With(ReportLine.Root() with { PasswordLastUsed = ReportLine.DaysAgo(5), Key1Created = ReportLine.DaysAgo(900), Key1Used = ReportLine.DaysAgo(-10) }).Scan();

        // Then the use after it still counts as recent, and the explanation says it came after the reference time,
        // not "within the 30 days before" it
        var finding = Assert.Single(after.Of("root-recently-used"));
        Assert.Equal(Severity.High, finding.Severity);
        Assert.EndsWith("was used after the reference time", finding.Title, StringComparison.Ordinal);
        Assert.Contains("used access key 1 2026-03-26 (after the reference time)", finding.Explanation, StringComparison.Ordinal);
        Assert.Contains(": the credential report postdates the reference time 2026-03-16 (--as-of is earlier than the export), and a use recorded after it counts as recent.", finding.Explanation, StringComparison.Ordinal);
        Assert.DoesNotContain("within the", finding.Explanation, StringComparison.Ordinal);

        var mixed = Assert.Single(both.Of("root-recently-used"));
        Assert.Contains("within the 30 days (--root-use-days) before the reference time 2026-03-16, or after it: the credential report postdates", mixed.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void A_root_use_before_the_reference_time_says_nothing_of_uses_after_it()
    {
        var finding = Assert.Single(new TestEstate().With(ReportLine.Root() with { PasswordLastUsed = ReportLine.DaysAgo(5) }).Scan().Of("root-recently-used"));

        Assert.EndsWith(": within the 30 days (--root-use-days) before the reference time 2026-03-16.", finding.Explanation, StringComparison.Ordinal);
        Assert.DoesNotContain("postdates", finding.Explanation, StringComparison.Ordinal);
    }
}
