using Ward.Analysis;
using Ward.Aws.Ingest;

namespace Ward.Cli.Tests.Rules;

/// <summary>
/// <c>ward-sso-assignment</c>: Identity Center administration from the management account leads to admin in every
/// member account; the same permissions in a member account, or with the assignment denied, do not. Without an
/// Identity Center export the edge is conditional on Identity Center being enabled; with one, it is decided from it
/// (an instance or none, the delegated administrators it lists).
/// </summary>
public sealed class IdentityCenterEdgeTests
{
    private const string Management = "111100002222";
    private const string Member = "333300004444";
    private static readonly DateTimeOffset AsOf = new(2026, 3, 16, 9, 15, 0, TimeSpan.Zero);
    private const string Instance = "arn:aws:sso:::instance/ssoins-7223a1b2c3d4e5f6";
    private static readonly Lazy<ScanResult> Scan = new(() => ScanWith(identityCenter: null));

    /// <summary>Scans the estate; <paramref name="identityCenter"/> is identity-center.json, or null to leave it out.</summary>
    private static ScanResult ScanWith(string? identityCenter)
    {
        var folder = Directory.CreateTempSubdirectory("ward-sso-").FullName;
        Directory.CreateDirectory(Path.Combine(folder, Management));
        Directory.CreateDirectory(Path.Combine(folder, Member));
        File.WriteAllText(Path.Combine(folder, Management, "gaad.json"), Gaad(Management, ("sso-operator", Operator), ("sso-operator-denied", Operator + "," + DenyAssignment), ("sso-reader", Reader)));
        File.WriteAllText(Path.Combine(folder, Member, "gaad.json"), Gaad(Member, ("member-sso-operator", Operator)));
        File.WriteAllText(Path.Combine(folder, "organization.json"), Organization());
        if (identityCenter is not null)
        {
            File.WriteAllText(Path.Combine(folder, "identity-center.json"), identityCenter);
        }

        return Scanner.Scan(AwsEstateLoader.Load([folder]), AsOf);
    }

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

    [Fact]
    public void With_the_export_the_instance_is_decided_and_the_user_remains_a_requirement()
    {
        var scan = ScanWith(IdentityCenter(delegatedTo: null));

        var edge = Assert.Single(scan.Graph.Graph.Edges, e => e.Technique == "ward-sso-assignment");
        Assert.EndsWith(":user/sso-operator", edge.From.Value, StringComparison.Ordinal);
        Assert.DoesNotContain(edge.Requirements, r => r.Contains("Identity Center is enabled", StringComparison.Ordinal));
        Assert.Equal("it controls an existing Identity Center user of identity store d-9067a1b2c3 (identitystore:CreateUser is not allowed, so it cannot create one)", Assert.Single(edge.Requirements));
        Assert.Contains(edge.Permissions, p => p.Action == "sso:CreatePermissionSet" && p.Resource == Instance);
        Assert.Contains(edge.Permissions, p => p.Action == "sso:CreateAccountAssignment" && p.Resource == $"arn:aws:sso:::account/{Management}");
    }

    [Fact]
    public void A_delegated_administrator_listed_in_the_export_assigns_in_its_own_account()
    {
        var scan = ScanWith(IdentityCenter(delegatedTo: Member));

        var edge = Assert.Single(scan.Graph.Graph.Edges, e => e.Technique == "ward-sso-assignment" && e.From.Value.EndsWith(":user/member-sso-operator", StringComparison.Ordinal));
        Assert.Contains(edge.Permissions, p => p.Action == "sso:CreateAccountAssignment" && p.Resource == $"arn:aws:sso:::account/{Member}");
        Assert.DoesNotContain(edge.Permissions, p => p.Resource == $"arn:aws:sso:::account/{Management}");
    }

    [Fact]
    public void An_export_without_an_instance_leaves_no_such_edge()
    {
        var scan = ScanWith("""{"Instances": [], "PermissionSets": [], "AccountAssignments": [], "Users": [], "Groups": [], "GroupMemberships": [], "DelegatedAdministrators": []}""");

        Assert.DoesNotContain(scan.Graph.Graph.Edges, e => e.Technique == "ward-sso-assignment");
    }

    /// <summary>identity-center.json with one instance and nothing assigned yet; the delegated administrator, if any, is listed.</summary>
    private static string IdentityCenter(string? delegatedTo) => $$"""
        {
          "Instances": [{"InstanceArn": "{{Instance}}", "IdentityStoreId": "d-9067a1b2c3", "OwnerAccountId": "{{Management}}", "Status": "ACTIVE"}],
          "PermissionSets": [], "AccountAssignments": [], "Users": [], "Groups": [], "GroupMemberships": [],
          "DelegatedAdministrators": [{{(delegatedTo is null ? string.Empty : $$"""{"Id": "{{delegatedTo}}", "Name": "member", "Status": "ACTIVE"}""")}}]
        }
        """;

    private static string Gaad(string account, params (string Name, string Statements)[] users) => $$"""
        {"UserDetailList": [{{string.Join(",", users.Select(u => GaadJson.User(account, u.Name, u.Statements, "sso")))}}], "GroupDetailList": [], "RoleDetailList": [], "Policies": []}
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
             "Targets": [{"TargetId": "r-sso1", "Type": "ROOT"}, {"TargetId": "{{Management}}", "Type": "ACCOUNT"}, {"TargetId": "{{Member}}", "Type": "ACCOUNT"}]}
          ]
        }
        """;
}
