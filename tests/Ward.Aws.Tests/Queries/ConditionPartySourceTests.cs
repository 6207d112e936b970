using Ward.Aws.Policy.Syntax;
using Ward.Aws.Queries;
using Ward.Aws.Tests.Testing;

namespace Ward.Aws.Tests.Queries;

/// <summary>
/// Whether an <c>aws:SourceArn</c> pattern of a statement open to <c>*</c> admits a resource any account holds or can
/// create, and the source ARN the probe acts for: S3 bucket ARNs carry no region or account, so for S3 only the bucket
/// name decides.
/// </summary>
public sealed class ConditionPartySourceTests
{
    private const string Outsider = "000000000000";

    [Theory]
    // Anyone can create a bucket of any free name, `my-anything` included, or a topic in an account of their own.
    [InlineData("arn:aws:s3:::*", "arn:aws:s3:::ward-outsider")]
    [InlineData("arn:aws:s3:*:*:*", "arn:aws:s3:::ward-outsider")]
    [InlineData("arn:aws:s3:::my-*", "arn:aws:s3:::my-ward-outsider")]
    [InlineData("arn:aws:s3:*:*:my-*", "arn:aws:s3:::my-ward-outsider")]
    [InlineData("arn:aws:s3:::my-bucket-?/*", "arn:aws:s3:::my-bucket-x/ward-outsider")]
    [InlineData("arn:aws:sns:*:*:*", "arn:aws:sns:ward-outsider:000000000000:ward-outsider")]
    // S3 resources that carry their account: any account's access point.
    [InlineData("arn:aws:s3:*:*:accesspoint/*", "arn:aws:s3:ward-outsider:000000000000:accesspoint/ward-outsider")]
    // Any service: a bucket is one resource it matches.
    [InlineData("arn:aws:*:*:*:*", "arn:aws:s3:::ward-outsider")]
    public void A_pattern_any_account_can_match_opens_the_source(string pattern, string probed)
    {
        var statement = StarSendingFor(pattern);

        Assert.True(ConditionParty.AdmitsAnySource(statement));
        Assert.Equal(probed, ConditionParty.AnySource([statement], Outsider)["aws:SourceArn"].Text);
    }

    [Theory]
    // One bucket (or its objects), however the empty region and account parts are written: bucket names are global.
    [InlineData("arn:aws:s3:::my-bucket", "arn:aws:s3:::my-bucket")]
    [InlineData("arn:aws:s3:*:*:my-bucket", "arn:aws:s3:::my-bucket")]
    [InlineData("arn:aws:s3:::my-bucket/*", "arn:aws:s3:::my-bucket/ward-outsider")]
    [InlineData("arn:aws:s3:*:*:my-bucket/*", "arn:aws:s3:::my-bucket/ward-outsider")]
    public void One_bucket_named_by_a_pattern_does_not_open_the_source(string pattern, string probed)
    {
        var statement = StarSendingFor(pattern);

        Assert.False(ConditionParty.AdmitsAnySource(statement));
        // The confused deputy's probe acts for that bucket, as S3 writes its ARN.
        Assert.Equal(probed, ConditionParty.OutsiderSource([statement], Outsider)["aws:SourceArn"].Text);
    }

    [Theory]
    // A fixed account, the owner's or another's (a party of its own).
    [InlineData("arn:aws:sns:*:123456789012:*")]
    [InlineData("arn:aws:s3:eu-west-1:123456789012:accesspoint/*")]
    public void A_pattern_fixing_the_account_does_not_open_the_source(string pattern)
    {
        Assert.False(ConditionParty.AdmitsAnySource(StarSendingFor(pattern)));
    }

    /// <summary>An SQS queue policy statement letting <c>*</c> send for a source ARN, as S3 event notification examples write it.</summary>
    private static Statement StarSendingFor(string pattern) =>
        Assert.Single(PolicyText.Parse(PolicyText.Policy(
            """{"Effect":"Allow","Principal":"*","Action":"sqs:SendMessage","Resource":"arn:aws:sqs:eu-west-1:123456789012:q","Condition":{"ArnLike":{"aws:SourceArn":"""
            + System.Text.Json.JsonSerializer.Serialize(pattern) + "}}}"), PolicyKind.Resource).Statements);
}
