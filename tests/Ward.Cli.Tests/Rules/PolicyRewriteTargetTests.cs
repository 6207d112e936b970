using Ward.Analysis;
using Ward.Aws.Ingest;
using Ward.Core.Graph;

namespace Ward.Cli.Tests.Rules;

/// <summary>
/// <c>iam-020</c> (iam:CreatePolicyVersion on a role's policy + iam:UpdateAssumeRolePolicy) over many roles: the
/// graph looks only at roles holding a policy the principal's grant can name, and once a conditional edge is kept
/// it still finds the unconditional one a statement naming one policy gives.
/// </summary>
public sealed class PolicyRewriteTargetTests
{
    private const string Account = "123400005678";
    private const string Technique = "iam-020";
    private static readonly DateTimeOffset AsOf = new(2026, 3, 16, 9, 15, 0, TimeSpan.Zero);

    private const string UpdateAnyTrust = """{"Effect":"Allow","Action":"iam:UpdateAssumeRolePolicy","Resource":"*"}""";
    private const string RewriteAnyPolicyWithMfa = """{"Effect":"Allow","Action":"iam:CreatePolicyVersion","Resource":"*","Condition":{"Bool":{"aws:MultiFactorAuthPresent":"true"}}}""";
    private const string RewriteLastPolicy = """{"Effect":"Allow","Action":"iam:CreatePolicyVersion","Resource":"arn:aws:iam::123400005678:policy/zz-app-policy"}""";
    private const string RewriteZzPolicies = """{"Effect":"Allow","Action":"iam:CreatePolicyVersion","Resource":"arn:aws:iam::123400005678:policy/zz-*"}""";
    private const string RewriteNoHeldPolicy = """{"Effect":"Allow","Action":"iam:CreatePolicyVersion","Resource":"arn:aws:iam::123400005678:policy/unattached-*"}""";
    private const string ReadBuckets = """{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}""";

    private static readonly string[] Apps = ["aa-app", "bb-app", "mm-app", "yy-app", "zz-app"];

    private static readonly Lazy<ScanResult> Scan = new(() =>
    {
        var folder = Directory.CreateTempSubdirectory("ward-policy-rewrite-").FullName;
        Directory.CreateDirectory(Path.Combine(folder, Account));
        string[] users =
        [
            User("mfa-rewriter", 1, $"{UpdateAnyTrust},{RewriteAnyPolicyWithMfa},{RewriteLastPolicy}"),
            User("mfa-only-rewriter", 2, $"{UpdateAnyTrust},{RewriteAnyPolicyWithMfa}"),
            User("zz-rewriter", 3, $"{UpdateAnyTrust},{RewriteZzPolicies}"),
            User("unattached-rewriter", 4, $"{UpdateAnyTrust},{RewriteNoHeldPolicy}"),
        ];
        File.WriteAllText(Path.Combine(folder, Account, "gaad.json"), $$"""
            {"UserDetailList": [{{string.Join(",", users)}}], "GroupDetailList": [],
             "RoleDetailList": [{{string.Join(",", Apps.Select((app, i) => Role(app, i)))}}],
             "Policies": [{{string.Join(",", Apps.Select((app, i) => ManagedPolicy($"arn:aws:iam::{Account}:policy/{app}-policy", i, ReadBuckets)))}}]}
            """);
        return Scanner.Scan(AwsEstateLoader.Load([folder]), AsOf);
    });

    [Fact]
    public void After_a_conditional_edge_the_unconditional_one_through_a_named_policy_is_still_found()
    {
        var edges = EdgesFrom("mfa-rewriter");

        // The first role in order gives a conditional edge (MFA); the role whose policy is named gives a sure one.
        Assert.Equal(2, edges.Count);
        Assert.True(edges[0].IsConditional);
        Assert.Equal(RoleArn("aa-app"), edges[0].To.Value);
        Assert.False(edges[1].IsConditional);
        Assert.Equal(RoleArn("zz-app"), edges[1].To.Value);
    }

    [Fact]
    public void Without_a_named_policy_one_conditional_edge_is_kept()
    {
        var edge = Assert.Single(EdgesFrom("mfa-only-rewriter"));
        Assert.True(edge.IsConditional);
        Assert.Equal(RoleArn("aa-app"), edge.To.Value);
    }

    [Fact]
    public void A_grant_on_some_policies_reaches_only_the_roles_holding_them()
    {
        var edge = Assert.Single(EdgesFrom("zz-rewriter"));
        Assert.False(edge.IsConditional);
        Assert.Equal(RoleArn("zz-app"), edge.To.Value);
        Assert.Contains(edge.Permissions, p => p.Action == "iam:CreatePolicyVersion" && p.Resource == $"arn:aws:iam::{Account}:policy/zz-app-policy");
    }

    [Fact]
    public void A_grant_on_policies_no_role_holds_reaches_no_role()
    {
        Assert.Empty(EdgesFrom("unattached-rewriter"));
    }

    private static List<Edge> EdgesFrom(string user) =>
        [.. Scan.Value.Graph.Graph.Edges.Where(e => e.Technique == Technique && e.From.Value == $"arn:aws:iam::{Account}:user/{user}")];

    private static string RoleArn(string name) => $"arn:aws:iam::{Account}:role/{name}";

    private static string User(string name, int number, string statements) => $$$"""
        {"Path": "/", "UserName": "{{{name}}}", "UserId": "AIDA{{{number:D17}}}", "Arn": "arn:aws:iam::{{{Account}}}:user/{{{name}}}", "CreateDate": "2024-01-01T00:00:00Z",
         "UserPolicyList": [{"PolicyName": "duties", "PolicyDocument": {"Version": "2012-10-17", "Statement": [{{{statements}}}]}}], "GroupList": [], "AttachedManagedPolicies": [], "Tags": []}
        """;

    private static string Role(string name, int number) => $$$"""
        {"Path": "/", "RoleName": "{{{name}}}", "RoleId": "AROA{{{number:D17}}}", "Arn": "{{{RoleArn(name)}}}", "CreateDate": "2024-01-01T00:00:00Z",
         "AssumeRolePolicyDocument": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Service": "ecs-tasks.amazonaws.com"}, "Action": "sts:AssumeRole"}]},
         "InstanceProfileList": [], "RolePolicyList": [], "AttachedManagedPolicies": [{"PolicyName": "{{{name}}}-policy", "PolicyArn": "arn:aws:iam::{{{Account}}}:policy/{{{name}}}-policy"}], "Tags": []}
        """;

    private static string ManagedPolicy(string arn, int number, string statements) => $$$"""
        {"PolicyName": "{{{arn[(arn.LastIndexOf('/') + 1)..]}}}", "PolicyId": "ANPA{{{number:D17}}}", "Arn": "{{{arn}}}", "Path": "/", "DefaultVersionId": "v1", "AttachmentCount": 1,
         "PermissionsBoundaryUsageCount": 0, "IsAttachable": true, "CreateDate": "2024-01-01T00:00:00Z", "UpdateDate": "2024-01-01T00:00:00Z",
         "PolicyVersionList": [{"Document": {"Version": "2012-10-17", "Statement": [{{{statements}}}]}, "VersionId": "v1", "IsDefaultVersion": true, "CreateDate": "2024-01-01T00:00:00Z"}]}
        """;
}
