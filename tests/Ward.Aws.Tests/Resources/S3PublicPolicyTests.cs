using Ward.Aws.Policy.Parsing;
using Ward.Aws.Policy.Syntax;
using Ward.Aws.Resources;
using Ward.Core.Diagnostics;

namespace Ward.Aws.Tests.Resources;

/// <summary>S3's test of a public bucket or access point policy, which decides whether RestrictPublicBuckets confines it.</summary>
public sealed class S3PublicPolicyTests
{
    [Theory]
    [InlineData("""{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*"}""", true)]
    [InlineData("""{"Effect":"Allow","Principal":{"AWS":"*"},"Action":"s3:ListBucket","Resource":"arn:aws:s3:::b"}""", true)]
    [InlineData("""{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*","Condition":{"StringLike":{"aws:SourceArn":"arn:aws:cloudfront::*"}}}""", true)]
    [InlineData("""{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*","Condition":{"IpAddress":{"aws:SourceIp":"0.0.0.0/1"}}}""", true)]
    [InlineData("""{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*","Condition":{"StringNotEquals":{"aws:SourceVpce":"vpce-1a2b3c4d"}}}""", true)]
    [InlineData("""{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::210987654321:root"},"Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*"}""", false)]
    [InlineData("""{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*","Condition":{"StringEquals":{"aws:SourceVpce":"vpce-1a2b3c4d"}}}""", false)]
    [InlineData("""{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*","Condition":{"IpAddress":{"aws:SourceIp":["203.0.113.0/24","10.0.0.0/8"]}}}""", false)]
    [InlineData("""{"Effect":"Allow","Principal":{"Service":"cloudtrail.amazonaws.com"},"Action":"s3:PutObject","Resource":"arn:aws:s3:::b/*"}""", false)]
    [InlineData("""{"Effect":"Deny","Principal":"*","Action":"s3:*","Resource":"arn:aws:s3:::b/*","Condition":{"Bool":{"aws:SecureTransport":"false"}}}""", false)]
    // Delegation to access points: an account, or access points of a fixed account (their names may be a wildcard)
    [InlineData("""{"Effect":"Allow","Principal":{"AWS":"*"},"Action":"*","Resource":["arn:aws:s3:::b","arn:aws:s3:::b/*"],"Condition":{"StringEquals":{"s3:DataAccessPointAccount":"123456789012"}}}""", false)]
    [InlineData("""{"Effect":"Allow","Principal":{"AWS":"*"},"Action":"*","Resource":"arn:aws:s3:::b/*","Condition":{"ArnLike":{"s3:DataAccessPointArn":"arn:aws:s3:us-east-1:123456789012:accesspoint/*"}}}""", false)]
    [InlineData("""{"Effect":"Allow","Principal":{"AWS":"*"},"Action":"*","Resource":"arn:aws:s3:::b/*","Condition":{"ArnLike":{"s3:DataAccessPointArn":"arn:aws:s3:us-east-1:*:accesspoint/*"}}}""", true)]
    [InlineData("""{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:us-east-1:123456789012:accesspoint/ap/object/*"}""", true)]
    public void A_policy_is_public_unless_it_grants_only_to_fixed_values(string statement, bool isPublic)
    {
        var parsed = PolicyParser.ParseText($$"""{"Version":"2012-10-17","Statement":[{{statement}}]}""", PolicyKind.Resource, SourceLocation.None);

        Assert.Equal(isPublic, S3PublicPolicy.IsPublic(parsed.Document!));
    }
}
