using Ward.Aws.Edges;
using Ward.Aws.Policy.Matching;

namespace Ward.Aws.Tests.Edges;

/// <summary>
/// A step is decided only on the patterns that may name a resource of its kind: ruling one out must be sound (no
/// ARN of the kind matches it), or a path would be lost.
/// </summary>
public sealed class ResourceKindTests
{
    private static readonly ResourceKind Instance = ResourceKind.Of("ssm", "instance")!;

    [Theory]
    [InlineData("*")]
    [InlineData("arn:aws:ec2:*:*:instance/*")]
    [InlineData("arn:aws:ec2:*:*:*")]
    [InlineData("arn:aws:*:*:*:*")]
    [InlineData("arn:*:ec2:eu-west-1:123456789012:instance/i-0abc*")]
    [InlineData("arn:aws:ec2:*:*:instance/${aws:username}")]
    [InlineData("arn:aws:ec2")]
    [InlineData("arn:aws:EC2:*:*:Instance/*")]
    [InlineData("arn:aws:ec2:*:*:*/*")]
    public void Patterns_that_may_name_an_instance_are_kept(string pattern) => Assert.True(Instance.MayName(pattern), pattern);

    [Theory]
    [InlineData("arn:aws:ecs:*:*:task/*/*")]
    [InlineData("arn:aws:ssm:*:*:document/*")]
    [InlineData("arn:aws:ssm:*:*:managed-instance/*")]
    [InlineData("arn:aws:ec2:*:*:volume/*")]
    public void Patterns_of_other_resources_are_not(string pattern) => Assert.False(Instance.MayName(pattern), pattern);

    [Theory]
    [InlineData("arn:aws:ec2:*:*:instance/*", "arn:aws:ec2:eu-west-1:123456789012:instance/i-0123456789abcdef0")]
    [InlineData("arn:aws:ec2:*:*:*", "arn:aws:ec2:us-east-1:123456789012:instance/i-1")]
    [InlineData("arn:aws:*:*:*:*stance/i-?", "arn:aws:ec2:us-east-1:123456789012:instance/i-1")]
    public void A_kept_pattern_names_a_real_instance(string pattern, string arn)
    {
        Assert.True(Arn.TryParse(arn, out var parsed));
        Assert.True(ArnMatcher.PatternMatches(Wildcard.Translate(pattern), parsed, ignoreCaseBeforeResource: true));
        Assert.True(Instance.MayName(pattern));
    }

    [Fact]
    public void An_action_without_required_resource_types_has_no_kind_of_its_own()
    {
        Assert.Null(ResourceKind.RequiredBy("ssm:StartSession"));
        Assert.NotNull(ResourceKind.RequiredBy("lambda:UpdateFunctionCode"));
        Assert.False(ResourceKind.RequiredBy("lambda:UpdateFunctionCode")!.MayName("arn:aws:lambda:*:*:layer:*"));
        Assert.True(ResourceKind.RequiredBy("lambda:UpdateFunctionCode")!.MayName("arn:aws:lambda:*:*:function:*"));
    }
}
