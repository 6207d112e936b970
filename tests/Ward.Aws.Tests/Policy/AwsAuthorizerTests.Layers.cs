using Ward.Aws.Policy.Evaluation;
using Ward.Aws.Tests.Testing;
using Ward.Core.Decisions;

namespace Ward.Aws.Tests.Policy;

public sealed partial class AwsAuthorizerTests
{
    [Fact]
    public void An_identity_policy_allow_grants_within_the_account()
    {
        // Given alice's identity policy allowing s3:GetObject
        // When she reads an object of her account
        var decision = Authorize(Request(Alice), AllowS3Read());

        // Then she is allowed, and the explanation names the granting statement
        AssertKind(DecisionKind.Allowed, decision);
        Assert.Contains("identity", decision.Explanation.Summary, StringComparison.Ordinal);
        Assert.Contains(decision.Explanation.Layers, l => l.Decisive && l.Outcome == LayerOutcome.Allows);
    }

    [Theory]
    [InlineData("s3:PutObject", "*")]
    [InlineData("s3:GetObject", "arn:aws:s3:::other/*")]
    [InlineData("s3:Get*", "arn:aws:s3:::reports/2023/*")]
    public void Without_a_matching_allow_the_request_is_implicitly_denied(string action, string resource)
    {
        // Given an identity policy that allows something else
        var policies = new AwsPolicySet { IdentityPolicies = [Identity(Statement("Allow", action, resource))] };

        // When alice reads the report
        // Then nothing allows it
        AssertKind(DecisionKind.ImplicitDeny, Authorize(Request(Alice), policies));
    }

    [Fact]
    public void No_policies_at_all_is_an_implicit_deny()
    {
        // Given no policies
        // When alice reads
        // Then nothing allows it
        AssertKind(DecisionKind.ImplicitDeny, Authorize(Request(Alice), new AwsPolicySet()));
    }

    [Theory]
    [InlineData("S3:getobject", "s3:GetObject")]
    [InlineData("s3:GetObject", "S3:GETOBJECT")]
    [InlineData("s3:Get*", "s3:getobject")]
    public void Actions_match_case_insensitively(string policyAction, string requestAction)
    {
        // Given an allow written in one case and a request in another
        var policies = new AwsPolicySet { IdentityPolicies = [Identity(Statement("Allow", policyAction))] };

        // When decided
        // Then the case does not matter
        AssertKind(DecisionKind.Allowed, Authorize(Request(Alice, requestAction), policies));
    }

    [Theory]
    [InlineData("arn:aws:s3:::reports/*", true)]
    [InlineData("arn:AWS:S3:::reports/*", true)]
    [InlineData("arn:aws:s3:::Reports/*", false)]
    [InlineData("arn:aws:s3:::reports/2024/Q1.csv", false)]
    [InlineData("arn:aws:s3:::*/2024/*", true)]
    public void Resource_patterns_ignore_case_only_before_the_resource_part(string pattern, bool expected)
    {
        // Given an allow on a resource pattern
        var policies = new AwsPolicySet { IdentityPolicies = [Identity(Statement("Allow", "s3:GetObject", pattern))] };

        // When alice reads `arn:aws:s3:::reports/2024/q1.csv`
        // Then partition and service match in any case, the bucket and key only exactly
        AssertKind(expected ? DecisionKind.Allowed : DecisionKind.ImplicitDeny, Authorize(Request(Alice), policies));
    }

    [Fact]
    public void An_actionless_request_resource_matches_only_patterns_that_match_its_text()
    {
        // Given allows on `*` and on an ARN pattern
        var star = new AwsPolicySet { IdentityPolicies = [Identity(Statement("Allow", "ec2:DescribeInstances", "*"))] };
        var arn = new AwsPolicySet { IdentityPolicies = [Identity(Statement("Allow", "ec2:DescribeInstances", "arn:aws:ec2:*:*:instance/*"))] };

        // When alice calls an action without resource-level permissions (resource `*`)
        // Then only the `*` pattern grants it
        AssertKind(DecisionKind.Allowed, Authorize(Request(Alice, "ec2:DescribeInstances", "*"), star));
        AssertKind(DecisionKind.ImplicitDeny, Authorize(Request(Alice, "ec2:DescribeInstances", "*"), arn));
    }

    [Fact]
    public void NotAction_and_NotResource_grant_everything_they_do_not_list()
    {
        // Given allows written with NotAction and NotResource
        var notAction = new AwsPolicySet { IdentityPolicies = [Identity("{\"Effect\":\"Allow\",\"NotAction\":\"iam:*\",\"Resource\":\"*\"}")] };
        var notResource = new AwsPolicySet { IdentityPolicies = [Identity("{\"Effect\":\"Allow\",\"Action\":\"s3:*\",\"NotResource\":\"arn:aws:s3:::secrets/*\"}")] };

        // When alice acts on what they do and do not list
        // Then only the unlisted is granted
        AssertKind(DecisionKind.Allowed, Authorize(Request(Alice), notAction));
        AssertKind(DecisionKind.ImplicitDeny, Authorize(Request(Alice, "iam:CreateUser", "*"), notAction));
        AssertKind(DecisionKind.Allowed, Authorize(Request(Alice), notResource));
        AssertKind(DecisionKind.ImplicitDeny, Authorize(Request(Alice, resource: "arn:aws:s3:::secrets/key"), notResource));
    }

    [Fact]
    public void Explicit_deny_in_identity_policies_wins_over_allow()
    {
        // Given one identity policy allowing everything and another denying the read
        var policies = new AwsPolicySet
        {
            IdentityPolicies = [Identity(Statement("Allow", "*")), Identity(Statement("Deny", "s3:GetObject", "arn:aws:s3:::reports/*", sid: "NoReports"))],
        };

        // When alice reads the report
        var decision = Authorize(Request(Alice), policies);

        // Then the deny wins, and is named
        AssertKind(DecisionKind.ExplicitDeny, decision);
        Assert.Contains("NoReports", decision.Explanation.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public void A_permissions_boundary_limits_what_identity_policies_grant()
    {
        // Given an identity policy allowing everything and a boundary allowing only s3:GetObject
        var policies = new AwsPolicySet
        {
            IdentityPolicies = [Identity(Statement("Allow", "*"))],
            PermissionsBoundary = Boundary(Statement("Allow", "s3:GetObject")),
        };

        // When alice reads and writes
        // Then only what both allow is allowed
        AssertKind(DecisionKind.Allowed, Authorize(Request(Alice), policies));
        AssertKind(DecisionKind.ImplicitDeny, Authorize(Request(Alice, "s3:PutObject"), policies));
    }

    [Fact]
    public void A_permissions_boundary_grants_nothing_by_itself()
    {
        // Given a boundary allowing everything and no identity policy
        var policies = new AwsPolicySet { PermissionsBoundary = Boundary(Statement("Allow", "*")) };

        // When alice reads
        // Then she is not allowed
        AssertKind(DecisionKind.ImplicitDeny, Authorize(Request(Alice), policies));
    }

    [Fact]
    public void Explicit_deny_in_boundary_wins_over_allow()
    {
        // Given a boundary allowing everything but denying the read, and an identity allow
        var policies = new AwsPolicySet
        {
            IdentityPolicies = [Identity(Statement("Allow", "*"))],
            PermissionsBoundary = Boundary(Statement("Allow", "*"), Statement("Deny", "s3:GetObject")),
        };

        // When alice reads
        // Then the boundary's deny wins
        AssertKind(DecisionKind.ExplicitDeny, Authorize(Request(Alice), policies));
    }

    [Fact]
    public void A_session_policy_limits_the_session()
    {
        // Given a role session whose role allows everything, under a session policy allowing only s3:GetObject
        var policies = new AwsPolicySet
        {
            IdentityPolicies = [Identity(Statement("Allow", "*"))],
            SessionPolicy = Session(Statement("Allow", "s3:GetObject")),
        };

        // When the session reads and writes
        // Then only what both allow is allowed
        AssertKind(DecisionKind.Allowed, Authorize(Request(DeploySession), policies));
        AssertKind(DecisionKind.ImplicitDeny, Authorize(Request(DeploySession, "s3:PutObject"), policies));
    }

    [Fact]
    public void A_session_policy_grants_nothing_by_itself()
    {
        // Given a session policy allowing everything and no identity policy
        // When the session reads
        // Then it is not allowed
        var policies = new AwsPolicySet { SessionPolicy = Session(Statement("Allow", "*")) };
        AssertKind(DecisionKind.ImplicitDeny, Authorize(Request(DeploySession), policies));
    }

    [Fact]
    public void Explicit_deny_in_session_policy_wins_over_allow()
    {
        // Given an identity allow, and a session policy allowing everything but denying the read
        // When the session reads
        // Then the session policy's deny wins
        var policies = new AwsPolicySet
        {
            IdentityPolicies = [Identity(Statement("Allow", "*"))],
            SessionPolicy = Session(Statement("Allow", "*"), Statement("Deny", "s3:GetObject")),
        };
        AssertKind(DecisionKind.ExplicitDeny, Authorize(Request(DeploySession), policies));
    }

    [Fact]
    public void Every_SCP_level_allowing_lets_identity_policies_decide()
    {
        // Given SCPs allowing everything at the root, the OU and the account
        var policies = AllowS3Read() with { ServiceControlPolicies = FullAccessScps() };

        // When alice reads
        // Then her identity policy grants it
        AssertKind(DecisionKind.Allowed, Authorize(Request(Alice), policies));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    public void Every_SCP_level_must_allow(int narrowLevel)
    {
        // Given three SCP levels allowing everything, except one that allows only EC2
        var levels = FullAccessScps().SetItem(narrowLevel, Scp("narrow", Statement("Allow", "ec2:*")));
        var policies = AllowS3Read() with { ServiceControlPolicies = levels };

        // When alice reads
        var decision = Authorize(Request(Alice), policies);

        // Then the level without an allow blocks her, and the explanation says which
        AssertKind(DecisionKind.ImplicitDeny, decision);
        Assert.Contains("SCP", decision.Explanation.Summary, StringComparison.Ordinal);
        Assert.Contains("narrow", decision.Explanation.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public void An_SCP_level_with_no_policies_allows_nothing()
    {
        // Given an empty SCP level between two allowing ones
        var policies = AllowS3Read() with
        {
            ServiceControlPolicies = [Scp("r-root", Statement("Allow", "*")), new ControlPolicyLevel("ou-empty", []), Scp(Account, Statement("Allow", "*"))],
        };

        // When alice reads
        // Then she is blocked
        AssertKind(DecisionKind.ImplicitDeny, Authorize(Request(Alice), policies));
    }

    [Fact]
    public void An_SCP_grants_nothing_by_itself()
    {
        // Given SCPs allowing everything at every level and no identity policy
        // When alice reads
        // Then she is not allowed
        var policies = new AwsPolicySet { ServiceControlPolicies = FullAccessScps() };
        AssertKind(DecisionKind.ImplicitDeny, Authorize(Request(Alice), policies));
    }

    [Fact]
    public void Explicit_deny_in_an_SCP_wins_over_allow()
    {
        // Given an identity allow and an SCP denying the read at the OU
        var levels = FullAccessScps().SetItem(1, Scp("ou-workloads", Statement("Allow", "*"), Statement("Deny", "s3:GetObject", sid: "NoReads")));
        var policies = AllowS3Read() with { ServiceControlPolicies = levels };

        // When alice reads
        var decision = Authorize(Request(Alice), policies);

        // Then the SCP's deny wins, and the explanation names where it is attached
        AssertKind(DecisionKind.ExplicitDeny, decision);
        Assert.Contains("ou-workloads", decision.Explanation.Summary, StringComparison.Ordinal);
        Assert.Contains("NoReads", decision.Explanation.Summary, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    public void Every_RCP_level_must_allow(int narrowLevel)
    {
        // Given RCPs at the root and the resource's account allowing everything, or one of them only EC2
        const string full = "{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"*\",\"Resource\":\"*\"}";
        const string narrow = "{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"ec2:*\",\"Resource\":\"*\"}";
        var allowing = AllowS3Read() with { ResourceControlPolicies = [Rcp("r-root", full), Rcp(Account, full)] };
        var narrowed = allowing with { ResourceControlPolicies = allowing.ResourceControlPolicies.SetItem(narrowLevel, Rcp("narrow", narrow)) };

        // When alice reads
        var decision = Authorize(Request(Alice), narrowed);

        // Then all-allowing RCPs let her, and one narrow level blocks her
        AssertKind(DecisionKind.Allowed, Authorize(Request(Alice), allowing));
        AssertKind(DecisionKind.ImplicitDeny, decision);
        Assert.Contains("RCP", decision.Explanation.Summary, StringComparison.Ordinal);
        Assert.Contains("narrow", decision.Explanation.Summary, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("s3:GetObject", "arn:aws:s3:::reports/q3.csv", DecisionKind.ExplicitDeny)]
    [InlineData("kms:Decrypt", "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab", DecisionKind.ExplicitDeny)]
    [InlineData("ecr:BatchGetImage", "arn:aws:ecr:eu-west-1:111122223333:repository/app", DecisionKind.ExplicitDeny)]
    [InlineData("dynamodb:GetItem", "arn:aws:dynamodb:eu-west-1:111122223333:table/orders", DecisionKind.ExplicitDeny)]
    [InlineData("logs:GetLogEvents", "arn:aws:logs:eu-west-1:111122223333:log-group:/aws/lambda/orders:log-stream:1", DecisionKind.ExplicitDeny)]
    [InlineData("cognito-idp:AdminGetUser", "arn:aws:cognito-idp:eu-west-1:111122223333:userpool/eu-west-1_AbC123", DecisionKind.ExplicitDeny)]
    [InlineData("cognito-identity:GetCredentialsForIdentity", "arn:aws:cognito-identity:eu-west-1:111122223333:identitypool/eu-west-1:0a1b2c3d-0000-4000-8000-000000000000", DecisionKind.ExplicitDeny)]
    [InlineData("rolesanywhere:CreateSession", "arn:aws:rolesanywhere:eu-west-1:111122223333:trust-anchor/4579702c-9abb-4e3c-9f4c-1a6a9e4b5c6d", DecisionKind.ExplicitDeny)]
    [InlineData("iam:CreateUser", "arn:aws:iam::111122223333:user/mallory", DecisionKind.Allowed)]
    [InlineData("cognito-sync:ListDatasets", "arn:aws:cognito-sync:eu-west-1:111122223333:identitypool/eu-west-1:0a1b2c3d-0000-4000-8000-000000000000", DecisionKind.Allowed)]
    [InlineData("lambda:InvokeFunction", "arn:aws:lambda:eu-west-1:111122223333:function:orders", DecisionKind.Allowed)]
    public void RCPs_restrict_only_the_services_AWS_applies_them_to(string action, string resource, DecisionKind expected)
    {
        // Given an identity allowing everything and an RCP denying every action
        var policies = new AwsPolicySet
        {
            IdentityPolicies = [Identity("{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\"}")],
            ResourceControlPolicies =
            [
                Rcp(
                    "r-root",
                    "{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"*\",\"Resource\":\"*\"}",
                    "{\"Effect\":\"Deny\",\"Principal\":\"*\",\"Action\":\"*\",\"Resource\":\"*\"}"),
            ],
        };

        // When alice acts on a resource of a service that supports RCPs, or of one that does not
        // Then the RCP decides only the former
        AssertKind(expected, Authorize(Request(Alice, action, resource), policies));
    }

    [Fact]
    public void A_copy_of_a_policy_with_other_statements_is_evaluated_with_its_own_statements()
    {
        // Given a policy that has already been evaluated (its statements indexed), and a copy with one more statement
        var original = PolicyText.Parse(PolicyText.Policy("{\"Effect\":\"Allow\",\"Action\":\"ec2:DescribeInstances\",\"Resource\":\"*\"}"));
        AssertKind(DecisionKind.ImplicitDeny, Authorize(Request(Alice), new AwsPolicySet { IdentityPolicies = [new NamedPolicy("identity", original)] }));
        var added = PolicyText.Parse(PolicyText.Policy("{\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\",\"Resource\":\"*\"}")).Statements[0] with { Index = 1 };
        var copy = original with { Statements = original.Statements.Add(added) };

        // When alice reads with the copy
        // Then the added statement counts
        AssertKind(DecisionKind.Allowed, Authorize(Request(Alice), new AwsPolicySet { IdentityPolicies = [new NamedPolicy("identity", copy)] }));
    }

    [Fact]
    public void An_RCP_grants_nothing_by_itself()
    {
        // Given an RCP allowing everything and no identity policy
        // When alice reads
        // Then she is not allowed
        var policies = new AwsPolicySet { ResourceControlPolicies = [Rcp("r-root", "{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"*\",\"Resource\":\"*\"}")] };
        AssertKind(DecisionKind.ImplicitDeny, Authorize(Request(Alice), policies));
    }

    [Theory]
    [InlineData("false", DecisionKind.ExplicitDeny)]
    [InlineData("true", DecisionKind.Allowed)]
    public void Explicit_deny_in_an_RCP_wins_over_allow(string secureTransport, DecisionKind expected)
    {
        // Given an identity allow and an RCP denying S3 requests without TLS
        var policies = AllowS3Read() with
        {
            ResourceControlPolicies =
            [
                Rcp(
                    "r-root",
                    "{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"*\",\"Resource\":\"*\"}",
                    "{\"Effect\":\"Deny\",\"Principal\":\"*\",\"Action\":\"s3:*\",\"Resource\":\"*\",\"Condition\":{\"BoolIfExists\":{\"aws:SecureTransport\":\"false\"}}}"),
            ],
        };
        var context = RequestContext.Closed([KeyValuePair.Create("aws:SecureTransport", ContextValue.Of(secureTransport))]);

        // When alice reads with or without TLS
        // Then the RCP's deny wins when it applies
        AssertKind(expected, Authorize(Request(Alice, context: context), policies));
    }

    [Fact]
    public void Explicit_deny_in_a_resource_policy_wins_over_allow()
    {
        // Given an identity allow and a bucket policy denying alice
        var policies = AllowS3Read() with { ResourcePolicy = ResourcePolicy(ResourceStatement("Deny", Aws(Alice.Value))) };

        // When alice and bob read
        // Then alice is denied by the bucket policy, bob is not concerned by it
        AssertKind(DecisionKind.ExplicitDeny, Authorize(Request(Alice), policies));
        AssertKind(DecisionKind.Allowed, Authorize(Request(Bob), policies));
    }

    [Fact]
    public void The_explanation_lists_every_layer_consulted()
    {
        // Given policies in every layer
        var policies = new AwsPolicySet
        {
            IdentityPolicies = [Identity(Statement("Allow", "*"))],
            PermissionsBoundary = Boundary(Statement("Allow", "s3:*")),
            ServiceControlPolicies = FullAccessScps(),
            ResourcePolicy = ResourcePolicy(ResourceStatement("Allow", Aws(Account))),
        };

        // When alice reads
        var decision = Authorize(Request(Alice), policies);

        // Then every layer appears in the explanation, each saying it allows
        AssertKind(DecisionKind.Allowed, decision);
        Assert.Equal(6, decision.Explanation.Layers.Length);
        Assert.All(decision.Explanation.Layers, l => Assert.Equal(LayerOutcome.Allows, l.Outcome));
        Assert.Single(decision.Explanation.Layers, l => l.Decisive);
    }
}
