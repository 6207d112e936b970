using Ward.Analysis;
using Ward.Aws.Ingest;

namespace Ward.Cli.Tests.Rules;

/// <summary>
/// <c>ward-sso-assignment</c>: Identity Center administration from the management account leads to admin in every
/// member account; the same permissions in a member account, or with the assignment denied, do not.
/// </summary>
public sealed class IdentityCenterEdgeTests
{
    private const string Management = "111100002222";
    private const string Member = "333300004444";
    private static readonly DateTimeOffset AsOf = new(2026, 3, 16, 9, 15, 0, TimeSpan.Zero);
    private static readonly Lazy<ScanResult> Scan = new(() =>
    {
        var folder = Directory.CreateTempSubdirectory("ward-sso-").FullName;
        Directory.CreateDirectory(Path.Combine(folder, Management));
        Directory.CreateDirectory(Path.Combine(folder, Member));
        File.WriteAllText(Path.Combine(folder, Management, "gaad.json"), Gaad(Management, ("sso-operator", Operator), ("sso-operator-denied", Operator + "," + DenyAssignment), ("sso-reader", Reader)));
        File.WriteAllText(Path.Combine(folder, Member, "gaad.json"), Gaad(Member, ("member-sso-operator", Operator)));
        File.WriteAllText(Path.Combine(folder, "organization.json"), Organization());
        return Scanner.Scan(AwsEstateLoader.Load([folder]), AsOf);
    });

    private const string Operator = """{"Effect":"Allow","Action":["sso:CreatePermissionSet","sso:AttachManagedPolicyToPermissionSet","sso:ProvisionPermissionSet","sso:CreateAccountAssignment","sso:List*","sso:Describe*"],"Resource":"*"}""";
    private const string DenyAssignment = """{"Effect":"Deny","Action":"sso:CreateAccountAssignment","Resource":"*"}""";
    private const string Reader = """{"Effect":"Allow","Action":["sso:List*","sso:Describe*"],"Resource":"*"}""";

    [Fact]
    public void A_management_account_operator_can_escalate_through_identity_center_under_its_requirements()
    {
        var finding = Assert.Single(Scan.Value.Findings, f => f.RuleId == "privilege-escalation" && f.Principal.EndsWith(":user/sso-operator", StringComparison.Ordinal));
        var step = Assert.Single(finding.Path);
        Assert.Equal("ward-sso-assignment", step.Technique);
        Assert.Contains(step.Requirements, r => r.Contains("Identity Center is enabled", StringComparison.Ordinal));
        Assert.Equal(Severity.Medium, finding.Severity);
    }

    [Theory]
    [InlineData("sso-operator-denied")]
    [InlineData("sso-reader")]
    [InlineData("member-sso-operator")]
    public void Without_every_permission_or_outside_the_management_account_there_is_no_such_path(string user)
    {
        Assert.DoesNotContain(Scan.Value.Graph.Graph.Edges, e => e.Technique == "ward-sso-assignment" && e.From.Value.EndsWith($":user/{user}", StringComparison.Ordinal));
    }

    private static string Gaad(string account, params (string Name, string Statements)[] users) => $$"""
        {"UserDetailList": [{{string.Join(",", users.Select(u => User(account, u.Name, u.Statements)))}}], "GroupDetailList": [], "RoleDetailList": [], "Policies": []}
        """;

    private static string User(string account, string name, string statements) => $$$"""
        {"Path": "/", "UserName": "{{{name}}}", "UserId": "AIDA{{{name.Length:D17}}}", "Arn": "arn:aws:iam::{{{account}}}:user/{{{name}}}", "CreateDate": "2024-01-01T00:00:00Z",
         "UserPolicyList": [{"PolicyName": "sso", "PolicyDocument": {"Version": "2012-10-17", "Statement": [{{{statements}}}]}}], "GroupList": [], "AttachedManagedPolicies": [], "Tags": []}
        """;

    private static string Organization() => $$"""
        {
          "Organization": {"Id": "o-ssotest001", "Arn": "arn:aws:organizations::{{Management}}:organization/o-ssotest001", "FeatureSet": "ALL", "MasterAccountId": "{{Management}}"},
          "Roots": [{"Id": "r-sso1", "Name": "Root", "PolicyTypes": [{"Type": "SERVICE_CONTROL_POLICY", "Status": "ENABLED"}]}],
          "OrganizationalUnits": [],
          "Accounts": [
            {"Id": "{{Management}}", "Name": "management", "Status": "ACTIVE", "ParentId": "r-sso1"},
            {"Id": "{{Member}}", "Name": "member", "Status": "ACTIVE", "ParentId": "r-sso1"}
          ],
          "Policies": [
            {"PolicySummary": {"Id": "p-FullAWSAccess", "Name": "FullAWSAccess", "Type": "SERVICE_CONTROL_POLICY", "AwsManaged": true},
             "Content": "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\"}]}",
             "Targets": [{"TargetId": "r-sso1", "Type": "ROOT"}]}
          ]
        }
        """;
}
