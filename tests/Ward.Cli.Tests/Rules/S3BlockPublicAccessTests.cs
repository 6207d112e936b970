using Ward.Analysis;
using Ward.Aws.Ingest;
using Ward.Aws.Policy.Evaluation;
using Ward.Aws.Queries;
using Ward.Core.Decisions;

namespace Ward.Cli.Tests.Rules;

/// <summary>
/// S3 Block Public Access and bucket ACLs, in twins that differ by one setting: RestrictPublicBuckets neutralises a
/// public bucket policy (BlockPublicPolicy does not), IgnorePublicAcls and disabled ACLs neutralise public grants
/// (BlockPublicAcls does not), and an account's setting covers all its buckets.
/// </summary>
public sealed class S3BlockPublicAccessTests
{
    private const string Account = "123456789012";
    private const string Guarded = "210987654321";
    private const string Vendor = "777766665555";
    private const string OwnerId = "5c1f0e3b9a7d4c2e8f6a1b3d5e7c9a0b2d4f6e8a1c3b5d7f9e0a2c4b6d8f1e3a";
    private const string GuardedOwnerId = "9d2e4f6a8c0b1d3e5f7a9c2b4d6e8f0a1c3e5b7d9f2a4c6e8b0d1f3a5c7e9b2d";
    private const string StrangerId = "0f1e2d3c4b5a69788796a5b4c3d2e1f00f1e2d3c4b5a69788796a5b4c3d2e1f0";
    private const string AllUsers = """{"Type": "Group", "URI": "http://acs.amazonaws.com/groups/global/AllUsers"}""";
    private const string AuthenticatedUsers = """{"Type": "Group", "URI": "http://acs.amazonaws.com/groups/global/AuthenticatedUsers"}""";
    private static readonly DateTimeOffset AsOf = new(2026, 3, 16, 9, 15, 0, TimeSpan.Zero);

    private static readonly Lazy<ScanResult> Scan = new(() => Scanner.Scan(AwsEstateLoader.Load([Folder(withS3Settings: true)]), AsOf));

    [Theory]
    [InlineData("public-policy", "Critical")]
    [InlineData("public-policy-block-new-only", "Critical")]
    [InlineData("public-read-acl", "High")]
    [InlineData("public-read-acl-block-new-only", "High")]
    [InlineData("authenticated-write-acl", "Critical")]
    public void Buckets_that_Block_Public_Access_leaves_open_are_reported(string bucket, string severity)
    {
        var finding = Assert.Single(Scan.Value.Findings, f => f.RuleId == "public-resource" && f.Principal == $"arn:aws:s3:::{bucket}");
        Assert.Equal(severity, finding.Severity.ToString());
        Assert.Equal(Account, finding.Account);
    }

    [Theory]
    [InlineData("public-policy-restricted")]
    [InlineData("public-read-acl-ignored")]
    [InlineData("public-read-acl-enforced-owner")]
    [InlineData("guarded-listed")]
    [InlineData("guarded-unlisted")]
    public void Buckets_that_Block_Public_Access_or_disabled_ACLs_keep_private_are_not_reported(string bucket)
    {
        Assert.DoesNotContain(Scan.Value.Findings, f => f.Principal == $"arn:aws:s3:::{bucket}");
    }

    [Fact]
    public void A_neutralised_public_policy_is_named_in_the_scan_notes()
    {
        var notes = Scan.Value.Notes.Where(n => n.Contains("RestrictPublicBuckets", StringComparison.Ordinal)).ToList();
        Assert.Contains(notes, n => n.Contains("`public-policy-restricted`", StringComparison.Ordinal) && n.Contains("on for the bucket", StringComparison.Ordinal));
        Assert.Contains(notes, n => n.Contains("`guarded-listed`", StringComparison.Ordinal) && n.Contains($"on for account {Guarded}", StringComparison.Ordinal));
        Assert.Contains(notes, n => n.Contains("`guarded-unlisted`", StringComparison.Ordinal));
        Assert.Contains(Scan.Value.Notes, n => n.Contains("`public-read-acl-ignored`", StringComparison.Ordinal) && n.Contains("IgnorePublicAcls", StringComparison.Ordinal));
        Assert.Contains(Scan.Value.Notes, n => n.Contains("`public-read-acl-enforced-owner`", StringComparison.Ordinal) && n.Contains("BucketOwnerEnforced", StringComparison.Ordinal));
    }

    [Fact]
    public void BlockPublicPolicy_and_BlockPublicAcls_alone_are_said_not_to_protect_what_exists()
    {
        var policy = Assert.Single(Scan.Value.Findings, f => f.Principal == "arn:aws:s3:::public-policy-block-new-only");
        Assert.Contains("BlockPublicPolicy (on for the bucket) only rejects new public bucket policies", policy.Explanation, StringComparison.Ordinal);
        var acl = Assert.Single(Scan.Value.Findings, f => f.Principal == "arn:aws:s3:::public-read-acl-block-new-only");
        Assert.Contains("BlockPublicAcls (on for the bucket) only rejects new public ACLs", acl.Explanation, StringComparison.Ordinal);
        Assert.Contains("Bucket ACL grant READ to AllUsers", acl.Explanation, StringComparison.Ordinal);
        Assert.Contains("`s3:ListBucket`", acl.Explanation, StringComparison.Ordinal);
        Assert.DoesNotContain("s3:GetObject", acl.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void AuthenticatedUsers_means_any_AWS_account_not_anonymous_callers()
    {
        // WRITE_ACP lets the grantee rewrite the ACL: critical
        var finding = Assert.Single(Scan.Value.Findings, f => f.Principal == "arn:aws:s3:::authenticated-write-acl");
        Assert.Contains("open to any AWS account", finding.Title, StringComparison.Ordinal);
        Assert.Contains("`s3:PutBucketAcl`", finding.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void A_grant_to_another_accounts_canonical_user_is_cross_account()
    {
        // Given ACL grants to the guarded account (known by the owner of its buckets' ACLs) and to an unknown account
        var known = Assert.Single(Scan.Value.Findings, f => f.RuleId == "cross-account-resource" && f.Principal == "arn:aws:s3:::shared-by-acl" && f.Title.Contains(Guarded, StringComparison.Ordinal));
        var unknown = Assert.Single(Scan.Value.Findings, f => f.RuleId == "cross-account-resource" && f.Principal == "arn:aws:s3:::shared-by-acl" && f.Explanation.Contains(StrangerId, StringComparison.Ordinal));

        // Then the first is named by its account, the second by its canonical user ID, as outside the organization
        Assert.Contains("`s3:ListBucket`", known.Explanation, StringComparison.Ordinal);
        Assert.Equal(Severity.Medium, unknown.Severity);
        Assert.Contains("`s3:PutObject`", unknown.Explanation, StringComparison.Ordinal);
        Assert.DoesNotContain(Scan.Value.Findings, f => f.RuleId == "public-resource" && f.Principal == "arn:aws:s3:::shared-by-acl");
    }

    [Fact]
    public void RestrictPublicBuckets_blocks_every_other_account_a_public_policy_names()
    {
        // Given a public policy that also names a vendor account, under RestrictPublicBuckets: all cross-account access ends
        Assert.DoesNotContain(Scan.Value.Findings, f => f.Principal == "arn:aws:s3:::public-policy-restricted");

        // Whereas a non-public policy naming the vendor is not confined, whatever the setting
        var shared = Assert.Single(Scan.Value.Findings, f => f.Principal == "arn:aws:s3:::vendor-share-restricted");
        Assert.Equal("cross-account-resource", shared.RuleId);
    }

    [Fact]
    public void Queries_apply_RestrictPublicBuckets_to_anonymous_callers_and_not_to_the_owners_principals()
    {
        var queries = new AwsAccessQueries(Scan.Value.Estate, AsOf);
        var noContext = new Dictionary<string, ContextValue>(StringComparer.Ordinal);
        var anonymous = queries.Can(AwsPrincipal.Anonymous, "s3:GetObject", "arn:aws:s3:::public-policy-restricted/index.html", noContext).Decision;
        Assert.Equal(DecisionKind.ImplicitDeny, anonymous.Kind);
        Assert.Contains("RestrictPublicBuckets, on for the bucket", anonymous.Explanation.Summary, StringComparison.Ordinal);
        Assert.Contains("`PublicRead`", anonymous.Explanation.Summary, StringComparison.Ordinal);

        var open = queries.Can(AwsPrincipal.Anonymous, "s3:GetObject", "arn:aws:s3:::public-policy/index.html", noContext).Decision;
        Assert.Equal(DecisionKind.Allowed, open.Kind);

        // The owner's own user reads through the public statement: RestrictPublicBuckets leaves the owner's account alone
        var own = queries.Can(AwsPrincipal.Parse($"arn:aws:iam::{Account}:user/ops"), "s3:GetObject", "arn:aws:s3:::public-policy-restricted/index.html", noContext).Decision;
        Assert.Equal(DecisionKind.Allowed, own.Kind);

        // An ACL's public grant answers anonymous listing unless IgnorePublicAcls is on
        Assert.Equal(DecisionKind.Allowed, queries.Can(AwsPrincipal.Anonymous, "s3:ListBucket", "arn:aws:s3:::public-read-acl", noContext).Decision.Kind);
        Assert.Equal(DecisionKind.ImplicitDeny, queries.Can(AwsPrincipal.Anonymous, "s3:ListBucket", "arn:aws:s3:::public-read-acl-ignored", noContext).Decision.Kind);
        Assert.Equal(DecisionKind.ImplicitDeny, queries.Can(AwsPrincipal.Anonymous, "s3:PutBucketAcl", "arn:aws:s3:::authenticated-write-acl", noContext).Decision.Kind);
    }

    [Fact]
    public void Without_the_S3_settings_public_policies_are_reported_as_before_and_the_scan_says_what_is_missing()
    {
        var token = TestContext.Current.CancellationToken;
        var scan = Scanner.Scan(AwsEstateLoader.Load([Folder(withS3Settings: false)], token), AsOf, cancellationToken: token);

        // The restricted bucket's policy is reported (nothing says it is neutralised), the ACL buckets are not known
        var finding = Assert.Single(scan.Findings, f => f.RuleId == "public-resource" && f.Principal == "arn:aws:s3:::public-policy-restricted");
        Assert.Contains($"S3 Block Public Access was not exported for account {Account}", finding.Explanation, StringComparison.Ordinal);
        Assert.DoesNotContain(scan.Findings, f => f.Principal == "arn:aws:s3:::public-read-acl");
        Assert.Contains(scan.Skipped, s => s.Analysis == $"S3 Block Public Access and bucket ACLs in account {Account}");
        Assert.Contains(scan.Skipped, s => s.Analysis == $"S3 Block Public Access and bucket ACLs in account {Guarded}");
        Assert.DoesNotContain(Scan.Value.Skipped, s => s.Analysis.StartsWith("S3 Block Public Access", StringComparison.Ordinal));
    }

    private static string Folder(bool withS3Settings)
    {
        var folder = Directory.CreateTempSubdirectory("ward-s3-bpa-").FullName;
        foreach (var account in new[] { Account, Guarded })
        {
            Directory.CreateDirectory(Path.Combine(folder, account));
            File.WriteAllText(Path.Combine(folder, account, "gaad.json"), Gaad(account));
        }

        File.WriteAllText(Path.Combine(folder, Account, "resource-policies.json"), ResourcePolicies(Account,
            ("public-policy", PublicRead("public-policy")),
            ("public-policy-block-new-only", PublicRead("public-policy-block-new-only")),
            ("public-policy-restricted", PublicRead("public-policy-restricted") + "," + VendorRead("public-policy-restricted")),
            ("vendor-share-restricted", VendorRead("vendor-share-restricted"))));
        File.WriteAllText(Path.Combine(folder, Guarded, "resource-policies.json"), ResourcePolicies(Guarded,
            ("guarded-listed", PublicRead("guarded-listed")),
            ("guarded-unlisted", PublicRead("guarded-unlisted"))));
        if (!withS3Settings)
        {
            return folder;
        }

        File.WriteAllText(Path.Combine(folder, Account, "s3-buckets.json"), $$"""
            {
              "Account": "{{Account}}",
              "AccountPublicAccessBlock": null,
              "S3Buckets": [
                {{Bucket("public-policy", "null", Acl(OwnerId), "null")}},
                {{Bucket("public-policy-block-new-only", Block(blockPublicPolicy: true), Acl(OwnerId), Enforced)}},
                {{Bucket("public-policy-restricted", Block(restrictPublicBuckets: true), Acl(OwnerId), Enforced)}},
                {{Bucket("vendor-share-restricted", Block(true, true, true, true), Acl(OwnerId), Enforced)}},
                {{Bucket("public-read-acl", "null", Acl(OwnerId, (AllUsers, "READ")), ObjectWriter)}},
                {{Bucket("public-read-acl-block-new-only", Block(blockPublicAcls: true), Acl(OwnerId, (AllUsers, "READ")), ObjectWriter)}},
                {{Bucket("public-read-acl-ignored", Block(ignorePublicAcls: true), Acl(OwnerId, (AllUsers, "READ")), ObjectWriter)}},
                {{Bucket("public-read-acl-enforced-owner", "null", Acl(OwnerId, (AllUsers, "FULL_CONTROL")), Enforced)}},
                {{Bucket("authenticated-write-acl", "null", Acl(OwnerId, (AuthenticatedUsers, "WRITE_ACP")), ObjectWriter)}},
                {{Bucket("shared-by-acl", Block(true, true, true, true), Acl(OwnerId, (Canonical(GuardedOwnerId), "READ"), (Canonical(StrangerId), "WRITE")), ObjectWriter)}}
              ]
            }
            """);

        // The guarded account restricts public buckets account-wide: its own bucket setting is empty, and one of its
        // buckets is not even listed.
        File.WriteAllText(Path.Combine(folder, Guarded, "s3-buckets.json"), $$"""
            {
              "Account": "{{Guarded}}",
              "AccountPublicAccessBlock": {{Block(true, true, true, true)}},
              "S3Buckets": [
                {{Bucket("guarded-listed", "null", Acl(GuardedOwnerId), Enforced)}}
              ]
            }
            """);
        return folder;
    }

    private const string Enforced = """{"OwnershipControls": {"Rules": [{"ObjectOwnership": "BucketOwnerEnforced"}]}}""";
    private const string ObjectWriter = """{"OwnershipControls": {"Rules": [{"ObjectOwnership": "ObjectWriter"}]}}""";

    private static string Canonical(string id) => $$"""{"ID": "{{id}}", "Type": "CanonicalUser"}""";

    private static string Block(bool blockPublicAcls = false, bool ignorePublicAcls = false, bool blockPublicPolicy = false, bool restrictPublicBuckets = false) =>
        $$$"""{"PublicAccessBlockConfiguration": {"BlockPublicAcls": {{{Json(blockPublicAcls)}}}, "IgnorePublicAcls": {{{Json(ignorePublicAcls)}}}, "BlockPublicPolicy": {{{Json(blockPublicPolicy)}}}, "RestrictPublicBuckets": {{{Json(restrictPublicBuckets)}}}}}""";

    private static string Json(bool value) => value ? "true" : "false";

    private static string Acl(string owner, params (string Grantee, string Permission)[] grants) =>
        $$"""{"Owner": {"ID": "{{owner}}"}, "Grants": [{"Grantee": {{Canonical(owner)}}, "Permission": "FULL_CONTROL"}{{string.Concat(grants.Select(g => $$""", {"Grantee": {{g.Grantee}}, "Permission": "{{g.Permission}}"}"""))}}]}""";

    private static string Bucket(string name, string block, string acl, string ownership) =>
        $$"""{"Name": "{{name}}", "Region": "eu-west-1", "PublicAccessBlock": {{block}}, "Acl": {{acl}}, "OwnershipControls": {{ownership}}}""";

    private static string PublicRead(string bucket) =>
        $$"""{"Sid":"PublicRead","Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::{{bucket}}/*"}""";

    private static string VendorRead(string bucket) =>
        $$"""{"Sid":"VendorRead","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::{{Vendor}}:root"},"Action":"s3:GetObject","Resource":"arn:aws:s3:::{{bucket}}/*"}""";

    private static string ResourcePolicies(string account, params (string Bucket, string Statements)[] buckets) =>
        $$"""{"ResourcePolicies": [{{string.Join(",\n", buckets.Select(b => $$"""{"Arn": "arn:aws:s3:::{{b.Bucket}}", "Type": "AWS::S3::Bucket", "Account": "{{account}}", "Region": "eu-west-1", "Policy": {{System.Text.Json.JsonSerializer.Serialize($$"""{"Version":"2012-10-17","Statement":[{{b.Statements}}]}""")}}}"""))}}]}""";

    private static string Gaad(string account) => $$$"""
        {
          "UserDetailList": [
            {"Path": "/", "UserName": "ops", "UserId": "AIDA{{{account}}}00001", "Arn": "arn:aws:iam::{{{account}}}:user/ops", "CreateDate": "2024-01-01T00:00:00Z",
             "UserPolicyList": [{"PolicyName": "read-buckets", "PolicyDocument": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}]}}],
             "GroupList": [], "AttachedManagedPolicies": [], "Tags": []}
          ],
          "GroupDetailList": [],
          "RoleDetailList": [],
          "Policies": []
        }
        """;
}
