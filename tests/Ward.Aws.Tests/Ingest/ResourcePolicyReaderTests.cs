using Ward.Aws.Estate;
using Ward.Aws.Ingest;
using Ward.Aws.Tests.Testing;
using Ward.Core.Diagnostics;

namespace Ward.Aws.Tests.Ingest;

/// <summary>
/// <c>resource-policies.json</c>: recognised by content, every form of <c>Policy</c> the CLI returns, and every
/// unusable entry reported with its JSON path and line, never dropped silently.
/// </summary>
public sealed class ResourcePolicyReaderTests
{
    private const string Document = """{"Version":"2012-10-17","Statement":[{"Sid":"Read","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::210987654321:root"},"Action":"s3:GetObject","Resource":"arn:aws:s3:::reports/*"}]}""";

    [Fact]
    public void Policies_are_read_as_objects_JSON_strings_and_URL_encoded_strings()
    {
        // Given one resource per form of `Policy`
        var asString = System.Text.Json.JsonSerializer.Serialize(Document);
        var encoded = System.Text.Json.JsonSerializer.Serialize(Uri.EscapeDataString(Document));
        using var folder = new ScratchFolder(("resource-policies.json", $$"""
            {"ResourcePolicies": [
              {"Arn": "arn:aws:s3:::reports", "Type": "AWS::S3::Bucket", "Account": "123456789012", "Region": "eu-west-1", "Policy": {{Document}}},
              {"Arn": "arn:aws:sqs:eu-west-1:123456789012:orders", "Type": "AWS::SQS::Queue", "Policy": {{asString}}},
              {"Arn": "arn:aws:sns:eu-west-1:123456789012:events", "Type": "AWS::SNS::Topic", "Policy": {{encoded}}}
            ]}
            """));

        // When it is loaded
        var estate = AwsEstateLoader.Load([folder.Path], TestContext.Current.CancellationToken);

        // Then all three are kept, with the statement, the owner (given for S3, from the ARN elsewhere) and the region
        Assert.DoesNotContain(estate.Diagnostics, d => d.Severity >= DiagnosticSeverity.Warning);
        Assert.Equal(InputKind.ResourcePolicies, Assert.Single(estate.Inputs).Kind);
        Assert.True(estate.HasResourcePolicyExport);
        Assert.Equal(3, estate.ResourcePolicies.Count);
        Assert.All(estate.ResourcePolicies.Values, r => Assert.Equal("Read", Assert.Single(r.Document.Statements).Sid));
        Assert.All(estate.ResourcePolicies.Values, r => Assert.Equal(("123456789012", "eu-west-1"), (r.Account, r.Region)));
        Assert.Equal("reports", estate.ResourcePolicies["arn:aws:s3:::reports"].Name);
    }

    [Fact]
    public void The_sample_resource_policies_load_without_problems()
    {
        var estate = AwsEstateLoader.Load([Fixtures.Northwind()], TestContext.Current.CancellationToken);

        Assert.Equal(9, estate.ResourcePolicies.Count);
        Assert.DoesNotContain(estate.Diagnostics, d => d.Code.StartsWith("WARD13", StringComparison.Ordinal) || (d.Severity == DiagnosticSeverity.Error && d.Location.File.EndsWith("resource-policies.json", StringComparison.Ordinal)));
        Assert.Equal("444455556666", estate.ResourcePolicies["arn:aws:s3:::northwind-prod-website"].Account);
    }

    [Fact]
    public void Every_unusable_entry_is_reported_with_its_path_and_line_and_the_rest_is_read()
    {
        // Given one good entry after six bad ones, one per line
        using var folder = new ScratchFolder(("resource-policies.json", $$"""
            {"ResourcePolicies": [
              {"Type": "AWS::S3::Bucket", "Account": "123456789012", "Policy": {{Document}}},
              {"Arn": "arn:aws:s3:::no-owner", "Type": "AWS::S3::Bucket", "Policy": {{Document}}},
              {"Arn": "arn:aws:sqs:eu-west-1:123456789012:no-policy", "Type": "AWS::SQS::Queue"},
              {"Arn": "arn:aws:sqs:eu-west-1:123456789012:numeric", "Type": "AWS::SQS::Queue", "Policy": 42},
              {"Arn": "arn:aws:sqs:eu-west-1:123456789012:other-owner", "Type": "AWS::SQS::Queue", "Account": "210987654321", "Policy": {{Document}}},
              {"Arn": "arn:aws:sqs:eu-west-1:123456789012:wrong-type", "Type": "AWS::S3::Bucket", "Account": "123456789012", "Policy": {{Document}}},
              {"Arn": "arn:aws:s3:::good", "Type": "AWS::S3::Bucket", "Account": "123456789012", "Policy": {{Document}}}
            ]}
            """));

        // When it is loaded
        var estate = AwsEstateLoader.Load([folder.Path], TestContext.Current.CancellationToken);

        // Then each bad entry has a WARD1301 error on its own line, and the good one is read
        var problems = estate.Diagnostics.Where(d => d.Code == IngestDiagnosticCodes.ResourcePolicyEntry).Select(d => (d.Location.JsonPath, d.Location.Line)).ToList();
        Assert.Equal(
            [
                ("$.ResourcePolicies[0]", 2),
                ("$.ResourcePolicies[1]", 3),
                ("$.ResourcePolicies[2]", 4),
                ("$.ResourcePolicies[3].Policy", 5),
                ("$.ResourcePolicies[4].Account", 6),
                ("$.ResourcePolicies[5].Type", 7),
            ],
            problems.Order());
        Assert.Equal(["arn:aws:s3:::good"], estate.ResourcePolicies.Keys);
    }

    [Fact]
    public void An_ECR_repository_policy_names_no_Resource_and_a_queue_policy_must()
    {
        // Given a repository policy as ECR writes it (no Resource) and a queue policy missing its Resource
        using var folder = new ScratchFolder(("resource-policies.json", """
            {"ResourcePolicies": [
              {"Arn": "arn:aws:ecr:eu-west-1:123456789012:repository/images", "Type": "AWS::ECR::Repository", "Policy": "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"Pull\",\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"arn:aws:iam::210987654321:root\"},\"Action\":[\"ecr:BatchGetImage\",\"ecr:GetDownloadUrlForLayer\"]}]}"},
              {"Arn": "arn:aws:sqs:eu-west-1:123456789012:orders", "Type": "AWS::SQS::Queue", "Policy": "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"sqs:SendMessage\"}]}"}
            ]}
            """));

        // When they are loaded
        var estate = AwsEstateLoader.Load([folder.Path], TestContext.Current.CancellationToken);

        // Then the repository's statement is readable and applies to the repository; the queue's is an error
        var error = Assert.Single(estate.Diagnostics, d => d.Severity == DiagnosticSeverity.Error);
        Assert.Equal("WARD2009", error.Code);
        Assert.Equal("$.ResourcePolicies[1].Policy.Statement[0]", error.Location.JsonPath);
        var pull = Assert.Single(estate.ResourcePolicies["arn:aws:ecr:eu-west-1:123456789012:repository/images"].Document.Statements);
        Assert.Null(pull.Problem);
        Assert.Null(pull.Resource);
    }

    [Fact]
    public void A_policy_that_does_not_parse_is_reported_by_the_grammar_and_kept_as_unreadable()
    {
        // Given a queue whose policy string is cut short
        using var folder = new ScratchFolder(("resource-policies.json", """
            {"ResourcePolicies": [
              {"Arn": "arn:aws:sqs:eu-west-1:123456789012:orders", "Type": "AWS::SQS::Queue", "Policy": "{\"Version\":\"2012-10-17\",\"Statement\":["}
            ]}
            """));

        // When it is loaded
        var estate = AwsEstateLoader.Load([folder.Path], TestContext.Current.CancellationToken);

        // Then a policy-grammar error points at the Policy, and the resource is known with an unreadable policy
        var error = Assert.Single(estate.Diagnostics, d => d.Severity == DiagnosticSeverity.Error);
        Assert.StartsWith("WARD2", error.Code, StringComparison.Ordinal);
        Assert.Equal(("$.ResourcePolicies[0].Policy", 2), (error.Location.JsonPath, error.Location.Line));
        Assert.Contains(estate.ResourcePolicies["arn:aws:sqs:eu-west-1:123456789012:orders"].Document.Statements, s => s.Problem is not null);
    }

    [Theory]
    [InlineData("arn:aws:s3:::reports", "arn:aws:s3:::reports")]
    [InlineData("arn:aws:s3:::reports/2026/q1.csv", "arn:aws:s3:::reports")]
    [InlineData("arn:aws:s3:::reports-archive/q1.csv", null)]
    [InlineData("arn:aws:lambda:eu-west-1:123456789012:function:resize", "arn:aws:lambda:eu-west-1:123456789012:function:resize")]
    [InlineData("arn:aws:lambda:eu-west-1:123456789012:function:resize:live", "arn:aws:lambda:eu-west-1:123456789012:function:resize")]
    [InlineData("arn:aws:lambda:eu-west-1:123456789012:function:resize-v2", null)]
    [InlineData("arn:aws:s3:::reports/*", null)]
    public void A_request_inside_a_resource_finds_the_resource_s_policy(string request, string? expected)
    {
        // Given a bucket and a function with policies
        using var folder = new ScratchFolder(("resource-policies.json", $$"""
            {"ResourcePolicies": [
              {"Arn": "arn:aws:s3:::reports", "Type": "AWS::S3::Bucket", "Account": "123456789012", "Policy": {{Document}}},
              {"Arn": "arn:aws:lambda:eu-west-1:123456789012:function:resize", "Type": "AWS::Lambda::Function", "Policy": {{Document}}}
            ]}
            """));
        var estate = AwsEstateLoader.Load([folder.Path], TestContext.Current.CancellationToken);

        // Then an object finds its bucket's policy, a qualified function ARN its function's; patterns find none
        Assert.Equal(expected, estate.ResourcePolicyFor(request)?.Arn);
    }

    [Fact]
    public void A_missing_type_is_taken_from_the_ARN_with_a_warning()
    {
        using var folder = new ScratchFolder(("resource-policies.json", $$"""
            {"ResourcePolicies": [
              {"Arn": "arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab", "Policy": {{Document}}}
            ]}
            """));

        var estate = AwsEstateLoader.Load([folder.Path], TestContext.Current.CancellationToken);

        Assert.Equal(IngestDiagnosticCodes.ResourcePolicyType, Assert.Single(estate.Diagnostics).Code);
        Assert.Equal("AWS::KMS::Key", Assert.Single(estate.ResourcePolicies.Values).Type);
    }
}
