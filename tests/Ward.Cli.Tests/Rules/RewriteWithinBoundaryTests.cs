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
               {{GaadJson.User(Account, "attaches-read-only", """{"Effect":"Allow","Action":"iam:AttachUserPolicy","Resource":"*","Condition":{"ArnEquals":{"iam:PolicyARN":"arn:aws:iam::aws:policy/ReadOnlyAccess"}}}""")}}],
             "GroupDetailList": [], "RoleDetailList": [],
             "Policies": [
               {{Boundary(S3Only, 1, """{"Effect":"Allow","Action":["s3:*","iam:PutUserPolicy"],"Resource":"*"}""")}},
               {{Boundary(Everything, 2, """{"Effect":"Allow","Action":"*","Resource":"*"}""")}},
               {{Boundary(MfaEverything, 3, """{"Effect":"Allow","Action":"iam:PutUserPolicy","Resource":"*"},{"Effect":"Allow","Action":"*","Resource":"*","Condition":{"Bool":{"aws:MultiFactorAuthPresent":"true"}}}""")}}]}
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

        // Only ReadOnlyAccess: neither administrator policy may be attached, so no certain path
        Assert.DoesNotContain(FindingsOf("attaches-read-only"), f => f.RuleId == "privilege-escalation" && f.Severity.ToString() == "Critical");
    }

    private static List<Finding> FindingsOf(string user) =>
        [.. Scan.Value.Findings.Where(f => f.Principal == $"arn:aws:iam::{Account}:user/{user}")];

    private static string Boundary(string arn, int id, string statements) => $$"""
        {"PolicyName": "{{arn[(arn.LastIndexOf('/') + 1)..]}}", "PolicyId": "ANPA{{id:D17}}", "Arn": "{{arn}}", "Path": "/boundaries/", "DefaultVersionId": "v1",
         "AttachmentCount": 0, "PermissionsBoundaryUsageCount": 1, "IsAttachable": true, "CreateDate": "2024-01-01T00:00:00Z", "UpdateDate": "2024-01-01T00:00:00Z",
         "PolicyVersionList": [{"Document": {"Version": "2012-10-17", "Statement": [{{statements}}]}, "VersionId": "v1", "IsDefaultVersion": true, "CreateDate": "2024-01-01T00:00:00Z"}]}
        """;
}
