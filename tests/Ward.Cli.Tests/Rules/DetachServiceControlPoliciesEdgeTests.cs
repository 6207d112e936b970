using Ward.Analysis;
using Ward.Aws.Ingest;
using Ward.Core.Graph;

namespace Ward.Cli.Tests.Rules;

/// <summary>
/// <c>ward-org-detach-scp</c>: a member-account administrator held back by an SCP attached to its OU (or by an RCP
/// attached to its account) that can detach it, from the policy and from the target, lifts its own guardrails (if its
/// account is a delegated administrator for Organizations policies). Safe twins: an explicit deny, a grant on the
/// policy but not on the target, a permissions boundary, no administrator behind the SCPs, the last SCP of a level
/// without organizations:AttachPolicy, no delegation in the exported resource policy.
/// </summary>
public sealed class DetachServiceControlPoliciesEdgeTests
{
    private const string Management = "111100002222";
    private const string Workloads = "333300004444";
    private const string AllowListed = "444400005555";
    private const string Data = "666600007777";
    private const string Technique = "ward-org-detach-scp";
    private const string GuardrailsArn = "arn:aws:organizations::111100002222:policy/o-dettest001/service_control_policy/p-guardrails";
    private const string WorkloadsOuArn = "arn:aws:organizations::111100002222:ou/o-dettest001/ou-det1-workloads";
    private static readonly DateTimeOffset AsOf = new(2026, 3, 16, 9, 15, 0, TimeSpan.Zero);

    /// <summary>Either change to the SCPs gives the administrator its one step.</summary>
    private static readonly HashSet<string> OrganizationTechniques = new(["ward-org-update-scp", "ward-org-detach-scp"], StringComparer.Ordinal);

    // An RCP of the data account: only the reader role reads objects (held apart: its braces would end an interpolation).
    private const string OnlyReadersContent = """{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"OnlyTheReaderRole\",\"Effect\":\"Deny\",\"Principal\":\"*\",\"Action\":\"s3:GetObject\",\"Resource\":\"*\",\"Condition\":{\"ArnNotLike\":{\"aws:PrincipalArn\":\"arn:aws:iam::*:role/data-reader\"}}}]}""";

    private const string Everything = """{"Effect":"Allow","Action":"*","Resource":"*"}""";
    private const string NoDetach = """{"Effect":"Deny","Action":"organizations:DetachPolicy","Resource":"*"}""";
    private const string EverythingButDetach = """{"Effect":"Allow","NotAction":"organizations:DetachPolicy","Resource":"*"}""";
    private const string DetachPolicyOnly = $$"""{"Effect":"Allow","Action":"organizations:DetachPolicy","Resource":"{{GuardrailsArn}}"}""";
    private const string StorageAndDetach = """{"Effect":"Allow","Action":["s3:*","organizations:DetachPolicy","organizations:AttachPolicy"],"Resource":"*"}""";
    private const string EverythingButAttach = """{"Effect":"Allow","NotAction":"organizations:AttachPolicy","Resource":"*"}""";

    // Everything but full control of IAM (so admin-equivalence rests on the "every action" probes, s3 among them).
    private const string EverythingButIamWrites = """{"Effect":"Allow","NotAction":["iam:AttachRolePolicy","iam:PutRolePolicy","iam:AttachUserPolicy","iam:PutUserPolicy","iam:CreatePolicyVersion","iam:UpdateAssumeRolePolicy","iam:CreateAccessKey"],"Resource":"*"}""";

    private static readonly Lazy<ScanResult> Scan = new(() => ScanWith(resourcePolicy: null));

    /// <summary>Scans the estate; <paramref name="resourcePolicy"/> is the organization export's `ResourcePolicy` (JSON), or null to leave it out.</summary>
    private static ScanResult ScanWith(string? resourcePolicy)
    {
        var folder = Directory.CreateTempSubdirectory("ward-detach-").FullName;
        var accounts = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [Management] = Gaad(Management, [GaadJson.User(Management, "org-admin", Everything)], []),
            [Workloads] = Gaad(
                Workloads,
                [
                    GaadJson.User(Workloads, "platform-admin", Everything),
                    GaadJson.User(Workloads, "denied-admin", $"{Everything},{NoDetach}"),
                    GaadJson.User(Workloads, "policy-only-admin", $"{EverythingButDetach},{DetachPolicyOnly}"),
                    GaadJson.User(Workloads, "bounded-admin", Everything, boundary: $"arn:aws:iam::{Workloads}:policy/no-detach-boundary"),
                    GaadJson.User(Workloads, "storage-operator", StorageAndDetach),
                ],
                [ManagedPolicy($"arn:aws:iam::{Workloads}:policy/no-detach-boundary", EverythingButDetach)]),
            [AllowListed] = Gaad(AllowListed, [GaadJson.User(AllowListed, "listed-attacher", Everything), GaadJson.User(AllowListed, "listed-detacher", EverythingButAttach)], []),
            [Data] = Gaad(Data, [GaadJson.User(Data, "data-admin", EverythingButIamWrites)], []),
        };
        foreach (var (account, gaad) in accounts)
        {
            Directory.CreateDirectory(Path.Combine(folder, account));
            File.WriteAllText(Path.Combine(folder, account, "gaad.json"), gaad);
        }

        File.WriteAllText(Path.Combine(folder, "organization.json"), Organization(resourcePolicy));
        return Scanner.Scan(AwsEstateLoader.Load([folder]), AsOf);
    }

    [Fact]
    public void A_member_administrator_detaches_the_scp_of_its_ou_from_the_ou()
    {
        var edge = EdgeFrom("platform-admin");

        Assert.True(edge.GrantsAdmin);
        Assert.Equal(edge.From, edge.To);
        Assert.Equal(new[] { (GuardrailsArn, "organizations:DetachPolicy"), (WorkloadsOuArn, "organizations:DetachPolicy") }, edge.Permissions.Select(p => (p.Resource, p.Action)));
        Assert.Contains("detaches SCP Guardrails (p-guardrails) from ou-det1-workloads (Workloads)", edge.Description, StringComparison.Ordinal);
        Assert.Contains(edge.Requirements, r => r.Contains($"account {Workloads} is a delegated administrator", StringComparison.Ordinal));
    }

    [Fact]
    public void The_administrator_gets_a_privilege_escalation_finding_through_an_scp_change()
    {
        var finding = Assert.Single(Scan.Value.Findings, f => f.RuleId == "privilege-escalation" && f.Principal.EndsWith(":user/platform-admin", StringComparison.Ordinal));

        Assert.Contains(Assert.Single(finding.Path).Technique, OrganizationTechniques);
        Assert.DoesNotContain(Scan.Value.Findings, f => f.RuleId == "admin-equivalent" && f.Principal.EndsWith(":user/platform-admin", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("denied-admin")]       // an explicit deny of organizations:DetachPolicy
    [InlineData("policy-only-admin")]  // DetachPolicy allowed on the policy, not on the OU it must be detached from
    [InlineData("bounded-admin")]      // a permissions boundary without organizations:DetachPolicy
    [InlineData("storage-operator")]   // may detach, but is no administrator even without the SCPs
    [InlineData("listed-detacher")]    // the account's only SCP is the restricting one: AWS refuses to detach it, and it may not attach FullAWSAccess
    [InlineData("org-admin")]          // the management account: SCPs never bound it
    public void Without_a_detachment_that_makes_it_admin_there_is_no_such_edge(string user)
    {
        Assert.DoesNotContain(Scan.Value.Graph.Graph.Edges, e => e.Technique == Technique && e.From.Value.EndsWith($":user/{user}", StringComparison.Ordinal));
    }

    [Fact]
    public void Where_the_restricting_scp_is_the_last_of_its_level_fullawsaccess_is_attached_first()
    {
        var edge = EdgeFrom("listed-attacher");

        var account = $"arn:aws:organizations::{Management}:account/o-dettest001/{AllowListed}";
        Assert.Equal(
            new[]
            {
                ("organizations:AttachPolicy", "arn:aws:organizations::aws:policy/service_control_policy/p-FullAWSAccess"),
                ("organizations:AttachPolicy", account),
                ("organizations:DetachPolicy", "arn:aws:organizations::111100002222:policy/o-dettest001/service_control_policy/p-allowlist"),
                ("organizations:DetachPolicy", account),
            },
            edge.Permissions.Select(p => (p.Action, p.Resource)));
    }

    [Fact]
    public void A_principal_held_back_by_an_rcp_of_its_account_detaches_the_rcp()
    {
        Assert.False(Scan.Value.Graph.Graph.Nodes[new("arn:aws:iam::666600007777:user/data-admin")].IsAdmin);

        var edge = EdgeFrom("data-admin");

        Assert.Equal(
            new[]
            {
                ("organizations:DetachPolicy", "arn:aws:organizations::111100002222:policy/o-dettest001/resource_control_policy/p-onlyreaders"),
                ("organizations:DetachPolicy", $"arn:aws:organizations::{Management}:account/o-dettest001/{Data}"),
            },
            edge.Permissions.Select(p => (p.Action, p.Resource)));
        Assert.Contains("detaches RCP OnlyReadersReadObjects (p-onlyreaders)", edge.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void An_exported_delegation_to_the_account_makes_the_edge_certain()
    {
        var scan = ScanWith(Delegation(Workloads));

        var edge = Assert.Single(scan.Graph.Graph.Edges, e => e.Technique == Technique);
        Assert.EndsWith(":user/platform-admin", edge.From.Value, StringComparison.Ordinal);
        Assert.Empty(edge.Requirements);
    }

    [Theory]
    [InlineData("null")]               // the organization has no resource policy: nobody is delegated
    [InlineData("delegation-elsewhere")]
    public void Without_a_delegation_to_the_account_there_is_no_such_edge(string resourcePolicy)
    {
        var scan = ScanWith(resourcePolicy == "null" ? "null" : Delegation(Data));

        Assert.DoesNotContain(scan.Graph.Graph.Edges, e => e.Technique == Technique && !e.From.Value.Contains(Data, StringComparison.Ordinal));
        Assert.Equal(resourcePolicy != "null", scan.Graph.Graph.Edges.Any(e => e.Technique == Technique));
    }

    private static Edge EdgeFrom(string user) =>
        Assert.Single(Scan.Value.Graph.Graph.Edges, e => e.Technique == Technique && e.From.Value.EndsWith($":user/{user}", StringComparison.Ordinal));

    /// <summary>The `ResourcePolicy` of `aws organizations describe-resource-policy`, delegating SCP and RCP management to one account, for those policy types only.</summary>
    private static string Delegation(string account)
    {
        var content = $$$"""{"Version":"2012-10-17","Statement":[{"Sid":"DelegatingPolicyManagement","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::{{{account}}}:root"},"Condition":{"StringEquals":{"organizations:PolicyType":["SERVICE_CONTROL_POLICY","RESOURCE_CONTROL_POLICY"]}},"Action":["organizations:AttachPolicy","organizations:DetachPolicy","organizations:UpdatePolicy"],"Resource":"*"}]}""";
        return $$"""{"ResourcePolicySummary": {"Id": "rp-d1e2f3a4", "Arn": "arn:aws:organizations::{{Management}}:resourcepolicy/o-dettest001/rp-d1e2f3a4"}, "Content": {{System.Text.Json.JsonSerializer.Serialize(content)}}}""";
    }

    private static string Gaad(string account, string[] users, string[] policies) => $$"""
        {"UserDetailList": [{{string.Join(",", users)}}], "GroupDetailList": [], "RoleDetailList": [], "Policies": [{{string.Join(",", policies)}}]}
        """;

    private static string ManagedPolicy(string arn, string statements) => $$$"""
        {"PolicyName": "{{{arn[(arn.LastIndexOf('/') + 1)..]}}}", "PolicyId": "ANPA{{{arn.Length:D17}}}", "Arn": "{{{arn}}}", "Path": "/", "DefaultVersionId": "v1", "AttachmentCount": 0,
         "PermissionsBoundaryUsageCount": 1, "IsAttachable": true, "CreateDate": "2024-01-01T00:00:00Z", "UpdateDate": "2024-01-01T00:00:00Z",
         "PolicyVersionList": [{"Document": {"Version": "2012-10-17", "Statement": [{{{statements}}}]}, "VersionId": "v1", "IsDefaultVersion": true, "CreateDate": "2024-01-01T00:00:00Z"}]}
        """;

    private static string Organization(string? resourcePolicy) => $$"""
        {
          {{(resourcePolicy is null ? string.Empty : $"\"ResourcePolicy\": {resourcePolicy},")}}
          "Organization": {"Id": "o-dettest001", "Arn": "arn:aws:organizations::{{Management}}:organization/o-dettest001", "FeatureSet": "ALL", "MasterAccountId": "{{Management}}"},
          "Roots": [{"Id": "r-det1", "Name": "Root", "PolicyTypes": [{"Type": "SERVICE_CONTROL_POLICY", "Status": "ENABLED"}, {"Type": "RESOURCE_CONTROL_POLICY", "Status": "ENABLED"}]}],
          "OrganizationalUnits": [{"Id": "ou-det1-workloads", "Name": "Workloads", "ParentId": "r-det1"}],
          "Accounts": [
            {"Id": "{{Management}}", "Name": "management", "Status": "ACTIVE", "ParentId": "r-det1"},
            {"Id": "{{Workloads}}", "Name": "workloads", "Status": "ACTIVE", "ParentId": "ou-det1-workloads"},
            {"Id": "{{AllowListed}}", "Name": "allow-listed", "Status": "ACTIVE", "ParentId": "r-det1"},
            {"Id": "{{Data}}", "Name": "data", "Status": "ACTIVE", "ParentId": "r-det1"}
          ],
          "Policies": [
            {"PolicySummary": {"Id": "p-FullAWSAccess", "Name": "FullAWSAccess", "Type": "SERVICE_CONTROL_POLICY", "AwsManaged": true},
             "Content": "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\"}]}",
             "Targets": [{"TargetId": "r-det1", "Type": "ROOT"}, {"TargetId": "ou-det1-workloads", "Type": "ORGANIZATIONAL_UNIT"}, {"TargetId": "{{Management}}", "Type": "ACCOUNT"}, {"TargetId": "{{Workloads}}", "Type": "ACCOUNT"}, {"TargetId": "{{Data}}", "Type": "ACCOUNT"}]},
            {"PolicySummary": {"Id": "p-guardrails", "Name": "Guardrails", "Type": "SERVICE_CONTROL_POLICY", "AwsManaged": false},
             "Content": "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"NoIam\",\"Effect\":\"Deny\",\"Action\":[\"iam:*\",\"organizations:LeaveOrganization\"],\"Resource\":\"*\"}]}",
             "Targets": [{"TargetId": "ou-det1-workloads", "Type": "ORGANIZATIONAL_UNIT"}]},
            {"PolicySummary": {"Id": "p-allowlist", "Name": "AllowListStorage", "Type": "SERVICE_CONTROL_POLICY", "AwsManaged": false},
             "Content": "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"StorageAndPolicies\",\"Effect\":\"Allow\",\"Action\":[\"s3:*\",\"organizations:*\"],\"Resource\":\"*\"}]}",
             "Targets": [{"TargetId": "{{AllowListed}}", "Type": "ACCOUNT"}]},
            {"PolicySummary": {"Id": "p-RCPFullAWSAccess", "Name": "RCPFullAWSAccess", "Type": "RESOURCE_CONTROL_POLICY", "AwsManaged": true},
             "Content": "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"*\",\"Resource\":\"*\"}]}",
             "Targets": [{"TargetId": "r-det1", "Type": "ROOT"}, {"TargetId": "ou-det1-workloads", "Type": "ORGANIZATIONAL_UNIT"}, {"TargetId": "{{Management}}", "Type": "ACCOUNT"}, {"TargetId": "{{Workloads}}", "Type": "ACCOUNT"}, {"TargetId": "{{AllowListed}}", "Type": "ACCOUNT"}, {"TargetId": "{{Data}}", "Type": "ACCOUNT"}]},
            {"PolicySummary": {"Id": "p-onlyreaders", "Name": "OnlyReadersReadObjects", "Type": "RESOURCE_CONTROL_POLICY", "AwsManaged": false},
             "Content": "{{OnlyReadersContent}}",
             "Targets": [{"TargetId": "{{Data}}", "Type": "ACCOUNT"}]}
          ]
        }
        """;
}
