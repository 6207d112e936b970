using CsCheck;
using Ward.Aws.Policy.Matching;

namespace Ward.Aws.Tests.Policy;

public sealed class ArnMatcherTests
{
    public static TheoryData<string, string, bool> ResourceCases() => new()
    {
        // exact ARNs
        { "arn:aws:s3:::reports", "arn:aws:s3:::reports", true },
        { "arn:aws:s3:::reports", "arn:aws:s3:::reports2", false },

        // a wildcard in the account segment stays inside that segment
        { "arn:aws:iam::*:role/deploy", "arn:aws:iam::111122223333:role/deploy", true },
        { "arn:aws:iam::1*:role/deploy", "arn:aws:iam::111122223333:role/deploy", true },
        { "arn:aws:iam::1*:role/deploy", "arn:aws:iam::111:222:role/deploy", false },
        { "arn:aws:iam::1111222233?3:role/deploy", "arn:aws:iam::111122223333:role/deploy", true },
        { "arn:aws:iam::????????????:role/deploy", "arn:aws:iam::11112222333:role/deploy", false },

        // a wildcard in the region segment matches the empty region too, but never crosses a colon
        { "arn:aws:ec2:*:111122223333:instance/i-1", "arn:aws:ec2:eu-west-1:111122223333:instance/i-1", true },
        { "arn:aws:ec2:*:111122223333:instance/i-1", "arn:aws:ec2::111122223333:instance/i-1", true },
        { "arn:aws:ec2:eu-*:111122223333:instance/i-1", "arn:aws:ec2:us-east-1:111122223333:instance/i-1", false },
        { "arn:aws:*:eu-west-1:111122223333:instance/i-1", "arn:aws:ec2:eu-west-1:111122223333:instance/i-1", true },

        // `*` in the resource part spans `/` and `:`
        { "arn:aws:s3:::reports/*", "arn:aws:s3:::reports/2024/q1/summary.csv", true },
        { "arn:aws:s3:::reports/*", "arn:aws:s3:::reports/a:b:c", true },
        { "arn:aws:logs:eu-west-1:111122223333:log-group:*", "arn:aws:logs:eu-west-1:111122223333:log-group:/aws/lambda/x:log-stream:y", true },
        { "arn:aws:s3:::reports/*", "arn:aws:s3:::reports", false },
        { "arn:aws:s3:::*", "arn:aws:s3:::any/thing:at/all", true },
        { "arn:aws:iam::111122223333:role/nw-*", "arn:aws:iam::111122223333:role/service-role/nw-api", false },
        { "arn:aws:iam::111122223333:role/*nw-*", "arn:aws:iam::111122223333:role/service-role/nw-api", true },

        // the resource part is case-sensitive
        { "arn:aws:s3:::Reports/*", "arn:aws:s3:::reports/a", false },
        { "arn:aws:iam::111122223333:user/Alice", "arn:aws:iam::111122223333:user/alice", false },

        // the parts before it are not, when matching the Resource element
        { "arn:AWS:S3:::reports/*", "arn:aws:s3:::reports/a", true },
        { "arn:aws:EC2:EU-WEST-1:111122223333:instance/i-1", "arn:aws:ec2:eu-west-1:111122223333:instance/i-1", true },
        { "arn:aws-cn:s3:::reports", "arn:aws:s3:::reports", false },
    };

    [Theory]
    [MemberData(nameof(ResourceCases))]
    public void Resource_patterns_match_segment_by_segment(string pattern, string arnText, bool expected)
    {
        // Given an ARN and a translated Resource pattern
        Assert.True(Arn.TryParse(arnText, out var arn));

        // When matched as a Resource element matches
        var matched = ArnMatcher.PatternMatches(Wildcard.Translate(pattern), arn, ignoreCaseBeforeResource: true);

        // Then each of the first five parts is matched on its own, case-insensitively, and the resource part as a
        // whole, case-sensitively
        Assert.Equal(expected, matched);
    }

    [Fact]
    public void Case_sensitive_mode_respects_case_in_every_part()
    {
        // Given a pattern differing from the ARN only in the case of its service
        Assert.True(Arn.TryParse("arn:aws:s3:::reports/a", out var arn));
        var pattern = Wildcard.Translate("arn:aws:S3:::reports/*");

        // When matched case-sensitively (as ArnLike does) and not
        // Then only the Resource-element mode forgives it
        Assert.False(ArnMatcher.PatternMatches(pattern, arn, ignoreCaseBeforeResource: false));
        Assert.True(ArnMatcher.PatternMatches(pattern, arn, ignoreCaseBeforeResource: true));
    }

    [Theory]
    [InlineData("*")]
    [InlineData("reports/*")]
    [InlineData("ARN:aws:s3:::reports")]
    public void A_pattern_that_is_not_an_ARN_pattern_gets_no_answer(string pattern)
    {
        // Given a pattern that does not start with `arn:`
        Assert.True(Arn.TryParse("arn:aws:s3:::reports", out var arn));

        // When matched
        // Then the matcher says it cannot judge (the caller falls back to whole-text matching)
        Assert.Null(ArnMatcher.PatternMatches(Wildcard.Translate(pattern), arn, ignoreCaseBeforeResource: true));
    }

    [Theory]
    [InlineData("arn:aws:s3:::bucket/key:with:colons", "aws", "s3", "", "", "bucket/key:with:colons")]
    [InlineData("arn:aws:iam::111122223333:role/path/deploy", "aws", "iam", "", "111122223333", "role/path/deploy")]
    [InlineData("arn:aws-us-gov:ec2:us-gov-west-1:111122223333:instance/i-1", "aws-us-gov", "ec2", "us-gov-west-1", "111122223333", "instance/i-1")]
    [InlineData("arn:aws:sns:eu-west-1:111122223333:", "aws", "sns", "eu-west-1", "111122223333", "")]
    public void Arn_parsing_keeps_further_colons_in_the_resource_part(string text, string partition, string service, string region, string account, string resource)
    {
        // Given an ARN
        // When it is parsed
        Assert.True(Arn.TryParse(text, out var arn));

        // Then it has six parts and prints back unchanged
        Assert.Equal(new Arn(partition, service, region, account, resource), arn);
        Assert.Equal(text, arn.ToString());
    }

    [Theory]
    [InlineData("")]
    [InlineData("*")]
    [InlineData("arn:aws:s3")]
    [InlineData("arn:aws:s3::")]
    [InlineData("ARN:aws:s3:::bucket")]
    [InlineData("bucket/key")]
    public void Text_without_the_prefix_or_six_parts_is_not_an_ARN(string text)
    {
        // Given text that lacks the `arn:` prefix or some of the six parts
        // When it is parsed
        // Then it is refused
        Assert.False(Arn.TryParse(text, out _));
    }

    [Fact]
    public void A_segment_wildcard_agrees_with_matching_each_segment_alone()
    {
        // Given random ARNs and patterns over a tiny alphabet, six parts each
        var segment = Gen.Char["ab*?"].Array[0, 3].Select(chars => new string(chars));
        var textSegment = Gen.Char["ab"].Array[0, 3].Select(chars => new string(chars));
        var resource = Gen.Char["ab*?:/"].Array[0, 5].Select(chars => new string(chars));
        var textResource = Gen.Char["ab:/"].Array[0, 6].Select(chars => new string(chars));
        var patterns = Gen.Select(segment, segment, segment, resource).Select((s, r, a, res) => $"arn:aws:{s}:{r}:{a}:{res}");
        var arns = Gen.Select(textSegment, textSegment, textSegment, textResource).Select((s, r, a, res) => $"arn:aws:{s}:{r}:{a}:{res}");

        // When the ARN matcher judges them
        // Then the result is the conjunction of matching each of the first parts and the resource part on their own
        Gen.Select(patterns, arns).Sample(
            (pattern, text) =>
            {
                Assert.True(Arn.TryParse(text, out var arn));
                var p = pattern.Split(':', 6);
                var expected = Wildcard.IsMatch(Wildcard.Translate(p[2]), arn.Service, false)
                    && Wildcard.IsMatch(Wildcard.Translate(p[3]), arn.Region, false)
                    && Wildcard.IsMatch(Wildcard.Translate(p[4]), arn.Account, false)
                    && Wildcard.IsMatch(Wildcard.Translate(p[5]), arn.Resource, false);
                return ArnMatcher.PatternMatches(Wildcard.Translate(pattern), arn, ignoreCaseBeforeResource: false) == expected;
            },
            iter: 5_000);
    }
}
