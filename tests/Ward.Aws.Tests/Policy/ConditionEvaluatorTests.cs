using Ward.Aws.Policy.Conditions;
using Ward.Aws.Policy.Evaluation;
using Ward.Aws.Policy.Syntax;
using Ward.Aws.Tests.Testing;

namespace Ward.Aws.Tests.Policy;

public sealed partial class ConditionEvaluatorTests
{
    private const string Key = "test:key";

    public static TheoryData<string, string, string, bool> OperatorCases() => new()
    {
        // operator, policy value(s) as JSON, request value, matches
        { "StringEquals", "\"abc\"", "abc", true },
        { "StringEquals", "\"abc\"", "ABC", false },
        { "StringEquals", "\"a*\"", "abc", false },
        { "StringEquals", "\"a*\"", "a*", true },
        { "StringNotEquals", "\"abc\"", "abd", true },
        { "StringNotEquals", "\"abc\"", "abc", false },
        { "StringEqualsIgnoreCase", "\"ABC\"", "abc", true },
        { "StringEqualsIgnoreCase", "\"ABC\"", "abd", false },
        { "StringNotEqualsIgnoreCase", "\"ABC\"", "abc", false },
        { "StringNotEqualsIgnoreCase", "\"ABC\"", "xyz", true },
        { "StringLike", "\"a*c\"", "abbbc", true },
        { "StringLike", "\"a*c\"", "abcd", false },
        { "StringLike", "\"a?c\"", "abc", true },
        { "StringLike", "\"a?c\"", "abbc", false },
        { "StringLike", "\"A*\"", "abc", false },
        { "StringLike", "\"home/*\"", "home/alice/docs", true },
        { "StringNotLike", "\"a*\"", "bcd", true },
        { "StringNotLike", "\"a*\"", "abc", false },

        { "NumericEquals", "\"10\"", "10", true },
        { "NumericEquals", "\"10\"", "10.0", true },
        { "NumericEquals", "10", "10", true },
        { "NumericEquals", "\"10\"", "11", false },
        { "NumericEquals", "\"10\"", "ten", false },
        { "NumericNotEquals", "\"10\"", "11", true },
        { "NumericNotEquals", "\"10\"", "10", false },
        { "NumericLessThan", "\"10\"", "9", true },
        { "NumericLessThan", "\"10\"", "10", false },
        { "NumericLessThan", "\"10\"", "-3.5", true },
        { "NumericLessThanEquals", "\"10\"", "10", true },
        { "NumericLessThanEquals", "\"10\"", "11", false },
        { "NumericGreaterThan", "\"10\"", "11", true },
        { "NumericGreaterThan", "\"10\"", "10", false },
        { "NumericGreaterThanEquals", "\"10\"", "10", true },
        { "NumericGreaterThanEquals", "\"10\"", "9.99", false },

        { "DateEquals", "\"2024-01-01T00:00:00Z\"", "2024-01-01T00:00:00Z", true },
        { "DateEquals", "\"2024-01-01T01:00:00+01:00\"", "2024-01-01T00:00:00Z", true },
        { "DateEquals", "\"2024-01-01\"", "2024-01-01T00:00:00Z", true },
        { "DateEquals", "\"1704067200\"", "2024-01-01T00:00:00Z", true },
        { "DateEquals", "1704067200", "2024-01-01T00:00:00Z", true },
        { "DateEquals", "\"2024-01-01T00:00:00Z\"", "1704067200", true },
        { "DateEquals", "\"2024-01-01T00:00:00Z\"", "2024-01-01T00:00:01Z", false },
        { "DateEquals", "\"2024-01-01T00:00:00Z\"", "not a date", false },
        { "DateNotEquals", "\"2024-01-01T00:00:00Z\"", "2024-01-02T00:00:00Z", true },
        { "DateNotEquals", "\"2024-01-01T00:00:00Z\"", "1704067200", false },
        { "DateLessThan", "\"2024-01-01T00:00:00Z\"", "2023-12-31T23:59:59Z", true },
        { "DateLessThan", "\"2024-01-01T00:00:00Z\"", "2024-01-01T00:00:00Z", false },
        { "DateLessThan", "\"1704067200\"", "1704067199", true },
        { "DateLessThanEquals", "\"2024-01-01T00:00:00Z\"", "2024-01-01T00:00:00Z", true },
        { "DateLessThanEquals", "\"2024-01-01T00:00:00Z\"", "2024-01-01T00:00:01Z", false },
        { "DateGreaterThan", "\"2024-01-01T00:00:00Z\"", "2024-01-01T00:00:01Z", true },
        { "DateGreaterThan", "\"2024-01-01T00:00:00Z\"", "1704067201", true },
        { "DateGreaterThan", "\"2024-01-01T00:00:00Z\"", "2024-01-01T00:00:00Z", false },
        { "DateGreaterThanEquals", "\"2024-01-01T00:00:00Z\"", "2024-01-01T00:00:00Z", true },
        { "DateGreaterThanEquals", "\"2024-01-01T00:00:00Z\"", "2023-06-01T00:00:00Z", false },

        { "Bool", "\"true\"", "true", true },
        { "Bool", "true", "true", true },
        { "Bool", "\"true\"", "TRUE", true },
        { "Bool", "\"true\"", "false", false },
        { "Bool", "false", "false", true },
        { "Bool", "\"true\"", "yes", false },

        { "BinaryEquals", "\"QmluYXJ5VmFsdWU=\"", "QmluYXJ5VmFsdWU=", true },
        { "BinaryEquals", "\"QmluYXJ5VmFsdWU=\"", "QmluYXJ5dmFsdWU=", false },

        { "IpAddress", "\"203.0.113.0/24\"", "203.0.113.7", true },
        { "IpAddress", "\"203.0.113.0/24\"", "203.0.114.7", false },
        { "IpAddress", "\"203.0.113.7\"", "203.0.113.7", true },
        { "IpAddress", "\"203.0.113.7\"", "203.0.113.8", false },
        { "IpAddress", "\"203.0.113.7/32\"", "203.0.113.7", true },
        { "IpAddress", "\"10.1.2.3/16\"", "10.1.200.1", true },
        { "IpAddress", "\"10.1.2.3/16\"", "10.2.0.1", false },
        { "IpAddress", "\"0.0.0.0/0\"", "198.51.100.1", true },
        { "IpAddress", "\"2001:DB8:1234:5678::/64\"", "2001:db8:1234:5678::1", true },
        { "IpAddress", "\"2001:DB8:1234:5678::/64\"", "2001:db8:1234:5679::1", false },
        { "IpAddress", "\"2001:db8::1\"", "2001:db8::1", true },
        { "IpAddress", "\"2001:db8::/32\"", "203.0.113.7", false },
        { "IpAddress", "\"203.0.113.0/24\"", "2001:db8::1", false },
        { "IpAddress", "\"203.0.113.0/24\"", "not an address", false },
        { "NotIpAddress", "\"203.0.113.0/24\"", "198.51.100.1", true },
        { "NotIpAddress", "\"203.0.113.0/24\"", "203.0.113.1", false },
        { "NotIpAddress", "\"2001:db8::/32\"", "2001:db8:ffff::1", false },
        { "NotIpAddress", "\"2001:db8::/32\"", "2001:db9::1", true },

        { "ArnEquals", "\"arn:aws:iam::111122223333:role/deploy\"", "arn:aws:iam::111122223333:role/deploy", true },
        { "ArnEquals", "\"arn:aws:iam::111122223333:role/deploy\"", "arn:aws:iam::111122223333:role/Deploy", false },
        { "ArnEquals", "\"arn:aws:iam::111122223333:role/deploy\"", "role/deploy", false },
        { "ArnLike", "\"arn:aws:iam::*:role/deploy\"", "arn:aws:iam::111122223333:role/deploy", true },
        { "ArnLike", "\"arn:aws:iam::1*:role/deploy\"", "arn:aws:iam::111:222:role/deploy", false },
        { "ArnLike", "\"arn:aws:s3:::bucket/*\"", "arn:aws:s3:::bucket/a/b:c", true },
        { "ArnLike", "\"arn:aws:iam::*:role/X*\"", "arn:aws:iam::111122223333:role/x1", false },
        { "ArnLike", "\"arn:aws:IAM::*:role/x\"", "arn:aws:iam::111122223333:role/x", false },
        { "ArnNotEquals", "\"arn:aws:iam::111122223333:role/deploy\"", "arn:aws:iam::111122223333:role/other", true },
        { "ArnNotEquals", "\"arn:aws:iam::111122223333:role/deploy\"", "arn:aws:iam::111122223333:role/deploy", false },
        { "ArnNotLike", "\"arn:aws:iam::*:role/admin*\"", "arn:aws:iam::111122223333:role/dev", true },
        { "ArnNotLike", "\"arn:aws:iam::*:role/admin*\"", "arn:aws:iam::111122223333:role/admin-1", false },
    };

    [Theory]
    [MemberData(nameof(OperatorCases))]
    public void Each_operator_compares_a_present_single_value(string op, string policyValues, string requestValue, bool expected)
    {
        // Given a condition with the operator, and a request that has the key
        var clause = Clause(op, Key, policyValues);
        var context = Closed((Key, requestValue));

        // When it is evaluated
        var result = ConditionEvaluator.Evaluate(clause, context, supportsVariables: true);

        // Then the operator decides
        Assert.Equal(expected ? Tri.True : Tri.False, result);
    }

    public static TheoryData<string, bool> AbsentKeyCases() => new()
    {
        // operator, matches when the key is absent
        { "StringEquals", false },
        { "StringLike", false },
        { "StringEqualsIgnoreCase", false },
        { "NumericLessThan", false },
        { "DateGreaterThan", false },
        { "Bool", false },
        { "BinaryEquals", false },
        { "IpAddress", false },
        { "ArnLike", false },
        { "ArnEquals", false },

        // negated operators match when the key is absent
        { "StringNotEquals", true },
        { "StringNotEqualsIgnoreCase", true },
        { "StringNotLike", true },
        { "NumericNotEquals", true },
        { "DateNotEquals", true },
        { "NotIpAddress", true },
        { "ArnNotEquals", true },
        { "ArnNotLike", true },

        // so does every …IfExists operator
        { "StringEqualsIfExists", true },
        { "StringLikeIfExists", true },
        { "NumericLessThanIfExists", true },
        { "BoolIfExists", true },
        { "IpAddressIfExists", true },
        { "ArnLikeIfExists", true },
        { "StringNotEqualsIfExists", true },
    };

    [Theory]
    [MemberData(nameof(AbsentKeyCases))]
    public void An_absent_key_matches_only_negated_and_if_exists_operators(string op, bool expected)
    {
        // Given a condition on a key the (closed) request does not have
        var clause = Clause(op, Key, "\"1\"");

        // When it is evaluated
        var result = ConditionEvaluator.Evaluate(clause, Closed(("other:key", "1")), supportsVariables: true);

        // Then only the negated and IfExists forms hold
        Assert.Equal(expected ? Tri.True : Tri.False, result);
    }

    [Theory]
    [InlineData("StringEqualsIfExists", "\"abc\"", "abc", true)]
    [InlineData("StringEqualsIfExists", "\"abc\"", "abd", false)]
    [InlineData("NumericLessThanIfExists", "\"10\"", "11", false)]
    [InlineData("BoolIfExists", "\"false\"", "true", false)]
    [InlineData("StringNotEqualsIfExists", "\"abc\"", "abc", false)]
    public void An_if_exists_operator_compares_normally_when_the_key_is_present(string op, string policyValues, string requestValue, bool expected)
    {
        // Given an IfExists condition and a request that has the key
        var clause = Clause(op, Key, policyValues);

        // When it is evaluated
        var result = ConditionEvaluator.Evaluate(clause, Closed((Key, requestValue)), supportsVariables: true);

        // Then it is the plain operator
        Assert.Equal(expected ? Tri.True : Tri.False, result);
    }

    [Theory]
    [InlineData("\"true\"", false, true)]
    [InlineData("\"true\"", true, false)]
    [InlineData("\"false\"", true, true)]
    [InlineData("\"false\"", false, false)]
    [InlineData("true", false, true)]
    [InlineData("[\"true\", \"false\"]", true, true)]
    public void Null_tests_whether_the_key_is_absent(string policyValues, bool present, bool expected)
    {
        // Given a Null condition and a request with or without the key
        var clause = Clause("Null", Key, policyValues);
        var context = present ? Closed((Key, "anything")) : Closed();

        // When it is evaluated
        var result = ConditionEvaluator.Evaluate(clause, context, supportsVariables: true);

        // Then `true` means "absent" and `false` means "present"
        Assert.Equal(expected ? Tri.True : Tri.False, result);
    }

    [Theory]
    [InlineData("StringEquals", "[\"a\", \"b\"]", "b", true)]
    [InlineData("StringEquals", "[\"a\", \"b\"]", "c", false)]
    [InlineData("StringLike", "[\"x*\", \"b?\"]", "bb", true)]
    [InlineData("NumericEquals", "[1, 2, 3]", "3", true)]
    [InlineData("IpAddress", "[\"203.0.113.0/24\", \"2001:db8::/32\"]", "2001:db8::5", true)]
    [InlineData("IpAddress", "[\"203.0.113.0/24\", \"2001:db8::/32\"]", "198.51.100.5", false)]
    [InlineData("ArnLike", "[\"arn:aws:iam::*:role/a\", \"arn:aws:iam::*:role/b\"]", "arn:aws:iam::111122223333:role/b", true)]
    public void Several_values_of_a_positive_operator_are_ORed(string op, string policyValues, string requestValue, bool expected)
    {
        // Given a condition with several values
        var clause = Clause(op, Key, policyValues);

        // When it is evaluated
        var result = ConditionEvaluator.Evaluate(clause, Closed((Key, requestValue)), supportsVariables: true);

        // Then any one value matching is enough
        Assert.Equal(expected ? Tri.True : Tri.False, result);
    }

    [Theory]
    [InlineData("StringNotEquals", "[\"a\", \"b\"]", "b", false)]
    [InlineData("StringNotEquals", "[\"a\", \"b\"]", "c", true)]
    [InlineData("StringNotLike", "[\"x*\", \"b?\"]", "bb", false)]
    [InlineData("StringNotLike", "[\"x*\", \"b?\"]", "cc", true)]
    [InlineData("NotIpAddress", "[\"203.0.113.0/24\", \"2001:db8::/32\"]", "2001:db8::5", false)]
    [InlineData("NotIpAddress", "[\"203.0.113.0/24\", \"2001:db8::/32\"]", "198.51.100.5", true)]
    [InlineData("ArnNotLike", "[\"arn:aws:iam::*:role/a\", \"arn:aws:iam::*:role/b\"]", "arn:aws:iam::111122223333:role/a", false)]
    [InlineData("NumericNotEquals", "[1, 2]", "2", false)]
    [InlineData("DateNotEquals", "[\"2024-01-01T00:00:00Z\", \"2024-02-01T00:00:00Z\"]", "2024-03-01T00:00:00Z", true)]
    public void Several_values_of_a_negated_operator_are_NORed(string op, string policyValues, string requestValue, bool expected)
    {
        // Given a negated condition with several values
        var clause = Clause(op, Key, policyValues);

        // When it is evaluated
        var result = ConditionEvaluator.Evaluate(clause, Closed((Key, requestValue)), supportsVariables: true);

        // Then it holds only when none of the values matches
        Assert.Equal(expected ? Tri.True : Tri.False, result);
    }

    [Fact]
    public void Condition_keys_are_case_insensitive_and_values_case_sensitive()
    {
        // Given a condition written with a differently cased key
        var clause = Clause("StringEquals", "AWS:UserName", "\"alice\"");

        // When the request context has the key in its usual case
        // Then it is found, but the value still compares case-sensitively
        Assert.Equal(Tri.True, ConditionEvaluator.Evaluate(clause, Closed(("aws:username", "alice")), supportsVariables: true));
        Assert.Equal(Tri.False, ConditionEvaluator.Evaluate(clause, Closed(("aws:username", "Alice")), supportsVariables: true));
    }

    /// <summary>The single condition clause of a one-statement policy written with the given operator, key and values.</summary>
    private static ConditionClause Clause(string op, string key, string valuesJson, string? version = "2012-10-17") =>
        ClauseAndVariables(op, key, valuesJson, version).Clause;

    private static (ConditionClause Clause, bool SupportsVariables) ClauseAndVariables(string op, string key, string valuesJson, string? version = "2012-10-17")
    {
        var versionElement = version is null ? string.Empty : $"\"Version\":\"{version}\",";
        var condition = $"{{\"{op}\":{{\"{key}\":{valuesJson}}}}}";
        var document = PolicyText.Parse(
            "{" + versionElement + "\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\",\"Resource\":\"*\",\"Condition\":" + condition + "}]}");
        return (Assert.Single(Assert.Single(document.Statements).Conditions), document.SupportsVariables);
    }

    private static RequestContext Closed(params (string Key, string Value)[] pairs) =>
        RequestContext.Closed(pairs.Select(p => KeyValuePair.Create(p.Key, ContextValue.Of(p.Value))));

    private static RequestContext ClosedSet(string key, params string[] values) =>
        RequestContext.Closed([KeyValuePair.Create(key, ContextValue.Of(values.AsEnumerable()))]);
}
