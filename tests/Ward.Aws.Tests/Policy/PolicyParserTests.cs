using Ward.Aws.Policy.Syntax;
using Ward.Aws.Tests.Testing;

namespace Ward.Aws.Tests.Policy;

public sealed partial class PolicyParserTests
{
    [Fact]
    public void A_single_statement_object_is_one_statement()
    {
        // Given a policy whose Statement is an object
        const string json = """{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}}""";

        // When it is parsed
        var document = PolicyText.Parse(json);

        // Then it has that one statement, and remembers the form
        var statement = Assert.Single(document.Statements);
        Assert.False(document.StatementIsArray);
        Assert.Equal(Effect.Allow, statement.Effect);
        Assert.Equal("#0", statement.DisplayName);
        Assert.Null(statement.Problem);
    }

    [Fact]
    public void A_statement_array_keeps_order_sids_and_effects()
    {
        // Given two statements, one with a Sid
        const string json = """
            {"Version":"2012-10-17","Id":"policy-1","Statement":[
              {"Sid":"Read","Effect":"Allow","Action":"s3:GetObject","Resource":"*"},
              {"Effect":"Deny","Action":"s3:DeleteObject","Resource":"*"}]}
            """;

        // When parsed
        var document = PolicyText.Parse(json);

        // Then both are there in order, named by Sid or position
        Assert.True(document.StatementIsArray);
        Assert.Equal("policy-1", document.Id);
        Assert.Collection(
            document.Statements,
            s => Assert.Equal(("Read", 0, Effect.Allow), (s.DisplayName, s.Index, s.Effect)),
            s => Assert.Equal(("#1", 1, Effect.Deny), (s.DisplayName, s.Index, s.Effect)));
    }

    [Theory]
    [InlineData("\"2012-10-17\"", PolicyVersion.Version2012, true)]
    [InlineData("\"2008-10-17\"", PolicyVersion.Version2008, false)]
    [InlineData(null, PolicyVersion.Unspecified, false)]
    public void The_version_decides_whether_variables_are_substituted(string? version, PolicyVersion expected, bool variables)
    {
        // Given a policy with a Version, or none
        var versionElement = version is null ? string.Empty : $"\"Version\":{version},";
        var json = "{" + versionElement + "\"Statement\":[{" + Fine + "}]}";

        // When parsed
        var document = PolicyText.Parse(json);

        // Then only 2012-10-17 has policy variables
        Assert.Equal(expected, document.Version);
        Assert.Equal(variables, document.SupportsVariables);
    }

    [Fact]
    public void Action_and_resource_accept_a_string_or_an_array()
    {
        // Given one statement with strings and one with arrays
        var document = PolicyText.Parse(PolicyText.Policy(
            """{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::a/*"}""",
            """{"Effect":"Allow","Action":["s3:Get*","iam:Pass?ole"],"Resource":["arn:aws:s3:::a","arn:aws:s3:::b"]}"""));

        // When parsed
        var (single, several) = (document.Statements[0], document.Statements[1]);

        // Then both forms are read, and the form is remembered
        Assert.False(single.Action.IsArray);
        Assert.Equal<string>(["s3:GetObject"], single.Action.Patterns.Select(p => p.Text), StringComparer.Ordinal);
        Assert.False(single.Resource!.IsArray);
        Assert.Equal(["arn:aws:s3:::a/*"], single.Resource.Patterns);
        Assert.True(several.Action.IsArray);
        Assert.Equal<string>(["s3:Get*", "iam:Pass?ole"], several.Action.Patterns.Select(p => p.Text), StringComparer.Ordinal);
        Assert.True(several.Resource!.IsArray);
        Assert.Equal(["arn:aws:s3:::a", "arn:aws:s3:::b"], several.Resource.Patterns);
    }

    [Fact]
    public void Action_patterns_know_their_service_and_wildcards()
    {
        // Given action patterns in mixed case
        var statement = Assert.Single(PolicyText.Parse(PolicyText.Policy(
            """{"Effect":"Allow","Action":["S3:GetObject","ec2:Describe*","*"],"Resource":"*"}""")).Statements);

        // When parsed
        var patterns = statement.Action.Patterns;

        // Then each is lower-cased for matching, with its service and wildcard flags
        Assert.Equal(("s3:getobject", "s3", false, false), (patterns[0].Lower, patterns[0].Service, patterns[0].HasWildcard, patterns[0].MatchesEverything));
        Assert.Equal(("ec2", true, false), (patterns[1].Service, patterns[1].HasWildcard, patterns[1].MatchesEverything));
        Assert.Equal((string.Empty, true), (patterns[2].Service, patterns[2].MatchesEverything));
    }

    [Fact]
    public void NotAction_and_NotResource_are_negated_elements()
    {
        // Given a statement with NotAction and NotResource
        var statement = Assert.Single(PolicyText.Parse(PolicyText.Policy(
            """{"Effect":"Deny","NotAction":["iam:*","sts:*"],"NotResource":"arn:aws:s3:::logs/*"}""")).Statements);

        // When parsed
        // Then both are kept and marked negated
        Assert.True(statement.Action.Negated);
        Assert.Equal<string>(["iam:*", "sts:*"], statement.Action.Patterns.Select(p => p.Text), StringComparer.Ordinal);
        Assert.True(statement.Resource!.Negated);
        Assert.Equal(["arn:aws:s3:::logs/*"], statement.Resource.Patterns);
    }

    [Fact]
    public void A_role_trust_policy_needs_no_resource()
    {
        // Given a trust policy statement without Resource
        var document = PolicyText.Parse(
            """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"lambda.amazonaws.com"},"Action":"sts:AssumeRole"}]}""",
            PolicyKind.RoleTrust);

        // When parsed
        // Then it is valid and has no Resource element
        Assert.Null(Assert.Single(document.Statements).Resource);
    }

    [Fact]
    public void A_wildcard_principal_string_is_everyone()
    {
        // Given `"Principal": "*"`
        var statement = ResourceStatement("\"Principal\":\"*\"");

        // When parsed
        // Then it is the bare wildcard, with no groups
        Assert.True(statement.Principal!.IsWildcardString);
        Assert.False(statement.Principal.Negated);
        Assert.Empty(statement.Principal.Groups);
    }

    [Fact]
    public void Every_principal_type_is_read_as_string_or_array()
    {
        // Given a principal of each type, as strings and arrays
        var statement = ResourceStatement("""
            "Principal":{
              "AWS":["arn:aws:iam::111122223333:user/alice","444455556666","*"],
              "Service":"lambda.amazonaws.com",
              "Federated":["arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com"],
              "CanonicalUser":"79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be"}
            """);

        // When parsed
        var principal = statement.Principal!;

        // Then the groups keep type, values and form, in order
        Assert.False(principal.IsWildcardString);
        Assert.Collection(
            principal.Groups,
            g => Assert.Equal((PrincipalType.Aws, true, 3), (g.Type, g.IsArray, g.Values.Length)),
            g => Assert.Equal((PrincipalType.Service, false, "lambda.amazonaws.com"), (g.Type, g.IsArray, g.Values[0])),
            g => Assert.Equal((PrincipalType.Federated, true), (g.Type, g.IsArray)),
            g => Assert.Equal(PrincipalType.CanonicalUser, g.Type));
        Assert.Equal(6, principal.Entries.Count());
        Assert.Contains((PrincipalType.Aws, "444455556666"), principal.Entries);
    }

    [Fact]
    public void NotPrincipal_is_a_negated_principal()
    {
        // Given a Deny with NotPrincipal
        var statement = ResourceStatement("\"NotPrincipal\":{\"AWS\":\"arn:aws:iam::111122223333:root\"}", effect: "Deny");

        // When parsed
        // Then it is kept as a negated principal element
        Assert.True(statement.Principal!.Negated);
        Assert.Equal([(PrincipalType.Aws, "arn:aws:iam::111122223333:root")], statement.Principal.Entries);
    }

    [Fact]
    public void Condition_values_may_be_strings_numbers_or_booleans()
    {
        // Given condition values of every scalar type, single and in arrays
        var statement = Assert.Single(PolicyText.Parse(PolicyText.Policy("""
            {"Effect":"Allow","Action":"s3:ListBucket","Resource":"*","Condition":{
              "NumericLessThanEquals":{"s3:max-keys":10,"s3:other":1.50},
              "Bool":{"aws:SecureTransport":true},
              "ForAnyValue:StringEquals":{"aws:TagKeys":["a",2,false]}}}
            """)).Statements);

        // When parsed
        var clauses = statement.Conditions;

        // Then each value is kept as its text, and each key is one clause
        Assert.Equal(4, clauses.Length);
        Assert.Equal(("NumericLessThanEquals", "s3:max-keys", "10", false), (clauses[0].Operator.Text, clauses[0].Key, clauses[0].Values[0], clauses[0].ValuesIsArray));
        Assert.Equal("1.50", clauses[1].Values[0]);
        Assert.Equal(("Bool", "true"), (clauses[2].Operator.Text, clauses[2].Values[0]));
        Assert.Equal(["a", "2", "false"], clauses[3].Values);
        Assert.True(clauses[3].ValuesIsArray);
    }

    [Theory]
    [InlineData("StringEquals", BaseOperator.StringEquals, false, SetQualifier.None)]
    [InlineData("StringLikeIfExists", BaseOperator.StringLike, true, SetQualifier.None)]
    [InlineData("ForAnyValue:StringLike", BaseOperator.StringLike, false, SetQualifier.ForAnyValue)]
    [InlineData("ForAllValues:StringNotEqualsIfExists", BaseOperator.StringNotEquals, true, SetQualifier.ForAllValues)]
    [InlineData("ArnNotLike", BaseOperator.ArnNotLike, false, SetQualifier.None)]
    [InlineData("Null", BaseOperator.Null, false, SetQualifier.None)]
    [InlineData("BinaryEqualsIfExists", BaseOperator.BinaryEquals, true, SetQualifier.None)]
    public void Condition_operators_are_split_into_qualifier_base_and_if_exists(string text, BaseOperator expected, bool ifExists, SetQualifier set)
    {
        // Given an operator as written
        // When it is parsed
        Assert.True(ConditionOperator.TryParse(text, out var parsed));

        // Then its parts are recognised
        Assert.Equal(new ConditionOperator(text, expected, ifExists, set), parsed);
    }

    [Theory]
    [InlineData("StringEquals", false)]
    [InlineData("StringNotEquals", true)]
    [InlineData("StringNotEqualsIgnoreCase", true)]
    [InlineData("StringNotLike", true)]
    [InlineData("NumericNotEquals", true)]
    [InlineData("DateNotEquals", true)]
    [InlineData("NotIpAddress", true)]
    [InlineData("ArnNotEquals", true)]
    [InlineData("ArnNotLike", true)]
    [InlineData("NumericLessThan", false)]
    [InlineData("Null", false)]
    public void Negated_operators_are_known(string text, bool negated)
    {
        // Given an operator
        // When it is parsed
        // Then it knows whether it is negated (NOR over values, true when the key is absent)
        Assert.True(ConditionOperator.TryParse(text, out var parsed));
        Assert.Equal(negated, parsed!.IsNegated);
    }

    private static Statement ResourceStatement(string principal, string effect = "Allow") =>
        Assert.Single(PolicyText.Parse(
            $$"""{"Version":"2012-10-17","Statement":[{"Effect":"{{effect}}",{{principal}},"Action":"s3:GetObject","Resource":"arn:aws:s3:::reports/*"}]}""",
            PolicyKind.Resource).Statements);
}
