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
