using Ward.Aws.Policy.Conditions;
using Ward.Aws.Policy.Evaluation;

namespace Ward.Aws.Tests.Policy;

public sealed partial class ConditionEvaluatorTests
{
    [Theory]
    [InlineData("StringEquals", "\"a\"")]
    [InlineData("StringNotEquals", "\"a\"")]
    [InlineData("StringEqualsIfExists", "\"a\"")]
    [InlineData("BoolIfExists", "\"false\"")]
    [InlineData("Bool", "\"true\"")]
    [InlineData("Null", "\"true\"")]
    [InlineData("ForAnyValue:StringEquals", "\"a\"")]
    [InlineData("ForAllValues:StringEquals", "\"a\"")]
    [InlineData("NotIpAddress", "\"203.0.113.0/24\"")]
    public void An_open_context_does_not_know_keys_nobody_gave(string op, string policyValues)
    {
        // Given an open context that knows some other key
        var clause = Clause(op, "aws:MultiFactorAuthPresent", policyValues);
        var context = RequestContext.Open([KeyValuePair.Create("aws:username", ContextValue.Of("alice"))]);

        // When a condition on an unmentioned key is evaluated
        var result = ConditionEvaluator.Evaluate(clause, context, supportsVariables: true);

        // Then it is neither true nor false, whatever the operator
        Assert.Equal(Tri.Unknown, result);
    }

    [Theory]
    [InlineData("StringEquals", false)]
    [InlineData("StringNotEquals", true)]
    [InlineData("StringEqualsIfExists", true)]
    [InlineData("ForAllValues:StringEquals", true)]
    [InlineData("ForAnyValue:StringEquals", false)]
    public void An_open_context_treats_keys_known_to_be_absent_as_absent(string op, bool expected)
    {
        // Given an open context that knows the principal has no `team` tag
        var clause = Clause(op, "aws:PrincipalTag/team", "\"red\"");
        var context = RequestContext.Open([], key => key.StartsWith("aws:PrincipalTag/", StringComparison.OrdinalIgnoreCase));

        // When evaluated
        var result = ConditionEvaluator.Evaluate(clause, context, supportsVariables: true);

        // Then the usual absent-key rules decide
        Assert.Equal(expected ? Tri.True : Tri.False, result);
    }

    [Fact]
    public void An_open_context_decides_keys_it_knows()
    {
        // Given an open context with `aws:MultiFactorAuthPresent`
        var clause = Clause("Bool", "aws:MultiFactorAuthPresent", "\"true\"");
        var context = RequestContext.Open([KeyValuePair.Create("aws:MultiFactorAuthPresent", ContextValue.Of("false"))]);

        // When evaluated
        // Then the answer is definite
        Assert.Equal(Tri.False, ConditionEvaluator.Evaluate(clause, context, supportsVariables: true));
    }

    [Theory]
    [InlineData("StringEquals", "\"${aws:PrincipalTag/team}\"")]
    [InlineData("StringLike", "\"home/${aws:username}/*\"")]
    [InlineData("ArnLike", "\"arn:aws:iam::*:user/${aws:username}\"")]
    public void A_variable_of_an_unknown_key_makes_the_condition_unknown(string op, string policyValues)
    {
        // Given an open context that knows the compared key but not the variable's
        var clause = Clause(op, Key, policyValues);
        var context = RequestContext.Open([KeyValuePair.Create(Key, ContextValue.Of("arn:aws:iam::111122223333:user/alice"))]);

        // When evaluated
        // Then the outcome hinges on the unknown key
        Assert.Equal(Tri.Unknown, ConditionEvaluator.Evaluate(clause, context, supportsVariables: true));
    }

    [Fact]
    public void A_variable_default_does_not_apply_when_the_key_is_merely_unknown()
    {
        // Given `${aws:username, 'nobody'}` and an open context that does not know the user name
        var clause = Clause("StringEquals", Key, "\"${aws:username, 'nobody'}\"");
        var context = RequestContext.Open([KeyValuePair.Create(Key, ContextValue.Of("nobody"))]);

        // When evaluated
        // Then the default is not assumed: the user name may well exist
        Assert.Equal(Tri.Unknown, ConditionEvaluator.Evaluate(clause, context, supportsVariables: true));
    }
}
