using Ward.Aws.Policy.Conditions;
using Ward.Aws.Policy.Evaluation;

namespace Ward.Aws.Tests.Policy;

public sealed partial class ConditionEvaluatorTests
{
    [Theory]
    [InlineData("home/alice/docs", true)]
    [InlineData("home/alice/", true)]
    [InlineData("home/bob/docs", false)]
    [InlineData("home/alicex/docs", false)]
    public void The_user_name_variable_is_substituted_in_a_pattern(string prefix, bool expected)
    {
        // Given `home/${aws:username}/*` and alice's request
        var clause = Clause("StringLike", "s3:prefix", "\"home/${aws:username}/*\"");
        var context = Closed(("aws:username", "alice"), ("s3:prefix", prefix));

        // When evaluated
        var result = ConditionEvaluator.Evaluate(clause, context, supportsVariables: true);

        // Then the variable stands for `alice` and the policy's own `*` stays a wildcard
        Assert.Equal(expected ? Tri.True : Tri.False, result);
    }

    [Theory]
    [InlineData("red", "red", true)]
    [InlineData("red", "blue", false)]
    [InlineData("red", "RED", false)]
    public void A_principal_tag_variable_compares_with_another_key(string principalTeam, string resourceTeam, bool expected)
    {
        // Given the classic ABAC condition: the resource's team tag equals the principal's
        var clause = Clause("StringEquals", "aws:ResourceTag/team", "\"${aws:PrincipalTag/team}\"");
        var context = Closed(("aws:PrincipalTag/team", principalTeam), ("aws:ResourceTag/team", resourceTeam));

        // When evaluated
        var result = ConditionEvaluator.Evaluate(clause, context, supportsVariables: true);

        // Then the principal's tag value is what the resource tag must equal
        Assert.Equal(expected ? Tri.True : Tri.False, result);
    }

    [Theory]
    [InlineData("home/*", true)]
    [InlineData("home/anything", false)]
    public void A_substituted_value_is_literal_even_in_a_pattern(string prefix, bool expected)
    {
        // Given a user literally named `*`
        var clause = Clause("StringLike", "s3:prefix", "\"home/${aws:username}\"");
        var context = Closed(("aws:username", "*"), ("s3:prefix", prefix));

        // When the pattern is evaluated
        var result = ConditionEvaluator.Evaluate(clause, context, supportsVariables: true);

        // Then the substituted `*` matches only a literal star, never any text
        Assert.Equal(expected ? Tri.True : Tri.False, result);
    }

    [Theory]
    [InlineData("StringLike", "\"a${*}b\"", "a*b", true)]
    [InlineData("StringLike", "\"a${*}b\"", "axyzb", false)]
    [InlineData("StringLike", "\"a${?}\"", "a?", true)]
    [InlineData("StringLike", "\"a${?}\"", "ax", false)]
    [InlineData("StringLike", "\"${*}*\"", "*anything", true)]
    [InlineData("StringLike", "\"${*}*\"", "anything", false)]
    [InlineData("StringEquals", "\"cost${$}\"", "cost$", true)]
    [InlineData("StringEquals", "\"a${*}\"", "a*", true)]
    [InlineData("StringEquals", "\"${$}{aws:username}\"", "${aws:username}", true)]
    public void Escape_variables_give_literal_characters(string op, string policyValue, string requestValue, bool expected)
    {
        // Given `${*}`, `${?}` or `${$}` in a condition value
        var clause = Clause(op, Key, policyValue);

        // When evaluated
        var result = ConditionEvaluator.Evaluate(clause, Closed((Key, requestValue)), supportsVariables: true);

        // Then they stand for a literal `*`, `?` or `$`
        Assert.Equal(expected ? Tri.True : Tri.False, result);
    }

    [Theory]
    [InlineData(null, "nobody", true)]
    [InlineData(null, "alice", false)]
    [InlineData("alice", "alice", true)]
    [InlineData("alice", "nobody", false)]
    public void A_variable_default_is_used_only_when_the_key_is_absent(string? userName, string requestValue, bool expected)
    {
        // Given `${aws:username, 'nobody'}`
        var clause = Clause("StringEquals", Key, "\"${aws:username, 'nobody'}\"");
        var context = userName is null ? Closed((Key, requestValue)) : Closed((Key, requestValue), ("aws:username", userName));

        // When evaluated
        var result = ConditionEvaluator.Evaluate(clause, context, supportsVariables: true);

        // Then the default stands in for the missing user name, and only then
        Assert.Equal(expected ? Tri.True : Tri.False, result);
    }

    [Theory]
    [InlineData("StringEquals")]
    [InlineData("StringLike")]
    [InlineData("ArnLike")]
    public void A_variable_without_a_value_or_default_never_matches(string op)
    {
        // Given a condition whose only value uses a key the request lacks
        var clause = Clause(op, Key, "\"arn:aws:iam::111122223333:user/${aws:username}\"");

        // When evaluated against the text the variable would have to produce
        var result = ConditionEvaluator.Evaluate(clause, Closed((Key, "arn:aws:iam::111122223333:user/${aws:username}")), supportsVariables: true);

        // Then it does not match, not even the literal text
        Assert.Equal(Tri.False, result);
    }

    [Fact]
    public void A_variable_works_inside_an_ARN_pattern()
    {
        // Given an ArnLike whose resource part names the caller
        var clause = Clause("ArnLike", "aws:SourceArn", "\"arn:aws:iam::*:user/${aws:username}\"");
        var context = Closed(("aws:username", "alice"), ("aws:SourceArn", "arn:aws:iam::111122223333:user/alice"));

        // When evaluated
        // Then the substituted name is matched
        Assert.Equal(Tri.True, ConditionEvaluator.Evaluate(clause, context, supportsVariables: true));
    }

    [Theory]
    [InlineData("2008-10-17")]
    [InlineData(null)]
    public void Policies_older_than_2012_treat_variables_as_literal_text(string? version)
    {
        // Given `${aws:username}` in a 2008-10-17 policy, or one without Version
        var (clause, supportsVariables) = ClauseAndVariables("StringEquals", Key, "\"${aws:username}\"", version);

        // When evaluated for alice
        var named = ConditionEvaluator.Evaluate(clause, Closed((Key, "alice"), ("aws:username", "alice")), supportsVariables);
        var literal = ConditionEvaluator.Evaluate(clause, Closed((Key, "${aws:username}"), ("aws:username", "alice")), supportsVariables);

        // Then the document says it has no variables, and the text matches only itself
        Assert.False(supportsVariables);
        Assert.Equal(Tri.False, named);
        Assert.Equal(Tri.True, literal);
    }

    [Fact]
    public void A_2012_policy_substitutes_the_same_text()
    {
        // Given the same condition in a 2012-10-17 policy
        var (clause, supportsVariables) = ClauseAndVariables("StringEquals", Key, "\"${aws:username}\"");

        // When evaluated for alice
        var named = ConditionEvaluator.Evaluate(clause, Closed((Key, "alice"), ("aws:username", "alice")), supportsVariables);

        // Then the variable is substituted
        Assert.True(supportsVariables);
        Assert.Equal(Tri.True, named);
    }
}
