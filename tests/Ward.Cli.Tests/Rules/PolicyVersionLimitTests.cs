using Ward.Analysis;
using Ward.Aws.Ingest;
using Ward.Core.Graph;

namespace Ward.Cli.Tests.Rules;

/// <summary>
/// IAM keeps at most five versions of a managed policy: on a policy that has five, iam:CreatePolicyVersion fails until
/// one is deleted (IAM API reference, CreatePolicyVersion). Every technique that writes a new policy version
/// (<c>iam-001</c>, <c>iam-016</c>, <c>iam-020</c>, <c>ward-iam-rewrite-boundary</c>) then needs
/// iam:DeletePolicyVersion on that policy too, and the path lists it; with fewer versions in the export, the one
/// permission is enough.
/// </summary>
public sealed class PolicyVersionLimitTests
{
    private const string Account = "123400002468";
    private static readonly DateTimeOffset AsOf = new(2026, 3, 16, 9, 15, 0, TimeSpan.Zero);
    private static readonly string Target = Arn("role/target");
    private static readonly string TargetPolicy = Arn("policy/target-policy");

    private static readonly Lazy<ScanResult> Scan = new(() =>
    {
        var folder = Directory.CreateTempSubdirectory("ward-policy-versions-").FullName;
        string[] users =
        [
            // iam-001: a new version of one's own policy.
            User(1, "writer-full", attached: "writer-full-policy"),
            User(2, "writer-full-deleter", attached: "writer-full-deleter-policy"),
            User(3, "writer-four", attached: "writer-four-policy"),
            User(4, "writer-full-deleter-denied", attached: "writer-full-deleter-denied-policy", inline: Statement("Deny", "iam:DeletePolicyVersion", "*")),

            // iam-016: a new version of the target role's policy, then assuming it.
            User(5, "assumer-full", inline: Allow("iam:CreatePolicyVersion", TargetPolicy) + "," + Allow("sts:AssumeRole", Target)),
            User(6, "assumer-full-deleter", inline: Allow("iam:CreatePolicyVersion", TargetPolicy) + "," + Allow("iam:DeletePolicyVersion", TargetPolicy) + "," + Allow("sts:AssumeRole", Target)),

            // iam-020: the same, rewriting the role's trust to assume it.
            User(7, "retruster-full", inline: Allow("iam:CreatePolicyVersion", TargetPolicy) + "," + Allow("iam:UpdateAssumeRolePolicy", Target)),
            User(8, "retruster-full-deleter", inline: Allow("iam:CreatePolicyVersion", TargetPolicy) + "," + Allow("iam:DeletePolicyVersion", TargetPolicy) + "," + Allow("iam:UpdateAssumeRolePolicy", Target)),

            // ward-iam-rewrite-boundary: an administrator held back by a boundary it may give a new version.
            User(9, "bounded-admin-full", attached: "arn:aws:iam::aws:policy/AdministratorAccess", boundary: "boundary-full"),
            User(10, "bounded-admin-full-deleter", attached: "arn:aws:iam::aws:policy/AdministratorAccess", boundary: "boundary-full-deleter"),
        ];
        string[] policies =
        [
            Policy(1, "arn:aws:iam::aws:policy/AdministratorAccess", 1, Allow("*", "*")),
            Policy(2, Arn("policy/writer-full-policy"), 5, Allow("iam:CreatePolicyVersion", Arn("policy/writer-full-policy"))),
            Policy(3, Arn("policy/writer-full-deleter-policy"), 5, Allow(["iam:CreatePolicyVersion", "iam:DeletePolicyVersion"], Arn("policy/writer-full-deleter-policy"))),
            Policy(4, Arn("policy/writer-four-policy"), 4, Allow("iam:CreatePolicyVersion", Arn("policy/writer-four-policy"))),
            Policy(5, Arn("policy/writer-full-deleter-denied-policy"), 5, Allow(["iam:CreatePolicyVersion", "iam:DeletePolicyVersion"], Arn("policy/writer-full-deleter-denied-policy"))),
            Policy(6, TargetPolicy, 5, Allow("s3:GetObject", "*")),
            Policy(7, Arn("policy/boundary-full"), 5, Allow("s3:*", "*") + "," + Allow("iam:CreatePolicyVersion", Arn("policy/boundary-full"))),
            Policy(8, Arn("policy/boundary-full-deleter"), 5, Allow("s3:*", "*") + "," + Allow(["iam:CreatePolicyVersion", "iam:DeletePolicyVersion"], Arn("policy/boundary-full-deleter"))),
        ];
        var role = $$"""
            {"Path": "/", "RoleName": "target", "RoleId": "AROA00000000000000001", "Arn": "{{Target}}", "CreateDate": "2024-01-01T00:00:00Z",
             "AssumeRolePolicyDocument": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::{{Account}}:root"}, "Action": "sts:AssumeRole"}]},
             "InstanceProfileList": [], "RolePolicyList": [], "AttachedManagedPolicies": [{"PolicyName": "target-policy", "PolicyArn": "{{TargetPolicy}}"}], "Tags": [], "RoleLastUsed": {} }
            """;
        File.WriteAllText(Path.Combine(folder, "gaad.json"), $$"""
            {"UserDetailList": [{{string.Join(",", users)}}], "GroupDetailList": [], "RoleDetailList": [{{role}}], "Policies": [{{string.Join(",", policies)}}]}
            """);
        return Scanner.Scan(AwsEstateLoader.Load([folder]), AsOf);
    });

    [Theory]
    [InlineData("writer-full", "iam-001")]
    [InlineData("writer-full-deleter-denied", "iam-001")]
    [InlineData("assumer-full", "iam-016")]
    [InlineData("retruster-full", "iam-020")]
    [InlineData("bounded-admin-full", "ward-iam-rewrite-boundary")]
    public void A_policy_with_five_versions_takes_deleting_one_first(string user, string technique)
    {
        Assert.DoesNotContain(EdgesFrom(user), e => e.Technique == technique);
        Assert.DoesNotContain(FindingsOf(user), f => f.RuleId == "privilege-escalation");
    }

    [Theory]
    [InlineData("writer-full-deleter", "iam-001", "writer-full-deleter-policy", new[] { "iam:CreatePolicyVersion", "iam:DeletePolicyVersion" })]
    [InlineData("assumer-full-deleter", "iam-016", "target-policy", new[] { "iam:CreatePolicyVersion", "iam:DeletePolicyVersion", "sts:AssumeRole" })]
    [InlineData("retruster-full-deleter", "iam-020", "target-policy", new[] { "iam:CreatePolicyVersion", "iam:DeletePolicyVersion", "iam:UpdateAssumeRolePolicy", "sts:AssumeRole" })]
    [InlineData("bounded-admin-full-deleter", "ward-iam-rewrite-boundary", "boundary-full-deleter", new[] { "iam:CreatePolicyVersion", "iam:DeletePolicyVersion" })]
    public void With_iam_DeletePolicyVersion_on_it_the_path_lists_both(string user, string technique, string policy, string[] actions)
    {
        var finding = Assert.Single(FindingsOf(user), f => f.RuleId == "privilege-escalation");

        Assert.Equal("Critical", finding.Severity.ToString());
        var step = Assert.Single(finding.Path);
        Assert.Equal(technique, step.Technique);
        Assert.Equal(actions, step.Permissions.Select(p => p.Action).Order(StringComparer.Ordinal), StringComparer.Ordinal);
        Assert.Equal(Arn($"policy/{policy}"), Assert.Single(step.Permissions, p => p.Action == "iam:DeletePolicyVersion").Resource);
        Assert.Contains("deleting an old version", step.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void A_policy_with_fewer_versions_takes_iam_CreatePolicyVersion_alone()
    {
        var finding = Assert.Single(FindingsOf("writer-four"), f => f.RuleId == "privilege-escalation");

        var step = Assert.Single(finding.Path);
        Assert.Equal("iam-001", step.Technique);
        Assert.Equal(["iam:CreatePolicyVersion"], step.Permissions.Select(p => p.Action), StringComparer.Ordinal);
    }

    private static string Arn(string resource) => $"arn:aws:iam::{Account}:{resource}";

    private static List<Finding> FindingsOf(string user) => [.. Scan.Value.Findings.Where(f => f.Principal == Arn($"user/{user}"))];

    private static List<Edge> EdgesFrom(string user) => [.. Scan.Value.Graph.Graph.Edges.Where(e => e.From.Value == Arn($"user/{user}"))];

    private static string Statement(string effect, string action, string resource) => $$"""{"Effect":"{{effect}}","Action":"{{action}}","Resource":"{{resource}}"}""";

    private static string Allow(string action, string resource) => Statement("Allow", action, resource);

    private static string Allow(string[] actions, string resource) => $$"""{"Effect":"Allow","Action":[{{string.Join(",", actions.Select(a => $"\"{a}\""))}}],"Resource":"{{resource}}"}""";

    private static string User(int id, string name, string? attached = null, string? inline = null, string? boundary = null) => $$"""
        {"Path": "/", "UserName": "{{name}}", "UserId": "AIDA{{id:D17}}", "Arn": "{{Arn($"user/{name}")}}", "CreateDate": "2024-01-01T00:00:00Z",
         {{(boundary is null ? string.Empty : $"\"PermissionsBoundary\": {{\"PermissionsBoundaryType\": \"Policy\", \"PermissionsBoundaryArn\": \"{Arn($"policy/{boundary}")}\"}},")}}
         "UserPolicyList": [{{(inline is null ? string.Empty : $"{{\"PolicyName\": \"duties\", \"PolicyDocument\": {{\"Version\": \"2012-10-17\", \"Statement\": [{inline}]}}}}")}}],
         "GroupList": [],
         "AttachedManagedPolicies": [{{(attached is null ? string.Empty : $"{{\"PolicyName\": \"{attached[(attached.LastIndexOf('/') + 1)..]}\", \"PolicyArn\": \"{(attached.StartsWith("arn:", StringComparison.Ordinal) ? attached : Arn($"policy/{attached}"))}\"}}")}}],
         "Tags": []}
        """;

    /// <summary>A managed policy with <paramref name="versions"/> versions (v1 to vN, the last one the default), each with the statements.</summary>
    private static string Policy(int id, string arn, int versions, string statements)
    {
        var list = Enumerable.Range(1, versions).Select(v => $$"""
            {"Document": {"Version": "2012-10-17", "Statement": [{{statements}}]}, "VersionId": "v{{v}}", "IsDefaultVersion": {{(v == versions ? "true" : "false")}}, "CreateDate": "2024-01-0{{v}}T00:00:00Z"}
            """);
        return $$"""
            {"PolicyName": "{{arn[(arn.LastIndexOf('/') + 1)..]}}", "PolicyId": "ANPA{{id:D17}}", "Arn": "{{arn}}", "Path": "/", "DefaultVersionId": "v{{versions}}",
             "AttachmentCount": 1, "PermissionsBoundaryUsageCount": 0, "IsAttachable": true, "CreateDate": "2024-01-01T00:00:00Z", "UpdateDate": "2024-01-01T00:00:00Z",
             "PolicyVersionList": [{{string.Join(",", list)}}]}
            """;
    }
}
