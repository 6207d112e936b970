using Ward.Analysis;
using Ward.Aws.Ingest;

namespace Ward.Cli.Tests.Rules;

/// <summary>
/// Techniques that grant their target arbitrary identity permissions (a policy put on it or on its group, a policy
/// version rewritten) leave its permissions boundary in place: the target ends with what the boundary allows, so it is
/// admin only if the boundary allows everything (IAM user guide, "Permissions boundaries for IAM entities").
/// </summary>
public sealed class RewriteWithinBoundaryTests
{
    private const string Account = "123400009876";
    private static readonly DateTimeOffset AsOf = new(2026, 3, 16, 9, 15, 0, TimeSpan.Zero);
    private static readonly string S3Only = $"arn:aws:iam::{Account}:policy/boundaries/S3AndSelfService";
    private static readonly string Everything = $"arn:aws:iam::{Account}:policy/boundaries/Everything";
    private static readonly string MfaEverything = $"arn:aws:iam::{Account}:policy/boundaries/EverythingWithMfa";
    private static readonly string OpsAdmin = $"arn:aws:iam::{Account}:policy/ops-admin";
    private static readonly string TeamReaders = $"arn:aws:iam::{Account}:policy/team-readers";
    private static readonly string TeamIam = $"arn:aws:iam::{Account}:policy/team-iam";
    private static readonly string TeamAdminWithMfa = $"arn:aws:iam::{Account}:policy/team-admin-with-mfa";

    // Attaching to oneself, allowed only for the policies the condition on iam:PolicyARN admits.
    private static string AttachOnly(string condition) => """{"Effect":"Allow","Action":"iam:AttachUserPolicy","Resource":"*","Condition":""" + condition + "}";

    private static string ArnIs(string @operator, string policy, string more = "") => "{\"" + @operator + "\":{\"iam:PolicyARN\":\"" + policy + "\"}" + more + "}";

    private const string FromTheOffice = ""","IpAddress":{"aws:SourceIp":"192.0.2.0/24"}""";

    private const string CreatePolicies = """,{"Effect":"Allow","Action":"iam:CreatePolicy","Resource":"*"}""";

    private const string PutOwnPolicy = """{"Effect":"Allow","Action":"iam:PutUserPolicy","Resource":"arn:aws:iam::123400009876:user/${aws:username}"}""";

    // The IAM user guide's delegated administration: IAM changes only on entities that carry a given boundary.
    private const string DelegatedAdministration = """{"Effect":"Allow","Action":["iam:PutUserPolicy","iam:AttachUserPolicy"],"Resource":"*","Condition":{"StringEquals":{"iam:PermissionsBoundary":"arn:aws:iam::123400009876:policy/boundaries/Everything"}}}""";

    private static readonly Lazy<ScanResult> Scan = new(() =>
    {
        var folder = Directory.CreateTempSubdirectory("ward-rewrite-boundary-").FullName;
        File.WriteAllText(Path.Combine(folder, "gaad.json"), $$"""
            {"UserDetailList": [
               {{GaadJson.User(Account, "capped", PutOwnPolicy, boundary: S3Only)}},
               {{GaadJson.User(Account, "uncapped", PutOwnPolicy, boundary: Everything)}},
               {{GaadJson.User(Account, "capped-without-mfa", PutOwnPolicy, boundary: MfaEverything)}},
               {{GaadJson.User(Account, "unbounded", PutOwnPolicy)}},
               {{GaadJson.User(Account, "delegated-without-boundary", DelegatedAdministration)}},
               {{GaadJson.User(Account, "delegated-with-boundary", DelegatedAdministration, boundary: Everything)}},
               {{GaadJson.User(Account, "attaches-anything-but-admin", """{"Effect":"Allow","Action":"iam:AttachUserPolicy","Resource":"*","Condition":{"ArnNotEquals":{"iam:PolicyARN":"arn:aws:iam::aws:policy/AdministratorAccess"}}}""")}},
               {{GaadJson.User(Account, "attaches-read-only", """{"Effect":"Allow","Action":"iam:AttachUserPolicy","Resource":"*","Condition":{"ArnEquals":{"iam:PolicyARN":"arn:aws:iam::aws:policy/ReadOnlyAccess"}}}""")}},
               {{GaadJson.User(Account, "attaches-read-only-and-creates-policies", AttachOnly(ArnIs("ArnEquals", "arn:aws:iam::aws:policy/ReadOnlyAccess")) + CreatePolicies)}},
               {{GaadJson.User(Account, "attaches-ops-admin", AttachOnly(ArnIs("ArnEquals", OpsAdmin)))}},
               {{GaadJson.User(Account, "attaches-ops-admin-from-the-office", AttachOnly(ArnIs("ArnEquals", OpsAdmin, FromTheOffice)))}},
               {{GaadJson.User(Account, "attaches-team-policies", AttachOnly(ArnIs("ArnLike", $"arn:aws:iam::{Account}:policy/team-*")))}},
               {{GaadJson.User(Account, "attaches-team-readers", AttachOnly(ArnIs("ArnEquals", TeamReaders)))}},
               {{GaadJson.User(Account, "attaches-team-admin-with-mfa", AttachOnly(ArnIs("ArnEquals", TeamAdminWithMfa)))}}],
             "GroupDetailList": [], "RoleDetailList": [],
             "Policies": [
               {{Boundary(S3Only, 1, """{"Effect":"Allow","Action":["s3:*","iam:PutUserPolicy"],"Resource":"*"}""")}},
               {{Boundary(Everything, 2, """{"Effect":"Allow","Action":"*","Resource":"*"}""")}},
               {{Boundary(MfaEverything, 3, """{"Effect":"Allow","Action":"iam:PutUserPolicy","Resource":"*"},{"Effect":"Allow","Action":"*","Resource":"*","Condition":{"Bool":{"aws:MultiFactorAuthPresent":"true"}}}""")}},
               {{Boundary(OpsAdmin, 4, """{"Effect":"Allow","Action":"*","Resource":"*"}""")}},
               {{Boundary(TeamReaders, 5, """{"Effect":"Allow","Action":["s3:Get*","s3:List*"],"Resource":"*"}""")}},
               {{Boundary(TeamIam, 6, """{"Effect":"Allow","Action":"iam:*","Resource":"*"}""")}},
               {{Boundary(TeamAdminWithMfa, 7, """{"Effect":"Allow","Action":"*","Resource":"*","Condition":{"Bool":{"aws:MultiFactorAuthPresent":"true"}}}""")}}]}
            """);
        return Scanner.Scan(AwsEstateLoader.Load([folder]), AsOf);
    });

    [Theory]
    [InlineData("unbounded", "Critical")]
    [InlineData("uncapped", "Critical")]
    public void A_boundary_that_allows_everything_leaves_the_rewrite_a_way_to_admin(string user, string severity)
    {
        var finding = Assert.Single(FindingsOf(user), f => f.RuleId == "privilege-escalation");
        Assert.Equal(severity, finding.Severity.ToString());
    }

    [Fact]
    public void A_boundary_that_caps_the_user_makes_the_rewrite_no_way_to_admin()
    {
        Assert.DoesNotContain(FindingsOf("capped"), f => f.RuleId == "privilege-escalation");
        Assert.DoesNotContain(Scan.Value.Graph.Graph.Edges, e => e.From.Value.EndsWith("user/capped", StringComparison.Ordinal));
    }

    [Fact]
    public void A_boundary_that_allows_everything_only_with_MFA_makes_the_rewrite_conditional_on_it()
    {
        var finding = Assert.Single(FindingsOf("capped-without-mfa"), f => f.RuleId == "privilege-escalation");
        Assert.Equal("Medium", finding.Severity.ToString());
        var step = Assert.Single(finding.Path);
        Assert.Contains(step.Requirements, r => r.Contains("aws:MultiFactorAuthPresent", StringComparison.Ordinal) && r.Contains("within its permissions boundary", StringComparison.Ordinal));
    }

    [Fact]
    public void A_grant_limited_to_entities_with_a_boundary_does_not_reach_an_entity_without_one()
    {
        // The export says which boundary each user has, and that this one has none: iam:PermissionsBoundary is absent.
        Assert.DoesNotContain(FindingsOf("delegated-without-boundary"), f => f.RuleId == "privilege-escalation");

        // With the named boundary (here one that allows everything), the grant applies and the rewrite is a way to admin
        var finding = Assert.Single(FindingsOf("delegated-with-boundary"), f => f.RuleId == "privilege-escalation");
        Assert.Equal("Critical", finding.Severity.ToString());
    }

    [Fact]
    public void The_caller_picks_the_policy_it_attaches()
    {
        // Anything but AdministratorAccess still lets it attach IAMFullAccess, full control of IAM: a certain path
        var finding = Assert.Single(FindingsOf("attaches-anything-but-admin"), f => f.RuleId == "privilege-escalation");
        Assert.Equal("Critical", finding.Severity.ToString());

        // Only ReadOnlyAccess: no policy that makes the user admin may be attached, so no path at all (not even a
        // conditional one: the condition is decided for every such policy the export holds)
        Assert.DoesNotContain(FindingsOf("attaches-read-only"), f => f.RuleId == "privilege-escalation");
        Assert.DoesNotContain(Scan.Value.Graph.Graph.Edges, e => e.From.Value.EndsWith("user/attaches-read-only", StringComparison.Ordinal));
    }

    [Fact]
    public void A_grant_for_one_customer_policy_that_allows_everything_is_a_certain_path_naming_it()
    {
        var finding = Assert.Single(FindingsOf("attaches-ops-admin"), f => f.RuleId == "privilege-escalation");
        Assert.Equal("Critical", finding.Severity.ToString());
        var step = Assert.Single(finding.Path);
        Assert.Empty(step.Requirements);
        Assert.Contains($"attaching `{OpsAdmin}`", step.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void A_grant_for_a_family_of_customer_policies_is_certain_when_one_of_them_gives_full_control_of_IAM()
    {
        // team-readers is harmless, team-iam allows iam:* on *: the caller attaches that one
        var finding = Assert.Single(FindingsOf("attaches-team-policies"), f => f.RuleId == "privilege-escalation");
        Assert.Equal("Critical", finding.Severity.ToString());
        Assert.Contains($"attaching `{TeamIam}`", Assert.Single(finding.Path).Description, StringComparison.Ordinal);

        // A grant for the harmless one alone gives no path
        Assert.DoesNotContain(FindingsOf("attaches-team-readers"), f => f.RuleId == "privilege-escalation");
    }

    [Fact]
    public void The_attach_stays_conditional_where_Ward_cannot_decide_it()
    {
        // A condition on the source IP beside the one on the policy: Ward cannot know it
        var office = Assert.Single(FindingsOf("attaches-ops-admin-from-the-office"), f => f.RuleId == "privilege-escalation");
        Assert.Equal("Medium", office.Severity.ToString());
        Assert.Contains(Assert.Single(office.Path).Requirements, r => r.Contains("aws:SourceIp", StringComparison.Ordinal));

        // The only policy it may attach grants everything only with MFA
        var mfa = Assert.Single(FindingsOf("attaches-team-admin-with-mfa"), f => f.RuleId == "privilege-escalation");
        Assert.Equal("Medium", mfa.Severity.ToString());

        // It may create policies: one it creates is not in the export, and might be admitted
        var creates = Assert.Single(FindingsOf("attaches-read-only-and-creates-policies"), f => f.RuleId == "privilege-escalation");
        Assert.Equal("Medium", creates.Severity.ToString());
    }

    private static List<Finding> FindingsOf(string user) =>
        [.. Scan.Value.Findings.Where(f => f.Principal == $"arn:aws:iam::{Account}:user/{user}")];

    private static string Boundary(string arn, int id, string statements) => $$"""
        {"PolicyName": "{{arn[(arn.LastIndexOf('/') + 1)..]}}", "PolicyId": "ANPA{{id:D17}}", "Arn": "{{arn}}", "Path": "/boundaries/", "DefaultVersionId": "v1",
         "AttachmentCount": 0, "PermissionsBoundaryUsageCount": 1, "IsAttachable": true, "CreateDate": "2024-01-01T00:00:00Z", "UpdateDate": "2024-01-01T00:00:00Z",
         "PolicyVersionList": [{"Document": {"Version": "2012-10-17", "Statement": [{{statements}}]}, "VersionId": "v1", "IsDefaultVersion": true, "CreateDate": "2024-01-01T00:00:00Z"}]}
        """;
}
