using Ward.Aws.Policy.Evaluation;
using Ward.Core.Decisions;

namespace Ward.Aws.Tests.Policy;

public sealed partial class AwsAuthorizerTests
{
    [Fact]
    public void In_account_a_resource_policy_naming_the_user_suffices_alone()
    {
        // Given no identity policy, and a bucket policy naming alice's ARN
        var policies = new AwsPolicySet { ResourcePolicy = ResourcePolicy(ResourceStatement("Allow", Aws(Alice.Value))) };

        // When alice and bob read
        var decision = Authorize(Request(Alice), policies);

        // Then alice is allowed by the bucket policy alone; bob is not named
        AssertKind(DecisionKind.Allowed, decision);
        Assert.Contains("resource policy", decision.Explanation.Summary, StringComparison.Ordinal);
        AssertKind(DecisionKind.ImplicitDeny, Authorize(Request(Bob), policies));
    }

    [Fact]
    public void In_account_a_resource_policy_naming_the_user_is_not_limited_by_the_users_boundary()
    {
        // Given alice's boundary that allows only EC2, and a bucket policy naming her
        var policies = new AwsPolicySet
        {
            PermissionsBoundary = Boundary(Statement("Allow", "ec2:*")),
            ResourcePolicy = ResourcePolicy(ResourceStatement("Allow", Aws(Alice.Value))),
        };

        // When she reads
        // Then the resource policy's grant stands
        AssertKind(DecisionKind.Allowed, Authorize(Request(Alice), policies));
    }

    [Fact]
    public void In_account_a_resource_policy_naming_a_role_lets_its_sessions_in()
    {
        // Given a bucket policy naming the deploy role, and no identity policy
        var policies = new AwsPolicySet { ResourcePolicy = ResourcePolicy(ResourceStatement("Allow", Aws(DeployRoleArn))) };

        // When a session of the role reads
        // Then it is allowed
        AssertKind(DecisionKind.Allowed, Authorize(Request(DeploySession), policies));
    }

    [Fact]
    public void In_account_a_resource_policy_naming_a_role_is_still_limited_by_the_roles_boundary()
    {
        // Given a bucket policy naming the deploy role, and the role's boundary allowing only EC2
        var policies = new AwsPolicySet
        {
            PermissionsBoundary = Boundary(Statement("Allow", "ec2:*")),
            ResourcePolicy = ResourcePolicy(ResourceStatement("Allow", Aws(DeployRoleArn))),
        };

        // When a session of the role reads
        var decision = Authorize(Request(DeploySession), policies);

        // Then the boundary blocks it
        AssertKind(DecisionKind.ImplicitDeny, decision);
        Assert.Contains("boundary", decision.Explanation.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public void In_account_a_resource_policy_naming_the_session_is_not_limited_by_the_roles_boundary()
    {
        // Given a bucket policy naming the session's own ARN, and the role's boundary allowing only EC2
        var policies = new AwsPolicySet
        {
            PermissionsBoundary = Boundary(Statement("Allow", "ec2:*")),
            ResourcePolicy = ResourcePolicy(ResourceStatement("Allow", Aws(DeploySession.Value))),
        };

        // When that session reads
        // Then the resource policy's grant stands
        AssertKind(DecisionKind.Allowed, Authorize(Request(DeploySession), policies));
    }

    [Fact]
    public void In_account_a_resource_policy_naming_the_session_overrides_the_session_policy()
    {
        // Given a session policy allowing only EC2, and a bucket policy naming the session's ARN
        var policies = new AwsPolicySet
        {
            SessionPolicy = Session(Statement("Allow", "ec2:*")),
            ResourcePolicy = ResourcePolicy(ResourceStatement("Allow", Aws(DeploySession.Value))),
        };

        // When the session reads
        // Then it is allowed
        AssertKind(DecisionKind.Allowed, Authorize(Request(DeploySession), policies));
    }

    [Fact]
    public void In_account_a_resource_policy_naming_the_role_does_not_override_the_session_policy()
    {
        // Given a session policy allowing only EC2, and a bucket policy naming the role
        var policies = new AwsPolicySet
        {
            SessionPolicy = Session(Statement("Allow", "ec2:*")),
            ResourcePolicy = ResourcePolicy(ResourceStatement("Allow", Aws(DeployRoleArn))),
        };

        // When the session reads
        // Then the session policy blocks it
        AssertKind(DecisionKind.ImplicitDeny, Authorize(Request(DeploySession), policies));
    }

    [Theory]
    [InlineData(Account)]
    [InlineData("arn:aws:iam::111122223333:root")]
    public void In_account_a_resource_policy_naming_the_account_delegates_to_identity_policies(string accountPrincipal)
    {
        // Given a bucket policy naming alice's account
        var resourceOnly = new AwsPolicySet { ResourcePolicy = ResourcePolicy(ResourceStatement("Allow", Aws(accountPrincipal))) };
        var withIdentity = resourceOnly with { IdentityPolicies = [Identity(Statement("Allow", "s3:GetObject"))] };

        // When alice reads, with and without an identity allow
        // Then the account grant alone is not enough: her own policies must allow
        AssertKind(DecisionKind.ImplicitDeny, Authorize(Request(Alice), resourceOnly));
        AssertKind(DecisionKind.Allowed, Authorize(Request(Alice), withIdentity));
    }

    [Fact]
    public void Assuming_a_role_in_account_needs_its_trust_policy_even_with_an_identity_allow()
    {
        // Given alice may call sts:AssumeRole on anything, and the role trusts only a service
        var policies = new AwsPolicySet
        {
            IdentityPolicies = [Identity(Statement("Allow", "sts:AssumeRole"))],
            ResourcePolicy = TrustPolicy("{\"Effect\":\"Allow\",\"Principal\":{\"Service\":\"lambda.amazonaws.com\"},\"Action\":\"sts:AssumeRole\"}"),
        };

        // When she assumes the role
        var decision = Authorize(Request(Alice, "sts:AssumeRole", DeployRoleArn), policies);

        // Then the trust policy refuses her
        AssertKind(DecisionKind.ImplicitDeny, decision);
        Assert.Contains("trust", decision.Explanation.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public void A_trust_policy_naming_the_account_needs_the_callers_identity_allow()
    {
        // Given a role trusting its own account
        var trust = TrustPolicy("{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"arn:aws:iam::111122223333:root\"},\"Action\":\"sts:AssumeRole\"}");
        var without = new AwsPolicySet { ResourcePolicy = trust };
        var with = without with { IdentityPolicies = [Identity(Statement("Allow", "sts:AssumeRole", DeployRoleArn))] };

        // When alice assumes it with and without an identity allow
        // Then only her own allow completes the delegation
        AssertKind(DecisionKind.ImplicitDeny, Authorize(Request(Alice, "sts:AssumeRole", DeployRoleArn), without));
        AssertKind(DecisionKind.Allowed, Authorize(Request(Alice, "sts:AssumeRole", DeployRoleArn), with));
    }

    [Fact]
    public void A_trust_policy_naming_the_user_suffices_alone_in_account()
    {
        // Given a role trusting alice by ARN, and no identity policy
        var policies = new AwsPolicySet
        {
            ResourcePolicy = TrustPolicy("{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"arn:aws:iam::111122223333:user/alice\"},\"Action\":\"sts:AssumeRole\"}"),
        };

        // When she assumes it
        // Then she may
        AssertKind(DecisionKind.Allowed, Authorize(Request(Alice, "sts:AssumeRole", DeployRoleArn), policies));
    }

    [Fact]
    public void A_KMS_key_policy_must_allow_even_in_account()
    {
        // Given alice may use every KMS key, and the key policy names only bob
        var notNamed = new AwsPolicySet
        {
            IdentityPolicies = [Identity(Statement("Allow", "kms:*"))],
            ResourcePolicy = ResourcePolicy(ResourceStatement("Allow", Aws(Bob.Value), "kms:*")),
        };
        var noKeyPolicy = notNamed with { ResourcePolicy = null };
        var delegating = notNamed with { ResourcePolicy = ResourcePolicy(ResourceStatement("Allow", Aws("arn:aws:iam::111122223333:root"), "kms:*")) };

        // When she decrypts with the key
        // Then her identity allow counts only where the key policy delegates to the account
        AssertKind(DecisionKind.ImplicitDeny, Authorize(Request(Alice, "kms:Decrypt", KeyArn), notNamed));
        AssertKind(DecisionKind.ImplicitDeny, Authorize(Request(Alice, "kms:Decrypt", KeyArn), noKeyPolicy));
        AssertKind(DecisionKind.Allowed, Authorize(Request(Alice, "kms:Decrypt", KeyArn), delegating));
    }

    [Fact]
    public void Cross_account_access_needs_the_resource_policy()
    {
        // Given mallory of another account whose identity policy allows the read
        var policies = new AwsPolicySet { IdentityPolicies = [Identity(Statement("Allow", "s3:GetObject"))] };

        // When he reads a report of this account, with no bucket policy or one naming someone else
        // Then he is denied
        AssertKind(DecisionKind.ImplicitDeny, Authorize(Request(Mallory), policies));
        AssertKind(DecisionKind.ImplicitDeny, Authorize(Request(Mallory), policies with { ResourcePolicy = ResourcePolicy(ResourceStatement("Allow", Aws(Alice.Value))) }));
    }

    [Fact]
    public void Cross_account_access_needs_the_callers_identity_policy()
    {
        // Given a bucket policy naming mallory, and no identity policy of his
        var policies = new AwsPolicySet { ResourcePolicy = ResourcePolicy(ResourceStatement("Allow", Aws(Mallory.Value))) };

        // When he reads
        var decision = Authorize(Request(Mallory), policies);

        // Then the resource policy alone is not enough
        AssertKind(DecisionKind.ImplicitDeny, decision);
        Assert.Contains("cross-account", decision.Explanation.Summary, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("arn:aws:iam::444455556666:user/mallory")]
    [InlineData(OtherAccount)]
    [InlineData("arn:aws:iam::444455556666:root")]
    [InlineData("*")]
    public void Cross_account_access_is_allowed_when_both_sides_allow(string named)
    {
        // Given mallory's identity allow and a bucket policy naming him, his account or everyone
        var policies = new AwsPolicySet
        {
            IdentityPolicies = [Identity(Statement("Allow", "s3:GetObject"))],
            ResourcePolicy = ResourcePolicy(ResourceStatement("Allow", Aws(named))),
        };

        // When he reads
        // Then both sides allowing is enough
        AssertKind(DecisionKind.Allowed, Authorize(Request(Mallory), policies));
    }

    [Fact]
    public void Cross_account_the_callers_boundary_still_applies_when_the_resource_policy_names_him()
    {
        // Given mallory's identity allow, his boundary allowing only EC2, and a bucket policy naming him
        var policies = new AwsPolicySet
        {
            IdentityPolicies = [Identity(Statement("Allow", "*"))],
            PermissionsBoundary = Boundary(Statement("Allow", "ec2:*")),
            ResourcePolicy = ResourcePolicy(ResourceStatement("Allow", Aws(Mallory.Value))),
        };

        // When he reads
        // Then his boundary blocks it
        AssertKind(DecisionKind.ImplicitDeny, Authorize(Request(Mallory), policies));
    }

    [Fact]
    public void Cross_account_role_assumption_needs_trust_and_identity_allow()
    {
        // Given a role of this account trusting the other account
        var trust = TrustPolicy("{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"444455556666\"},\"Action\":\"sts:AssumeRole\"}");
        var without = new AwsPolicySet { ResourcePolicy = trust };
        var with = without with { IdentityPolicies = [Identity(Statement("Allow", "sts:AssumeRole", DeployRoleArn))] };

        // When mallory assumes it
        // Then his own allow is needed as well
        AssertKind(DecisionKind.ImplicitDeny, Authorize(Request(Mallory, "sts:AssumeRole", DeployRoleArn), without));
        AssertKind(DecisionKind.Allowed, Authorize(Request(Mallory, "sts:AssumeRole", DeployRoleArn), with));
    }

    [Fact]
    public void A_resource_account_left_unset_is_the_callers()
    {
        // Given an S3 object ARN (which carries no account) and no resource account on the request
        var policies = AllowS3Read();

        // When alice reads it
        // Then it is treated as her own account's
        AssertKind(DecisionKind.Allowed, Authorize(Request(Alice, resourceAccount: null), policies));
    }

    [Fact]
    public void Assuming_a_role_whose_trust_policy_is_unknown_is_not_allowed()
    {
        // Given alice may call sts:AssumeRole on the role, and the role's trust policy is not known
        var policies = new AwsPolicySet { IdentityPolicies = [Identity(Statement("Allow", "sts:AssumeRole", DeployRoleArn))] };

        // When she assumes it
        var decision = Authorize(Request(Alice, "sts:AssumeRole", DeployRoleArn), policies);

        // Then Ward does not claim she may
        Assert.NotEqual(DecisionKind.Allowed, decision.Kind);
    }
}
