using Ward.Analysis;
using Ward.Aws.Ingest;
using Ward.Core.Graph;

namespace Ward.Cli.Tests.Rules;

/// <summary>
/// Rewriting a role's trust policy (iam:UpdateAssumeRolePolicy: <c>iam-012</c>, and with a policy change
/// <c>iam-019</c>, <c>iam-020</c>, <c>iam-021</c>) ends in sts:AssumeRole, decided against the role with the rewritten
/// trust naming the principal. Within the account that trust needs no identity grant, and for a user it is not limited
/// by the user's permissions boundary; for a role it is (IAM user guide, "Permissions boundaries for IAM entities",
/// resource-based policies). An explicit Deny of the assumption refuses it whatever the trust says (IAM user guide,
/// "Policy evaluation logic"). The step is on the path with the statement that allows it.
/// </summary>
/// <remarks>SCP twins, and a Deny twin of each technique, are in <see cref="TechniqueTwinTests"/>.</remarks>
public sealed class TrustRewriteAssumptionTests
{
    private const string Account = "123400004321";
    private static readonly DateTimeOffset AsOf = new(2026, 3, 16, 9, 15, 0, TimeSpan.Zero);
    private static readonly string AdminRole = $"arn:aws:iam::{Account}:role/admin-role";
    private static readonly string OtherAdminRole = $"arn:aws:iam::{Account}:role/other-admin-role";
    private static readonly string RewriteOnly = $"arn:aws:iam::{Account}:policy/boundaries/RewriteOnly";

    private static readonly string Rewrite = """{"Effect":"Allow","Action":"iam:UpdateAssumeRolePolicy","Resource":"arn:aws:iam::123400004321:role/admin-role"}""";

    private static readonly Lazy<ScanResult> Scan = new(() =>
    {
        var folder = Directory.CreateTempSubdirectory("ward-trust-rewrite-").FullName;
        var denyThisRole = """,{"Effect":"Deny","Action":"sts:AssumeRole","Resource":"arn:aws:iam::123400004321:role/admin-role"}""";
        var denyAnotherRole = """,{"Effect":"Deny","Action":"sts:AssumeRole","Resource":"arn:aws:iam::123400004321:role/other-admin-role"}""";
        File.WriteAllText(Path.Combine(folder, "gaad.json"), $$"""
            {"UserDetailList": [
               {{GaadJson.User(Account, "rewriter", Rewrite)}},
               {{GaadJson.User(Account, "bounded-rewriter", Rewrite, boundary: RewriteOnly)}},
               {{GaadJson.User(Account, "denied-this-role", Rewrite + denyThisRole)}},
               {{GaadJson.User(Account, "denied-another-role", Rewrite + denyAnotherRole)}}],
             "GroupDetailList": [],
             "RoleDetailList": [
               {{Role("admin-role", 1, """{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"}""", """{"Effect":"Allow","Action":"*","Resource":"*"}""")}},
               {{Role("other-admin-role", 2, """{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"}""", """{"Effect":"Allow","Action":"*","Resource":"*"}""")}},
               {{Role("bounded-rewriter-role", 3, """{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"}""", Rewrite, RewriteOnly)}}],
             "Policies": [
               {"PolicyName": "RewriteOnly", "PolicyId": "ANPA00000000000000001", "Arn": "{{RewriteOnly}}", "Path": "/boundaries/", "DefaultVersionId": "v1",
                "AttachmentCount": 0, "PermissionsBoundaryUsageCount": 2, "IsAttachable": true, "CreateDate": "2024-01-01T00:00:00Z", "UpdateDate": "2024-01-01T00:00:00Z",
                "PolicyVersionList": [{"Document": {"Version": "2012-10-17", "Statement": [{"Effect":"Allow","Action":["iam:UpdateAssumeRolePolicy","s3:GetObject"],"Resource":"*"}]}, "VersionId": "v1", "IsDefaultVersion": true, "CreateDate": "2024-01-01T00:00:00Z"}]}]}
            """);
        return Scanner.Scan(AwsEstateLoader.Load([folder]), AsOf);
    });

    [Fact]
    public void The_path_lists_the_assumption_allowed_by_the_rewritten_trust()
    {
        var finding = Assert.Single(FindingsOf("user/rewriter"), f => f.RuleId == "privilege-escalation");

        Assert.Equal("Critical", finding.Severity.ToString());
        var step = Assert.Single(finding.Path);
        Assert.Equal(("iam-012", AdminRole), (step.Technique, step.To));
        Assert.Equal(["iam:UpdateAssumeRolePolicy", "sts:AssumeRole"], step.Permissions.Select(p => p.Action), StringComparer.Ordinal);
        var assume = step.Permissions[1];
        Assert.Equal(AdminRole, assume.Resource);
        Assert.Contains("the role's trust policy as rewritten to name rewriter", assume.GrantedBy, StringComparison.Ordinal);
    }

    [Fact]
    public void A_users_boundary_does_not_limit_a_trust_that_names_the_user()
    {
        // The boundary allows only rewriting trusts and reading objects, not sts:AssumeRole: the rewritten trust names
        // the user's ARN, which the boundary does not limit within the account.
        var finding = Assert.Single(FindingsOf("user/bounded-rewriter"), f => f.RuleId == "privilege-escalation");

        Assert.Equal("iam-012", Assert.Single(finding.Path).Technique);
    }

    [Fact]
    public void A_roles_boundary_limits_a_trust_that_names_the_role()
    {
        Assert.DoesNotContain(EdgesFrom("role/bounded-rewriter-role"), e => e.Technique == "iam-012");
        Assert.DoesNotContain(FindingsOf("role/bounded-rewriter-role"), f => f.RuleId == "privilege-escalation");
    }

    [Fact]
    public void A_deny_of_assuming_the_rewritten_role_leaves_no_path()
    {
        Assert.DoesNotContain(EdgesFrom("user/denied-this-role"), e => e.Technique == "iam-012");
        Assert.DoesNotContain(FindingsOf("user/denied-this-role"), f => f.RuleId == "privilege-escalation");
    }

    [Fact]
    public void A_deny_of_assuming_another_role_does_not_stand_in_the_way()
    {
        var edge = Assert.Single(EdgesFrom("user/denied-another-role"), e => e.Technique == "iam-012");

        Assert.Equal(AdminRole, edge.To.Value);
    }

    private static string Arn(string principal) => $"arn:aws:iam::{Account}:{principal}";

    private static List<Finding> FindingsOf(string principal) => [.. Scan.Value.Findings.Where(f => f.Principal == Arn(principal))];

    private static List<Edge> EdgesFrom(string principal) => [.. Scan.Value.Graph.Graph.Edges.Where(e => e.From.Value == Arn(principal))];

    private static string Role(string name, int id, string trust, string statements, string? boundary = null) => $$"""
        {"Path": "/", "RoleName": "{{name}}", "RoleId": "AROA{{id:D17}}", "Arn": "{{Arn($"role/{name}")}}", "CreateDate": "2024-01-01T00:00:00Z",
         "AssumeRolePolicyDocument": {"Version": "2012-10-17", "Statement": [{{trust}}]},
         {{(boundary is null ? string.Empty : $"\"PermissionsBoundary\": {{\"PermissionsBoundaryType\": \"Policy\", \"PermissionsBoundaryArn\": \"{boundary}\"}},")}}
         "InstanceProfileList": [], "RolePolicyList": [{"PolicyName": "duties", "PolicyDocument": {"Version": "2012-10-17", "Statement": [{{statements}}]} }],
         "AttachedManagedPolicies": [], "Tags": [], "RoleLastUsed": {} }
        """;
}
