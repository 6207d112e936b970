using Ward.Analysis;
using Ward.Aws.Ingest;

namespace Ward.Cli.Tests.Rules;

/// <summary>
/// <c>ward-org-update-scp</c>: a member-account administrator held back only by SCPs (or by an RCP of its account)
/// that can rewrite them lifts its own guardrails (if its account is a delegated administrator for Organizations
/// policies); an SCP that also denies the rewrite, a principal without the permission, one that is no administrator
/// even without SCPs, or one that may rewrite SCPs but is held back by an RCP, does not.
/// </summary>
public sealed class UpdateServiceControlPoliciesEdgeTests
{
    private const string Management = "111100002222";
    private const string Workloads = "333300004444";
    private const string Locked = "555500006666";
    private const string Data = "666600007777";
    private static readonly DateTimeOffset AsOf = new(2026, 3, 16, 9, 15, 0, TimeSpan.Zero);

    /// <summary>Either change to the SCPs gives the administrator its one step.</summary>
    private static readonly HashSet<string> OrganizationTechniques = new(["ward-org-update-scp", "ward-org-detach-scp"], StringComparer.Ordinal);

    // An RCP of the data account: only the reader role reads objects (held apart: its braces would end an interpolation).
    private const string OnlyReadersContent = """{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"OnlyTheReaderRole\",\"Effect\":\"Deny\",\"Principal\":\"*\",\"Action\":\"s3:GetObject\",\"Resource\":\"*\",\"Condition\":{\"ArnNotLike\":{\"aws:PrincipalArn\":\"arn:aws:iam::*:role/data-reader\"}}}]}""";

    private const string Everything = """{"Effect":"Allow","Action":"*","Resource":"*"}""";
    private const string StorageAndPolicies = """{"Effect":"Allow","Action":["s3:*","organizations:UpdatePolicy","organizations:Describe*","organizations:List*"],"Resource":"*"}""";
    private const string IamOnly = """{"Effect":"Allow","Action":["iam:*","s3:*"],"Resource":"*"}""";
    private const string EverythingButUpdatesBeyondGuardrails = """{"Effect":"Allow","NotAction":"organizations:UpdatePolicy","Resource":"*"},{"Effect":"Allow","Action":"organizations:UpdatePolicy","Resource":"arn:aws:organizations::111100002222:policy/o-scptest001/service_control_policy/p-guardrails"}""";

    // Everything but full control of IAM (so admin-equivalence rests on the "every action" probes, s3 among them).
    private const string EverythingButIamWrites = """{"Effect":"Allow","NotAction":["iam:AttachRolePolicy","iam:PutRolePolicy","iam:AttachUserPolicy","iam:PutUserPolicy","iam:CreatePolicyVersion","iam:UpdateAssumeRolePolicy","iam:CreateAccessKey"],"Resource":"*"}""";
    private const string ScpUpdatesOnly = """{"Effect":"Deny","Action":"organizations:UpdatePolicy","Resource":"*","Condition":{"StringNotEquals":{"organizations:PolicyType":"SERVICE_CONTROL_POLICY"}}}""";

    private static readonly Lazy<ScanResult> Scan = new(() => ScanWith(resourcePolicy: null));

    /// <summary>Scans the estate; <paramref name="resourcePolicy"/> is the organization export's `ResourcePolicy` (JSON), or null to leave it out.</summary>
    private static ScanResult ScanWith(string? resourcePolicy)
    {
        var folder = Directory.CreateTempSubdirectory("ward-scp-").FullName;
        foreach (var account in new[] { Management, Workloads, Locked, Data })
        {
            Directory.CreateDirectory(Path.Combine(folder, account));
        }

        File.WriteAllText(Path.Combine(folder, Management, "gaad.json"), Gaad(Management, ("org-admin", Everything)));
        File.WriteAllText(Path.Combine(folder, Workloads, "gaad.json"), Gaad(Workloads, ("platform-admin", Everything), ("storage-operator", StorageAndPolicies), ("iam-operator", IamOnly), ("scoped-admin", EverythingButUpdatesBeyondGuardrails)));
        File.WriteAllText(Path.Combine(folder, Data, "gaad.json"), Gaad(Data, ("data-admin", EverythingButIamWrites), ("data-reader-admin", $"{EverythingButIamWrites},{ScpUpdatesOnly}")));
        File.WriteAllText(Path.Combine(folder, Locked, "gaad.json"), Gaad(Locked, ("locked-admin", Everything)));
        File.WriteAllText(Path.Combine(folder, "organization.json"), Organization(resourcePolicy));
        return Scanner.Scan(AwsEstateLoader.Load([folder]), AsOf);
    }

    [Fact]
    public void A_member_administrator_held_back_by_scps_it_can_rewrite_escalates_under_the_delegation_requirement()
    {
        var edge = Assert.Single(Scan.Value.Graph.Graph.Edges, e => e.Technique == "ward-org-update-scp" && e.From.Value.EndsWith(":user/platform-admin", StringComparison.Ordinal));

        Assert.Contains(edge.Requirements, r => r.Contains($"account {Workloads} is a delegated administrator", StringComparison.Ordinal));
        var permission = Assert.Single(edge.Permissions);
        Assert.Equal("organizations:UpdatePolicy", permission.Action);
        Assert.Equal("arn:aws:organizations::111100002222:policy/o-scptest001/service_control_policy/p-guardrails", permission.Resource);

        // It may detach the SCP as well (ward-org-detach-scp): the finding's one step is either.
        var finding = Assert.Single(Scan.Value.Findings, f => f.RuleId == "privilege-escalation" && f.Principal.EndsWith(":user/platform-admin", StringComparison.Ordinal));
        Assert.Contains(Assert.Single(finding.Path).Technique, OrganizationTechniques);
    }

    [Fact]
    public void Only_the_restricting_scps_need_rewriting()
    {
        // The account is also governed by an SCP that restricts nothing the administrator needs, which it may not rewrite.
        var edge = Assert.Single(Scan.Value.Graph.Graph.Edges, e => e.Technique == "ward-org-update-scp" && e.From.Value.EndsWith(":user/scoped-admin", StringComparison.Ordinal));

        Assert.Equal("arn:aws:organizations::111100002222:policy/o-scptest001/service_control_policy/p-guardrails", Assert.Single(edge.Permissions).Resource);
    }

    [Fact]
    public void A_principal_held_back_by_an_rcp_of_its_account_rewrites_the_rcp()
    {
        Assert.False(Scan.Value.Graph.Graph.Nodes[new($"arn:aws:iam::{Data}:user/data-admin")].IsAdmin);

        var edge = Assert.Single(Scan.Value.Graph.Graph.Edges, e => e.Technique == "ward-org-update-scp" && e.From.Value.EndsWith(":user/data-admin", StringComparison.Ordinal));

        Assert.Equal("arn:aws:organizations::111100002222:policy/o-scptest001/resource_control_policy/p-onlyreaders", Assert.Single(edge.Permissions).Resource);
        Assert.Contains("RCP OnlyReadersReadObjects (p-onlyreaders)", edge.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void The_principal_is_not_admin_equivalent_while_the_scps_apply()
    {
        Assert.DoesNotContain(Scan.Value.Findings, f => f.RuleId == "admin-equivalent" && f.Principal.EndsWith(":user/platform-admin", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("locked-admin")]      // an SCP of its account also denies organizations:UpdatePolicy
    [InlineData("iam-operator")]      // admin-equivalent without SCPs (full IAM control), but may not update policies
    [InlineData("storage-operator")]  // may update policies, but is no administrator even without SCPs
    [InlineData("org-admin")]         // the management account: SCPs never bound it
    [InlineData("data-reader-admin")] // may rewrite SCPs only: the RCP that holds it back stays
    public void Without_the_rewrite_or_without_admin_behind_the_scps_there_is_no_such_edge(string user)
    {
        Assert.DoesNotContain(Scan.Value.Graph.Graph.Edges, e => e.Technique == "ward-org-update-scp" && e.From.Value.EndsWith($":user/{user}", StringComparison.Ordinal));
    }

    [Fact]
    public void An_exported_delegation_to_the_account_makes_the_edge_certain()
    {
        var scan = ScanWith(Delegation(Workloads));

        var edge = Assert.Single(scan.Graph.Graph.Edges, e => e.Technique == "ward-org-update-scp" && e.From.Value.EndsWith(":user/platform-admin", StringComparison.Ordinal));
        Assert.Empty(edge.Requirements);
        Assert.Equal("platform-admin inline policy duties, statement #0", Assert.Single(edge.Permissions).GrantedBy);
    }

    [Theory]
    [InlineData("null")]              // the organization has no resource policy: nobody is delegated
    [InlineData("delegation-elsewhere")]
    public void Without_a_delegation_to_the_account_there_is_no_such_edge(string resourcePolicy)
    {
        var scan = ScanWith(resourcePolicy == "null" ? "null" : Delegation(Locked));

        Assert.DoesNotContain(scan.Graph.Graph.Edges, e => e.Technique == "ward-org-update-scp");
    }

    /// <summary>The `ResourcePolicy` of `aws organizations describe-resource-policy`, delegating policy management to one account (as the AWS Organizations guide shows it).</summary>
    private static string Delegation(string account)
    {
        var content = $$"""{"Version":"2012-10-17","Statement":[{"Sid":"DelegatingNecessaryDescribeListActions","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::{{account}}:root"},"Action":["organizations:DescribeOrganization","organizations:DescribeOrganizationalUnit","organizations:DescribeAccount","organizations:DescribePolicy","organizations:DescribeEffectivePolicy","organizations:ListRoots","organizations:ListOrganizationalUnitsForParent","organizations:ListParents","organizations:ListChildren","organizations:ListAccounts","organizations:ListAccountsForParent","organizations:ListPolicies","organizations:ListPoliciesForTarget","organizations:ListTargetsForPolicy","organizations:ListTagsForResource"],"Resource":"*"},{"Sid":"DelegatingAllActionsForServiceControlPolicies","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::{{account}}:root"},"Action":["organizations:CreatePolicy","organizations:UpdatePolicy","organizations:DeletePolicy","organizations:AttachPolicy","organizations:DetachPolicy","organizations:EnablePolicyType","organizations:DisablePolicyType"],"Resource":"*"}]}""";
        return $$"""{"ResourcePolicySummary": {"Id": "rp-a1b2c3d4", "Arn": "arn:aws:organizations::{{Management}}:resourcepolicy/o-scptest001/rp-a1b2c3d4"}, "Content": {{System.Text.Json.JsonSerializer.Serialize(content)}}}""";
    }

    private static string Gaad(string account, params (string Name, string Statements)[] users) => $$"""
        {"UserDetailList": [{{string.Join(",", users.Select(u => GaadJson.User(account, u.Name, u.Statements)))}}], "GroupDetailList": [], "RoleDetailList": [], "Policies": []}
        """;

    private static string Organization(string? resourcePolicy) => $$"""
        {
          {{(resourcePolicy is null ? string.Empty : $"\"ResourcePolicy\": {resourcePolicy},")}}
          "Organization": {"Id": "o-scptest001", "Arn": "arn:aws:organizations::{{Management}}:organization/o-scptest001", "FeatureSet": "ALL", "MasterAccountId": "{{Management}}"},
          "Roots": [{"Id": "r-scp1", "Name": "Root", "PolicyTypes": [{"Type": "SERVICE_CONTROL_POLICY", "Status": "ENABLED"}, {"Type": "RESOURCE_CONTROL_POLICY", "Status": "ENABLED"}]}],
          "OrganizationalUnits": [],
          "Accounts": [
            {"Id": "{{Management}}", "Name": "management", "Status": "ACTIVE", "ParentId": "r-scp1"},
            {"Id": "{{Workloads}}", "Name": "workloads", "Status": "ACTIVE", "ParentId": "r-scp1"},
            {"Id": "{{Locked}}", "Name": "locked", "Status": "ACTIVE", "ParentId": "r-scp1"},
            {"Id": "{{Data}}", "Name": "data", "Status": "ACTIVE", "ParentId": "r-scp1"}
          ],
          "Policies": [
            {"PolicySummary": {"Id": "p-FullAWSAccess", "Name": "FullAWSAccess", "Type": "SERVICE_CONTROL_POLICY", "AwsManaged": true},
             "Content": "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\"}]}",
             "Targets": [{"TargetId": "r-scp1", "Type": "ROOT"}, {"TargetId": "{{Workloads}}", "Type": "ACCOUNT"}, {"TargetId": "{{Locked}}", "Type": "ACCOUNT"}, {"TargetId": "{{Data}}", "Type": "ACCOUNT"}]},
            {"PolicySummary": {"Id": "p-guardrails", "Name": "Guardrails", "Type": "SERVICE_CONTROL_POLICY", "AwsManaged": false},
             "Content": "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"NoIam\",\"Effect\":\"Deny\",\"Action\":[\"iam:*\",\"organizations:LeaveOrganization\"],\"Resource\":\"*\"}]}",
             "Targets": [{"TargetId": "{{Workloads}}", "Type": "ACCOUNT"}, {"TargetId": "{{Locked}}", "Type": "ACCOUNT"}]},
            {"PolicySummary": {"Id": "p-lockpolicies", "Name": "LockPolicies", "Type": "SERVICE_CONTROL_POLICY", "AwsManaged": false},
             "Content": "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"NoPolicyChanges\",\"Effect\":\"Deny\",\"Action\":[\"organizations:UpdatePolicy\",\"organizations:DetachPolicy\",\"organizations:DeletePolicy\"],\"Resource\":\"*\"}]}",
             "Targets": [{"TargetId": "{{Locked}}", "Type": "ACCOUNT"}]},
            {"PolicySummary": {"Id": "p-noticeboard", "Name": "Noticeboard", "Type": "SERVICE_CONTROL_POLICY", "AwsManaged": false},
             "Content": "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"NoAccountClosing\",\"Effect\":\"Deny\",\"Action\":\"account:CloseAccount\",\"Resource\":\"*\"}]}",
             "Targets": [{"TargetId": "{{Workloads}}", "Type": "ACCOUNT"}]},
            {"PolicySummary": {"Id": "p-RCPFullAWSAccess", "Name": "RCPFullAWSAccess", "Type": "RESOURCE_CONTROL_POLICY", "AwsManaged": true},
             "Content": "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"*\",\"Resource\":\"*\"}]}",
             "Targets": [{"TargetId": "r-scp1", "Type": "ROOT"}, {"TargetId": "{{Management}}", "Type": "ACCOUNT"}, {"TargetId": "{{Workloads}}", "Type": "ACCOUNT"}, {"TargetId": "{{Locked}}", "Type": "ACCOUNT"}, {"TargetId": "{{Data}}", "Type": "ACCOUNT"}]},
            {"PolicySummary": {"Id": "p-onlyreaders", "Name": "OnlyReadersReadObjects", "Type": "RESOURCE_CONTROL_POLICY", "AwsManaged": false},
             "Content": "{{OnlyReadersContent}}",
             "Targets": [{"TargetId": "{{Data}}", "Type": "ACCOUNT"}]}
          ]
        }
        """;
}
