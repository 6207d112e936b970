using Ward.Aws.Policy.Evaluation;
using Ward.Aws.Policy.Syntax;
using Ward.Aws.Tests.Testing;
using Ward.Core.Decisions;

namespace Ward.Aws.Tests.Policy;

public sealed partial class AwsAuthorizerTests
{
    private static NamedPolicy Broken(string name, string json, PolicyKind kind = PolicyKind.Identity) => new(name, PolicyText.ParseWithProblems(json, kind));

    private static readonly string PermitRead = PolicyText.Policy("{\"Sid\":\"Typo\",\"Effect\":\"Permit\",\"Action\":\"s3:GetObject\",\"Resource\":\"*\"}");

    private static readonly string TypoDeny = PolicyText.Policy(
        "{\"Effect\":\"Deny\",\"Action\":\"s3:DeleteObject\",\"Resource\":\"*\",\"Condition\":{\"StringEqualz\":{\"aws:PrincipalTag/team\":\"data\"}}}");

    [Fact]
    public void A_problem_statement_that_could_grant_makes_the_decision_indeterminate()
    {
        // Given no allow, and a statement whose Effect is unreadable for the requested action
        var policies = new AwsPolicySet { IdentityPolicies = [Broken("effect-permit", PermitRead)] };

        // When alice reads
        var decision = Authorize(Request(Alice), policies);

        // Then Ward refuses to guess, and says which statement of which policy is the problem
        var indeterminate = Assert.IsType<Indeterminate>(decision);
        Assert.Contains("Typo", indeterminate.Reason, StringComparison.Ordinal);
        Assert.Contains("effect-permit", indeterminate.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_problem_statement_that_could_deny_makes_the_decision_indeterminate()
    {
        // Given an allow of s3:*, and a deny of s3:DeleteObject with an unknown condition operator
        var policies = new AwsPolicySet
        {
            IdentityPolicies = [Identity(Statement("Allow", "s3:*")), Broken("condition-operator-typo", TypoDeny)],
        };

        // When alice deletes
        // Then it is indeterminate: the deny may or may not apply
        AssertKind(DecisionKind.Indeterminate, Authorize(Request(Alice, "s3:DeleteObject"), policies));
    }

    [Fact]
    public void A_problem_statement_for_another_action_changes_nothing()
    {
        // Given the same policies
        var policies = new AwsPolicySet
        {
            IdentityPolicies = [Identity(Statement("Allow", "s3:*")), Broken("condition-operator-typo", TypoDeny), Broken("effect-permit", PermitRead)],
        };

        // When alice does something neither problem statement is about
        // Then the decision is certain
        AssertKind(DecisionKind.Allowed, Authorize(Request(Alice, "s3:PutObject"), policies));
        AssertKind(DecisionKind.ImplicitDeny, Authorize(Request(Alice, "ec2:RunInstances", "*"), policies));
    }

    [Fact]
    public void A_problem_statement_cannot_undo_a_definite_explicit_deny()
    {
        // Given a definite deny of the read, and an unreadable statement about it
        var policies = new AwsPolicySet { IdentityPolicies = [Identity(Statement("Deny", "s3:GetObject")), Broken("effect-permit", PermitRead)] };

        // When alice reads
        // Then the explicit deny is certain
        AssertKind(DecisionKind.ExplicitDeny, Authorize(Request(Alice), policies));
    }

    [Fact]
    public void A_problem_statement_cannot_undo_a_missing_SCP_allow()
    {
        // Given an SCP level allowing only EC2, and an unreadable identity statement about the read
        var policies = new AwsPolicySet
        {
            IdentityPolicies = [Broken("effect-permit", PermitRead)],
            ServiceControlPolicies = [Scp("r-root", Statement("Allow", "ec2:*"))],
        };

        // When alice reads
        // Then she is certainly denied
        AssertKind(DecisionKind.ImplicitDeny, Authorize(Request(Alice), policies));
    }

    [Fact]
    public void An_unreadable_statement_without_actions_concerns_every_action()
    {
        // Given an allow of s3:GetObject, and a statement that is not even an object
        var policies = new AwsPolicySet
        {
            IdentityPolicies = [Identity(Statement("Allow", "s3:GetObject")), Broken("garbled", "{\"Version\":\"2012-10-17\",\"Statement\":[\"Allow everything\"]}")],
        };

        // When alice reads, and launches an instance
        // Then neither can be decided
        AssertKind(DecisionKind.Indeterminate, Authorize(Request(Alice), policies));
        AssertKind(DecisionKind.Indeterminate, Authorize(Request(Alice, "ec2:RunInstances", "*"), policies));
    }

    [Fact]
    public void An_unreadable_boundary_makes_what_identity_policies_grant_indeterminate()
    {
        // Given an identity allow and a boundary that could not be read
        var policies = new AwsPolicySet
        {
            IdentityPolicies = [Identity(Statement("Allow", "s3:*"))],
            PermissionsBoundary = Broken("boundary", "{\"Version\":\"2012-10-17\",\"Statement\":42}", PolicyKind.PermissionsBoundary),
        };

        // When alice reads
        // Then Ward neither ignores the boundary nor applies an empty one
        AssertKind(DecisionKind.Indeterminate, Authorize(Request(Alice), policies));
    }

    [Fact]
    public void A_problem_statement_does_not_stop_GetCallerIdentity()
    {
        // Given only an unreadable statement
        // When alice asks who she is
        // Then no policy could change the answer
        var policies = new AwsPolicySet { IdentityPolicies = [Broken("garbled", "{\"Version\":\"2012-10-17\",\"Statement\":[\"Deny everything\"]}")] };
        AssertKind(DecisionKind.Allowed, Authorize(Request(Alice, "sts:GetCallerIdentity", "*"), policies));
    }

    [Fact]
    public void A_problem_statement_in_a_resource_policy_naming_the_session_makes_a_session_policy_denial_indeterminate()
    {
        // Given a session policy allowing only EC2, and a bucket policy statement naming the session with an unreadable Effect
        var readable = new AwsPolicySet
        {
            SessionPolicy = Session(Statement("Allow", "ec2:*")),
            ResourcePolicy = ResourcePolicy(ResourceStatement("Allow", Aws(DeploySession.Value))),
        };
        var unreadable = readable with
        {
            ResourcePolicy = Broken("bucket policy", PolicyText.Policy(ResourceStatement("Permit", Aws(DeploySession.Value))), PolicyKind.Resource),
        };

        // When the session reads
        // Then, since read as Allow the statement would grant it, Ward cannot be certain
        AssertKind(DecisionKind.Allowed, Authorize(Request(DeploySession), readable));
        AssertKind(DecisionKind.Indeterminate, Authorize(Request(DeploySession), unreadable));
    }
}
