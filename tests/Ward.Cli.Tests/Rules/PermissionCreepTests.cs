using Ward.Analysis;
using Ward.Aws.Ingest;

namespace Ward.Cli.Tests.Rules;

/// <summary>
/// permission-creep on service last accessed data that does not tell everything: a truncated job, whose services on
/// later pages are unknown rather than unused, and a principal younger than the unused threshold, which has had no
/// time to use its services (both as unused-service-permissions treats them).
/// </summary>
public sealed class PermissionCreepTests
{
    private const string Account = "123456789012";
    private static readonly DateTimeOffset AsOf = new(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);

    private static readonly Lazy<ScanResult> Scan = new(() =>
    {
        var folder = Directory.CreateTempSubdirectory("ward-creep-").FullName;
        File.WriteAllText(Path.Combine(folder, "gaad.json"), Gaad());
        File.WriteAllText(Path.Combine(folder, "service-last-accessed.json"), ServiceLastAccessed());
        return Scanner.Scan(AwsEstateLoader.Load([folder]), AsOf);
    });

    [Fact]
    public void Services_a_truncated_job_does_not_list_are_not_counted_as_unused()
    {
        // Given an administrator whose job lists S3 (used) and EC2 (unused for months) and is cut off
        var finding = Assert.Single(Creep("truncated"));

        // Then only EC2's three watched actions count; the others are named as not counted, and the cut is said
        Assert.Equal("`truncated`: permission creep 8/100", finding.Title);
        Assert.Equal(Severity.Low, finding.Severity);
        Assert.Contains("Not counted:", finding.Explanation, StringComparison.Ordinal);
        Assert.Contains("`iam:CreateAccessKey`", finding.Explanation, StringComparison.Ordinal);
        Assert.Contains("IsTruncated", finding.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void Services_a_complete_job_lists_as_unused_are_counted()
    {
        // Given the same administrator's twin whose complete job also lists IAM and Lambda as never used
        var finding = Assert.Single(Creep("complete"));

        // Then EC2's, IAM's (but iam:PassRole) and Lambda's watched actions count: 3 + 12 + 3 of 40
        Assert.Equal("`complete`: permission creep 45/100", finding.Title);
        Assert.DoesNotContain("Not counted:", finding.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void A_principal_younger_than_the_threshold_is_not_scored()
    {
        // Given an administrator created two weeks ago that has not called Lambda yet, and its year-old twin
        Assert.Empty(Creep("young"));
        Assert.Single(Creep("year-old"));
        Assert.DoesNotContain(Scan.Value.Findings, f => f.RuleId == "unused-service-permissions" && f.Principal.EndsWith("/young", StringComparison.Ordinal));
    }

    [Fact]
    public void No_recorded_use_counts_as_unused_only_within_IAMs_400_day_tracking_period()
    {
        // Given the administrator whose complete job lists IAM and Lambda with no use recorded (none in 400 days)
        var folder = Directory.CreateTempSubdirectory("ward-creep-").FullName;
        File.WriteAllText(Path.Combine(folder, "gaad.json"), Gaad());
        File.WriteAllText(Path.Combine(folder, "service-last-accessed.json"), ServiceLastAccessed());
        var estate = AwsEstateLoader.Load([folder], cancellationToken: TestContext.Current.CancellationToken);

        // When the threshold is 500 days, they may have been used between 400 and 500 days ago: not counted, no score,
        // and the scan says which principals' services were left uncounted
        var beyond = Scanner.Scan(estate, AsOf, new AnalysisSettings { UnusedDays = 500 }, cancellationToken: TestContext.Current.CancellationToken);
        Assert.DoesNotContain(beyond.Findings, f => f.RuleId == "permission-creep" && f.Principal.EndsWith("/complete", StringComparison.Ordinal));
        var notRun = Assert.Single(beyond.Skipped, s => s.Analysis.StartsWith("permission-creep for the services with no use recorded", StringComparison.Ordinal));
        Assert.Contains($"arn:aws:iam::{Account}:role/complete", notRun.Reason, StringComparison.Ordinal);

        // And at 400 days they are unused, as at the default threshold
        var finding = Assert.Single(Scanner.Scan(estate, AsOf, new AnalysisSettings { UnusedDays = 400 }, cancellationToken: TestContext.Current.CancellationToken).Findings, f => f.RuleId == "permission-creep" && f.Principal.EndsWith("/complete", StringComparison.Ordinal));
        Assert.Equal("`complete`: permission creep 38/100", finding.Title);
    }

    private static List<Finding> Creep(string role) =>
        [.. Scan.Value.Findings.Where(f => f.RuleId == "permission-creep" && f.Principal == $"arn:aws:iam::{Account}:role/{role}")];

    private static string Gaad() => $$"""
        {
          "UserDetailList": [],
          "GroupDetailList": [],
          "RoleDetailList": [
            {{Role("truncated", "2024-01-01T00:00:00Z")}},
            {{Role("complete", "2024-01-01T00:00:00Z")}},
            {{Role("young", "2026-10-18T00:00:00Z")}},
            {{Role("year-old", "2025-10-18T00:00:00Z")}}
          ],
          "Policies": []
        }
        """;

    private static string Role(string name, string created) => $$$"""
        {"Path": "/", "RoleName": "{{{name}}}", "RoleId": "AROA{{{Math.Abs(name.GetHashCode(StringComparison.Ordinal)):D17}}}", "Arn": "arn:aws:iam::{{{Account}}}:role/{{{name}}}", "CreateDate": "{{{created}}}",
         "AssumeRolePolicyDocument": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Service": "ec2.amazonaws.com"}, "Action": "sts:AssumeRole"}]},
         "InstanceProfileList": [], "RolePolicyList": [{"PolicyName": "admin", "PolicyDocument": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]}}],
         "AttachedManagedPolicies": [], "Tags": []}
        """;

    // The other services of the watched actions, all used last week.
    private static readonly string[] OtherServices = ["kms", "ssm", "secretsmanager", "cloudformation", "glue", "codebuild", "dynamodb", "rds", "cloudtrail", "guardduty", "organizations"];

    private static string ServiceLastAccessed()
    {
        static string Used(string ns, string name, string at) =>
            $$"""{"ServiceName": "{{name}}", "ServiceNamespace": "{{ns}}", "TotalAuthenticatedEntities": 1, "LastAuthenticated": "{{at}}", "LastAuthenticatedEntity": "arn:aws:iam::{{Account}}:role/x", "LastAuthenticatedRegion": "eu-west-1"}""";
        static string Never(string ns, string name) => $$"""{"ServiceName": "{{name}}", "ServiceNamespace": "{{ns}}", "TotalAuthenticatedEntities": 0}""";
        static string Job(string role, bool truncated, params string[] services) =>
            $$$"""{"Arn": "arn:aws:iam::{{{Account}}}:role/{{{role}}}", "ServiceLastAccessed": {"JobStatus": "COMPLETED", "JobType": "SERVICE_LEVEL", "JobCreationDate": "2026-10-31T10:00:00.000000+00:00", "JobCompletionDate": "2026-10-31T10:00:05.123000+00:00", "IsTruncated": {{{(truncated ? "true, \"Marker\": \"AAEAAHYQ\"" : "false")}}}, "ServicesLastAccessed": [{{{string.Join(", ", services)}}}]}}""";
        var s3 = Used("s3", "Amazon S3", "2026-10-30T00:00:00+00:00");
        var ec2 = Used("ec2", "Amazon EC2", "2026-05-01T00:00:00+00:00");
        var sts = Used("sts", "AWS Security Token Service", "2026-10-30T00:00:00+00:00");
        var others = OtherServices.Select(ns => Used(ns, ns, "2026-10-30T00:00:00+00:00")).ToArray();
        return $$"""
            [
              {{Job("truncated", true, s3, ec2)}},
              {{Job("complete", false, [s3, ec2, sts, Never("iam", "AWS Identity and Access Management"), Never("lambda", "AWS Lambda"), .. others])}},
              {{Job("young", false, [s3, sts, Never("lambda", "AWS Lambda"), .. others])}},
              {{Job("year-old", false, [s3, sts, Never("lambda", "AWS Lambda"), .. others])}}
            ]
            """;
    }
}
