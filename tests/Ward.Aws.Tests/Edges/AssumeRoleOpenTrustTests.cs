using Ward.Aws.Edges;
using Ward.Aws.Ingest;
using Ward.Aws.Tests.Testing;
using Ward.Core.Decisions;
using Ward.Core.Graph;

namespace Ward.Aws.Tests.Edges;

/// <summary>
/// <c>sts-001</c> when a role's trust policy names everyone (<c>{"AWS": "*"}</c> or <c>"Principal": "*"</c>): within
/// one account a resource-based policy naming the caller, or <c>*</c>, allows the request by itself, so a principal of
/// the role's account needs no identity policy allowing sts:AssumeRole. The scan draws the edge wherever the evaluator
/// (<c>ward can</c>) allows, with the trust's conditions as requirements. A trust naming the account delegates to
/// identity policies instead. Each scenario is its own estate: an open trust admits every principal of its account.
/// </summary>
public sealed class AssumeRoleOpenTrustTests
{
    private const string Account = "111122223333";
    private static readonly DateTimeOffset AsOf = new(2026, 3, 16, 9, 15, 0, TimeSpan.Zero);

    private static readonly Lazy<(AwsEdgeContext Context, IReadOnlyList<Edge> Edges)> Open = new(() => Build(
        [User("plain", "[]"), User("denied", DenyAssumeRole)],
        [Role("admin-open", """{"AWS": "*"}""", condition: null, admin: true), Role("app", """{"Service": "ec2.amazonaws.com"}""", condition: null, admin: false)]));

    private static readonly Lazy<(AwsEdgeContext Context, IReadOnlyList<Edge> Edges)> Everyone = new(() => Build(
        [User("plain", "[]")],
        [Role("admin-star", "\"*\"", condition: null, admin: true)]));

    private static readonly Lazy<(AwsEdgeContext Context, IReadOnlyList<Edge> Edges)> Conditioned = new(() => Build(
        [User("ops", "[]", tags: """[{"Key": "team", "Value": "ops"}]"""), User("dev", "[]", tags: """[{"Key": "team", "Value": "dev"}]""")],
        [
            Role("admin-ops", """{"AWS": "*"}""", condition: """{"StringEquals": {"aws:PrincipalTag/team": "ops"}}""", admin: true),
            Role("admin-for-dev-by-arn", """{"AWS": "*"}""", condition: $$$"""{"ArnEquals": {"aws:PrincipalArn": "{{{Arn("user/dev")}}}"}}""", admin: true),
        ]));

    private static readonly Lazy<(AwsEdgeContext Context, IReadOnlyList<Edge> Edges)> WithMfa = new(() => Build(
        [User("plain", "[]")],
        [Role("admin-mfa", """{"AWS": "*"}""", condition: """{"Bool": {"aws:MultiFactorAuthPresent": "true"}}""", admin: true)]));

    private static readonly Lazy<(AwsEdgeContext Context, IReadOnlyList<Edge> Edges)> AccountOnly = new(() => Build(
        [User("plain", "[]")],
        [Role("admin-root", $$"""{"AWS": "arn:aws:iam::{{Account}}:root"}""", condition: null, admin: true)]));

    [Fact]
    public void A_trust_open_to_every_aws_principal_lets_a_principal_of_the_account_in_without_any_identity_policy()
    {
        var (context, edges) = Open.Value;

        var edge = Assert.Single(edges, e => e.From.Value == Arn("user/plain"));
        Assert.Equal(("sts-001", Arn("role/admin-open")), (edge.Technique, edge.To.Value));
        Assert.Empty(edge.Requirements);
        Assert.Equal(DecisionKind.Allowed, context.Can(Principal(context, "user/plain"), "sts:AssumeRole", Arn("role/admin-open")).Kind);

        // A role of the account chains in the same way.
        Assert.Contains(edges, e => e.From.Value == Arn("role/app") && e.To.Value == Arn("role/admin-open") && e.Technique == "sts-001");
    }

    [Fact]
    public void A_trust_open_to_everyone_as_a_bare_star_lets_a_principal_of_the_account_in()
    {
        var (context, edges) = Everyone.Value;

        var edge = Assert.Single(edges, e => e.From.Value == Arn("user/plain"));
        Assert.Equal(("sts-001", Arn("role/admin-star")), (edge.Technique, edge.To.Value));
        Assert.Empty(edge.Requirements);
        Assert.Equal(DecisionKind.Allowed, context.Can(Principal(context, "user/plain"), "sts:AssumeRole", Arn("role/admin-star")).Kind);
    }

    [Fact]
    public void An_explicit_deny_in_the_principals_own_policy_still_wins_over_an_open_trust()
    {
        var (context, edges) = Open.Value;

        Assert.DoesNotContain(edges, e => e.From.Value == Arn("user/denied"));
        Assert.Equal(DecisionKind.ExplicitDeny, context.Can(Principal(context, "user/denied"), "sts:AssumeRole", Arn("role/admin-open")).Kind);
    }

    [Fact]
    public void An_open_trust_with_a_condition_on_what_the_export_tells_admits_exactly_the_principals_that_meet_it()
    {
        var (context, edges) = Conditioned.Value;

        // The tag condition: ops meets it, dev does not.
        var ops = Assert.Single(edges, e => e.From.Value == Arn("user/ops"));
        Assert.Equal(("sts-001", Arn("role/admin-ops")), (ops.Technique, ops.To.Value));
        Assert.Empty(ops.Requirements);
        Assert.Equal(DecisionKind.Allowed, context.Can(Principal(context, "user/ops"), "sts:AssumeRole", Arn("role/admin-ops")).Kind);
        Assert.Equal(DecisionKind.ImplicitDeny, context.Can(Principal(context, "user/dev"), "sts:AssumeRole", Arn("role/admin-ops")).Kind);

        // The ARN condition: dev meets it, ops does not.
        var dev = Assert.Single(edges, e => e.From.Value == Arn("user/dev"));
        Assert.Equal(("sts-001", Arn("role/admin-for-dev-by-arn")), (dev.Technique, dev.To.Value));
        Assert.Empty(dev.Requirements);
        Assert.Equal(DecisionKind.ImplicitDeny, context.Can(Principal(context, "user/ops"), "sts:AssumeRole", Arn("role/admin-for-dev-by-arn")).Kind);
    }

    [Fact]
    public void An_open_trust_with_a_condition_on_an_unknown_fact_gives_a_conditional_edge_that_names_it()
    {
        var (context, edges) = WithMfa.Value;

        var edge = Assert.Single(edges, e => e.From.Value == Arn("user/plain"));
        Assert.Equal(("sts-001", Arn("role/admin-mfa")), (edge.Technique, edge.To.Value));
        Assert.Contains(edge.Requirements, r => r.Contains("aws:MultiFactorAuthPresent", StringComparison.Ordinal));
        Assert.Equal(DecisionKind.Conditional, context.Can(Principal(context, "user/plain"), "sts:AssumeRole", Arn("role/admin-mfa")).Kind);
    }

    [Fact]
    public void A_trust_naming_the_account_needs_an_identity_policy()
    {
        var (context, edges) = AccountOnly.Value;

        Assert.DoesNotContain(edges, e => e.From.Value == Arn("user/plain"));
        Assert.Equal(DecisionKind.ImplicitDeny, context.Can(Principal(context, "user/plain"), "sts:AssumeRole", Arn("role/admin-root")).Kind);
        Assert.False(context.MayAllow(Principal(context, "user/plain"), "sts:AssumeRole"));
    }

    [Fact]
    public void The_prefilters_let_a_principal_of_the_account_through_for_the_open_role_only()
    {
        var (context, _) = Open.Value;
        var plain = Principal(context, "user/plain");

        Assert.True(context.MayAllow(plain, "sts:AssumeRole"));
        Assert.True(context.MayAllowOn(plain, "sts:AssumeRole", Arn("role/admin-open")));
        Assert.False(context.MayAllowOn(plain, "sts:AssumeRole", Arn("role/app")));

        // A principal of another account needs its own identity policy: the open trust alone is not enough.
        var outsider = Ward.Aws.Policy.Evaluation.AwsPrincipal.Parse("arn:aws:iam::444455556666:user/outsider");
        Assert.False(context.MayAllowOn(outsider, "sts:AssumeRole", Arn("role/admin-open")));
    }

    private static (AwsEdgeContext Context, IReadOnlyList<Edge> Edges) Build(string[] users, string[] roles)
    {
        using var folder = new ScratchFolder(("gaad.json", $$"""
            {"UserDetailList": [{{string.Join(",", users)}}], "GroupDetailList": [], "RoleDetailList": [{{string.Join(",", roles)}}], "Policies": [{{AdministratorAccess}}]}
            """));
        var estate = AwsEstateLoader.Load([folder.Path]);
        var graph = AwsGraphBuilder.Build(estate, AsOf);
        return (graph.Probes!, [.. graph.Graph.Edges]);
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

    private const string AdminAttachment = """{"PolicyName": "AdministratorAccess", "PolicyArn": "arn:aws:iam::aws:policy/AdministratorAccess"}""";

    private static string User(string name, string inline, string tags = "[]") => $$"""
        {"Path": "/", "UserName": "{{name}}", "UserId": "AIDA{{Id(name)}}", "Arn": "{{Arn($"user/{name}")}}", "CreateDate": "2024-01-01T00:00:00Z",
         "UserPolicyList": {{inline}}, "GroupList": [], "AttachedManagedPolicies": [], "Tags": {{tags}}}
        """;

    private static string Role(string name, string principal, string? condition, bool admin) => $$"""
        {"Path": "/", "RoleName": "{{name}}", "RoleId": "AROA{{Id(name)}}", "Arn": "{{Arn($"role/{name}")}}", "CreateDate": "2024-01-01T00:00:00Z",
         "AssumeRolePolicyDocument": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {{principal}}, "Action": "sts:AssumeRole"{{(condition is null ? string.Empty : $", \"Condition\": {condition}")}}}]},
         "InstanceProfileList": [], "RolePolicyList": [],
         "AttachedManagedPolicies": [{{(admin ? AdminAttachment : string.Empty)}}],
         "Tags": [], "RoleLastUsed": {} }
        """;

    private static string Id(string name) => name.ToUpperInvariant().Replace("-", string.Empty, StringComparison.Ordinal).PadRight(17, 'X');
}
