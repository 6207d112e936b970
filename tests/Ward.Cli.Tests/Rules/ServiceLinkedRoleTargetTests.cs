using Ward.Analysis;
using Ward.Aws.Ingest;

namespace Ward.Cli.Tests.Rules;

/// <summary>
/// A service-linked role's policies and trust policy cannot be changed (IAM answers UnmodifiableEntity): techniques
/// that rewrite a role never go through one, though a principal allowed iam:AttachRolePolicy and
/// iam:UpdateAssumeRolePolicy on `*` is allowed them on its ARN.
/// </summary>
public sealed class ServiceLinkedRoleTargetTests
{
    private const string Account = "123400004321";
    private static readonly DateTimeOffset AsOf = new(2026, 3, 16, 9, 15, 0, TimeSpan.Zero);
    private const string RewriteAnyRole = """{"Effect":"Allow","Action":["iam:AttachRolePolicy","iam:UpdateAssumeRolePolicy"],"Resource":"*"}""";

    [Fact]
    public void A_service_linked_role_is_no_way_to_admin_when_it_is_the_only_role()
    {
        var findings = ScanOf(withOrdinaryRole: false);
        Assert.DoesNotContain(findings, f => f.RuleId == "privilege-escalation");
    }

    [Fact]
    public void The_path_goes_through_an_ordinary_role_even_when_a_service_linked_one_sorts_first()
    {
        var finding = Assert.Single(ScanOf(withOrdinaryRole: true), f => f.RuleId == "privilege-escalation");
        Assert.Equal("Critical", finding.Severity.ToString());
        Assert.EndsWith("role/zz-app", finding.Path[0].To, StringComparison.Ordinal);
    }

    private static List<Finding> ScanOf(bool withOrdinaryRole)
    {
        var folder = Directory.CreateTempSubdirectory("ward-slr-").FullName;
        string[] roles =
        [
            Role("/aws-service-role/spot.amazonaws.com/", "AWSServiceRoleForEC2Spot", "spot.amazonaws.com", 1),
            .. withOrdinaryRole ? [Role("/", "zz-app", "lambda.amazonaws.com", 2)] : Array.Empty<string>(),
        ];
        File.WriteAllText(Path.Combine(folder, "gaad.json"), $$"""
            {"UserDetailList": [{{GaadJson.User(Account, "operator", RewriteAnyRole)}}], "GroupDetailList": [],
             "RoleDetailList": [{{string.Join(",", roles)}}], "Policies": []}
            """);
        return [.. Scanner.Scan(AwsEstateLoader.Load([folder]), AsOf).Findings.Where(f => f.Principal == $"arn:aws:iam::{Account}:user/operator")];
    }

    private static string Role(string path, string name, string service, int id) => $$$"""
        {"Path": "{{{path}}}", "RoleName": "{{{name}}}", "RoleId": "AROA{{{id:D17}}}", "Arn": "arn:aws:iam::{{{Account}}}:role{{{path}}}{{{name}}}", "CreateDate": "2020-01-01T00:00:00Z",
         "AssumeRolePolicyDocument": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Service": "{{{service}}}"}, "Action": "sts:AssumeRole"}]},
         "InstanceProfileList": [], "RolePolicyList": [], "AttachedManagedPolicies": [], "Tags": [], "RoleLastUsed": {}}
        """;
}
