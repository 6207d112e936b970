using Ward.Aws.Policy.Evaluation;
using Ward.Core.Decisions;

namespace Ward.Aws.Tests.Policy;

public sealed partial class AwsAuthorizerTests
{
    private const string RequireMfa = "{\"Bool\":{\"aws:MultiFactorAuthPresent\":\"true\"}}";

    private static RequestContext OpenWith(params (string Key, string Value)[] pairs) =>
        RequestContext.Open(pairs.Select(p => KeyValuePair.Create(p.Key, ContextValue.Of(p.Value))));

    [Fact]
    public void An_allow_on_an_unknown_key_makes_the_decision_conditional_on_it()
    {
        // Given an allow that requires MFA, and an open context that does not say whether MFA was used
        var policies = new AwsPolicySet { IdentityPolicies = [Identity(Statement("Allow", "s3:GetObject", condition: RequireMfa))] };

        // When alice reads
        var decision = Authorize(Request(Alice, context: OpenWith(("aws:username", "alice"))), policies);

        // Then she is allowed only if MFA was used, and otherwise implicitly denied
        var conditional = Assert.IsType<Conditional>(decision);
        Assert.Equal(DecisionKind.ImplicitDeny, conditional.Otherwise);
        var requirement = Assert.Single(conditional.Requirements);
        Assert.Contains("aws:MultiFactorAuthPresent", requirement, StringComparison.Ordinal);
        Assert.StartsWith("Allowed only if", decision.Explanation.Summary, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("true", DecisionKind.Allowed)]
    [InlineData("false", DecisionKind.ImplicitDeny)]
    public void A_known_key_decides_the_same_allow(string mfa, DecisionKind expected)
    {
        // Given the MFA-conditioned allow, and an open context that does know the key
        // When alice reads
        // Then the condition decides
        var policies = new AwsPolicySet { IdentityPolicies = [Identity(Statement("Allow", "s3:GetObject", condition: RequireMfa))] };
        AssertKind(expected, Authorize(Request(Alice, context: OpenWith(("aws:MultiFactorAuthPresent", mfa))), policies));
    }

    [Fact]
    public void A_closed_context_treats_a_missing_key_as_absent()
    {
        // Given the same allow, and a closed context without the key
        var policies = new AwsPolicySet { IdentityPolicies = [Identity(Statement("Allow", "s3:GetObject", condition: RequireMfa))] };

        // When alice reads
        // Then the condition is false: the key is known to be absent
        AssertKind(DecisionKind.ImplicitDeny, Authorize(Request(Alice, context: RequestContext.Closed([])), policies));
    }

    [Fact]
    public void A_deny_on_an_unknown_key_makes_an_allowed_request_conditional_on_it_not_holding()
    {
        // Given an allow of everything and the usual "deny without MFA" statement
        var policies = new AwsPolicySet
        {
            IdentityPolicies =
            [
                Identity(Statement("Allow", "*"), Statement("Deny", "*", condition: "{\"BoolIfExists\":{\"aws:MultiFactorAuthPresent\":\"false\"}}", sid: "RequireMFA")),
            ],
        };

        // When alice reads without saying whether she used MFA
        var decision = Authorize(Request(Alice, context: OpenWith()), policies);

        // Then she is allowed only if the deny's condition does not hold, else explicitly denied
        var conditional = Assert.IsType<Conditional>(decision);
        Assert.Equal(DecisionKind.ExplicitDeny, conditional.Otherwise);
        var requirement = Assert.Single(conditional.Requirements);
        Assert.Contains("aws:MultiFactorAuthPresent", requirement, StringComparison.Ordinal);
        Assert.Contains("does not hold", requirement, StringComparison.Ordinal);
        Assert.Contains("RequireMFA", requirement, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_key_that_cannot_change_the_outcome_leaves_it_certain()
    {
        // Given a definite deny, and an allow that depends on MFA
        var denied = new AwsPolicySet { IdentityPolicies = [Identity(Statement("Allow", "s3:GetObject", condition: RequireMfa), Statement("Deny", "s3:*"))] };

        // Given an SCP that allows nothing relevant, and the same allow
        var blocked = new AwsPolicySet
        {
            IdentityPolicies = [Identity(Statement("Allow", "s3:GetObject", condition: RequireMfa))],
            ServiceControlPolicies = [Scp("r-root", Statement("Allow", "ec2:*"))],
        };

        // When alice reads without saying whether she used MFA
        // Then both decisions are certain
        AssertKind(DecisionKind.ExplicitDeny, Authorize(Request(Alice, context: OpenWith()), denied));
        AssertKind(DecisionKind.ImplicitDeny, Authorize(Request(Alice, context: OpenWith()), blocked));
    }

    [Fact]
    public void A_denial_certain_in_either_case_is_reported_as_the_weaker_kind()
    {
        // Given no allow, and a deny that depends on an unknown key
        var policies = new AwsPolicySet { IdentityPolicies = [Identity(Statement("Deny", "s3:*", condition: "{\"Bool\":{\"aws:SecureTransport\":\"false\"}}"))] };

        // When alice reads
        // Then she is denied either way, explicitly only if the key says so: the certain part is the implicit deny
        AssertKind(DecisionKind.ImplicitDeny, Authorize(Request(Alice, context: OpenWith()), policies));
    }

    [Fact]
    public void An_unknown_variable_in_a_resource_makes_the_decision_conditional()
    {
        // Given an allow on the caller's home prefix, and an open context without the user name
        var policies = new AwsPolicySet { IdentityPolicies = [Identity(Statement("Allow", "s3:GetObject", "arn:aws:s3:::home/${aws:username}/*"))] };

        // When alice reads a file under her home
        var unknown = Authorize(Request(Alice, resource: "arn:aws:s3:::home/alice/notes.txt", context: OpenWith()), policies);
        var known = Authorize(Request(Alice, resource: "arn:aws:s3:::home/alice/notes.txt", context: OpenWith(("aws:username", "alice"))), policies);
        var other = Authorize(Request(Alice, resource: "arn:aws:s3:::home/bob/notes.txt", context: OpenWith(("aws:username", "alice"))), policies);

        // Then without the name it depends; with it, it is decided
        Assert.NotEmpty(Assert.IsType<Conditional>(unknown).Requirements);
        AssertKind(DecisionKind.Allowed, known);
        AssertKind(DecisionKind.ImplicitDeny, other);
    }

    [Fact]
    public void A_resource_variable_with_a_long_value_is_substituted_whole()
    {
        // Given an allow on a prefix named by a principal tag, whose value (300 characters) makes the resolved pattern
        // longer than the evaluator's scratch space
        var team = string.Concat(Enumerable.Repeat("platform-", 33)) + "ops";
        var policies = new AwsPolicySet { IdentityPolicies = [Identity(Statement("Allow", "s3:GetObject", "arn:aws:s3:::shared/${aws:PrincipalTag/team}/*"))] };
        var context = OpenWith(("aws:PrincipalTag/team", team));

        // When alice reads under the tag's prefix, and under a prefix that differs in the last character
        // Then only the first is allowed
        AssertKind(DecisionKind.Allowed, Authorize(Request(Alice, resource: $"arn:aws:s3:::shared/{team}/plan.txt", context: context), policies));
        AssertKind(DecisionKind.ImplicitDeny, Authorize(Request(Alice, resource: $"arn:aws:s3:::shared/{team[..^1]}x/plan.txt", context: context), policies));
    }

    [Fact]
    public void A_resource_variable_is_substituted_only_in_2012_policies()
    {
        // Given the same home-prefix allow in a 2008-10-17 policy
        var policies = new AwsPolicySet
        {
            IdentityPolicies =
            [
                Testing.PolicyText.Named("legacy", "{\"Version\":\"2008-10-17\",\"Statement\":[" + Statement("Allow", "s3:GetObject", "arn:aws:s3:::home/${aws:username}/*") + "]}"),
            ],
        };
        var context = RequestContext.Closed([KeyValuePair.Create("aws:username", ContextValue.Of("alice"))]);

        // When alice reads under her home, and under the literal text
        // Then only the literal text matches
        AssertKind(DecisionKind.ImplicitDeny, Authorize(Request(Alice, resource: "arn:aws:s3:::home/alice/notes.txt", context: context), policies));
        AssertKind(DecisionKind.Allowed, Authorize(Request(Alice, resource: "arn:aws:s3:::home/${aws:username}/notes.txt", context: context), policies));
    }

    [Fact]
    public void Keys_known_to_be_absent_decide_an_open_context()
    {
        // Given an allow on a principal tag, and an open context that knows alice has no tags
        var policies = new AwsPolicySet
        {
            IdentityPolicies = [Identity(Statement("Allow", "s3:GetObject", condition: "{\"StringEquals\":{\"aws:PrincipalTag/team\":\"data\"}}"))],
        };
        var context = RequestContext.Open([], key => key.StartsWith("aws:PrincipalTag/", StringComparison.OrdinalIgnoreCase));

        // When she reads
        // Then the decision is certain
        AssertKind(DecisionKind.ImplicitDeny, Authorize(Request(Alice, context: context), policies));
    }
}
