using CsCheck;
using Ward.Aws.Policy.Evaluation;
using Ward.Aws.Policy.Syntax;
using Ward.Aws.Tests.Testing;
using Ward.Core.Decisions;

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

    [Fact]
    public void Makes_a_statements_definite_match_once_for_its_policy_name()
    {
        var index = StatementIndex.Of(Mixed);
        var reader = index.DefiniteMatch("reader", Mixed.Statements[0]);

        Assert.Same(reader, index.DefiniteMatch("reader", Mixed.Statements[0]));
        Assert.Equal(("reader", "S3Read", Tri.True, PrincipalMatch.Exact), (reader.Policy, reader.Statement.Sid, reader.Match, reader.Principal));
        Assert.Null(reader.UndecidedConditions);
    }

    [Fact]
    public void Gives_a_match_of_its_own_to_a_document_under_another_name_and_to_a_statement_of_another_document()
    {
        var index = StatementIndex.Of(Mixed);
        _ = index.DefiniteMatch("reader", Mixed.Statements[2]);
        var copy = Mixed.Statements[2] with { Sid = "Copied" };

        Assert.Equal("auditor", index.DefiniteMatch("auditor", Mixed.Statements[2]).Policy);
        Assert.Same(copy, index.DefiniteMatch("reader", copy).Statement);
    }

    [Fact]
    public void Explains_a_shared_document_by_the_name_each_principal_carries_it_under()
    {
        // One parsed document attached under two names (the cache of definite matches is per document).
        var document = PolicyText.Parse(PolicyText.Policy("""{"Sid":"ReadReports","Effect":"Allow","Action":"s3:GetObject","Resource":"*"}"""));
        var alice = AwsPrincipal.Parse("arn:aws:iam::111122223333:user/alice");
        string GrantingPolicy(string name)
        {
            var decision = AwsAuthorizer.Authorize(
                new AwsRequest { Principal = alice, Action = "s3:GetObject", Resource = "arn:aws:s3:::reports/q1.csv", ResourceAccount = "111122223333", Context = RequestContext.Empty },
                new AwsPolicySet { IdentityPolicies = [new NamedPolicy(name, document)] });
            Assert.Equal(DecisionKind.Allowed, decision.Kind);
            return Assert.Single(decision.Explanation.Layers.SelectMany(l => l.Statements)).Policy;
        }

        Assert.Equal("first-name", GrantingPolicy("first-name"));
        Assert.Equal("second-name", GrantingPolicy("second-name"));
    }
}
