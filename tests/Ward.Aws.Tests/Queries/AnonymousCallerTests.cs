using System.Text.Json;
using Ward.Aws.Ingest;
using Ward.Aws.Policy.Evaluation;
using Ward.Aws.Queries;
using Ward.Aws.Resources;
using Ward.Aws.Tests.Testing;
using Ward.Core.Decisions;

namespace Ward.Aws.Tests.Queries;

/// <summary>
/// An anonymous request is unsigned: it has no principal ARN, account or organization (they are absent, not
/// unknown), and its principal type is `Anonymous`. `Null` conditions and the IfExists operators see that.
/// </summary>
public sealed class AnonymousCallerTests
{
    private const string Account = "123456789012";
    private static readonly DateTimeOffset AsOf = new(2026, 3, 16, 9, 15, 0, TimeSpan.Zero);

    [Theory]
    // Signed requests only: the Null test on the caller's account denies anonymous callers, and nobody else.
    [InlineData("""{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*"},{"Effect":"Deny","Principal":"*","Action":"s3:*","Resource":"*","Condition":{"Null":{"aws:PrincipalAccount":"true"}}}""", DecisionKind.ExplicitDeny, DecisionKind.Allowed)]
    // Organization only: an anonymous caller has no organization, so it is certainly not let in.
    [InlineData("""{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*","Condition":{"StringEquals":{"aws:PrincipalOrgID":"o-a1b2c3d4e5"}}}""", DecisionKind.ImplicitDeny, DecisionKind.ImplicitDeny)]
    // A perimeter written with IfExists: the absent organization passes StringNotEqualsIfExists, so the deny holds.
    [InlineData("""{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*"},{"Effect":"Deny","Principal":"*","Action":"s3:*","Resource":"*","Condition":{"StringNotEqualsIfExists":{"aws:PrincipalOrgID":"o-a1b2c3d4e5"}}}""", DecisionKind.ExplicitDeny, DecisionKind.ExplicitDeny)]
    // Keyed on the principal type itself.
    [InlineData("""{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*","Condition":{"StringEquals":{"aws:PrincipalType":"Anonymous"}}}""", DecisionKind.Allowed, DecisionKind.ImplicitDeny)]
    public void Principal_keys_are_absent_for_an_anonymous_caller(string statements, DecisionKind anonymous, DecisionKind otherAccount)
    {
        // Given a bucket policy
        using var folder = new ScratchFolder(("resource-policies.json", ResourcePolicies(statements)));
        var estate = AwsEstateLoader.Load([folder.Path], TestContext.Current.CancellationToken);

        // When the exposure analysis probes it with an anonymous caller and a role of an unrelated account
        var probes = AwsResourceExposureAnalysis.Of(estate, AsOf);
        var anonymousGet = Assert.Single(probes, p => p.Kind == ResourceProbeKind.Anonymous).Actions.First(a => a.Action == "s3:GetObject");
        var outsiderGet = Assert.Single(probes, p => p.Kind == ResourceProbeKind.AnyAccount).Actions.First(a => a.Action == "s3:GetObject");

        // Then each gets the decision AWS would make
        Assert.Equal(anonymous, anonymousGet.Decision.Kind);
        Assert.Equal(otherAccount, outsiderGet.Decision.Kind);
    }

    [Fact]
    public void Who_can_asks_of_anonymous_callers_see_the_same_absence()
    {
        using var folder = new ScratchFolder(("resource-policies.json", ResourcePolicies(
            """{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*","Condition":{"Null":{"aws:PrincipalArn":"true"}}}""")));
        var queries = new AwsAccessQueries(AwsEstateLoader.Load([folder.Path], TestContext.Current.CancellationToken), AsOf);

        var decision = queries.Can(AwsPrincipal.Anonymous, "s3:GetObject", "arn:aws:s3:::b/report.csv", new Dictionary<string, ContextValue>(StringComparer.Ordinal)).Decision;

        Assert.Equal(DecisionKind.Allowed, decision.Kind);
    }

    private static string ResourcePolicies(string statements) => $$"""
        {"ResourcePolicies": [
          {"Arn": "arn:aws:s3:::b", "Type": "AWS::S3::Bucket", "Account": "{{Account}}", "Region": "eu-west-1",
           "Policy": {{JsonSerializer.Serialize($$"""{"Version":"2012-10-17","Statement":[{{statements}}]}""")}}}
        ]}
        """;
}
