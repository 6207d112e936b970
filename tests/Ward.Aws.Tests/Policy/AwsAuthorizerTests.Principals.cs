using Ward.Aws.Policy.Evaluation;
using Ward.Core.Decisions;

namespace Ward.Aws.Tests.Policy;

public sealed partial class AwsAuthorizerTests
{
    [Fact]
    public void Deny_with_NotPrincipal_listing_only_the_account_does_not_exempt_its_users()
    {
        // Given an identity allow, and a bucket policy denying everyone but the account
        var policies = AllowS3Read() with
        {
            ResourcePolicy = ResourcePolicy(ResourceStatement("Deny", "\"NotPrincipal\":{\"AWS\":\"arn:aws:iam::111122223333:root\"}")),
        };

        // When alice, a user of that account, reads
        // Then she is denied: listing the account exempts only the account principal itself
        AssertKind(DecisionKind.ExplicitDeny, Authorize(Request(Alice), policies));
    }

    [Fact]
    public void Deny_with_NotPrincipal_exempts_the_principal_it_lists()
    {
        // Given a bucket policy denying everyone but alice (and her account)
        var policies = AllowS3Read() with
        {
            ResourcePolicy = ResourcePolicy(ResourceStatement(
                "Deny",
                "\"NotPrincipal\":{\"AWS\":[\"arn:aws:iam::111122223333:user/alice\",\"arn:aws:iam::111122223333:root\"]}")),
        };

        // When alice and bob read
        // Then alice is exempt and bob is denied
        AssertKind(DecisionKind.Allowed, Authorize(Request(Alice), policies));
        AssertKind(DecisionKind.ExplicitDeny, Authorize(Request(Bob), policies));
    }

    [Fact]
    public void Deny_with_NotPrincipal_listing_a_role_does_not_exempt_its_sessions()
    {
        // Given a bucket policy denying everyone but the deploy role's ARN
        var policies = AllowS3Read() with
        {
            ResourcePolicy = ResourcePolicy(ResourceStatement("Deny", "\"NotPrincipal\":{\"AWS\":[\"arn:aws:iam::111122223333:role/deploy\",\"arn:aws:iam::111122223333:root\"]}")),
        };

        // When a session of the role reads
        // Then it is denied: the session's own ARN is not listed
        AssertKind(DecisionKind.ExplicitDeny, Authorize(Request(DeploySession), policies));
    }

    [Fact]
    public void Deny_with_NotPrincipal_always_denies_a_caller_with_a_boundary()
    {
        // Given a bucket policy denying everyone but alice, and alice has a permissions boundary
        var policies = AllowS3Read() with
        {
            PermissionsBoundary = Boundary(Statement("Allow", "*")),
            ResourcePolicy = ResourcePolicy(ResourceStatement("Deny", "\"NotPrincipal\":{\"AWS\":\"arn:aws:iam::111122223333:user/alice\"}")),
        };

        // When alice reads
        // Then she is denied anyway (IAM user guide, NotPrincipal with permissions boundaries)
        AssertKind(DecisionKind.ExplicitDeny, Authorize(Request(Alice), policies));
    }

    [Fact]
    public void Allow_with_NotPrincipal_grants_everyone_it_does_not_list()
    {
        // Given a bucket policy allowing everyone but bob
        var policies = new AwsPolicySet { ResourcePolicy = ResourcePolicy(ResourceStatement("Allow", "\"NotPrincipal\":{\"AWS\":\"arn:aws:iam::111122223333:user/bob\"}")) };

        // When alice and bob read
        // Then alice is granted, bob is not
        AssertKind(DecisionKind.Allowed, Authorize(Request(Alice), policies));
        AssertKind(DecisionKind.ImplicitDeny, Authorize(Request(Bob), policies));
    }

    [Fact]
    public void The_root_user_has_full_access_to_its_own_account()
    {
        // Given no policies at all
        // When the account's root user reads and deletes
        // Then both are allowed
        AssertKind(DecisionKind.Allowed, Authorize(Request(Root), new AwsPolicySet()));
        AssertKind(DecisionKind.Allowed, Authorize(Request(Root, "iam:DeleteRole", DeployRoleArn), new AwsPolicySet()));
    }

    [Fact]
    public void The_root_user_is_bound_by_SCPs()
    {
        // Given SCPs that deny the root user everything at the OU, or allow only EC2 at the account
        var denying = new AwsPolicySet
        {
            ServiceControlPolicies = FullAccessScps().SetItem(1, Scp(
                "ou-workloads",
                Statement("Allow", "*"),
                Statement("Deny", "*", condition: "{\"ArnLike\":{\"aws:PrincipalArn\":\"arn:aws:iam::*:root\"}}"))),
        };
        var narrowing = new AwsPolicySet { ServiceControlPolicies = FullAccessScps().SetItem(2, Scp(Account, Statement("Allow", "ec2:*"))) };
        var context = RequestContext.Closed([KeyValuePair.Create("aws:PrincipalArn", ContextValue.Of(Root.Value))]);

        // When the root user reads
        // Then the SCPs hold him like anyone else
        AssertKind(DecisionKind.ExplicitDeny, Authorize(Request(Root, context: context), denying));
        AssertKind(DecisionKind.ImplicitDeny, Authorize(Request(Root, context: context), narrowing));
    }

    [Fact]
    public void The_root_user_is_bound_by_an_explicit_deny_naming_it()
    {
        // Given a bucket policy denying the account's root user
        var policies = new AwsPolicySet { ResourcePolicy = ResourcePolicy(ResourceStatement("Deny", Aws("arn:aws:iam::111122223333:root"))) };

        // When the root user reads
        // Then the deny wins
        AssertKind(DecisionKind.ExplicitDeny, Authorize(Request(Root), policies));
    }

    [Fact]
    public void The_root_user_gets_nothing_in_another_account_without_a_resource_policy()
    {
        // Given no policies
        // When this account's root user reads another account's object
        // Then it is denied: full access is to its own account only
        AssertKind(DecisionKind.ImplicitDeny, Authorize(Request(Root, resourceAccount: OtherAccount), new AwsPolicySet()));
        AssertKind(
            DecisionKind.Allowed,
            Authorize(Request(Root, resourceAccount: OtherAccount), new AwsPolicySet { ResourcePolicy = ResourcePolicy(ResourceStatement("Allow", Aws(Account))) }));
    }

    [Fact]
    public void The_root_user_cannot_assume_roles()
    {
        // Given a role whose trust policy names the root user itself
        var policies = new AwsPolicySet
        {
            ResourcePolicy = TrustPolicy("{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"arn:aws:iam::111122223333:root\"},\"Action\":\"sts:AssumeRole\"}"),
        };

        // When the root user assumes it
        var decision = Authorize(Request(Root, "sts:AssumeRole", DeployRoleArn), policies);

        // Then AWS refuses whatever the policies say
        AssertKind(DecisionKind.ImplicitDeny, decision);
        Assert.Contains("root", decision.Explanation.Summary, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("\"Principal\":\"*\"")]
    [InlineData("\"Principal\":{\"AWS\":\"*\"}")]
    public void Anonymous_callers_are_allowed_only_by_a_resource_policy_granting_everyone(string principal)
    {
        // Given a public bucket policy
        var policies = new AwsPolicySet { ResourcePolicy = ResourcePolicy(ResourceStatement("Allow", principal)) };

        // When an anonymous caller reads
        // Then it is allowed
        AssertKind(DecisionKind.Allowed, Authorize(Request(AwsPrincipal.Anonymous, resourceAccount: Account), policies));
    }

    [Theory]
    [InlineData("\"Principal\":{\"AWS\":\"111122223333\"}")]
    [InlineData("\"Principal\":{\"AWS\":\"arn:aws:iam::111122223333:user/alice\"}")]
    [InlineData("\"Principal\":{\"Service\":\"lambda.amazonaws.com\"}")]
    public void Anonymous_callers_get_nothing_from_named_principals_or_identity_policies(string principal)
    {
        // Given a bucket policy naming someone, and an identity policy allowing everything
        var policies = new AwsPolicySet
        {
            IdentityPolicies = [Identity(Statement("Allow", "*"))],
            ResourcePolicy = ResourcePolicy(ResourceStatement("Allow", principal)),
        };

        // When an anonymous caller reads
        // Then it is denied
        AssertKind(DecisionKind.ImplicitDeny, Authorize(Request(AwsPrincipal.Anonymous, resourceAccount: Account), policies));
        AssertKind(DecisionKind.ImplicitDeny, Authorize(Request(AwsPrincipal.Anonymous, resourceAccount: Account), new AwsPolicySet()));
    }

    [Fact]
    public void Anonymous_callers_are_bound_by_RCPs()
    {
        // Given a public bucket policy and an RCP denying everything
        var policies = new AwsPolicySet
        {
            ResourcePolicy = ResourcePolicy(ResourceStatement("Allow", "\"Principal\":\"*\"")),
            ResourceControlPolicies = [Rcp("r-root", "{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"*\",\"Resource\":\"*\"}", "{\"Effect\":\"Deny\",\"Principal\":\"*\",\"Action\":\"s3:*\",\"Resource\":\"*\"}")],
        };

        // When an anonymous caller reads
        // Then the RCP denies it
        AssertKind(DecisionKind.ExplicitDeny, Authorize(Request(AwsPrincipal.Anonymous, resourceAccount: Account), policies));
    }

    [Fact]
    public void Anonymous_callers_are_not_subject_to_missing_SCP_allows()
    {
        // Given a public bucket policy and an SCP level that allows nothing relevant
        var policies = new AwsPolicySet
        {
            ResourcePolicy = ResourcePolicy(ResourceStatement("Allow", "\"Principal\":\"*\"")),
            ServiceControlPolicies = [Scp("r-root", Statement("Allow", "ec2:*"))],
        };

        // When an anonymous caller reads
        // Then SCPs, which bind the organization's principals, do not stop it
        AssertKind(DecisionKind.Allowed, Authorize(Request(AwsPrincipal.Anonymous, resourceAccount: Account), policies));
    }

    [Fact]
    public void Anonymous_callers_are_not_subject_to_SCP_denies()
    {
        // Given a public bucket policy and an SCP denying s3:*
        var policies = new AwsPolicySet
        {
            ResourcePolicy = ResourcePolicy(ResourceStatement("Allow", "\"Principal\":\"*\"")),
            ServiceControlPolicies = [Scp("r-root", Statement("Allow", "*"), Statement("Deny", "s3:*"))],
        };

        // When an anonymous caller reads
        // Then the SCP is irrelevant to it, as a missing SCP allow is
        AssertKind(DecisionKind.Allowed, Authorize(Request(AwsPrincipal.Anonymous, resourceAccount: Account), policies));
    }

    [Fact]
    public void A_service_principal_is_allowed_by_a_resource_policy_naming_it()
    {
        // Given a bucket policy naming the Lambda service
        var policies = new AwsPolicySet { ResourcePolicy = ResourcePolicy(ResourceStatement("Allow", "\"Principal\":{\"Service\":\"lambda.amazonaws.com\"}")) };

        // When Lambda reads
        // Then it is allowed by the resource policy
        AssertKind(DecisionKind.Allowed, Authorize(Request(Lambda, resourceAccount: Account), policies));
    }

    [Fact]
    public void A_service_principal_gets_nothing_without_a_resource_policy_naming_it()
    {
        // Given identity policies allowing everything, and a bucket policy naming another service
        var policies = new AwsPolicySet
        {
            IdentityPolicies = [Identity(Statement("Allow", "*"))],
            ResourcePolicy = ResourcePolicy(ResourceStatement("Allow", "\"Principal\":{\"Service\":\"ec2.amazonaws.com\"}")),
        };

        // When Lambda reads
        // Then it is denied: identity policies are not a service's, and it is not named
        var decision = Authorize(Request(Lambda, resourceAccount: Account), policies);
        AssertKind(DecisionKind.ImplicitDeny, decision);
        Assert.Contains("service", decision.Explanation.Summary, StringComparison.Ordinal);
        AssertKind(DecisionKind.ImplicitDeny, Authorize(Request(Lambda, resourceAccount: Account), policies with { ResourcePolicy = null }));
    }

    [Fact]
    public void A_service_principal_is_bound_by_a_resource_policy_deny()
    {
        // Given a bucket policy allowing and then denying Lambda
        var policies = new AwsPolicySet
        {
            ResourcePolicy = ResourcePolicy(
                ResourceStatement("Allow", "\"Principal\":{\"Service\":\"lambda.amazonaws.com\"}"),
                ResourceStatement("Deny", "\"Principal\":{\"Service\":\"lambda.amazonaws.com\"}")),
        };

        // When Lambda reads
        // Then the deny wins
        AssertKind(DecisionKind.ExplicitDeny, Authorize(Request(Lambda, resourceAccount: Account), policies));
    }

    [Fact]
    public void A_federated_caller_is_allowed_by_a_trust_policy_naming_its_provider()
    {
        // Given a role trusting GitHub's OIDC provider
        const string provider = "arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com";
        var policies = new AwsPolicySet
        {
            ResourcePolicy = TrustPolicy($$"""{"Effect":"Allow","Principal":{"Federated":"{{provider}}"},"Action":"sts:AssumeRoleWithWebIdentity"}"""),
        };

        // When a web identity of that provider, and one of another, assume it
        // Then only the named provider's is allowed
        AssertKind(DecisionKind.Allowed, Authorize(Request(AwsPrincipal.Parse(provider), "sts:AssumeRoleWithWebIdentity", DeployRoleArn), policies));
        AssertKind(
            DecisionKind.ImplicitDeny,
            Authorize(Request(AwsPrincipal.Parse("arn:aws:iam::111122223333:oidc-provider/gitlab.example.com"), "sts:AssumeRoleWithWebIdentity", DeployRoleArn), policies));
    }

    [Fact]
    public void A_web_identity_provider_named_by_host_is_matched_by_a_Federated_principal()
    {
        // Given a role trusting Google as a web identity provider
        var policies = new AwsPolicySet
        {
            ResourcePolicy = TrustPolicy("""{"Effect":"Allow","Principal":{"Federated":"accounts.google.com"},"Action":"sts:AssumeRoleWithWebIdentity"}"""),
        };

        // When a Google web identity assumes it
        var caller = AwsPrincipal.Parse("accounts.google.com");

        // Then the trust policy lets it in
        Assert.Equal(AwsPrincipalType.WebIdentity, caller.Type);
        AssertKind(DecisionKind.Allowed, Authorize(Request(caller, "sts:AssumeRoleWithWebIdentity", DeployRoleArn), policies));
    }

    [Fact]
    public void A_Cognito_web_identity_is_matched_by_a_Federated_principal()
    {
        // Given a role trusting Cognito identity pools
        var policies = new AwsPolicySet
        {
            ResourcePolicy = TrustPolicy("""{"Effect":"Allow","Principal":{"Federated":"cognito-identity.amazonaws.com"},"Action":"sts:AssumeRoleWithWebIdentity"}"""),
        };

        // When a Cognito web identity assumes it
        var caller = AwsPrincipal.Parse("cognito-identity.amazonaws.com");

        // Then it is a web identity, and the trust policy lets it in
        Assert.Equal(AwsPrincipalType.WebIdentity, caller.Type);
        AssertKind(DecisionKind.Allowed, Authorize(Request(caller, "sts:AssumeRoleWithWebIdentity", DeployRoleArn), policies));
    }

    [Fact]
    public void GetCallerIdentity_is_always_allowed_to_an_authenticated_caller()
    {
        // Given every layer denying everything
        var policies = new AwsPolicySet
        {
            IdentityPolicies = [Identity(Statement("Deny", "*"))],
            PermissionsBoundary = Boundary(Statement("Deny", "*")),
            ServiceControlPolicies = [Scp("r-root", Statement("Deny", "*"))],
        };

        // When alice asks who she is
        // Then she may, and a caller nobody knows may not
        AssertKind(DecisionKind.Allowed, Authorize(Request(Alice, "sts:GetCallerIdentity", "*"), policies));
        AssertKind(DecisionKind.Allowed, Authorize(Request(DeploySession, "STS:GetCallerIdentity", "*"), policies));
        AssertKind(DecisionKind.ImplicitDeny, Authorize(Request(AwsPrincipal.Anonymous, "sts:GetCallerIdentity", "*"), new AwsPolicySet()));
    }

    [Theory]
    [InlineData("iam:CreatePolicyVersion", "arn:aws:iam::aws:policy/AdministratorAccess")]
    [InlineData("iam:SetDefaultPolicyVersion", "arn:aws:iam::aws:policy/ReadOnlyAccess")]
    [InlineData("iam:DeletePolicy", "arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole")]
    [InlineData("iam:PassRole", "arn:aws:iam::111122223333:role/aws-reserved/sso.amazonaws.com/AWSReservedSSO_Admin_0123")]
    [InlineData("kms:CreateAlias", "arn:aws:kms:eu-west-1:111122223333:alias/aws/s3")]
    public void Writes_to_what_AWS_manages_are_refused_whatever_the_policies(string action, string resource)
    {
        // Given alice with `Allow * *`, and the root user
        var policies = new AwsPolicySet { IdentityPolicies = [Identity(Statement("Allow", "*"))] };

        // When either changes an AWS managed policy, a reserved role or a reserved alias
        var decision = Authorize(Request(Alice, action, resource), policies);

        // Then AWS refuses
        AssertKind(DecisionKind.ImplicitDeny, decision);
        AssertKind(DecisionKind.ImplicitDeny, Authorize(Request(Root, action, resource), policies));
    }

    [Theory]
    [InlineData("iam:CreatePolicyVersion", "arn:aws:iam::111122223333:policy/AdministratorAccess")]
    [InlineData("iam:GetPolicyVersion", "arn:aws:iam::aws:policy/AdministratorAccess")]
    public void Customer_policies_and_reads_of_AWS_managed_ones_are_not_refused(string action, string resource)
    {
        // Given alice with `Allow * *`
        // When she writes a customer policy that shares a managed policy's name, or reads an AWS managed policy
        // Then nothing refuses it
        var policies = new AwsPolicySet { IdentityPolicies = [Identity(Statement("Allow", "*"))] };
        AssertKind(DecisionKind.Allowed, Authorize(Request(Alice, action, resource), policies));
    }
}
