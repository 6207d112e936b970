using Ward.Analysis;
using Ward.Aws.Ingest;
using Ward.Core.Graph;

namespace Ward.Cli.Tests.Rules;

/// <summary>
/// Steps decided on "some resource" of a technique: only on resources of the kind the step acts on (a session on
/// an ECS task is no session on an EC2 instance), and in a region the caller picks (a region guardrail SCP leaves
/// the caller the regions it allows). Twins: ssm:StartSession on ECS tasks only, and iam:PassRole +
/// ec2:RunInstances allowed only in a region the SCP denies.
/// </summary>
public sealed class StepResourceAndRegionEdgeTests
{
    private const string Management = "999900002222";
    private const string Open = "111100003333";
    private const string Locked = "111100004444";
    private static readonly DateTimeOffset AsOf = new(2026, 3, 16, 9, 15, 0, TimeSpan.Zero);

    private const string PassAndRun = """{"Effect":"Allow","Action":["iam:PassRole","ec2:RunInstances"],"Resource":"*"}""";
    private const string PassAndRunInUsEast1 = """{"Effect":"Allow","Action":["iam:PassRole","ec2:RunInstances"],"Resource":"*","Condition":{"StringEquals":{"aws:RequestedRegion":"us-east-1"}}}""";

    // The usual guardrail: nothing outside two EU regions, global services apart (held apart: its braces would end an interpolation).
    private const string EuOnlyContent = """{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"DenyAllOutsideEU\",\"Effect\":\"Deny\",\"NotAction\":[\"iam:*\",\"organizations:*\",\"sts:*\",\"support:*\",\"cloudfront:*\",\"route53:*\"],\"Resource\":\"*\",\"Condition\":{\"StringNotEquals\":{\"aws:RequestedRegion\":[\"eu-west-1\",\"eu-central-1\"]}}}]}""";

    private static readonly Lazy<ScanResult> Scan = new(() =>
    {
        var folder = Directory.CreateTempSubdirectory("ward-step-probes-").FullName;
        var accounts = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [Open] = Gaad(
                Open,
                [
                    // AWSCodeBuildAdminAccess and AWSCodeBuildDeveloperAccess grant sessions on ECS tasks only.
                    GaadJson.User(Open, "task-sessions", """{"Effect":"Allow","Action":"ssm:StartSession","Resource":"arn:aws:ecs:*:*:task/*/*"}"""),
                    GaadJson.User(Open, "instance-sessions", """{"Effect":"Allow","Action":"ssm:StartSession","Resource":"arn:aws:ec2:*:*:instance/*"}"""),
                    GaadJson.User(Open, "ec2-sessions", """{"Effect":"Allow","Action":"ssm:StartSession","Resource":"arn:aws:ec2:*:*:*"}"""),
                    GaadJson.User(Open, "doc-commands", """{"Effect":"Allow","Action":"ssm:SendCommand","Resource":"arn:aws:ssm:*:*:document/*"}"""),
                ]),
            [Locked] = Gaad(
                Locked,
                [
                    GaadJson.User(Locked, "launcher", PassAndRun),
                    GaadJson.User(Locked, "us-launcher", PassAndRunInUsEast1),
                ]),
        };
        foreach (var (account, gaad) in accounts)
        {
            Directory.CreateDirectory(Path.Combine(folder, account));
            File.WriteAllText(Path.Combine(folder, account, "gaad.json"), gaad);
        }

        File.WriteAllText(Path.Combine(folder, "organization.json"), Organization());
        return Scanner.Scan(AwsEstateLoader.Load([folder]), AsOf);
    });

    [Theory]
    [InlineData("instance-sessions")]
    [InlineData("ec2-sessions")]
    public void A_session_grant_on_instances_takes_over_an_instance(string user)
    {
        var edge = Assert.Single(EdgesFrom(Open, user), e => e.Technique == "ssm-001");

        Assert.EndsWith(":role/fleet-admin", edge.To.Value, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("task-sessions")]  // sessions on ECS tasks only
    [InlineData("doc-commands")]   // commands allowed on documents, on no instance
    public void A_grant_on_other_resources_of_the_action_takes_over_no_instance(string user)
    {
        Assert.DoesNotContain(EdgesFrom(Open, user), e => e.Technique is "ssm-001" or "ssm-002");
        Assert.DoesNotContain(Scan.Value.Findings, f => f.RuleId == "privilege-escalation" && f.Principal == $"arn:aws:iam::{Open}:user/{user}");
    }

    [Fact]
    public void A_region_guardrail_leaves_the_caller_its_allowed_regions()
    {
        var edge = Assert.Single(EdgesFrom(Locked, "launcher"), e => e.Technique == "ec2-001");

        Assert.Empty(edge.Requirements);
        var finding = Assert.Single(Scan.Value.Findings, f => f.RuleId == "privilege-escalation" && f.Principal == $"arn:aws:iam::{Locked}:user/launcher");
        Assert.Equal("Critical", finding.Severity.ToString());
    }

    [Fact]
    public void A_grant_only_in_a_region_the_guardrail_denies_launches_nothing()
    {
        Assert.DoesNotContain(EdgesFrom(Locked, "us-launcher"), e => e.Technique == "ec2-001");
        Assert.DoesNotContain(Scan.Value.Findings, f => f.RuleId == "privilege-escalation" && f.Principal == $"arn:aws:iam::{Locked}:user/us-launcher");
    }

    private static List<Edge> EdgesFrom(string account, string user) =>
        [.. Scan.Value.Graph.Graph.Edges.Where(e => e.From.Value == $"arn:aws:iam::{account}:user/{user}")];

    private static string Gaad(string account, string[] users) => $$$"""
        {
          "UserDetailList": [{{{string.Join(",\n", users)}}}],
          "GroupDetailList": [],
          "RoleDetailList": [
            {"Path": "/", "RoleName": "fleet-admin", "RoleId": "AROA{{{account}}}00001", "Arn": "arn:aws:iam::{{{account}}}:role/fleet-admin", "CreateDate": "2024-01-01T00:00:00Z",
             "AssumeRolePolicyDocument": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Service": "ec2.amazonaws.com"}, "Action": "sts:AssumeRole"}]},
             "InstanceProfileList": [{"Path": "/", "InstanceProfileName": "fleet-admin", "InstanceProfileId": "AIPA{{{account}}}00001", "Arn": "arn:aws:iam::{{{account}}}:instance-profile/fleet-admin", "CreateDate": "2024-01-01T00:00:00Z", "Roles": []}],
             "RolePolicyList": [{"PolicyName": "everything", "PolicyDocument": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]}}],
             "AttachedManagedPolicies": [], "Tags": [], "RoleLastUsed": {}}
          ],
          "Policies": []
        }
        """;

    private static string Organization() => $$"""
        {
          "Organization": {"Id": "o-probetest01", "Arn": "arn:aws:organizations::{{Management}}:organization/o-probetest01", "FeatureSet": "ALL", "MasterAccountId": "{{Management}}"},
          "Roots": [{"Id": "r-prb1", "Name": "Root", "PolicyTypes": [{"Type": "SERVICE_CONTROL_POLICY", "Status": "ENABLED"}]}],
          "OrganizationalUnits": [],
          "Accounts": [
            {"Id": "{{Management}}", "Name": "management", "Status": "ACTIVE", "ParentId": "r-prb1"},
            {"Id": "{{Open}}", "Name": "open", "Status": "ACTIVE", "ParentId": "r-prb1"},
            {"Id": "{{Locked}}", "Name": "locked", "Status": "ACTIVE", "ParentId": "r-prb1"}
          ],
          "Policies": [
            {"PolicySummary": {"Id": "p-FullAWSAccess", "Name": "FullAWSAccess", "Type": "SERVICE_CONTROL_POLICY", "AwsManaged": true},
             "Content": "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\"}]}",
             "Targets": [{"TargetId": "r-prb1", "Type": "ROOT"}, {"TargetId": "{{Management}}", "Type": "ACCOUNT"}, {"TargetId": "{{Open}}", "Type": "ACCOUNT"}, {"TargetId": "{{Locked}}", "Type": "ACCOUNT"}]},
            {"PolicySummary": {"Id": "p-euonly", "Name": "EuOnly", "Type": "SERVICE_CONTROL_POLICY", "AwsManaged": false},
             "Content": "{{EuOnlyContent}}",
             "Targets": [{"TargetId": "{{Locked}}", "Type": "ACCOUNT"}]}
          ]
        }
        """;
}
