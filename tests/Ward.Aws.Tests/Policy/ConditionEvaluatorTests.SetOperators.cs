using Ward.Aws.Policy.Conditions;
using Ward.Aws.Policy.Evaluation;

namespace Ward.Aws.Tests.Policy;

public sealed partial class ConditionEvaluatorTests
{
    public static TheoryData<string, string, string[]?, bool> SetCases() => new()
    {
        // operator, policy values, request values (null: key absent), matches
        { "ForAnyValue:StringEquals", "[\"a\", \"b\"]", ["x", "b"], true },
        { "ForAnyValue:StringEquals", "[\"a\", \"b\"]", ["x", "y"], false },
        { "ForAnyValue:StringEquals", "[\"a\", \"b\"]", [], false },
        { "ForAnyValue:StringEquals", "[\"a\", \"b\"]", null, false },
        { "ForAnyValue:StringLike", "\"team/*\"", ["other", "team/red"], true },
        { "ForAnyValue:StringNotEquals", "\"a\"", ["a", "b"], true },
        { "ForAnyValue:StringNotEquals", "\"a\"", ["a"], false },
        { "ForAnyValue:StringNotEquals", "\"a\"", null, false },

        { "ForAllValues:StringEquals", "[\"a\", \"b\"]", ["a", "b"], true },
        { "ForAllValues:StringEquals", "[\"a\", \"b\"]", ["b"], true },
        { "ForAllValues:StringEquals", "[\"a\", \"b\"]", ["a", "c"], false },
        { "ForAllValues:StringEquals", "[\"a\", \"b\"]", [], true },
        { "ForAllValues:StringEquals", "[\"a\", \"b\"]", null, true },
        { "ForAllValues:StringLike", "\"team/*\"", ["team/a", "team/b"], true },
        { "ForAllValues:StringLike", "\"team/*\"", ["team/a", "ops/b"], false },
        { "ForAllValues:StringNotEquals", "\"a\"", ["b", "c"], true },
        { "ForAllValues:StringNotEquals", "\"a\"", ["a", "b"], false },
        { "ForAllValues:NumericLessThan", "\"10\"", ["1", "9"], true },
        { "ForAllValues:NumericLessThan", "\"10\"", ["1", "10"], false },

        // IfExists makes an absent key match, set qualifier or not
        { "ForAnyValue:StringEqualsIfExists", "\"a\"", null, true },
        { "ForAnyValue:StringEqualsIfExists", "\"a\"", ["b"], false },
        { "ForAllValues:StringEqualsIfExists", "\"a\"", null, true },
    };

    [Theory]
    [MemberData(nameof(SetCases))]
    public void Set_operators_quantify_over_the_request_values(string op, string policyValues, string[]? requestValues, bool expected)
    {
        // Given a set operator and a multivalued key that is absent, empty, or has values
        var clause = Clause(op, Key, policyValues);
        var context = requestValues is null ? Closed() : ClosedSet(Key, requestValues);

        // When it is evaluated
        var result = ConditionEvaluator.Evaluate(clause, context, supportsVariables: true);

        // Then ForAnyValue needs one request value to match (none for an absent or empty key), ForAllValues needs
        // every one (vacuously true for an absent or empty key)
        Assert.Equal(expected ? Tri.True : Tri.False, result);
    }

    [Fact]
    public void A_set_operator_treats_a_single_valued_key_as_a_set_of_one()
    {
        // Given set operators and a single-valued key
        var any = Clause("ForAnyValue:StringEquals", Key, "[\"a\", \"b\"]");
        var all = Clause("ForAllValues:StringEquals", Key, "\"a\"");

        // When evaluated
        // Then the one value is the whole set
        Assert.Equal(Tri.True, ConditionEvaluator.Evaluate(any, Closed((Key, "b")), supportsVariables: true));
        Assert.Equal(Tri.False, ConditionEvaluator.Evaluate(all, Closed((Key, "b")), supportsVariables: true));
    }

    [Fact]
    public void A_single_valued_operator_on_a_multivalued_key_does_not_match()
    {
        // Given a plain StringEquals on a key that carries a set (even one containing the value)
        var clause = Clause("StringEquals", Key, "\"a\"");

        // When evaluated
        var result = ConditionEvaluator.Evaluate(clause, ClosedSet(Key, "a"), supportsVariables: true);

        // Then it does not match: multivalued keys need ForAnyValue or ForAllValues
        Assert.Equal(Tri.False, result);
    }
}
