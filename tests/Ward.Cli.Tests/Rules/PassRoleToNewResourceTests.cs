using Ward.Analysis;
using Ward.Aws.Ingest;
using Ward.Core.Graph;

namespace Ward.Cli.Tests.Rules;

/// <summary>
/// Passing a role to a resource one creates: the service assumes the role for that resource, so the trust's source
/// conditions are decided for a resource of the principal's account (another account's resources: no edge; one named
/// resource: only if the new one can take that name; a name pattern: certain). EC2 takes an instance profile: a role
/// without one needs the principal to make one. A technique that needs a resource the IAM export cannot show (an ECS
/// cluster, an event source, a Glue job) holds under that requirement.
/// </summary>
public sealed class PassRoleToNewResourceTests
{
    private const string Account = "111122223333";
    private static readonly DateTimeOffset AsOf = new(2026, 3, 16, 9, 15, 0, TimeSpan.Zero);

    private static readonly Lazy<ScanResult> Scan = new(() =>
    {
        var folder = Directory.CreateTempSubdirectory("ward-passrole-new-").FullName;
        const string PassAny = """{"Effect":"Allow","Action":"iam:PassRole","Resource":"*"}""";
        File.WriteAllText(Path.Combine(folder, "gaad.json"), $$"""
            {"UserDetailList": [
              {{GaadJson.User(Account, "builder", """{"Effect":"Allow","Action":["codebuild:CreateProject","codebuild:StartBuild"],"Resource":"*"},""" + PassAny)}},
              {{GaadJson.User(Account, "pinned-builder", """{"Effect":"Allow","Action":["codebuild:CreateProject","codebuild:StartBuild"],"Resource":"*"},{"Effect":"Allow","Action":"iam:PassRole","Resource":"arn:aws:iam::111122223333:role/service-role/build-admin-pinned"}""")}},
              {{GaadJson.User(Account, "deployer", """{"Effect":"Allow","Action":["lambda:CreateFunction","lambda:InvokeFunction"],"Resource":"*"},""" + PassAny)}},
              {{GaadJson.User(Account, "launcher", """{"Effect":"Allow","Action":"ec2:RunInstances","Resource":"*"},""" + PassAny)}},
              {{GaadJson.User(Account, "profile-maker", """{"Effect":"Allow","Action":["ec2:RunInstances","iam:CreateInstanceProfile","iam:AddRoleToInstanceProfile"],"Resource":"*"},""" + PassAny)}},
              {{GaadJson.User(Account, "tasker", """{"Effect":"Allow","Action":["ecs:RegisterTaskDefinition","ecs:RunTask"],"Resource":"*"},""" + PassAny)}}
            ],
            "GroupDetailList": [],
            "RoleDetailList": [
              {{Role("build-admin-pinned", "codebuild.amazonaws.com", """{"ArnLike":{"aws:SourceArn":"arn:aws:codebuild:eu-west-1:111122223333:project/prod-build"}}""")}},
              {{Role("build-admin-any-project", "codebuild.amazonaws.com", """{"StringEquals":{"aws:SourceAccount":"111122223333"},"ArnLike":{"aws:SourceArn":"arn:aws:codebuild:*:111122223333:project/*"}}""")}},
              {{Role("function-admin-other-account", "lambda.amazonaws.com", """{"StringEquals":{"aws:SourceAccount":"444455556666"}}""")}},
              {{Role("function-admin-other-account-arn", "lambda.amazonaws.com", """{"ArnLike":{"aws:SourceArn":"arn:aws:lambda:*:444455556666:function:*"}}""")}},
              {{TwoServiceRole}},
              {{Role("instance-admin-without-profile", "ec2.amazonaws.com", null)}},
              {{Role("task-admin", "ecs-tasks.amazonaws.com", null)}}
            ],
            "Policies": []}
            """);
        return Scanner.Scan(AwsEstateLoader.Load([folder], TestContext.Current.CancellationToken), AsOf);
    });

    [Fact]
    public void A_trust_pinned_to_one_named_resource_holds_only_if_the_new_resource_can_take_that_name()
    {
        var edge = EdgeTo("pinned-builder", "build-admin-pinned", "codebuild-001");
        Assert.True(edge.IsConditional);
        Assert.Contains(edge.Requirements, r => r.Contains("aws:SourceArn", StringComparison.Ordinal) && r.Contains("project/prod-build", StringComparison.Ordinal));
    }

    [Fact]
    public void A_trust_pinned_to_the_account_and_a_name_pattern_admits_a_resource_the_principal_creates()
    {
        var edge = EdgeTo("builder", "build-admin-any-project", "codebuild-001");
        Assert.False(edge.IsConditional);
    }

    [Fact]
    public void A_trust_pinned_to_another_accounts_resources_gives_no_edge()
    {
        Assert.DoesNotContain(Scan.Value.Graph.Graph.Edges, e => e.To.Value.EndsWith(":role/service-role/function-admin-other-account", StringComparison.Ordinal));
        Assert.DoesNotContain(Scan.Value.Graph.Graph.Edges, e => e.To.Value.EndsWith(":role/service-role/function-admin-other-account-arn", StringComparison.Ordinal));
    }

    [Fact]
    public void Only_the_source_conditions_of_the_statement_for_the_service_count()
    {
        // The EventBridge statement's rule ARN says nothing of the functions Lambda acts for
        var edge = EdgeTo("deployer", "function-admin-two-services", "lambda-001");
        Assert.False(edge.IsConditional);
    }

    [Fact]
    public void A_role_without_an_instance_profile_is_launched_only_by_who_can_make_one()
    {
        Assert.DoesNotContain(Scan.Value.Graph.Graph.Edges, e => e.From.Value.EndsWith(":user/launcher", StringComparison.Ordinal) && e.To.Value.EndsWith(":role/service-role/instance-admin-without-profile", StringComparison.Ordinal));

        var edge = EdgeTo("profile-maker", "instance-admin-without-profile", "ec2-001");
        Assert.False(edge.IsConditional);
        Assert.Equal(["iam:CreateInstanceProfile", "iam:AddRoleToInstanceProfile", "iam:PassRole", "ec2:RunInstances"], edge.Permissions.Select(p => p.Action), StringComparer.Ordinal);
    }

    [Fact]
    public void Running_a_task_needs_a_cluster_the_export_cannot_show()
    {
        var edge = EdgeTo("tasker", "task-admin", "ecs-004");
        Assert.True(edge.IsConditional);
        Assert.Contains("an ECS cluster exists in the account (resources are not in the IAM export)", edge.Requirements, StringComparer.Ordinal);
    }

    private static Edge EdgeTo(string user, string role, string technique) =>
        Assert.Single(Scan.Value.Graph.Graph.Edges, e => e.From.Value == $"arn:aws:iam::{Account}:user/{user}" && e.To.Value == $"arn:aws:iam::{Account}:role/service-role/{role}" && e.Technique == technique);

    private const string TwoServiceRole = """
        {"Path": "/service-role/", "RoleName": "function-admin-two-services", "RoleId": "AROA00000000000000027", "Arn": "arn:aws:iam::111122223333:role/service-role/function-admin-two-services", "CreateDate": "2024-01-01T00:00:00Z",
         "AssumeRolePolicyDocument": {"Version": "2012-10-17", "Statement": [
           {"Effect": "Allow", "Principal": {"Service": "events.amazonaws.com"}, "Action": "sts:AssumeRole", "Condition": {"ArnLike": {"aws:SourceArn": "arn:aws:events:*:111122223333:rule/*"}}},
           {"Effect": "Allow", "Principal": {"Service": "lambda.amazonaws.com"}, "Action": "sts:AssumeRole", "Condition": {"ArnLike": {"aws:SourceArn": "arn:aws:lambda:*:111122223333:function:*"}}}]},
         "InstanceProfileList": [], "RolePolicyList": [{"PolicyName": "administrator", "PolicyDocument": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]}}],
         "AttachedManagedPolicies": [], "Tags": [], "RoleLastUsed": {}}
        """;

    private static string Role(string name, string service, string? condition) => $$$"""
        {"Path": "/service-role/", "RoleName": "{{{name}}}", "RoleId": "AROA{{{name.Length:D17}}}", "Arn": "arn:aws:iam::{{{Account}}}:role/service-role/{{{name}}}", "CreateDate": "2024-01-01T00:00:00Z",
         "AssumeRolePolicyDocument": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Service": "{{{service}}}"}, "Action": "sts:AssumeRole"{{{(condition is null ? string.Empty : ", \"Condition\": " + condition)}}}}]},
         "InstanceProfileList": [], "RolePolicyList": [{"PolicyName": "administrator", "PolicyDocument": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]}}],
         "AttachedManagedPolicies": [], "Tags": [], "RoleLastUsed": {}}
        """;
}
