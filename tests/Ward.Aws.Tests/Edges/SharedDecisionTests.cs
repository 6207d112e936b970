using Ward.Aws.Edges;
using Ward.Aws.Ingest;
using Ward.Aws.Tests.Testing;
using Ward.Core.Decisions;

namespace Ward.Aws.Tests.Edges;

/// <summary>
/// The graph builder shares one decision among targets no statement names specifically; these tests hold it to
/// the evaluator: for every principal, IAM action and target, the shared answer is the evaluator's answer.
/// </summary>
public sealed class SharedDecisionTests
{
    private static readonly DateTimeOffset AsOf = new(2026, 3, 16, 9, 15, 0, TimeSpan.Zero);

    private static readonly string[] TargetActions = ["iam:PassRole", "iam:UpdateAssumeRolePolicy", "iam:AttachRolePolicy", "iam:PutRolePolicy", "iam:CreateAccessKey", "iam:CreateLoginProfile", "iam:AddUserToGroup"];

    [Fact]
    public void Shared_decisions_equal_the_evaluator_on_every_northwind_principal_action_and_target()
    {
        // Given the Northwind organization (boundaries, SCPs, denies, conditions on tags)
        var estate = AwsEstateLoader.Load([Fixtures.Northwind()], TestContext.Current.CancellationToken);
        var context = new AwsEdgeContext(estate, AsOf);
        var targets = estate.Users.Keys.Concat(estate.Roles.Keys).Concat(estate.Accounts.SelectMany(a => a.Groups).Select(g => g.Arn))
            .Concat(estate.ManagedPolicies.Keys).ToList();

        // When every principal asks every target-directed IAM action of every target, shared and one by one
        var compared = 0;
        var denials = 0;
        foreach (var principal in context.Principals)
        {
            foreach (var action in TargetActions)
            {
                foreach (var target in targets)
                {
                    var shared = context.CanOnTarget(principal, action, target);
                    var alone = context.Can(principal, action, target);

                    // Then the answers agree, and a denial (kept by the cache as its kind alone) is explained as the
                    // evaluator explains it for this target
                    Assert.True(shared.Kind == alone.Kind, $"{principal.Value} {action} {target}: shared {shared.Kind}, alone {alone.Kind}");
                    if (!shared.IsAllowed && shared.Kind != DecisionKind.Conditional)
                    {
                        Assert.Equal(alone.Explanation.Summary, shared.Explanation.Summary);
                        denials++;
                    }

                    compared++;
                }
            }
        }

        Assert.True(compared > 1000, $"only {compared} requests were compared");
        Assert.True(denials > 100, $"only {denials} denials were compared");
    }

    [Fact]
    public void The_decision_unnamed_roles_and_users_share_is_the_evaluators_for_every_northwind_principal()
    {
        // Given the Northwind organization
        var estate = AwsEstateLoader.Load([Fixtures.Northwind()], TestContext.Current.CancellationToken);
        var context = new AwsEdgeContext(estate, AsOf);

        // When every principal asks, twice, the decision that roles and users no statement names share
        var denials = 0;
        foreach (var principal in context.Principals.Where(p => p.Account is not null))
        {
            foreach (var (action, type) in new[] { ("iam:PassRole", "role"), ("iam:UpdateAssumeRolePolicy", "role"), ("iam:CreateAccessKey", "user") })
            {
                if (context.SharedDecision(principal, action, type) is not { } shared)
                {
                    continue;
                }

                // Then it is the evaluator's answer on such a resource, a denial explained as the evaluator explains it
                var alone = context.Can(principal, action, $"arn:aws:iam::{principal.Account}:{type}/ward-unnamed-{type}");
                Assert.Equal(alone.Kind, shared.Kind);
                Assert.Equal(alone.Kind, context.SharedDecision(principal, action, type)!.Kind);
                if (shared.Kind is DecisionKind.ImplicitDeny or DecisionKind.ExplicitDeny)
                {
                    Assert.Equal(alone.Explanation.Summary, shared.Explanation.Summary);
                    denials++;
                }
            }
        }

        Assert.True(denials > 10, $"only {denials} denials were compared");
    }

    [Fact]
    public void A_deny_naming_some_roles_makes_them_specific_and_the_rest_share_the_allow()
    {
        // Given a user allowed iam:PassRole on * but denied it on the break-glass roles
        using var folder = new ScratchFolder(("gaad.json", Gaad(
            """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"iam:PassRole","Resource":"*"},{"Effect":"Deny","Action":"iam:PassRole","Resource":"arn:aws:iam::123456789012:role/break-glass-*"}]}""")));
        var context = new AwsEdgeContext(AwsEstateLoader.Load([folder.Path], TestContext.Current.CancellationToken), AsOf);
        var user = context.Principals.Single(p => p.Value.EndsWith(":user/deployer", StringComparison.Ordinal));

        // When the targets are split
        var specific = context.SpecificTargets(user, ["iam:PassRole"]);
        var representatives = AwsEdgeContext.Representatives(context.SortedRoles(user.Account), specific!, _ => true).ToList();

        // Then the break-glass role is decided alone, one other role stands for the rest, and both answers are right
        Assert.NotNull(specific);
        Assert.Equal(["arn:aws:iam::123456789012:role/break-glass-admin"], specific);
        Assert.Equal(["arn:aws:iam::123456789012:role/break-glass-admin", "arn:aws:iam::123456789012:role/app-a"], representatives);
        Assert.Equal(DecisionKind.ExplicitDeny, context.CanOnTarget(user, "iam:PassRole", "arn:aws:iam::123456789012:role/break-glass-admin").Kind);
        Assert.Equal(DecisionKind.Allowed, context.CanOnTarget(user, "iam:PassRole", "arn:aws:iam::123456789012:role/app-b").Kind);
    }

    [Fact]
    public void A_condition_on_resource_tags_means_no_target_shares_a_decision()
    {
        // Given a user allowed iam:PassRole on * only for roles tagged team=web
        using var folder = new ScratchFolder(("gaad.json", Gaad(
            """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"iam:PassRole","Resource":"*","Condition":{"StringEquals":{"aws:ResourceTag/team":"web"}}}]}""")));
        var context = new AwsEdgeContext(AwsEstateLoader.Load([folder.Path], TestContext.Current.CancellationToken), AsOf);
        var user = context.Principals.Single(p => p.Value.EndsWith(":user/deployer", StringComparison.Ordinal));

        // When asked which targets are specific
        var specific = context.SpecificTargets(user, ["iam:PassRole"]);

        // Then none can share (the answer depends on each role's tags), and each role gets its own answer
        Assert.Null(specific);
        Assert.Equal(DecisionKind.Allowed, context.CanOnTarget(user, "iam:PassRole", "arn:aws:iam::123456789012:role/app-a").Kind);
        Assert.Equal(DecisionKind.ImplicitDeny, context.CanOnTarget(user, "iam:PassRole", "arn:aws:iam::123456789012:role/app-b").Kind);
    }

    internal static string Gaad(string userPolicy) => $$"""
        {
          "UserDetailList": [
            {"Path": "/", "UserName": "deployer", "UserId": "AIDAEXAMPLE0000000001", "Arn": "arn:aws:iam::123456789012:user/deployer", "CreateDate": "2024-01-01T00:00:00Z",
             "UserPolicyList": [{"PolicyName": "deploy", "PolicyDocument": {{userPolicy}}}], "GroupList": [], "AttachedManagedPolicies": [], "Tags": []}
          ],
          "GroupDetailList": [],
          "RoleDetailList": [
            {{Role("app-a", "web")}},
            {{Role("app-b", "data")}},
            {{Role("break-glass-admin", "security")}}
          ],
          "Policies": []
        }
        """;

    private static string Role(string name, string team) => $$"""
        {"Path": "/", "RoleName": "{{name}}", "RoleId": "AROA{{name.ToUpperInvariant().Replace("-", "", StringComparison.Ordinal)}}", "Arn": "arn:aws:iam::123456789012:role/{{name}}", "CreateDate": "2024-01-01T00:00:00Z",
         "AssumeRolePolicyDocument": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Service": "lambda.amazonaws.com"}, "Action": "sts:AssumeRole"}]},
         "InstanceProfileList": [], "RolePolicyList": [], "AttachedManagedPolicies": [], "Tags": [{"Key": "team", "Value": "{{team}}"}]}
        """;
}
