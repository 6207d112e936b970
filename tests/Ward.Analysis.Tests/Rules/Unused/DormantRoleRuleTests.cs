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
    public void Dormant_roles_need_no_credential_report()
    {
        var result = new TestEstate { WithCredentialReport = false }.Role("old-etl", 600, 200).Scan();

        Assert.Single(result.Of(Rule));
    }
}
