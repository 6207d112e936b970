using Ward.Analysis;
using Ward.Aws.Ingest;
using Ward.Core.Graph;
using Ward.Core.Model;

namespace Ward.Cli.Tests.Rules;

/// <summary>
/// <c>iam-013</c> (iam:AddUserToGroup): joining an administrators group gives the user the group's policies, and its
/// own permissions boundary still caps them (IAM user guide, "Permissions boundaries for IAM entities"), as its own
/// denies still refuse what they name. So the group is a way to admin only for a user that is admin-equivalent with
/// the group's policies added to its own; and a user already in the group gains nothing by joining it.
/// </summary>
public sealed class GroupMembershipWithinBoundaryTests
{
    private const string Account = "123400005678";
    private static readonly DateTimeOffset AsOf = new(2026, 3, 16, 9, 15, 0, TimeSpan.Zero);
    private static readonly string Admins = $"arn:aws:iam::{Account}:group/admins";
    private static readonly string JoinAndStorage = $"arn:aws:iam::{Account}:policy/boundaries/JoinAndStorage";
    private static readonly string Everything = $"arn:aws:iam::{Account}:policy/boundaries/Everything";
    private static readonly string EverythingWithMfa = $"arn:aws:iam::{Account}:policy/boundaries/EverythingWithMfa";

    private const string Join = """{"Effect":"Allow","Action":"iam:AddUserToGroup","Resource":"arn:aws:iam::123400005678:group/admins"}""";

    private static readonly Lazy<ScanResult> Scan = new(() =>
    {
        var folder = Directory.CreateTempSubdirectory("ward-group-boundary-").FullName;
        File.WriteAllText(Path.Combine(folder, "gaad.json"), $$"""
            {"UserDetailList": [
               {{User("joiner", 1)}},
               {{User("uncapped-joiner", 2, boundary: Everything)}},
               {{User("capped-joiner", 3, boundary: JoinAndStorage)}},
               {{User("capped-member", 4, boundary: JoinAndStorage, group: "admins")}},
               {{User("guarded-joiner", 5, more: """,{"Effect":"Deny","NotAction":"iam:AddUserToGroup","Resource":"*"}""")}},
               {{User("joiner-with-mfa", 6, boundary: EverythingWithMfa)}}],
             "GroupDetailList": [
               {"Path": "/", "GroupName": "admins", "GroupId": "AGPA00000000000000001", "Arn": "{{Admins}}", "CreateDate": "2024-01-01T00:00:00Z",
                "GroupPolicyList": [], "AttachedManagedPolicies": [{"PolicyName": "AdministratorAccess", "PolicyArn": "arn:aws:iam::aws:policy/AdministratorAccess"}]}],
             "RoleDetailList": [],
             "Policies": [
               {{Policy("arn:aws:iam::aws:policy/AdministratorAccess", 1, """{"Effect":"Allow","Action":"*","Resource":"*"}""")}},
               {{Policy(JoinAndStorage, 2, """{"Effect":"Allow","Action":["iam:AddUserToGroup","s3:*"],"Resource":"*"}""")}},
               {{Policy(Everything, 3, """{"Effect":"Allow","Action":"*","Resource":"*"}""")}},
               {{Policy(EverythingWithMfa, 4, """{"Effect":"Allow","Action":"iam:AddUserToGroup","Resource":"*"},{"Effect":"Allow","Action":"*","Resource":"*","Condition":{"Bool":{"aws:MultiFactorAuthPresent":"true"}}}""")}}]}
            """);
        return Scanner.Scan(AwsEstateLoader.Load([folder]), AsOf);
    });

    [Theory]
    [InlineData("joiner")]
    [InlineData("uncapped-joiner")] // a boundary that allows everything caps nothing
    public void A_user_whose_boundary_lets_the_group_policies_through_becomes_admin_by_joining(string user)
    {
        var finding = Assert.Single(FindingsOf(user), f => f.RuleId == "privilege-escalation");

        Assert.Equal("Critical", finding.Severity.ToString());
        var step = Assert.Single(finding.Path);
        Assert.Equal(("iam-013", Admins), (step.Technique, step.To));
        Assert.Empty(step.Requirements);
    }

    [Fact]
    public void A_boundary_that_caps_the_user_makes_joining_the_administrators_no_way_to_admin()
    {
        // The group is admin-equivalent for a member without a boundary: this user's boundary allows only joining
        // groups and S3, so it would end with no more than that.
        Assert.True(Scan.Value.Graph.Graph.Nodes[new PrincipalId(Admins)].IsAdmin);
        Assert.DoesNotContain(FindingsOf("capped-joiner"), f => f.RuleId == "privilege-escalation");
        Assert.DoesNotContain(EdgesFrom("capped-joiner"), e => e.Technique == "iam-013");
    }

    [Fact]
    public void A_member_gains_nothing_by_joining_its_own_group_again()
    {
        var member = Scan.Value.Graph.Graph.Nodes[new PrincipalId(Arn("capped-member"))];

        Assert.False(member.IsAdmin);
        Assert.DoesNotContain(EdgesFrom("capped-member"), e => e.Technique == "iam-013");
        Assert.DoesNotContain(FindingsOf("capped-member"), f => f.RuleId == "privilege-escalation");
    }

    [Fact]
    public void The_users_own_deny_still_refuses_what_the_group_allows()
    {
        Assert.DoesNotContain(EdgesFrom("guarded-joiner"), e => e.Technique == "iam-013");
        Assert.DoesNotContain(FindingsOf("guarded-joiner"), f => f.RuleId == "privilege-escalation");
    }

    [Fact]
    public void A_boundary_that_allows_everything_only_with_MFA_makes_joining_conditional_on_it()
    {
        var finding = Assert.Single(FindingsOf("joiner-with-mfa"), f => f.RuleId == "privilege-escalation");

        Assert.Equal("Medium", finding.Severity.ToString());
        var step = Assert.Single(finding.Path);
        Assert.Equal("iam-013", step.Technique);
        Assert.Contains(step.Requirements, r => r.Contains("aws:MultiFactorAuthPresent", StringComparison.Ordinal) && r.Contains("once in `admins`", StringComparison.Ordinal));
    }

    private static string Arn(string user) => $"arn:aws:iam::{Account}:user/{user}";

    private static List<Finding> FindingsOf(string user) => [.. Scan.Value.Findings.Where(f => f.Principal == Arn(user))];

    private static List<Edge> EdgesFrom(string user) => [.. Scan.Value.Graph.Graph.Edges.Where(e => e.From.Value == Arn(user))];

    private static string User(string name, int id, string? boundary = null, string? group = null, string more = "") => $$"""
        {"Path": "/", "UserName": "{{name}}", "UserId": "AIDA{{id:D17}}", "Arn": "{{Arn(name)}}", "CreateDate": "2024-01-01T00:00:00Z",
         {{(boundary is null ? string.Empty : $"\"PermissionsBoundary\": {{\"PermissionsBoundaryType\": \"Policy\", \"PermissionsBoundaryArn\": \"{boundary}\"}},")}}
         "UserPolicyList": [{"PolicyName": "duties", "PolicyDocument": {"Version": "2012-10-17", "Statement": [{{Join}}{{more}}]} }],
         "GroupList": [{{(group is null ? string.Empty : $"\"{group}\"")}}], "AttachedManagedPolicies": [], "Tags": []}
        """;

    private static string Policy(string arn, int id, string statements) => $$"""
        {"PolicyName": "{{arn[(arn.LastIndexOf('/') + 1)..]}}", "PolicyId": "ANPA{{id:D17}}", "Arn": "{{arn}}", "Path": "/", "DefaultVersionId": "v1",
         "AttachmentCount": 1, "PermissionsBoundaryUsageCount": 0, "IsAttachable": true, "CreateDate": "2024-01-01T00:00:00Z", "UpdateDate": "2024-01-01T00:00:00Z",
         "PolicyVersionList": [{"Document": {"Version": "2012-10-17", "Statement": [{{statements}}]}, "VersionId": "v1", "IsDefaultVersion": true, "CreateDate": "2024-01-01T00:00:00Z"}]}
        """;
}
