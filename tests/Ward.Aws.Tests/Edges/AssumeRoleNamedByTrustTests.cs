using Ward.Aws.Edges;
using Ward.Aws.Ingest;
using Ward.Aws.Tests.Testing;
using Ward.Core.Decisions;
using Ward.Core.Graph;

namespace Ward.Aws.Tests.Edges;

/// <summary>
/// <c>sts-001</c> when a role's trust policy names a principal of its own account by ARN: within one account that
/// trust policy allows the assumption by itself (STS API reference, AssumeRole), so the principal needs no identity
/// policy allowing sts:AssumeRole. A trust policy naming the account delegates to identity policies instead, and an
/// explicit deny in the principal's own policy still wins.
/// </summary>
public sealed class AssumeRoleNamedByTrustTests
{
    private const string Account = "111122223333";
    private static readonly DateTimeOffset AsOf = new(2026, 3, 16, 9, 15, 0, TimeSpan.Zero);

    private static readonly Lazy<(AwsEdgeContext Context, IReadOnlyList<Edge> Edges)> Built = new(() =>
    {
        using var folder = new ScratchFolder(("gaad.json", Gaad()));
        var estate = AwsEstateLoader.Load([folder.Path]);
        var graph = AwsGraphBuilder.Build(estate, AsOf);
        return (graph.Probes!, [.. graph.Graph.Edges]);
    });

    [Fact]
    public void A_user_named_by_the_trust_policy_assumes_the_role_without_any_identity_policy()
    {
        var (context, edges) = Built.Value;

        var edge = Assert.Single(edges, e => e.From.Value == Arn("user/named"));
        Assert.Equal("sts-001", edge.Technique);
        Assert.Equal(Arn("role/admin-named"), edge.To.Value);
        Assert.Empty(edge.Requirements);
        var permission = Assert.Single(edge.Permissions);
        Assert.Equal(("sts:AssumeRole", Arn("role/admin-named")), (permission.Action, permission.Resource));

        // As ward can answers it.
        Assert.Equal(DecisionKind.Allowed, context.Can(Principal(context, "user/named"), "sts:AssumeRole", Arn("role/admin-named")).Kind);
    }

    [Fact]
    public void A_role_named_by_another_roles_trust_policy_chains_into_it_without_any_identity_policy()
    {
        var (context, edges) = Built.Value;

        var edge = Assert.Single(edges, e => e.From.Value == Arn("role/ci-runner"));
        Assert.Equal(("sts-001", Arn("role/admin-chained")), (edge.Technique, edge.To.Value));
        Assert.Equal(DecisionKind.Allowed, context.Can(Principal(context, "role/ci-runner"), "sts:AssumeRole", Arn("role/admin-chained")).Kind);
    }

    [Fact]
    public void A_trust_policy_naming_the_account_needs_an_identity_policy()
    {
        var (context, edges) = Built.Value;

        // The named user gets in; a user without policies does not get into the role that trusts the account.
        Assert.Contains(edges, e => e.From.Value == Arn("user/named") && e.To.Value == Arn("role/admin-named"));
        Assert.DoesNotContain(edges, e => e.From.Value == Arn("user/unnamed"));
        Assert.DoesNotContain(edges, e => e.To.Value == Arn("role/admin-root") && e.From.Value == Arn("user/named"));
        Assert.Equal(DecisionKind.ImplicitDeny, context.Can(Principal(context, "user/unnamed"), "sts:AssumeRole", Arn("role/admin-root")).Kind);
    }

    [Fact]
    public void An_explicit_deny_of_sts_assume_role_in_the_named_users_own_policy_wins()
    {
        var (context, edges) = Built.Value;

        Assert.Contains(edges, e => e.From.Value == Arn("user/named"));
        Assert.DoesNotContain(edges, e => e.From.Value == Arn("user/named-denied"));
        Assert.Equal(DecisionKind.ExplicitDeny, context.Can(Principal(context, "user/named-denied"), "sts:AssumeRole", Arn("role/admin-named-denied")).Kind);
    }

    [Fact]
    public void The_prefilters_let_through_a_principal_a_trust_policy_names_and_only_for_that_role()
    {
        var (context, _) = Built.Value;
        var named = Principal(context, "user/named");

        Assert.True(context.MayAllow(named, "sts:AssumeRole"));
        Assert.True(context.MayAllowOn(named, "sts:AssumeRole", Arn("role/admin-named")));
        Assert.False(context.MayAllowOn(named, "sts:AssumeRole", Arn("role/admin-root")));
        Assert.False(context.MayAllow(Principal(context, "user/unnamed"), "sts:AssumeRole"));
    }

    private static string Arn(string resource) => $"arn:aws:iam::{Account}:{resource}";

    private static Ward.Aws.Policy.Evaluation.AwsPrincipal Principal(AwsEdgeContext context, string resource) =>
        context.Principals.Single(p => p.Value == Arn(resource));

    private const string DenyAssumeRole = """[{"PolicyName": "no-roles", "PolicyDocument": {"Version": "2012-10-17", "Statement": [{"Effect": "Deny", "Action": "sts:AssumeRole", "Resource": "*"}]}}]""";

    private const string AdministratorAccess = """
        {"PolicyName": "AdministratorAccess", "PolicyId": "ANPAIWMBCKSKIEE64ZLYK", "Arn": "arn:aws:iam::aws:policy/AdministratorAccess", "Path": "/", "DefaultVersionId": "v1",
         "AttachmentCount": 4, "PermissionsBoundaryUsageCount": 0, "IsAttachable": true, "CreateDate": "2015-02-06T18:39:46Z", "UpdateDate": "2015-02-06T18:39:46Z",
         "PolicyVersionList": [{"Document": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]}, "VersionId": "v1", "IsDefaultVersion": true, "CreateDate": "2015-02-06T18:39:46Z"}]}
        """;

    private static string Gaad()
    {
        string[] users = [User("named", "[]"), User("unnamed", "[]"), User("named-denied", DenyAssumeRole)];
        string[] roles =
        [
            Role("admin-named", AwsPrincipalNamed(Arn("user/named")), admin: true),
            Role("admin-root", AwsPrincipalNamed($"arn:aws:iam::{Account}:root"), admin: true),
            Role("admin-named-denied", AwsPrincipalNamed(Arn("user/named-denied")), admin: true),
            Role("ci-runner", "{\"Service\": \"ec2.amazonaws.com\"}", admin: false),
            Role("admin-chained", AwsPrincipalNamed(Arn("role/ci-runner")), admin: true),
        ];
        return $$"""
            {"UserDetailList": [{{string.Join(",", users)}}], "GroupDetailList": [], "RoleDetailList": [{{string.Join(",", roles)}}], "Policies": [{{AdministratorAccess}}]}
            """;
    }

    private const string AdminAttachment = """{"PolicyName": "AdministratorAccess", "PolicyArn": "arn:aws:iam::aws:policy/AdministratorAccess"}""";

    private static string AwsPrincipalNamed(string arn) => $$"""{"AWS": "{{arn}}"}""";

    private static string User(string name, string inline) => $$"""
        {"Path": "/", "UserName": "{{name}}", "UserId": "AIDA{{Id(name)}}", "Arn": "{{Arn($"user/{name}")}}", "CreateDate": "2024-01-01T00:00:00Z",
         "UserPolicyList": {{inline}}, "GroupList": [], "AttachedManagedPolicies": [], "Tags": []}
        """;

    private static string Role(string name, string principal, bool admin) => $$"""
        {"Path": "/", "RoleName": "{{name}}", "RoleId": "AROA{{Id(name)}}", "Arn": "{{Arn($"role/{name}")}}", "CreateDate": "2024-01-01T00:00:00Z",
         "AssumeRolePolicyDocument": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {{principal}}, "Action": "sts:AssumeRole"}]},
         "InstanceProfileList": [], "RolePolicyList": [],
         "AttachedManagedPolicies": [{{(admin ? AdminAttachment : string.Empty)}}],
         "Tags": [], "RoleLastUsed": {} }
        """;

    private static string Id(string name) => name.ToUpperInvariant().Replace("-", string.Empty, StringComparison.Ordinal).PadRight(17, 'X');
}
