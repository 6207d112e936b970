using System.Reflection;
using Ward.Analysis;
using Ward.Analysis.Rules.OverPermissive;
using Ward.Aws.Catalog;
using Ward.Aws.Ingest;

namespace Ward.Cli.Tests.Rules;

/// <summary>
/// The over-permissive rules on users that come in twins: the same broad grant, once usable and once removed by a
/// deny, a permissions boundary or a narrow resource.
/// </summary>
public sealed class OverPermissiveRulesTests
{
    private const string Account = "123456789012";
    private static readonly DateTimeOffset AsOf = new(2026, 3, 16, 9, 15, 0, TimeSpan.Zero);
    private static readonly Lazy<ScanResult> Scan = new(() =>
    {
        var folder = Directory.CreateTempSubdirectory("ward-overpermissive-").FullName;
        File.WriteAllText(Path.Combine(folder, "gaad.json"), Gaad());
        return Scanner.Scan(AwsEstateLoader.Load([folder]), AsOf);
    });

    [Theory]
    [InlineData("data-exfiltration", "reads-everything", "Medium")]
    [InlineData("credentials-exposure", "mints-keys", "High")]
    [InlineData("resource-exposure", "shares-buckets", "High")]
    [InlineData("wildcard-grant", "kms-wildcard", "Medium")]
    [InlineData("wildcard-grant", "not-action", "Medium")]
    [InlineData("wildcard-grant", "not-action-first-denied", "Medium")]
    [InlineData("wildcard-grant", "everything-bounded-to-s3", "Medium")]
    [InlineData("data-exfiltration", "reads-with-mfa", "Low")]
    [InlineData("data-exfiltration", "reads-every-bucket", "Medium")]
    [InlineData("resource-exposure", "shares-every-object", "High")]
    [InlineData("credentials-exposure", "any-database-user", "High")]
    public void Usable_broad_grants_are_reported(string rule, string user, string severity)
    {
        var finding = Assert.Single(FindingsOf(user), f => f.RuleId == rule);
        Assert.Equal(severity, finding.Severity.ToString());
        Assert.Contains("statement", finding.Explanation, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("reads-everything-denied")]
    [InlineData("reads-everything-bounded")]
    [InlineData("reads-one-bucket")]
    [InlineData("kms-wildcard-denied")]
    [InlineData("everything-bounded-to-nothing")]
    [InlineData("reads-through-access-points")]
    [InlineData("some-database-users")]
    public void Grants_removed_by_a_deny_a_boundary_or_a_narrow_resource_are_not(string user)
    {
        Assert.DoesNotContain(FindingsOf(user), f => f.Category == "over-permissive");
    }

    [Fact]
    public void Every_watched_action_is_in_the_catalog()
    {
        foreach (var rule in RuleCatalog.All.OfType<UnrestrictedActionsRule>())
        {
            var actions = (IReadOnlyList<string>)typeof(UnrestrictedActionsRule).GetProperty("Actions", BindingFlags.Instance | BindingFlags.NonPublic)!.GetValue(rule)!;
            Assert.NotEmpty(actions);
            Assert.All(actions, a => Assert.True(AwsActionCatalog.Default.TryGetAction(a, out _), $"{rule.Metadata.Id}: {a}"));
        }
    }

    private static List<Finding> FindingsOf(string user) =>
        [.. Scan.Value.Findings.Where(f => f.Principal == $"arn:aws:iam::{Account}:user/{user}")];

    private static string Gaad() => $$"""
        {
          "UserDetailList": [
            {{User("reads-everything", """{"Effect":"Allow","Action":["s3:GetObject","secretsmanager:GetSecretValue"],"Resource":"*"}""")}},
            {{User("reads-everything-denied", """{"Effect":"Allow","Action":["s3:GetObject","secretsmanager:GetSecretValue"],"Resource":"*"},{"Effect":"Deny","Action":["s3:GetObject","secretsmanager:GetSecretValue"],"Resource":"*"}""")}},
            {{User("reads-everything-bounded", """{"Effect":"Allow","Action":["s3:GetObject","secretsmanager:GetSecretValue"],"Resource":"*"}""", boundary: "ReadNothing")}},
            {{User("reads-one-bucket", """{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::team-reports/*"}""")}},
            {{User("reads-with-mfa", """{"Effect":"Allow","Action":"s3:GetObject","Resource":"*","Condition":{"Bool":{"aws:MultiFactorAuthPresent":"true"}}}""")}},
            {{User("mints-keys", """{"Effect":"Allow","Action":["iam:CreateAccessKey","iam:UpdateLoginProfile"],"Resource":"*"}""")}},
            {{User("shares-buckets", """{"Effect":"Allow","Action":["s3:PutBucketPolicy","kms:CreateGrant"],"Resource":"*"}""")}},
            {{User("kms-wildcard", """{"Effect":"Allow","Action":"kms:*","Resource":"*"}""")}},
            {{User("kms-wildcard-denied", """{"Effect":"Allow","Action":"kms:*","Resource":"*"},{"Effect":"Deny","Action":"kms:*","Resource":"*"}""")}},
            {{User("not-action", """{"Effect":"Allow","NotAction":["iam:*","organizations:*"],"Resource":"*"}""")}},
            {{User("not-action-first-denied", """{"Effect":"Allow","NotAction":["iam:*","organizations:*"],"Resource":"*"},{"Effect":"Deny","Action":["cloudformation:*","cloudtrail:*"],"Resource":"*"}""")}},
            {{User("everything-bounded-to-s3", """{"Effect":"Allow","Action":"*","Resource":"*"}""", boundary: "S3Only")}},
            {{User("reads-every-bucket", """{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::*/*"}""")}},
            {{User("shares-every-object", """{"Effect":"Allow","Action":"s3:PutObjectAcl","Resource":"arn:aws:s3:::*/*"}""")}},
            {{User("reads-through-access-points", """{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:*:*:accesspoint/*/object/*"}""")}},
            {{User("any-database-user", """{"Effect":"Allow","Action":"redshift:GetClusterCredentials","Resource":["arn:aws:redshift:*:*:dbuser:*/*","arn:aws:redshift:*:*:dbname:*"]}""")}},
            {{User("some-database-users", """{"Effect":"Allow","Action":"redshift:GetClusterCredentials","Resource":["arn:aws:redshift:*:*:dbuser:*/sagemaker_access*","arn:aws:redshift:*:*:dbname:*"]}""")}},
            {{User("everything-bounded-to-nothing", """{"Effect":"Allow","Action":"*","Resource":"*"}""", boundary: "ReadNothing")}}
          ],
          "GroupDetailList": [],
          "RoleDetailList": [],
          "Policies": [
            {"PolicyName": "ReadNothing", "PolicyId": "ANPAREADNOTHING000001", "Arn": "arn:aws:iam::{{Account}}:policy/ReadNothing", "Path": "/", "DefaultVersionId": "v1",
             "AttachmentCount": 1, "PermissionsBoundaryUsageCount": 1, "IsAttachable": true, "CreateDate": "2024-01-01T00:00:00Z", "UpdateDate": "2024-01-01T00:00:00Z",
             "PolicyVersionList": [{"Document": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "cloudwatch:GetMetricData", "Resource": "*"}]}, "VersionId": "v1", "IsDefaultVersion": true, "CreateDate": "2024-01-01T00:00:00Z"}]},
            {"PolicyName": "S3Only", "PolicyId": "ANPAS3ONLY00000000001", "Arn": "arn:aws:iam::{{Account}}:policy/S3Only", "Path": "/", "DefaultVersionId": "v1",
             "AttachmentCount": 0, "PermissionsBoundaryUsageCount": 1, "IsAttachable": true, "CreateDate": "2024-01-01T00:00:00Z", "UpdateDate": "2024-01-01T00:00:00Z",
             "PolicyVersionList": [{"Document": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:*", "Resource": "*"}]}, "VersionId": "v1", "IsDefaultVersion": true, "CreateDate": "2024-01-01T00:00:00Z"}]}
          ]
        }
        """;

    private static string User(string name, string statements, string? boundary = null) => $$$"""
        {"Path": "/", "UserName": "{{{name}}}", "UserId": "AIDA{{{name.Length:D17}}}", "Arn": "arn:aws:iam::{{{Account}}}:user/{{{name}}}", "CreateDate": "2024-01-01T00:00:00Z",
         "UserPolicyList": [{"PolicyName": "grants", "PolicyDocument": {"Version": "2012-10-17", "Statement": [{{{statements}}}]}}],
         "GroupList": [], "AttachedManagedPolicies": [], "Tags": []{{{(boundary is not null ? $", \"PermissionsBoundary\": {{\"PermissionsBoundaryType\": \"Policy\", \"PermissionsBoundaryArn\": \"arn:aws:iam::{Account}:policy/{boundary}\"}}" : string.Empty)}}}}
        """;
}
