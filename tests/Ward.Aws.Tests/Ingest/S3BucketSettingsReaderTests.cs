using Ward.Aws.Estate;
using Ward.Aws.Ingest;
using Ward.Aws.Tests.Testing;
using Ward.Core.Diagnostics;

namespace Ward.Aws.Tests.Ingest;

/// <summary>
/// <c>s3-buckets.json</c>: the outputs of <c>get-public-access-block</c>, <c>get-bucket-acl</c> and
/// <c>get-bucket-ownership-controls</c> as the CLI prints them, null for "none configured", a left-out property for
/// "not exported", and every bad value reported at its JSON path and line.
/// </summary>
public sealed class S3BucketSettingsReaderTests
{
    private const string Owner = "79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be";

    [Fact]
    public void The_CLI_outputs_are_read_as_printed()
    {
        // Given an account with no account-level setting (NoSuchPublicAccessBlockConfiguration) and three buckets
        using var folder = new ScratchFolder(("s3-buckets.json", $$$$"""
            {
                "Account": "123456789012",
                "AccountPublicAccessBlock": null,
                "S3Buckets": [
                    {
                        "Name": "press-kit",
                        "Region": "eu-west-1",
                        "PublicAccessBlock": {"PublicAccessBlockConfiguration": {"BlockPublicAcls": true, "IgnorePublicAcls": false, "BlockPublicPolicy": true, "RestrictPublicBuckets": false}},
                        "Acl": {"Owner": {"ID": "{{{{Owner}}}}"}, "Grants": [
                            {"Grantee": {"ID": "{{{{Owner}}}}", "Type": "CanonicalUser"}, "Permission": "FULL_CONTROL"},
                            {"Grantee": {"Type": "Group", "URI": "http://acs.amazonaws.com/groups/global/AllUsers"}, "Permission": "READ"},
                            {"Grantee": {"Type": "Group", "URI": "http://acs.amazonaws.com/groups/global/AuthenticatedUsers"}, "Permission": "WRITE_ACP"}
                        ]},
                        "OwnershipControls": {"OwnershipControls": {"Rules": [{"ObjectOwnership": "ObjectWriter"}]}}
                    },
                    {"Name": "no-settings", "Region": "us-east-1", "PublicAccessBlock": null, "OwnershipControls": null},
                    {"Name": "enforced", "OwnershipControls": {"OwnershipControls": {"Rules": [{"ObjectOwnership": "BucketOwnerEnforced"}]}}}
                ]
            }
            """));

        // When it is loaded
        var estate = AwsEstateLoader.Load([folder.Path], TestContext.Current.CancellationToken);

        // Then the account's setting is known and empty, and each bucket keeps what was exported
        Assert.DoesNotContain(estate.Diagnostics, d => d.Code == IngestDiagnosticCodes.S3BucketSettings || d.Code == IngestDiagnosticCodes.UnknownField);
        Assert.Equal(InputKind.S3Buckets, Assert.Single(estate.Inputs).Kind);
        var account = estate.S3Accounts["123456789012"];
        Assert.True(account.PublicAccessBlockKnown);
        Assert.Equal(S3PublicAccessBlock.None, account.PublicAccessBlock);

        var pressKit = estate.S3Buckets["arn:aws:s3:::press-kit"];
        Assert.Equal(new S3PublicAccessBlock(true, false, true, false), pressKit.PublicAccessBlock);
        Assert.Equal(Owner, pressKit.Acl!.OwnerId);
        Assert.Equal(
            [(S3AclGranteeKind.CanonicalUser, "FULL_CONTROL"), (S3AclGranteeKind.AllUsers, "READ"), (S3AclGranteeKind.AuthenticatedUsers, "WRITE_ACP")],
            pressKit.Acl.Grants.Select(g => (g.Grantee, g.Permission)));
        Assert.Equal("ObjectWriter", pressKit.ObjectOwnership);
        Assert.False(pressKit.AclsDisabled);

        var none = estate.S3Buckets["arn:aws:s3:::no-settings"];
        Assert.True(none.PublicAccessBlockKnown);
        Assert.Null(none.Acl);
        Assert.Null(none.ObjectOwnership);

        var enforced = estate.S3Buckets["arn:aws:s3:::enforced"];
        Assert.False(enforced.PublicAccessBlockKnown);
        Assert.True(enforced.AclsDisabled);
        Assert.Equal("123456789012", enforced.Account);
    }

    [Fact]
    public void Bad_values_are_reported_with_their_path_and_line_and_the_rest_is_read()
    {
        // Given one problem per line
        using var folder = new ScratchFolder(("s3-buckets.json", $$$$"""
            {"Account": "123456789012", "S3Buckets": [
              {"Name": "flag-is-text", "PublicAccessBlock": {"PublicAccessBlockConfiguration": {"IgnorePublicAcls": "true", "RestrictPublicBuckets": true}}},
              {"Name": "bad-permission", "Acl": {"Owner": {"ID": "{{{{Owner}}}}"}, "Grants": [{"Grantee": {"Type": "Group", "URI": "http://acs.amazonaws.com/groups/global/AllUsers"}, "Permission": "READ_WRITE"}]}},
              {"Name": "acl-is-a-string", "Acl": "private"},
              {"Region": "eu-west-1"},
              {"Name": "bad-ownership", "OwnershipControls": {"OwnershipControls": {"Rules": [{"ObjectOwnership": "BucketOwnerOnly"}]}}},
              {"Name": "good", "PublicAccessBlock": null}
            ]}
            """));

        // When it is loaded
        var estate = AwsEstateLoader.Load([folder.Path], TestContext.Current.CancellationToken);

        // Then each problem is a WARD1303 error at its JSON path and line, and what is usable is kept
        var problems = estate.Diagnostics.Where(d => d.Code == IngestDiagnosticCodes.S3BucketSettings)
            .Select(d => (d.Location.File.EndsWith("s3-buckets.json", StringComparison.Ordinal), d.Location.JsonPath, d.Location.Line, d.Severity)).ToList();
        Assert.Equal(
            [
                (true, "$.S3Buckets[0].PublicAccessBlock.PublicAccessBlockConfiguration.IgnorePublicAcls", 2, DiagnosticSeverity.Error),
                (true, "$.S3Buckets[1].Acl.Grants[0].Permission", 3, DiagnosticSeverity.Error),
                (true, "$.S3Buckets[2].Acl", 4, DiagnosticSeverity.Error),
                (true, "$.S3Buckets[3]", 5, DiagnosticSeverity.Error),
                (true, "$.S3Buckets[4].OwnershipControls.OwnershipControls.Rules[0].ObjectOwnership", 6, DiagnosticSeverity.Error),
            ],
            problems.OrderBy(p => p.JsonPath, StringComparer.Ordinal));
        Assert.Equal("acl-is-a-string bad-ownership bad-permission flag-is-text good", string.Join(' ', estate.S3Buckets.Values.Select(b => b.Name).Order(StringComparer.Ordinal)));

        // A flag that cannot be read is taken as off (so nothing is credited to it); the others are kept
        Assert.Equal(new S3PublicAccessBlock(false, false, false, true), estate.S3Buckets["arn:aws:s3:::flag-is-text"].PublicAccessBlock);
        Assert.Empty(estate.S3Buckets["arn:aws:s3:::bad-permission"].Acl!.Grants);
        Assert.Null(estate.S3Buckets["arn:aws:s3:::acl-is-a-string"].Acl);
        Assert.False(estate.S3Buckets["arn:aws:s3:::bad-ownership"].AclsDisabled);
    }

    [Fact]
    public void Access_points_are_read_from_the_CLI_outputs_as_printed()
    {
        // Given an Internet access point with a policy, a VPC one without (NoSuchAccessPointPolicy), and one whose
        // policy was not exported, as `get-access-point` and `get-access-point-policy` print them
        using var folder = new ScratchFolder(("s3-buckets.json", """
            {
                "Account": "123456789012",
                "S3Buckets": [],
                "AccessPoints": [
                    {
                        "Region": "eu-west-1",
                        "AccessPoint": {
                            "Name": "reports", "Bucket": "lake", "NetworkOrigin": "Internet",
                            "PublicAccessBlockConfiguration": {"BlockPublicAcls": true, "IgnorePublicAcls": true, "BlockPublicPolicy": true, "RestrictPublicBuckets": false},
                            "CreationDate": "2025-11-04T10:21:07+00:00", "Alias": "reports-5hq4pyxkg9xg1ij2yruqiv0rwbnpjeuw1a-s3alias",
                            "AccessPointArn": "arn:aws:s3:eu-west-1:123456789012:accesspoint/reports",
                            "Endpoints": {"ipv4": "s3-accesspoint.eu-west-1.amazonaws.com", "dualstack": "s3-accesspoint.dualstack.eu-west-1.amazonaws.com"},
                            "BucketAccountId": "210987654321"
                        },
                        "Policy": {"Policy": "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"arn:aws:iam::444455556666:root\"},\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:eu-west-1:123456789012:accesspoint/reports/object/*\"}]}"}
                    },
                    {
                        "Region": "eu-west-1",
                        "AccessPoint": {"Name": "etl", "Bucket": "lake", "NetworkOrigin": "VPC", "VpcConfiguration": {"VpcId": "vpc-0a1b2c3d4e5f67890"}},
                        "Policy": null
                    },
                    {"Region": "us-east-1", "AccessPoint": {"Name": "legacy", "Bucket": "archive", "NetworkOrigin": "Internet"}}
                ]
            }
            """));

        var estate = AwsEstateLoader.Load([folder.Path], TestContext.Current.CancellationToken);

        // Then each access point keeps its bucket, origin and setting, and the one policy is a resource policy
        Assert.DoesNotContain(estate.Diagnostics, d => d.Code == IngestDiagnosticCodes.S3BucketSettings || d.Code == IngestDiagnosticCodes.UnknownField);
        var reports = estate.S3AccessPoints["arn:aws:s3:eu-west-1:123456789012:accesspoint/reports"];
        Assert.Equal(("reports", "lake", "210987654321", "Internet", "eu-west-1"), (reports.Name, reports.Bucket, reports.BucketAccount, reports.NetworkOrigin, reports.Region));
        Assert.Equal(new S3PublicAccessBlock(true, true, true, false), reports.PublicAccessBlock);
        Assert.True(reports.PublicAccessBlockKnown);
        var policy = estate.ResourcePolicies[reports.Arn];
        Assert.Equal((S3BucketSettingsReader.AccessPointType, "reports", "123456789012"), (policy.Type, policy.Name, policy.Account));
        Assert.Equal("$.AccessPoints[0].Policy.Policy", policy.Location.JsonPath);
        Assert.Same(policy, estate.ResourcePolicyFor("arn:aws:s3:eu-west-1:123456789012:accesspoint/reports/object/2026/q1.csv"));
        Assert.Equal("arn:aws:s3:::lake/2026/q1.csv", reports.BucketResourceFor("arn:aws:s3:eu-west-1:123456789012:accesspoint/reports/object/2026/q1.csv"));
        Assert.Equal("arn:aws:s3:::lake", reports.BucketResourceFor(reports.Arn));

        var etl = estate.S3AccessPoints["arn:aws:s3:eu-west-1:123456789012:accesspoint/etl"];
        Assert.True(etl.IsVpcOnly);
        Assert.Equal(("vpc-0a1b2c3d4e5f67890", "123456789012"), (etl.VpcId, etl.BucketAccount));
        Assert.False(etl.PublicAccessBlockKnown);

        // Built from the entry's region when the listing gave no ARN; no policy for the other two
        Assert.True(estate.S3AccessPoints.ContainsKey("arn:aws:s3:us-east-1:123456789012:accesspoint/legacy"));
        Assert.Single(estate.ResourcePolicies);
    }

    [Fact]
    public void Bad_access_point_values_are_reported_with_their_path_and_line()
    {
        using var folder = new ScratchFolder(("s3-buckets.json", """
            {"Account": "123456789012", "S3Buckets": [], "AccessPoints": [
              {"Region": "eu-west-1", "AccessPoint": {"Name": "other-account", "Bucket": "lake", "NetworkOrigin": "Internet", "AccessPointArn": "arn:aws:s3:eu-west-1:999988887777:accesspoint/other-account"}},
              {"Region": "eu-west-1", "AccessPoint": {"Name": "no-bucket", "NetworkOrigin": "Internet"}},
              {"AccessPoint": {"Name": "nowhere", "Bucket": "lake", "NetworkOrigin": "Internet"}},
              {"Region": "eu-west-1", "AccessPoint": {"Name": "vpc-without-id", "Bucket": "lake", "NetworkOrigin": "VPC"}},
              {"Region": "eu-west-1", "AccessPoint": {"Name": "odd-origin", "Bucket": "lake", "NetworkOrigin": "Intranet", "PublicAccessBlockConfiguration": {"RestrictPublicBuckets": "yes"}}},
              {"Region": "eu-west-1", "AccessPoint": {"Name": "policy-is-a-number", "Bucket": "lake", "NetworkOrigin": "Internet"}, "Policy": 42},
              {"Region": "eu-west-1", "AccessPoint": "reports"}
            ]}
            """));

        var estate = AwsEstateLoader.Load([folder.Path], TestContext.Current.CancellationToken);

        var problems = estate.Diagnostics.Where(d => d.Code is IngestDiagnosticCodes.S3BucketSettings or IngestDiagnosticCodes.MissingField)
            .Select(d => (d.Location.JsonPath, d.Location.Line)).OrderBy(p => p.JsonPath, StringComparer.Ordinal).ToList();
        Assert.Equal(
            [
                ("$.AccessPoints[0].AccessPoint.AccessPointArn", 2),
                ("$.AccessPoints[1].AccessPoint", 3),
                ("$.AccessPoints[2].AccessPoint", 4),
                ("$.AccessPoints[3].AccessPoint.NetworkOrigin", 5),
                ("$.AccessPoints[4].AccessPoint.NetworkOrigin", 6),
                ("$.AccessPoints[4].AccessPoint.PublicAccessBlockConfiguration.RestrictPublicBuckets", 6),
                ("$.AccessPoints[5].Policy", 7),
                ("$.AccessPoints[6].AccessPoint", 8),
            ],
            problems);

        // Ward never credits a VPC restriction or a Block Public Access flag it could not read
        Assert.Equal("odd-origin policy-is-a-number vpc-without-id", string.Join(' ', estate.S3AccessPoints.Values.Select(a => a.Name).Order(StringComparer.Ordinal)));
        Assert.All(estate.S3AccessPoints.Values, a => Assert.False(a.IsVpcOnly));
        Assert.False(estate.S3AccessPoints.Values.Single(a => a.Name == "odd-origin").PublicAccessBlock.RestrictPublicBuckets);
        Assert.Empty(estate.ResourcePolicies);
    }

    [Theory]
    [InlineData("""{"S3Buckets": []}""", "$")]
    [InlineData("""{"Account": "prod", "S3Buckets": []}""", "$.Account")]
    [InlineData("""{"Account": "123456789012", "S3Buckets": {"Name": "b"}}""", "$.S3Buckets")]
    public void A_file_without_a_usable_account_or_bucket_list_is_skipped_and_said_so(string json, string path)
    {
        using var folder = new ScratchFolder(("s3-buckets.json", json));

        var estate = AwsEstateLoader.Load([folder.Path], TestContext.Current.CancellationToken);

        var error = Assert.Single(estate.Diagnostics, d => d.Code == IngestDiagnosticCodes.S3BucketSettings);
        Assert.Equal((DiagnosticSeverity.Error, path), (error.Severity, error.Location.JsonPath));
        Assert.Equal(InputKind.Unreadable, Assert.Single(estate.Inputs).Kind);
        Assert.Empty(estate.S3Accounts);
    }
}
