using Ward.Analysis;
using Ward.Aws.Ingest;
using Ward.Core.Model;

namespace Ward.Cli.Tests.Rules;

/// <summary>
/// <c>*</c> narrowed by <c>aws:PrincipalOrgID</c> to an organization other than the exported one lets every principal of
/// that organization in: the organization becomes a graph node with edges to the role it may assume and to a targeted
/// resource it may read, so a path from it to admin is a finding like any outsider's. The exported organization and,
/// without an organization export (where which organization is the estate's own is unknown), any organization, give
/// no such node.
/// </summary>
public sealed class ForeignOrganizationEdgeTests
{
    private const string Account = "123456789012";
    private const string Partner = "o-zzzzzzzzzz";
    private const string Secret = $"arn:aws:secretsmanager:eu-west-1:{Account}:secret:partner-feed-AbCdEf";
    private static readonly DateTimeOffset AsOf = new(2026, 3, 16, 9, 15, 0, TimeSpan.Zero);

    private static readonly Lazy<ScanResult> WithOrganization = new(() => ScanOf(withOrganization: true));

    [Fact]
    public void Every_principal_of_another_organization_reaches_admin_through_a_role_open_to_it()
    {
        var edge = Assert.Single(WithOrganization.Value.Graph.Graph.Edges, e => e.From.Value == Partner && e.To.Value.EndsWith(":role/partner-org-admin", StringComparison.Ordinal));
        Assert.Equal("ward-sts-outsider", edge.Technique);
        Assert.False(edge.IsConditional);
        Assert.Contains("any principal of organization o-zzzzzzzzzz", edge.Description, StringComparison.Ordinal);
        Assert.Contains("StringEquals aws:PrincipalOrgID o-zzzzzzzzzz", Assert.Single(edge.Permissions).Conditions, StringComparer.Ordinal);
        Assert.Equal(PrincipalKind.ExternalPrincipal, WithOrganization.Value.Graph.Graph.Nodes[new PrincipalId(Partner)].Kind);

        var finding = Assert.Single(WithOrganization.Value.Findings, f => f.RuleId == "privilege-escalation" && f.Principal == Partner);
        Assert.Equal(Severity.Critical, finding.Severity);
        Assert.Contains("is outside the exported accounts", finding.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void A_role_open_to_the_exported_organization_gives_no_outsider_edge()
    {
        Assert.DoesNotContain(WithOrganization.Value.Graph.Graph.Edges, e => e.To.Value.EndsWith(":role/own-org-admin", StringComparison.Ordinal) && !e.From.Value.Contains($":{Account}:", StringComparison.Ordinal));
        Assert.DoesNotContain(WithOrganization.Value.Graph.Graph.Nodes.Keys, id => id.Value == "o-abcdefghij");
    }

    [Fact]
    public void A_targeted_secret_open_to_another_organization_is_read_from_it()
    {
        var edge = Assert.Single(WithOrganization.Value.Graph.Graph.Edges, e => e.From.Value == Partner && e.To.Value == Secret);
        Assert.Equal("ward-resource-outsider", edge.Technique);
        Assert.Equal("secretsmanager:GetSecretValue", Assert.Single(edge.Permissions).Action);
    }

    [Fact]
    public void Without_the_organization_export_no_organization_is_known_to_be_foreign()
    {
        var scan = ScanOf(withOrganization: false);
        Assert.DoesNotContain(scan.Graph.Graph.Nodes.Keys, id => id.Value.StartsWith("o-", StringComparison.Ordinal));
    }

    private static ScanResult ScanOf(bool withOrganization)
    {
        var folder = Directory.CreateTempSubdirectory("ward-foreign-org-").FullName;
        File.WriteAllText(Path.Combine(folder, "gaad.json"), $$"""
            {"UserDetailList": [], "GroupDetailList": [], "RoleDetailList": [{{Role("partner-org-admin", Partner)}}, {{Role("own-org-admin", "o-abcdefghij")}}], "Policies": []}
            """);
        var policy = System.Text.Json.JsonSerializer.Serialize($$$$"""{"Version":"2012-10-17","Statement":[{"Sid":"PartnerReads","Effect":"Allow","Principal":"*","Action":"secretsmanager:GetSecretValue","Resource":"*","Condition":{"StringEquals":{"aws:PrincipalOrgID":"{{{{Partner}}}}"}}}]}""");
        File.WriteAllText(Path.Combine(folder, "resource-policies.json"), $$"""
            {"ResourcePolicies": [{"Arn": "{{Secret}}", "Type": "AWS::SecretsManager::Secret", "Account": "{{Account}}", "Region": "eu-west-1", "Policy": {{policy}}}]}
            """);
        if (withOrganization)
        {
            File.WriteAllText(Path.Combine(folder, "organization.json"), ExposureRulesTests.Organization());
        }

        return Scanner.Scan(AwsEstateLoader.Load([folder], TestContext.Current.CancellationToken), AsOf, new ScanOptions { Targets = [Secret] });
    }

    private static string Role(string name, string organization) => $$$$"""
        {"Path": "/", "RoleName": "{{{{name}}}}", "RoleId": "AROA{{{{name.Length:D17}}}}", "Arn": "arn:aws:iam::{{{{Account}}}}:role/{{{{name}}}}", "CreateDate": "2024-01-01T00:00:00Z",
         "AssumeRolePolicyDocument": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"AWS": "*"}, "Action": "sts:AssumeRole", "Condition": {"StringEquals": {"aws:PrincipalOrgID": "{{{{organization}}}}"}}}]},
         "InstanceProfileList": [], "RolePolicyList": [{"PolicyName": "duties", "PolicyDocument": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]}}],
         "AttachedManagedPolicies": [], "Tags": [], "RoleLastUsed": {}}
        """;
}
