using Ward.Aws.Edges;
using Ward.Aws.Ingest;
using Ward.Aws.Queries;
using Ward.Aws.Tests.Testing;
using Ward.Core.Decisions;

namespace Ward.Aws.Tests.Edges;

/// <summary>
/// Checkers and rules skip what the pre-filters rule out, so a pre-filter that says "cannot" where the evaluator
/// says "can" would hide a path or a finding: these tests hold them to the evaluator.
/// </summary>
public sealed class PrefilterTests
{
    private static readonly DateTimeOffset AsOf = new(2026, 3, 16, 9, 15, 0, TimeSpan.Zero);

    private static readonly string[] Actions =
    [
        "iam:PassRole", "iam:CreatePolicyVersion", "iam:AttachRolePolicy", "iam:PutUserPolicy", "iam:CreateAccessKey", "sts:AssumeRole",
        "s3:GetObject", "s3:PutBucketPolicy", "kms:Decrypt", "kms:CreateGrant", "secretsmanager:GetSecretValue", "lambda:CreateFunction", "ec2:RunInstances",
    ];

    [Fact]
    public void Never_rule_out_what_the_evaluator_allows_for_any_northwind_principal()
    {
        // Given the Northwind organization and, for each action, its estate resources and the resource rules probe
        var estate = AwsEstateLoader.Load([Fixtures.Northwind()], TestContext.Current.CancellationToken);
        var context = new AwsEdgeContext(estate, AsOf);
        var resources = estate.Users.Keys.Concat(estate.Roles.Keys).Concat(estate.ManagedPolicies.Keys).Concat(estate.ResourcePolicies.Keys).ToList();

        // When every principal asks every action of every resource
        var allowed = 0;
        foreach (var principal in context.Principals)
        {
            foreach (var action in Actions)
            {
                foreach (var resource in resources.Append(AwsUnrestrictedAccess.AnyResourceOf(action, principal.Account, "us-east-1")))
                {
                    var decision = context.Can(principal, action, resource);
                    if (decision.Kind is DecisionKind.Allowed or DecisionKind.Conditional or DecisionKind.Indeterminate
                        && !estate.ResourcePolicies.ContainsKey(resource) && !resource.Contains(":role/", StringComparison.Ordinal))
                    {
                        // Then whatever identity statements allow, the pre-filters let through
                        Assert.True(context.MayAllow(principal, action), $"MayAllow ruled out {principal.Value} {action}");
                        Assert.True(context.MayAllowOn(principal, action, resource), $"MayAllowOn ruled out {principal.Value} {action} {resource}");
                        allowed++;
                    }
                }
            }
        }

        Assert.True(allowed > 100, $"only {allowed} allowed requests were checked");
    }

    [Fact]
    public void Probing_fewer_regions_never_changes_an_unrestricted_access_decision()
    {
        // Given the Northwind organization (its guardrail SCP names regions) and regions worth probing for each principal
        var estate = AwsEstateLoader.Load([Fixtures.Northwind()], TestContext.Current.CancellationToken);
        var context = new AwsEdgeContext(estate, AsOf);
        string[] regions = ["us-east-1", "eu-west-1", "ap-southeast-2"];

        // When each action is decided in every region and in the regions worth probing
        foreach (var principal in context.Principals)
        {
            foreach (var action in Actions)
            {
                var everywhere = AwsUnrestrictedAccess.Decide(context.Queries, principal, action, regions).Decision;
                var probed = AwsUnrestrictedAccess.Decide(context.Queries, principal, action, context.RegionsWorthProbing(principal, action, regions)).Decision;

                // Then the answers agree
                Assert.True(everywhere.Kind == probed.Kind, $"{principal.Value} {action}: every region {everywhere.Kind}, probed {probed.Kind}");
            }
        }
    }

    [Fact]
    public void Stopping_at_an_implicit_deny_when_only_denies_look_at_the_region_never_changes_an_unrestricted_access_decision()
    {
        // Given the Northwind organization (its guardrail SCP denies outside some regions) and three regions
        var estate = AwsEstateLoader.Load([Fixtures.Northwind()], TestContext.Current.CancellationToken);
        var context = new AwsEdgeContext(estate, AsOf);
        string[] regions = ["ap-southeast-2", "us-east-1", "eu-west-1"];

        // When each action is decided in every region, and again stopping at an implicit deny where only denies look at the region
        var stopped = 0;
        foreach (var principal in context.Principals)
        {
            foreach (var action in Actions)
            {
                var onlyDenies = context.OnlyDeniesLookAtTheRegion(principal, action);
                var everywhere = AwsUnrestrictedAccess.Decide(context.Queries, principal, action, regions);
                var shortened = AwsUnrestrictedAccess.Decide(context.Queries, principal, action, regions, onlyDeniesLookAtTheRegion: onlyDenies);

                // Then the answers and the regions they come from agree
                Assert.True(everywhere.Decision.Kind == shortened.Decision.Kind && everywhere.Region == shortened.Region,
                    $"{principal.Value} {action}: every region {everywhere.Decision.Kind} in {everywhere.Region}, shortened {shortened.Decision.Kind} in {shortened.Region}");
                if (onlyDenies && AwsUnrestrictedAccess.Decide(context.Queries, principal, action, [regions[0]]).Decision.Kind == DecisionKind.ImplicitDeny)
                {
                    stopped++;
                }
            }
        }

        Assert.True(stopped > 10, $"only {stopped} decisions stopped early");
    }

    [Fact]
    public void A_resource_exported_under_a_probed_arn_keeps_every_region_tried()
    {
        // Given a user whose only statement looking at the region is a deny, and a queue that bears the probe's name in
        // eu-west-1 with a policy letting the user send to it
        var queue = $"arn:aws:sqs:eu-west-1:123456789012:{AwsUnrestrictedAccess.Placeholder}";
        using var folder = new ScratchFolder(
            ("gaad.json", SharedDecisionTests.Gaad("""{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"sqs:SendMessage","Resource":"*","Condition":{"StringEquals":{"aws:RequestedRegion":"ap-south-1"}}}]}""")),
            ("resource-policies.json", $$$"""{"ResourcePolicies": [{"Arn": "{{{queue}}}", "Type": "AWS::SQS::Queue", "Account": "123456789012", "Policy": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::123456789012:user/deployer"}, "Action": "sqs:SendMessage", "Resource": "{{{queue}}}"}]}}]}"""));
        var context = new AwsEdgeContext(AwsEstateLoader.Load([folder.Path], TestContext.Current.CancellationToken), AsOf);
        var user = context.Principals.Single(p => p.Value.EndsWith(":user/deployer", StringComparison.Ordinal));

        // When the send is decided in us-east-1 (implicitly denied) and eu-west-1
        var decision = AwsUnrestrictedAccess.Decide(context.Queries, user, "sqs:SendMessage", ["us-east-1", "eu-west-1"], onlyDeniesLookAtTheRegion: context.OnlyDeniesLookAtTheRegion(user, "sqs:SendMessage"));

        // Then eu-west-1 is still tried, and allows
        Assert.True(context.OnlyDeniesLookAtTheRegion(user, "sqs:SendMessage"));
        Assert.Equal(DecisionKind.Allowed, decision.Decision.Kind);
        Assert.Equal("eu-west-1", decision.Region);
    }

    [Fact]
    public void A_resource_exported_under_a_probed_arn_makes_every_region_worth_probing()
    {
        // Given a user with no statement on the queue service at all, and a queue bearing the probe's name in eu-west-1
        // whose policy lets the user send to it
        var queue = $"arn:aws:sqs:eu-west-1:123456789012:{AwsUnrestrictedAccess.Placeholder}";
        using var folder = new ScratchFolder(
            ("gaad.json", SharedDecisionTests.Gaad("""{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]}""")),
            ("resource-policies.json", $$$"""{"ResourcePolicies": [{"Arn": "{{{queue}}}", "Type": "AWS::SQS::Queue", "Account": "123456789012", "Policy": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::123456789012:user/deployer"}, "Action": "sqs:SendMessage", "Resource": "{{{queue}}}"}]}}]}"""));
        var context = new AwsEdgeContext(AwsEstateLoader.Load([folder.Path], TestContext.Current.CancellationToken), AsOf);
        var user = context.Principals.Single(p => p.Value.EndsWith(":user/deployer", StringComparison.Ordinal));

        // When the regions worth probing are asked for, and the send is decided in them
        var regions = context.RegionsWorthProbing(user, "sqs:SendMessage", ["us-east-1", "eu-west-1"]);
        var decision = AwsUnrestrictedAccess.Decide(context.Queries, user, "sqs:SendMessage", regions);

        // Then both regions are, and the queue's own region allows
        Assert.Equal(["us-east-1", "eu-west-1"], regions, StringComparer.Ordinal);
        Assert.Equal(DecisionKind.Allowed, decision.Decision.Kind);
    }

    [Theory]
    [InlineData("""{"Effect":"Allow","Action":"sqs:SendMessage","Resource":"*"}""", true)]
    [InlineData("""{"Effect":"Deny","Action":"sqs:SendMessage","Resource":"*","Condition":{"StringNotEquals":{"aws:RequestedRegion":"eu-west-1"}}},{"Effect":"Allow","Action":"sqs:*","Resource":"*"}""", true)]
    [InlineData("""{"Effect":"Allow","Action":"sqs:SendMessage","Resource":"*","Condition":{"StringEquals":{"aws:RequestedRegion":"eu-west-1"}}}""", false)]
    [InlineData("""{"Effect":"Allow","Action":"sqs:SendMessage","Resource":"arn:aws:sqs:eu-west-1:123456789012:*"}""", false)]
    public void Only_readable_denies_looking_at_the_region_let_an_implicit_deny_stand_for_every_region(string statements, bool expected)
    {
        using var folder = new ScratchFolder(("gaad.json", SharedDecisionTests.Gaad($$"""{"Version":"2012-10-17","Statement":[{{statements}}]}""")));
        var context = new AwsEdgeContext(AwsEstateLoader.Load([folder.Path], TestContext.Current.CancellationToken), AsOf);
        var user = context.Principals.Single(p => p.Value.EndsWith(":user/deployer", StringComparison.Ordinal));

        Assert.Equal(expected, context.OnlyDeniesLookAtTheRegion(user, "sqs:SendMessage"));
    }

    [Theory]
    [InlineData("""{"Effect":"Allow","Action":"sqs:SendMessage","Resource":"*"}""", 1)]
    [InlineData("""{"Effect":"Allow","Action":"sqs:SendMessage","Resource":"arn:aws:sqs:*:123456789012:*"}""", 1)]
    [InlineData("""{"Effect":"Allow","Action":"sqs:SendMessage","Resource":"arn:aws:sqs:eu-west-1:123456789012:*"}""", 3)]
    [InlineData("""{"Effect":"Allow","Action":"sqs:SendMessage","Resource":"*","Condition":{"StringEquals":{"aws:RequestedRegion":"eu-west-1"}}}""", 3)]
    [InlineData("""{"Effect":"Allow","Action":"sqs:SendMessage","Resource":"arn:aws:sqs:*:123456789012:jobs-${aws:RequestedRegion}"}""", 3)]
    public void Only_statements_that_look_at_the_region_make_every_region_worth_probing(string statement, int expected)
    {
        using var folder = new ScratchFolder(("gaad.json", SharedDecisionTests.Gaad($$"""{"Version":"2012-10-17","Statement":[{{statement}}]}""")));
        var context = new AwsEdgeContext(AwsEstateLoader.Load([folder.Path], TestContext.Current.CancellationToken), AsOf);
        var user = context.Principals.Single(p => p.Value.EndsWith(":user/deployer", StringComparison.Ordinal));

        Assert.Equal(expected, context.RegionsWorthProbing(user, "sqs:SendMessage", ["us-east-1", "eu-west-1", "ap-southeast-2"]).Count);
    }

    [Theory]
    [InlineData("*-prod", "arn:aws:s3:::payments-prod", true)]
    [InlineData("*-prod", "arn:aws:s3:::payments-dev", false)]
    [InlineData("arn:aws:s3:::payments-*", "arn:aws:s3:::payments-prod", true)]
    [InlineData("arn:aws:s3:::payments-*", "*", false)]
    [InlineData("?", "*", true)]
    public void Match_resource_patterns_as_the_evaluator_does_text_patterns_included(string pattern, string resource, bool expected)
    {
        // Given a user allowed s3:GetObject on one resource pattern
        using var folder = new ScratchFolder(("gaad.json", SharedDecisionTests.Gaad(
            $$"""{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"{{pattern}}"}]}""")));
        var context = new AwsEdgeContext(AwsEstateLoader.Load([folder.Path], TestContext.Current.CancellationToken), AsOf);
        var user = context.Principals.Single(p => p.Value.EndsWith(":user/deployer", StringComparison.Ordinal));

        // When the pre-filter and the evaluator are asked
        var mayAllow = context.MayAllowOn(user, "s3:GetObject", resource);
        var decision = context.Can(user, "s3:GetObject", resource);

        // Then the pre-filter says what the evaluator decides
        Assert.Equal(expected, mayAllow);
        Assert.Equal(expected, decision.Kind == DecisionKind.Allowed);
    }
}
