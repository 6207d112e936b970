using Ward.Analysis;
using Ward.Aws.Ingest;
using Ward.Aws.Policy.Evaluation;
using Ward.Aws.Queries;
using Ward.Core.Decisions;

namespace Ward.Cli.Tests.Rules;

/// <summary>
/// S3 access points (fixture: one account's <c>s3-buckets.json</c> with the CLI's <c>get-access-point</c> and
/// <c>get-access-point-policy</c> outputs): a request through an access point needs its policy and the bucket's, the
/// network origin, and no RestrictPublicBuckets of the access point, bucket or account against a public policy.
/// Each access point differs from <c>public-ap</c> (reported) by one of these.
/// </summary>
public sealed class S3AccessPointTests
{
    private const string Account = "111122223333";
    private const string Partner = "444455556666";
    private const string Vpc = "vpc-0a1b2c3d4e5f67890";
    private static readonly DateTimeOffset AsOf = new(2026, 3, 16, 9, 15, 0, TimeSpan.Zero);
    private static readonly string Fixture = Path.Combine(Repository.Root, "tests", "Ward.Cli.Tests", "Rules", "Fixtures", "s3-access-points");
    private static readonly Lazy<ScanResult> Scan = new(() => Scanner.Scan(AwsEstateLoader.Load([Fixture]), AsOf));

    private static string Arn(string accessPoint) => $"arn:aws:s3:eu-west-1:{Account}:accesspoint/{accessPoint}";

    [Fact]
    public void A_public_access_point_over_a_delegating_bucket_is_reported_by_name()
    {
        var finding = Assert.Single(Scan.Value.Findings, f => f.Principal == Arn("public-ap"));
        Assert.Equal(("public-resource", Severity.Critical, Account), (finding.RuleId, finding.Severity, finding.Account));
        Assert.Equal("S3 access point `public-ap` is open to anonymous callers", finding.Title);
        Assert.Contains("`s3:GetObject`", finding.Explanation, StringComparison.Ordinal);
        Assert.Contains("statement `DelegateToAccessPoints` of `resource policy of lake-delegating`", finding.Explanation, StringComparison.Ordinal);
        Assert.Contains("RestrictPublicBuckets is off for the access point, the bucket and account", finding.Explanation, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("public-vpc-ap")] // network origin VPC
    [InlineData("public-restricted-ap")] // RestrictPublicBuckets on the access point
    [InlineData("public-ap-bucket-restricted")] // RestrictPublicBuckets on the bucket
    [InlineData("public-ap-over-private")] // the bucket policy does not delegate
    [InlineData("partner-ap-over-private")] // neither for another account
    [InlineData("internal-ap")] // no access point policy
    public void Access_points_that_S3_keeps_closed_are_not_reported(string accessPoint)
    {
        Assert.DoesNotContain(Scan.Value.Findings, f => f.Principal == Arn(accessPoint));
    }

    [Fact]
    public void A_delegating_bucket_policy_lets_in_no_one_who_calls_the_bucket_directly()
    {
        // `s3:DataAccessPointAccount` is absent from direct requests: the delegation is no public grant
        Assert.DoesNotContain(Scan.Value.Findings, f => f.Principal.StartsWith("arn:aws:s3:::", StringComparison.Ordinal));
        var queries = new AwsAccessQueries(Scan.Value.Estate, AsOf);
        var direct = queries.Can(AwsPrincipal.Anonymous, "s3:GetObject", "arn:aws:s3:::lake-delegating/report.csv", new Dictionary<string, ContextValue>(StringComparer.Ordinal)).Decision;
        Assert.Equal(DecisionKind.ImplicitDeny, direct.Kind);
    }

    [Fact]
    public void BlockPublicPolicy_on_the_access_point_does_not_close_the_policy_it_already_has()
    {
        var finding = Assert.Single(Scan.Value.Findings, f => f.Principal == Arn("public-block-new-only-ap"));
        Assert.Equal("public-resource", finding.RuleId);
        Assert.Contains("BlockPublicPolicy (on for access point `public-block-new-only-ap`) only rejects new public policies", finding.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void An_access_point_that_grants_another_account_is_cross_account_even_with_every_Block_Public_Access_setting_on()
    {
        // RestrictPublicBuckets confines public policies only; naming an account is not public
        var finding = Assert.Single(Scan.Value.Findings, f => f.Principal == Arn("partner-ap"));
        Assert.Equal(("cross-account-resource", Severity.Medium), (finding.RuleId, finding.Severity));
        Assert.Equal($"S3 access point `partner-ap` is shared with account {Partner} (not an exported account)", finding.Title);
        Assert.Contains("`s3:GetObject`, `s3:ListBucket`", finding.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void The_scan_notes_say_why_public_access_point_policies_are_not_reported()
    {
        Assert.Contains(Scan.Value.Notes, n => n.Contains("`public-vpc-ap`", StringComparison.Ordinal) && n.Contains(Vpc, StringComparison.Ordinal));
        Assert.Contains(Scan.Value.Notes, n => n.Contains("RestrictPublicBuckets, on for access point `public-restricted-ap`", StringComparison.Ordinal));
        Assert.Contains(Scan.Value.Notes, n => n.Contains("RestrictPublicBuckets, on for bucket `lake-restricted`", StringComparison.Ordinal) && n.Contains("`public-ap-bucket-restricted`", StringComparison.Ordinal));
    }

    [Fact]
    public void Queries_through_a_VPC_access_point_depend_on_the_requests_VPC()
    {
        var queries = new AwsAccessQueries(Scan.Value.Estate, AsOf);
        var resource = Arn("public-vpc-ap") + "/object/report.csv";

        Decision From(string? vpc) => queries.Can(AwsPrincipal.Anonymous, "s3:GetObject", resource,
            vpc is null ? new Dictionary<string, ContextValue>(StringComparer.Ordinal) : new Dictionary<string, ContextValue>(StringComparer.Ordinal) { ["aws:SourceVpc"] = ContextValue.Of(vpc) }).Decision;

        Assert.Equal(DecisionKind.Allowed, From(Vpc).Kind);
        Assert.Equal(DecisionKind.ImplicitDeny, From("vpc-0fedcba9876543210").Kind);
        var open = Assert.IsType<Conditional>(From(null));
        Assert.Equal([$"`aws:SourceVpc` is `{Vpc}`"], open.Requirements);
    }

    [Fact]
    public void Queries_name_the_side_that_denies()
    {
        var queries = new AwsAccessQueries(Scan.Value.Estate, AsOf);
        var noContext = new Dictionary<string, ContextValue>(StringComparer.Ordinal);

        var overPrivate = queries.Can(AwsPrincipal.Anonymous, "s3:GetObject", Arn("public-ap-over-private") + "/object/report.csv", noContext).Decision;
        Assert.Equal(DecisionKind.ImplicitDeny, overPrivate.Kind);
        Assert.StartsWith("On bucket `lake-private`:", overPrivate.Explanation.Summary, StringComparison.Ordinal);

        var restricted = queries.Can(AwsPrincipal.Anonymous, "s3:GetObject", Arn("public-restricted-ap") + "/object/report.csv", noContext).Decision;
        Assert.Equal(DecisionKind.ImplicitDeny, restricted.Kind);
        Assert.StartsWith("Through access point `public-restricted-ap`:", restricted.Explanation.Summary, StringComparison.Ordinal);

        // The owner's role reads through an access point without a policy: its identity policy suffices in its own account
        var own = queries.Can(AwsPrincipal.Parse($"arn:aws:iam::{Account}:role/analytics"), "s3:GetObject", Arn("internal-ap") + "/object/report.csv", noContext).Decision;
        Assert.Equal(DecisionKind.Allowed, own.Kind);
    }
}
