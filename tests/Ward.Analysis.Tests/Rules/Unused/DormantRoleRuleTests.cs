using Ward.Analysis.Tests.Testing;

namespace Ward.Analysis.Tests.Rules.Unused;

public sealed class DormantRoleRuleTests
{
    private const string Rule = "dormant-role";

    [Fact]
    public void A_role_last_used_200_days_ago_is_dormant_and_its_twin_used_yesterday_is_not()
    {
        var result = new TestEstate().Role("nightly-etl", 600, 1).Role("old-etl", 600, 200).Scan();

        var finding = Assert.Single(result.Of(Rule));
        Assert.Equal(TestEstate.RoleArn("old-etl"), finding.Principal);
        Assert.Equal(Severity.Low, finding.Severity);
        Assert.Contains("was last used 2025-08-28 (200 days before the reference time) in eu-west-1", finding.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void A_role_without_recorded_use_counts_from_its_creation()
    {
        var result = new TestEstate().Role("never-assumed", 300, null).Role("just-created", 10, null).Scan();

        var finding = Assert.Single(result.Of(Rule));
        Assert.Equal(TestEstate.RoleArn("never-assumed"), finding.Principal);
        Assert.Contains("no recorded use", finding.Explanation, StringComparison.Ordinal);
        Assert.Contains("created 2025-05-20", finding.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void An_empty_RoleLastUsed_proves_no_more_than_IAMs_400_day_tracking_period()
    {
        // Given two roles created 900 days ago: one last used 550 days ago, one with `RoleLastUsed` empty (`{}`)
        var estate = new TestEstate().Role("used-long-ago", 900, 550).Role("empty-last-used", 900, null);

        // When the threshold is 500 days, longer than the 400 days IAM tracks a role's last use
        var result = estate.Scan(settings: new AnalysisSettings { UnusedDays = 500 });

        // Then the role with a date is dormant, and the empty one is not decided (it may have been used 450 days ago)
        Assert.Equal(TestEstate.RoleArn("used-long-ago"), Assert.Single(result.Of(Rule)).Principal);
        var skipped = Assert.Single(result.Skipped, s => s.Analysis == $"{Rule} for 1 role with no use recorded in IAM's tracking period");
        Assert.Contains("400 days", skipped.Reason, StringComparison.Ordinal);
        Assert.EndsWith(TestEstate.RoleArn("empty-last-used"), skipped.Reason, StringComparison.Ordinal);

        // And within the tracking period (400 days or less), the empty one is dormant too, with nothing left undecided
        var within = estate.Scan(settings: new AnalysisSettings { UnusedDays = 400 });
        Assert.Equal(2, within.Of(Rule).Count);
        Assert.DoesNotContain(within.Skipped, s => s.Analysis.Contains("tracking period", StringComparison.Ordinal));
    }

    [Fact]
    public void A_dormant_administrator_role_is_medium()
    {
        var result = new TestEstate().Role("migration-admin", 600, 300, admin: true).Scan();

        Assert.Equal(Severity.Medium, Assert.Single(result.Of(Rule)).Severity);
    }

    [Fact]
    public void Service_linked_roles_are_left_out_and_the_scan_says_so()
    {
        // Given a service-linked role that has never been used
        var result = new TestEstate().Role("AWSServiceRoleForSupport", 900, null, path: "/aws-service-role/support.amazonaws.com/").Scan();

        // Then it is not reported, and the scan lists it among what was left out
        Assert.Empty(result.Of(Rule));
        var skipped = Assert.Single(result.Skipped, s => s.Analysis.StartsWith(Rule, StringComparison.Ordinal));
        Assert.Contains("AWSServiceRoleForSupport", skipped.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void The_threshold_and_the_reference_time_decide()
    {
        var estate = new TestEstate().Role("monthly", 600, 50);

        Assert.Empty(estate.Scan().Of(Rule));
        Assert.Single(estate.Scan(settings: new AnalysisSettings { UnusedDays = 45 }).Of(Rule));
        Assert.Single(estate.Scan(asOf: TestEstate.ReferenceTime.AddDays(45)).Of(Rule));
    }

    [Fact]
    public void Only_an_empty_RoleLastUsed_is_no_recorded_use_and_an_absent_or_unreadable_one_leaves_the_role_undecided()
    {
        // Given three roles created 600 days ago: `RoleLastUsed` empty, absent, and with a date that cannot be read
        var result = new TestEstate()
            .RoleWithLastUsed("empty-last-used", 600, "{}")
            .RoleWithLastUsed("no-last-used", 600, null)
            .RoleWithLastUsed("bad-date", 600, """{"LastUsedDate":"last Tuesday","Region":"eu-west-1"}""")
            .Scan();

        // Then only the first is dormant; the others are listed as not decided
        var finding = Assert.Single(result.Of(Rule));
        Assert.Equal(TestEstate.RoleArn("empty-last-used"), finding.Principal);
        var skipped = Assert.Single(result.Skipped, s => s.Analysis == $"{Rule} for 2 roles with no readable last use");
        Assert.Contains("not decided", skipped.Reason, StringComparison.Ordinal);
        Assert.EndsWith($"{TestEstate.RoleArn("bad-date")}, {TestEstate.RoleArn("no-last-used")}", skipped.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void An_Identity_Center_role_is_remediated_through_its_permission_set_and_an_ordinary_role_is_deleted()
    {
        // Given an unused Identity Center role (permission set `Data_Engineers`, with an underscore) and an unused role
        var result = new TestEstate()
            .Role("AWSReservedSSO_Data_Engineers_0123456789abcdef", 600, 300, path: "/aws-reserved/sso.amazonaws.com/eu-west-1/")
            .Role("old-etl", 600, 300)
            .Scan();

        // Then the first points to the permission set's account assignment (IAM refuses to delete the role)
        var sso = result.Of(Rule).Single(f => f.Principal.Contains("AWSReservedSSO", StringComparison.Ordinal));
        Assert.Contains("permission set `Data_Engineers` in account 123456789012", sso.Remediation, StringComparison.Ordinal);
        Assert.Contains("delete-account-assignment", sso.Remediation, StringComparison.Ordinal);
        Assert.DoesNotContain("detach its policies", sso.Remediation, StringComparison.Ordinal);
        Assert.Contains("https://repost.aws/knowledge-center/identity-center-aws-reserved-sso", sso.References, StringComparer.Ordinal);
        var plain = result.Of(Rule).Single(f => f.Principal == TestEstate.RoleArn("old-etl"));
        Assert.StartsWith("Ask the role's owner", plain.Remediation, StringComparison.Ordinal);
    }

    [Fact]
    public void Stale_authorization_details_are_noted_and_fresh_ones_are_not()
    {
        // Given authorization details whose newest timestamp (a role's last use) is 200 days old, and others with a use yesterday
        var stale = new TestEstate().Role("old-etl", 600, 200).Scan();
        var fresh = new TestEstate().Role("old-etl", 600, 200).Role("nightly-etl", 600, 1).Scan();

        // Then the first scan says dormant-role findings may no longer hold
        var note = Assert.Single(stale.Notes, n => n.StartsWith("The authorization details of account", StringComparison.Ordinal));
        Assert.Contains("2025-08-28T09:15:00Z, 200 days before the reference time", note, StringComparison.Ordinal);
        Assert.Contains("dormant-role findings may no longer hold", note, StringComparison.Ordinal);
        Assert.DoesNotContain(fresh.Notes, n => n.StartsWith("The authorization details of account", StringComparison.Ordinal));
    }

    [Fact]
    public void Dormant_roles_need_no_credential_report()
    {
        var result = new TestEstate { WithCredentialReport = false }.Role("old-etl", 600, 200).Scan();

        Assert.Single(result.Of(Rule));
    }
}
