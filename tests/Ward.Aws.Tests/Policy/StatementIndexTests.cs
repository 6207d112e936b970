using CsCheck;
using Ward.Aws.Policy.Evaluation;
using Ward.Aws.Policy.Syntax;
using Ward.Aws.Tests.Testing;

namespace Ward.Aws.Tests.Policy;

public sealed class StatementIndexTests
{
    private static readonly PolicyDocument Mixed = PolicyText.Parse(PolicyText.Policy(
        """{"Sid":"S3Read","Effect":"Allow","Action":["s3:GetObject","S3:ListBucket"],"Resource":"*"}""",
        """{"Sid":"Everything","Effect":"Allow","Action":"*","Resource":"arn:aws:s3:::logs/*"}""",
        """{"Sid":"IamAndSts","Effect":"Allow","Action":["iam:Pass*","sts:AssumeRole"],"Resource":"*"}""",
        """{"Sid":"NotIam","Effect":"Deny","NotAction":"iam:*","Resource":"*"}""",
        """{"Sid":"WildService","Effect":"Allow","Action":"s*:Get*","Resource":"*"}""",
        """{"Sid":"Kms","Effect":"Allow","Action":"kms:Decrypt","Resource":"*"}"""));

    [Theory]
    [InlineData("s3:getobject", new[] { "S3Read", "Everything", "NotIam", "WildService" })]
    [InlineData("iam:passrole", new[] { "Everything", "IamAndSts", "NotIam", "WildService" })]
    [InlineData("kms:decrypt", new[] { "Everything", "NotIam", "WildService", "Kms" })]
    [InlineData("ec2:runinstances", new[] { "Everything", "NotIam", "WildService" })]
    [InlineData("no-colon", new[] { "Everything", "NotIam", "WildService" })]
    public void Gives_the_statements_of_the_service_and_those_that_could_name_any_service_in_document_order(string action, string[] expected)
    {
        var statements = StatementIndex.Of(Mixed).For(action);

        Assert.Equal(expected, statements.Select(s => s.Sid), StringComparer.Ordinal);
    }

    [Fact]
    public void Keeps_unreadable_statements_for_every_action()
    {
        var document = PolicyDocument.Unreadable("the policy is not in the export");

        Assert.Single(StatementIndex.Of(document).For("s3:getobject"));
        Assert.Single(StatementIndex.Of(document).For("iam:createuser"));
    }

    [Fact]
    public void Is_built_once_per_document()
    {
        Assert.Same(StatementIndex.Of(Mixed), StatementIndex.Of(Mixed));
    }

    [Fact]
    public void Never_leaves_out_a_statement_whose_action_element_matches()
    {
        // Any action, against statements of random action patterns: the index may give more statements, never fewer.
        var services = Gen.OneOf("s3", "iam", "kms", "ec2", "s*", "*3", "sts", "");
        var names = Gen.OneOf("GetObject", "Get*", "*", "PassRole", "Pass?ole", "CreateUser", "Decrypt");
        var pattern = Gen.Select(services, names, (service, name) => service.Length == 0 ? name : $"{service}:{name}");
        var statement = Gen.Select(pattern.Array[1, 3], Gen.Bool, (patterns, negated) => (Patterns: patterns, Negated: negated));
        var action = Gen.Select(Gen.OneOf("s3", "iam", "kms", "ec2", "sts", "sqs"), Gen.OneOf("getobject", "passrole", "createuser", "decrypt", "get"), (service, name) => $"{service}:{name}");

        Gen.Select(statement.Array[1, 6], action).Sample(sample =>
        {
            var (generated, request) = sample;
            var json = PolicyText.Policy([.. generated.Select((s, i) =>
                $$"""{"Sid":"S{{i}}","Effect":"Allow","{{(s.Negated ? "NotAction" : "Action")}}":[{{string.Join(",", s.Patterns.Select(p => $"\"{p}\""))}}],"Resource":"*"}""")]);
            var document = PolicyText.Read(json).Document!;

            var expected = document.Statements.Where(s => StatementMatcher.ActionMatches(s.Action, request)).Select(s => s.Index);
            var given = StatementIndex.Of(document).For(request).Select(s => s.Index).ToList();

            Assert.Subset(given.ToHashSet(), expected.ToHashSet());
            Assert.Equal(given.Order(), given);
        }, iter: 2000);
    }
}
