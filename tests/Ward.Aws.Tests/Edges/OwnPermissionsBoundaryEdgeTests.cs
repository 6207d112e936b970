using Ward.Aws.Edges;
using Ward.Aws.Ingest;
using Ward.Aws.Tests.Testing;
using Ward.Core.Graph;
using Ward.Core.Model;

namespace Ward.Aws.Tests.Edges;

/// <summary>
/// <c>ward-iam-replace-boundary</c> and <c>ward-iam-rewrite-boundary</c>: an administrator held back by a permissions
/// boundary that lets it set AWS managed AdministratorAccess as its own boundary (iam:PutUserPermissionsBoundary,
/// iam:PutRolePermissionsBoundary), or create a new version of the boundary policy itself (iam:CreatePolicyVersion),
/// is admin-equivalent one step later. Safe twins: a condition on iam:PermissionsBoundary that admits only a harmless
/// boundary, a boundary without either permission, a policy version grant on another policy.
/// </summary>
public sealed class OwnPermissionsBoundaryEdgeTests
{
    private const string Account = "111122223333";
    private static readonly DateTimeOffset AsOf = new(2026, 3, 16, 9, 15, 0, TimeSpan.Zero);

    private static readonly Lazy<AwsGraph> Built = new(() =>
    {
        using var folder = new ScratchFolder(("gaad.json", Gaad()));
        return AwsGraphBuilder.Build(AwsEstateLoader.Load([folder.Path]), AsOf);
    });

    [Fact]
    public void A_user_whose_boundary_allows_setting_boundaries_replaces_it_with_administrator_access()
    {
        var edge = Assert.Single(EdgesFrom("user/replacer"));

        Assert.Equal("ward-iam-replace-boundary", edge.Technique);
        Assert.Equal(edge.From, edge.To);
        Assert.True(edge.GrantsAdmin);
        Assert.Empty(edge.Requirements);
        var permission = Assert.Single(edge.Permissions);
        Assert.Equal(("iam:PutUserPermissionsBoundary", Arn("user/replacer")), (permission.Action, permission.Resource));
        Assert.Contains("AdministratorAccess", edge.Description, StringComparison.Ordinal);
        Assert.False(Built.Value.Graph.Nodes[new PrincipalId(Arn("user/replacer"))].IsAdmin);
    }

    [Fact]
    public void A_role_replaces_its_boundary_with_put_role_permissions_boundary()
    {
        var edge = Assert.Single(EdgesFrom("role/replacer-role"));

        Assert.Equal("ward-iam-replace-boundary", edge.Technique);
        Assert.Equal(("iam:PutRolePermissionsBoundary", Arn("role/replacer-role")), (edge.Permissions[0].Action, edge.Permissions[0].Resource));
    }

    [Fact]
    public void A_condition_admitting_only_a_harmless_boundary_gives_no_replacement()
    {
        // The same grant without the condition escalates; with it, AdministratorAccess is refused.
        Assert.Single(EdgesFrom("user/replacer"));
        Assert.Empty(EdgesFrom("user/approved-only"));
    }

    [Fact]
    public void A_user_whose_boundary_allows_a_new_version_of_itself_rewrites_it()
    {
        var edge = Assert.Single(EdgesFrom("user/rewriter"));

        Assert.Equal("ward-iam-rewrite-boundary", edge.Technique);
        Assert.Equal(edge.From, edge.To);
        Assert.True(edge.GrantsAdmin);
        Assert.Empty(edge.Requirements);
        var permission = Assert.Single(edge.Permissions);
        Assert.Equal(("iam:CreatePolicyVersion", Arn("policy/B5")), (permission.Action, permission.Resource));
        Assert.Contains("`B5`", edge.Description, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("user/s3-only")]        // the boundary allows neither setting boundaries nor new policy versions
    [InlineData("user/other-rewriter")] // new versions of another policy only, not of its boundary
    public void Without_a_way_to_change_its_own_boundary_there_is_no_edge(string principal)
    {
        // The twins' vulnerable counterparts escalate.
        Assert.Single(EdgesFrom("user/replacer"));
        Assert.Single(EdgesFrom("user/rewriter"));
        Assert.Empty(EdgesFrom(principal));
    }

    private static List<Edge> EdgesFrom(string principal) => [.. Built.Value.Graph.Edges.Where(e => e.From.Value == Arn(principal))];

    private static string Arn(string resource) => $"arn:aws:iam::{Account}:{resource}";

    private const string AdministratorAccess = """
        {"PolicyName": "AdministratorAccess", "PolicyId": "ANPAIWMBCKSKIEE64ZLYK", "Arn": "arn:aws:iam::aws:policy/AdministratorAccess", "Path": "/", "DefaultVersionId": "v1",
         "AttachmentCount": 6, "PermissionsBoundaryUsageCount": 0, "IsAttachable": true, "CreateDate": "2015-02-06T18:39:46Z", "UpdateDate": "2015-02-06T18:39:46Z",
         "PolicyVersionList": [{"Document": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]}, "VersionId": "v1", "IsDefaultVersion": true, "CreateDate": "2015-02-06T18:39:46Z"}]}
        """;

    private const string AdminAttachment = """{"PolicyName": "AdministratorAccess", "PolicyArn": "arn:aws:iam::aws:policy/AdministratorAccess"}""";

    private const string Storage = """{"Effect": "Allow", "Action": "s3:*", "Resource": "*"}""";

    private static string Gaad()
    {
        var harmless = Arn("policy/HarmlessBoundary");
        string[] policies =
        [
            AdministratorAccess,
            Policy("B4", $$"""{{Storage}}, {"Effect": "Allow", "Action": "iam:PutUserPermissionsBoundary", "Resource": "*"}"""),
            Policy("B4-role", $$"""{{Storage}}, {"Effect": "Allow", "Action": "iam:PutRolePermissionsBoundary", "Resource": "*"}"""),
            Policy("B4-approved", $$"""{{Storage}}, {"Effect": "Allow", "Action": "iam:PutUserPermissionsBoundary", "Resource": "*", "Condition": {"StringEquals": {"iam:PermissionsBoundary": "{{harmless}}"} } }"""),
            Policy("B4-storage", Storage),
            Policy("B5", $$"""{{Storage}}, {"Effect": "Allow", "Action": "iam:CreatePolicyVersion", "Resource": "{{Arn("policy/B5")}}"}"""),
            Policy("B5-other", $$"""{{Storage}}, {"Effect": "Allow", "Action": "iam:CreatePolicyVersion", "Resource": "{{Arn("policy/Unrelated")}}"}"""),
            Policy("HarmlessBoundary", Storage),
            Policy("Unrelated", Storage),
        ];
        string[] users =
        [
            User("replacer", "B4"),
            User("approved-only", "B4-approved"),
            User("s3-only", "B4-storage"),
            User("rewriter", "B5"),
            User("other-rewriter", "B5-other"),
        ];
        var role = $$"""
            {"Path": "/", "RoleName": "replacer-role", "RoleId": "AROAREPLACERROLEXXXXX", "Arn": "{{Arn("role/replacer-role")}}", "CreateDate": "2024-01-01T00:00:00Z",
             "AssumeRolePolicyDocument": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Service": "ec2.amazonaws.com"}, "Action": "sts:AssumeRole"}]},
             "PermissionsBoundary": {"PermissionsBoundaryType": "Policy", "PermissionsBoundaryArn": "{{Arn("policy/B4-role")}}"},
             "InstanceProfileList": [], "RolePolicyList": [], "AttachedManagedPolicies": [{{AdminAttachment}}], "Tags": [], "RoleLastUsed": {} }
            """;
        return $$"""
            {"UserDetailList": [{{string.Join(",", users)}}], "GroupDetailList": [], "RoleDetailList": [{{role}}], "Policies": [{{string.Join(",", policies)}}]}
            """;
    }

    private static string User(string name, string boundary) => $$"""
        {"Path": "/", "UserName": "{{name}}", "UserId": "AIDA{{name.ToUpperInvariant().Replace("-", string.Empty, StringComparison.Ordinal).PadRight(17, 'X')}}", "Arn": "{{Arn($"user/{name}")}}", "CreateDate": "2024-01-01T00:00:00Z",
         "PermissionsBoundary": {"PermissionsBoundaryType": "Policy", "PermissionsBoundaryArn": "{{Arn($"policy/{boundary}")}}"},
         "UserPolicyList": [], "GroupList": [], "AttachedManagedPolicies": [{{AdminAttachment}}], "Tags": []}
        """;

    private static string Policy(string name, string statements) => $$"""
        {"PolicyName": "{{name}}", "PolicyId": "ANPA{{name.ToUpperInvariant().Replace("-", string.Empty, StringComparison.Ordinal).PadRight(17, 'X')}}", "Arn": "{{Arn($"policy/{name}")}}", "Path": "/", "DefaultVersionId": "v1",
         "AttachmentCount": 0, "PermissionsBoundaryUsageCount": 1, "IsAttachable": true, "CreateDate": "2024-01-01T00:00:00Z", "UpdateDate": "2024-01-01T00:00:00Z",
         "PolicyVersionList": [{"Document": {"Version": "2012-10-17", "Statement": [{{statements}}]}, "VersionId": "v1", "IsDefaultVersion": true, "CreateDate": "2024-01-01T00:00:00Z"}]}
        """;
}
