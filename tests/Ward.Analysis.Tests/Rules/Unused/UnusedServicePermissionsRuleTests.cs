using Ward.Analysis.Tests.Testing;

namespace Ward.Analysis.Tests.Rules.Unused;

public sealed class UnusedServicePermissionsRuleTests
{
    private const string Rule = "unused-service-permissions";

    [Fact]
    public void Services_not_used_for_the_threshold_are_listed_and_used_ones_are_not()
    {
        // Given a role allowed s3 (used yesterday), ec2 (last used 200 days ago) and dynamodb (no use recorded)
        var role = TestEstate.RoleArn("app");
        var result = new TestEstate().Role("app", 700, 1).ServiceData(role, ("s3", 1), ("ec2", 200), ("dynamodb", null)).Scan();

        // Then one finding lists ec2 and dynamodb with their dates, and names s3 as still in use
        var finding = Assert.Single(result.Of(Rule));
        Assert.Equal((role, Severity.Low), (finding.Principal, finding.Severity));
        Assert.Contains("`dynamodb` (Service dynamodb, no use recorded in IAM's 400-day tracking period)", finding.Explanation, StringComparison.Ordinal);
        Assert.Contains("`ec2` (Service ec2, last used 2025-08-28 (200 days before the reference time))", finding.Explanation, StringComparison.Ordinal);
        Assert.Contains("Still in use: `s3`.", finding.Explanation, StringComparison.Ordinal);
        Assert.Contains("2 of the 3 services", finding.Title, StringComparison.Ordinal);
        Assert.DoesNotContain("PassRole", finding.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void An_Identity_Center_role_is_narrowed_through_its_permission_set_and_an_ordinary_role_through_its_policies()
    {
        // Given an Identity Center role and an ordinary role, each with a service unused for 200 days
        const string Path = "/aws-reserved/sso.amazonaws.com/";
        var sso = TestEstate.RoleArn("AWSReservedSSO_PowerUser_0123456789abcdef", Path);
        var plain = TestEstate.RoleArn("app");
        var result = new TestEstate()
            .Role("AWSReservedSSO_PowerUser_0123456789abcdef", 700, 1, path: Path, admin: true).ServiceData(sso, ("s3", 1), ("ec2", 200))
            .Role("app", 700, 1).ServiceData(plain, ("s3", 1), ("ec2", 200))
            .Scan();

        // Then the first points to permission set `PowerUser` (IAM refuses to change the role), the second to its policies
        var ssoFinding = result.Of(Rule).Single(f => f.Principal == sso);
        Assert.Contains("permission set `PowerUser`", ssoFinding.Remediation, StringComparison.Ordinal);
        Assert.Contains("IAM refuses to change its policies", ssoFinding.Remediation, StringComparison.Ordinal);
        Assert.StartsWith("Remove the listed services' actions from the principal's policies", result.Of(Rule).Single(f => f.Principal == plain).Remediation, StringComparison.Ordinal);
        Assert.Contains("permission set `PowerUser`", Assert.Single(result.Of("permission-creep"), f => f.Principal == sso).Remediation, StringComparison.Ordinal);
    }

    [Fact]
    public void No_recorded_use_proves_no_more_than_IAMs_400_day_tracking_period()
    {
        // Given a role created 900 days ago allowed s3 (used yesterday), ec2 (last used 550 days ago) and dynamodb (no use recorded)
        var role = TestEstate.RoleArn("app");
        var estate = new TestEstate().Role("app", 900, 1).ServiceData(role, ("s3", 1), ("ec2", 550), ("dynamodb", null));

        // When the threshold is 500 days, longer than the 400 days IAM tracks
        var result = estate.Scan(settings: new AnalysisSettings { UnusedDays = 500 });

        // Then ec2 is unused, and dynamodb (perhaps used 450 days ago) is not decided, not called unused
        var finding = Assert.Single(result.Of(Rule));
        Assert.Contains("1 of the 3 services", finding.Title, StringComparison.Ordinal);
        Assert.Contains("`ec2` (Service ec2, last used", finding.Explanation, StringComparison.Ordinal);
        Assert.DoesNotContain("`dynamodb` (", finding.Explanation, StringComparison.Ordinal);
        Assert.Contains("Not decided: `dynamodb`", finding.Explanation, StringComparison.Ordinal);
        var skipped = Assert.Single(result.Skipped, s => s.Analysis == $"{Rule} for services with no recorded use of 1 principal");
        Assert.EndsWith(role, skipped.Reason, StringComparison.Ordinal);

        // And with a threshold within the tracking period, dynamodb is unused
        var within = Assert.Single(estate.Scan(settings: new AnalysisSettings { UnusedDays = 400 }).Of(Rule));
        Assert.Contains("`dynamodb` (Service dynamodb, no use recorded in IAM's 400-day tracking period)", within.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void A_principal_that_uses_everything_has_no_finding()
    {
        var role = TestEstate.RoleArn("busy");
        var result = new TestEstate().Role("busy", 700, 1).ServiceData(role, ("s3", 1), ("sqs", 30)).Scan();

        Assert.Empty(result.Of(Rule));
    }

    [Fact]
    public void A_young_principal_is_not_blamed_for_services_it_has_not_used_yet()
    {
        // Given a role created 20 days ago that has not used sqs yet
        var role = TestEstate.RoleArn("new-service");
        var result = new TestEstate().Role("new-service", 20, 1).ServiceData(role, ("s3", 1), ("sqs", null)).Scan();

        Assert.Empty(result.Of(Rule));
    }

    [Fact]
    public void The_threshold_and_the_reference_time_decide()
    {
        var role = TestEstate.RoleArn("reports");
        var estate = new TestEstate().Role("reports", 700, 1).ServiceData(role, ("s3", 1), ("athena", 60));

        Assert.Empty(estate.Scan().Of(Rule));
        Assert.Single(estate.Scan(settings: new AnalysisSettings { UnusedDays = 30 }).Of(Rule));
        Assert.Single(estate.Scan(asOf: TestEstate.ReferenceTime.AddDays(31)).Of(Rule));
    }

    [Fact]
    public void Unused_iam_comes_with_the_PassRole_caveat()
    {
        var user = new ReportLine("deployer").Arn;
        var result = new TestEstate().With(ReportLine.KeyUser("deployer", 700, 1)).ServiceData(user, ("lambda", 1), ("iam", null)).Scan();

        Assert.Contains("iam:PassRole", Assert.Single(result.Of(Rule)).Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void A_service_linked_role_is_left_out_and_the_scan_says_so()
    {
        // Given service data for a service-linked role that uses none of its services
        const string Path = "/aws-service-role/support.amazonaws.com/";
        var role = TestEstate.RoleArn("AWSServiceRoleForSupport", Path);
        var result = new TestEstate().Role("AWSServiceRoleForSupport", 900, null, path: Path).ServiceData(role, ("support", null), ("iam", null)).Scan();

        // Then it is not judged, and the scan lists it as left out
        Assert.Empty(result.Of(Rule));
        Assert.Contains(result.Skipped, s => s.Analysis == "unused-service-permissions for 1 service-linked role" && s.Reason.Contains(role, StringComparison.Ordinal));
    }
}
