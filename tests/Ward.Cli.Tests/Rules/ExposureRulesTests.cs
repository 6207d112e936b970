using Ward.Analysis;
using Ward.Aws.Ingest;

namespace Ward.Cli.Tests.Rules;

/// <summary>
/// The exposure rules on one account's resource policies, in vulnerable and safe twins: each twin differs by the one
/// element (a condition, a deny, a service principal, an RCP) that keeps outsiders out.
/// </summary>
public sealed class ExposureRulesTests
{
    private const string Account = "123456789012";
    private const string Management = "111111111111";
    private static readonly DateTimeOffset AsOf = new(2026, 3, 16, 9, 15, 0, TimeSpan.Zero);

    private static readonly Lazy<ScanResult> Alone = new(() => ScanOf(withOrganization: false));
    private static readonly Lazy<ScanResult> InOrganization = new(() => ScanOf(withOrganization: true));

    [Theory]
    [InlineData("public-resource", "arn:aws:s3:::public-bucket", "Critical")]
    [InlineData("public-resource", "arn:aws:s3:::listable-bucket", "High")]
    [InlineData("public-resource", $"arn:aws:sqs:eu-west-1:{Account}:open-queue", "Critical")]
    // Any AWS account may put events on the bus, which reach whatever its rules target.
    [InlineData("public-resource", $"arn:aws:events:eu-west-1:{Account}:event-bus/partner-events", "High")]
    // ECR repository policies name no Resource: the statement is the repository's.
    [InlineData("public-resource", $"arn:aws:ecr:eu-west-1:{Account}:repository/public-images", "Critical")]
    [InlineData("cross-account-resource", $"arn:aws:kms:eu-west-1:{Account}:key/1234abcd-12ab-34cd-56ef-1234567890ab", "Medium")]
    // Elastic Load Balancing's log delivery account for eu-west-1: AWS's, listed only.
    [InlineData("cross-account-resource", "arn:aws:s3:::bucket-for-load-balancer-logs", "Info")]
    // Another account named in a condition rather than in Principal: its principals, or its topic SNS sends for.
    [InlineData("cross-account-resource", "arn:aws:s3:::bucket-shared-by-condition", "Medium")]
    [InlineData("cross-account-resource", $"arn:aws:kms:eu-west-1:{Account}:key/5e6f7a8b-9c0d-4e1f-a2b3-c4d5e6f7a8b9", "Medium")]
    [InlineData("cross-account-resource", $"arn:aws:sqs:eu-west-1:{Account}:queue-fed-by-a-partner-topic", "Medium")]
    // aws:PrincipalOrgID is absent for principals of accounts in no organization, and IfExists lets them in.
    [InlineData("public-resource", $"arn:aws:kms:eu-west-1:{Account}:key/7a7a7a7a-1111-2222-3333-444455556666", "Critical")]
    [InlineData("public-resource", $"arn:aws:secretsmanager:eu-west-1:{Account}:secret:organization-if-exists-AbCdEf", "Critical")]
    [InlineData("public-resource", "arn:aws:s3:::bucket-for-the-organization-if-exists", "Critical")]
    // Source conditions whose values fix no account: any account's distribution, topic or bucket so named.
    [InlineData("cross-account-resource", "arn:aws:s3:::bucket-behind-any-distribution", "Medium")]
    // `*` narrowed only by a source condition that fixes no account: a direct call carries no source keys, but anyone
    // can make a service act from a resource of their own (any account's topic of that name, any bucket, any source
    // account or organization), so the resource is public through that service, as S3 deems such a policy.
    [InlineData("public-resource", $"arn:aws:sqs:eu-west-1:{Account}:queue-for-any-topic", "Critical")]
    [InlineData("public-resource", $"arn:aws:sqs:eu-west-1:{Account}:queue-for-any-topic-named-orders", "Critical")]
    [InlineData("public-resource", $"arn:aws:sqs:eu-west-1:{Account}:queue-for-any-source-account", "Critical")]
    [InlineData("public-resource", $"arn:aws:sqs:eu-west-1:{Account}:queue-for-source-accounts-like-12", "Critical")]
    [InlineData("public-resource", $"arn:aws:sqs:eu-west-1:{Account}:queue-for-any-bucket", "Critical")]
    [InlineData("public-resource", $"arn:aws:sqs:eu-west-1:{Account}:queue-for-any-topic-anywhere", "Critical")]
    [InlineData("public-resource", $"arn:aws:sqs:eu-west-1:{Account}:queue-for-any-source-organization", "Critical")]
    [InlineData("public-resource", $"arn:aws:sqs:eu-west-1:{Account}:queue-for-any-source-account-through-events", "Critical")]
    [InlineData("public-resource", "arn:aws:s3:::bucket-for-star-behind-any-distribution", "Critical")]
    [InlineData("cross-account-resource", $"arn:aws:sqs:eu-west-1:{Account}:queue-for-buckets-named-logs", "Medium")]
    // `*` narrowed by a source account (or owner) of another account, with no aws:SourceArn: any AWS service acting for
    // any resource of that account gets in (a confused deputy for that account), not its principals calling directly.
    [InlineData("cross-account-resource", $"arn:aws:sqs:eu-west-1:{Account}:queue-for-another-source-account", "Medium")]
    [InlineData("cross-account-resource", $"arn:aws:sqs:eu-west-1:{Account}:queue-for-another-source-owner", "Medium")]
    [InlineData("cross-account-resource", $"arn:aws:sqs:eu-west-1:{Account}:queue-for-another-source-account-through-events", "Medium")]
    // Purging destroys every message of the queue; deleting one needs the receipt handle of receiving it, so on its
    // own it is listed but not critical.
    [InlineData("public-resource", $"arn:aws:sqs:eu-west-1:{Account}:queue-open-for-purging", "Critical")]
    [InlineData("public-resource", $"arn:aws:sqs:eu-west-1:{Account}:queue-open-for-deleting", "High")]
    [InlineData("cross-account-resource", $"arn:aws:sqs:eu-west-1:{Account}:queue-shared-for-deleting", "Medium")]
    // Address ranges S3 deems public: broader than /8 (IPv4) or /32 (IPv6).
    [InlineData("public-resource", "arn:aws:s3:::bucket-for-half-the-internet", "Critical")]
    [InlineData("public-resource", "arn:aws:s3:::bucket-for-every-ipv6-address", "Critical")]
    // A direct call from the internet or another account carries no source or VPC keys: IfExists and ForAllValues pass.
    [InlineData("public-resource", "arn:aws:s3:::bucket-for-the-endpoint-if-exists", "Critical")]
    [InlineData("public-resource", "arn:aws:s3:::bucket-for-the-endpoint-for-all-values", "Critical")]
    [InlineData("public-resource", "arn:aws:s3:::bucket-for-the-source-account-if-exists", "Critical")]
    [InlineData("public-resource", "arn:aws:s3:::bucket-for-the-trail-if-exists", "Critical")]
    // Anyone can tag a role of their own team=ops.
    [InlineData("public-resource", "arn:aws:s3:::bucket-for-a-principal-tag", "Critical")]
    // Any VPC endpoint: an outsider's own is one.
    [InlineData("public-resource", "arn:aws:s3:::bucket-for-any-endpoint", "Critical")]
    // A request through a VPC endpoint carries no aws:SourceIp: IpAddressIfExists lets an outsider's own endpoint in.
    [InlineData("public-resource", "arn:aws:s3:::bucket-for-an-office-if-exists", "Critical")]
    public void Vulnerable_twins_are_reported(string rule, string resource, string severity)
    {
        var finding = Assert.Single(Alone.Value.Findings, f => f.RuleId == rule && f.Principal == resource);
        Assert.Equal(severity, finding.Severity.ToString());
        Assert.Equal(Account, finding.Account);
        Assert.Contains("Probe:", finding.Explanation, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("arn:aws:s3:::bucket-denied-outside")]
    [InlineData("arn:aws:s3:::bucket-prefix-denied-outside")]
    [InlineData("arn:aws:s3:::bucket-for-the-office-network")]
    [InlineData($"arn:aws:events:eu-west-1:{Account}:event-bus/organization-events")]
    [InlineData("arn:aws:s3:::bucket-behind-cloudfront")]
    [InlineData($"arn:aws:ecr:eu-west-1:{Account}:repository/images-for-lambda")]
    [InlineData($"arn:aws:sqs:eu-west-1:{Account}:queue-pinned-to-topic")]
    [InlineData($"arn:aws:sns:eu-west-1:{Account}:topic-open-in-organization")]
    [InlineData($"arn:aws:lambda:eu-west-1:{Account}:function:invoked-by-s3")]
    [InlineData($"arn:aws:lambda:eu-west-1:{Account}:function:url-for-the-organization")]
    [InlineData($"arn:aws:kms:eu-west-1:{Account}:key/0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b")]
    [InlineData($"arn:aws:secretsmanager:eu-west-1:{Account}:secret:same-account-AbCdEf")]
    [InlineData($"arn:aws:kms:eu-west-1:{Account}:key/7b7b7b7b-1111-2222-3333-444455556666")]
    [InlineData($"arn:aws:secretsmanager:eu-west-1:{Account}:secret:organization-AbCdEf")]
    [InlineData("arn:aws:s3:::bucket-for-the-organization")]
    [InlineData($"arn:aws:sqs:eu-west-1:{Account}:queue-for-own-buckets-named-logs")]
    [InlineData("arn:aws:s3:::bucket-for-one-slash-8")]
    [InlineData("arn:aws:s3:::bucket-for-the-endpoint")]
    [InlineData("arn:aws:s3:::bucket-for-a-principal-tag-in-this-account")]
    [InlineData("arn:aws:s3:::bucket-for-the-source-account")]
    [InlineData($"arn:aws:sqs:eu-west-1:{Account}:queue-for-own-topic-named-orders")]
    // A source pattern that still fixes the owner's account, or another condition that does, or a deny: no one else's resource.
    [InlineData($"arn:aws:sqs:eu-west-1:{Account}:queue-for-own-topics-anywhere")]
    [InlineData($"arn:aws:sqs:eu-west-1:{Account}:queue-for-any-topic-of-the-own-account")]
    [InlineData($"arn:aws:sqs:eu-west-1:{Account}:queue-for-any-source-account-denied-outside")]
    [InlineData($"arn:aws:sqs:eu-west-1:{Account}:queue-purged-and-deleted-in-the-organization")]
    // aws:SourceOrgPaths is set only when a service acts for a resource, as the other source keys.
    [InlineData("arn:aws:s3:::bucket-for-source-organization-paths")]
    // An office range without IfExists: an endpoint's request, carrying no aws:SourceIp, fails it.
    [InlineData("arn:aws:s3:::bucket-for-an-office")]
    // The owner's own source account; a source account that only a direct call (no service) may use, which carries none.
    [InlineData($"arn:aws:sqs:eu-west-1:{Account}:queue-for-the-own-source-account")]
    [InlineData($"arn:aws:sqs:eu-west-1:{Account}:queue-for-another-source-account-called-directly")]
    // Without an organization export, which organization is the estate's own is not known (as for aws:PrincipalOrgID).
    [InlineData($"arn:aws:sqs:eu-west-1:{Account}:queue-for-another-source-organization")]
    [InlineData($"arn:aws:sqs:eu-west-1:{Account}:queue-for-source-organization-paths-of-another")]
    public void Safe_twins_are_not_reported(string resource)
    {
        Assert.DoesNotContain(Alone.Value.Findings, f => f.Principal == resource);
    }

    [Fact]
    public void A_service_let_in_without_a_source_condition_is_a_confused_deputy()
    {
        // Given a queue that lets SNS send without aws:SourceArn or aws:SourceAccount, and a function that lets S3
        // invoke it only for its own account
        var finding = Assert.Single(Alone.Value.Findings, f => f.Principal.EndsWith(":queue-open-to-sns", StringComparison.Ordinal));

        // Then the queue is reported as shared with SNS acting for any account; the pinned function is not
        Assert.Equal("cross-account-resource", finding.RuleId);
        Assert.Equal(Severity.Medium, finding.Severity);
        Assert.Contains("`sns.amazonaws.com` may `sqs:SendMessage`", finding.Explanation, StringComparison.Ordinal);
        Assert.Contains("FromSns", finding.Explanation, StringComparison.Ordinal);
        Assert.DoesNotContain(Alone.Value.Findings, f => f.Principal.EndsWith(":invoked-by-s3", StringComparison.Ordinal));
    }

    [Fact]
    public void A_service_that_takes_signed_requests_only_is_open_to_any_account_not_to_anonymous_callers()
    {
        // Given an ECR repository whose policy lets `*` pull: ECR refuses unsigned requests
        var finding = Assert.Single(Alone.Value.Findings, f => f.RuleId == "public-resource" && f.Principal.EndsWith(":repository/public-images", StringComparison.Ordinal));

        // Then the finding is about any AWS account
        Assert.EndsWith("is open to any AWS account", finding.Title, StringComparison.Ordinal);
        Assert.DoesNotContain("without AWS credentials", finding.Explanation, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("public-url", "`lambda:InvokeFunction`, `lambda:InvokeFunctionUrl`")]
    [InlineData("public-url-before-october-2025", "`lambda:InvokeFunctionUrl`")]
    public void A_function_url_open_to_everyone_is_public_for_certain(string function, string actions)
    {
        // Given the statements Lambda adds for a function URL whose auth type is NONE (both since October 2025, the
        // first alone before): an unsigned request reaches a function only through such a URL
        var finding = Assert.Single(Alone.Value.Findings, f => f.RuleId == "public-resource" && f.Principal.EndsWith($":function:{function}", StringComparison.Ordinal));

        // Then anonymous callers may invoke it, not merely under conditions
        Assert.Equal(Severity.High, finding.Severity);
        Assert.Contains($"without AWS credentials, {actions}.", finding.Explanation, StringComparison.Ordinal);
        Assert.Contains("through a function URL whose auth type is NONE", finding.Explanation, StringComparison.Ordinal);
        Assert.DoesNotContain("under conditions", finding.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void A_function_that_lets_everyone_invoke_it_without_a_url_grant_is_open_to_any_account_not_to_anonymous_callers()
    {
        // Given a function whose policy lets `*` lambda:InvokeFunction, without lambda:InvokeFunctionUrl: an unsigned
        // request reaches a function only through a function URL whose auth type is NONE, which needs the latter
        var finding = Assert.Single(Alone.Value.Findings, f => f.RuleId == "public-resource" && f.Principal.EndsWith(":function:invoke-open-to-everyone", StringComparison.Ordinal));

        // Then the finding is about the signed requests of any AWS account, at the same severity
        Assert.Equal(Severity.High, finding.Severity);
        Assert.EndsWith("is open to any AWS account", finding.Title, StringComparison.Ordinal);
        Assert.Contains("lets any AWS account `lambda:InvokeFunction`", finding.Explanation, StringComparison.Ordinal);
        Assert.DoesNotContain("without AWS credentials", finding.Explanation, StringComparison.Ordinal);
        Assert.DoesNotContain("anonymous", finding.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void A_function_that_lets_everyone_invoke_it_and_its_url_is_open_to_anonymous_callers()
    {
        // Given the same grant of lambda:InvokeFunction to `*`, together with lambda:InvokeFunctionUrl for a URL whose auth type is NONE
        var finding = Assert.Single(Alone.Value.Findings, f => f.RuleId == "public-resource" && f.Principal.EndsWith(":function:invoke-and-url-open-to-everyone", StringComparison.Ordinal));

        // Then anonymous callers may invoke it through the URL
        Assert.Equal(Severity.High, finding.Severity);
        Assert.EndsWith("is open to anonymous callers", finding.Title, StringComparison.Ordinal);
        Assert.Contains("without AWS credentials, `lambda:InvokeFunction`, `lambda:InvokeFunctionUrl`.", finding.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void Grants_on_part_of_a_bucket_are_probed_where_they_grant()
    {
        // Given a bucket that is public under `assets/` only and lets a partner write `*.csv` under `exports/partner/`
        var findings = Alone.Value.Findings.Where(f => f.Principal == "arn:aws:s3:::bucket-public-under-a-prefix").ToList();

        // Then each probe asks on an object where the grant applies, not on an arbitrary key, and finds it
        var open = Assert.Single(findings, f => f.RuleId == "public-resource");
        Assert.Equal(Severity.Critical, open.Severity);
        Assert.Contains("asking s3:GetObject on `arn:aws:s3:::bucket-public-under-a-prefix/assets/ward-probe` → Allowed", open.Explanation, StringComparison.Ordinal);
        var shared = Assert.Single(findings, f => f.RuleId == "cross-account-resource");
        Assert.Contains("777766665555", shared.Title, StringComparison.Ordinal);
        Assert.Contains("`s3:PutObject`", shared.Explanation, StringComparison.Ordinal);
        Assert.Contains("exports/partner/ward-probe.csv", shared.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void The_key_shared_with_a_vendor_names_the_statement_and_the_action()
    {
        var finding = Assert.Single(Alone.Value.Findings, f => f.RuleId == "cross-account-resource" && f.Principal.Contains(":key/1234abcd", StringComparison.Ordinal));
        Assert.Contains("`kms:Decrypt`", finding.Explanation, StringComparison.Ordinal);
        Assert.DoesNotContain("kms:CreateGrant", finding.Explanation, StringComparison.Ordinal);
        Assert.Contains("VendorDecrypts", finding.Explanation, StringComparison.Ordinal);
        Assert.Contains("777766665555", finding.Title, StringComparison.Ordinal);
    }

    [Fact]
    public void An_RCP_data_perimeter_keeps_public_buckets_private()
    {
        // Given the same account as a member of an organization whose RCP denies S3 to callers outside it, AWS services
        // excepted (BoolIfExists aws:PrincipalIsAWSService false)
        // Then the public buckets are no longer reported, but for the one open to any account's CloudFront distribution,
        // which the RCP's exception lets in; the open queue (not S3) still is
        var buckets = InOrganization.Value.Findings.Where(f => f.RuleId == "public-resource" && f.Principal.StartsWith("arn:aws:s3:::", StringComparison.Ordinal));
        Assert.Equal("arn:aws:s3:::bucket-for-star-behind-any-distribution", Assert.Single(buckets).Principal);
        Assert.Contains(InOrganization.Value.Findings, f => f.RuleId == "public-resource" && f.Principal.EndsWith(":open-queue", StringComparison.Ordinal));
    }

    [Fact]
    public void Without_a_resource_policies_file_the_analysis_is_said_to_be_skipped()
    {
        var folder = Directory.CreateTempSubdirectory("ward-exposure-").FullName;
        File.WriteAllText(Path.Combine(folder, "gaad.json"), Gaad());
        var token = TestContext.Current.CancellationToken;
        var scan = Scanner.Scan(AwsEstateLoader.Load([folder], token), AsOf, cancellationToken: token);

        Assert.Contains(scan.Skipped, s => s.Analysis == "resource exposure");
        Assert.DoesNotContain(Alone.Value.Skipped, s => s.Analysis == "resource exposure");
    }

    [Fact]
    public void A_resource_open_to_another_organization_is_shared_with_it()
    {
        // Given a queue open to `*` of organization o-zzzzzzzzzz, and its twin open to the exported o-abcdefghij
        var finding = Assert.Single(InOrganization.Value.Findings, f => f.Principal.EndsWith(":queue-for-another-organization", StringComparison.Ordinal));

        // Then, with the organization exported, the first is shared with every account of the other organization
        Assert.Equal("cross-account-resource", finding.RuleId);
        Assert.Equal(Severity.Medium, finding.Severity);
        Assert.Contains("organization o-zzzzzzzzzz (not the exported organization)", finding.Title, StringComparison.Ordinal);
        Assert.DoesNotContain(InOrganization.Value.Findings, f => f.Principal.EndsWith(":queue-for-the-organization", StringComparison.Ordinal));

        // And without the export, which organization is the estate's is not known: neither is reported
        Assert.DoesNotContain(Alone.Value.Findings, f => f.Principal.EndsWith(":queue-for-another-organization", StringComparison.Ordinal));
    }

    [Fact]
    public void A_source_pattern_open_to_any_account_is_probed_with_an_outsiders_resource()
    {
        var finding = Assert.Single(Alone.Value.Findings, f => f.Principal == "arn:aws:s3:::bucket-behind-any-distribution");
        Assert.Contains("`arn:aws:cloudfront::000000000000:distribution/ward-outsider`", finding.Explanation, StringComparison.Ordinal);
        Assert.Contains("names no fixed account", finding.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void A_star_narrowed_by_a_source_arn_of_any_account_is_open_to_the_service_not_to_anonymous_callers()
    {
        // Given a queue whose policy lets `*` send only with aws:SourceArn `arn:aws:sns:eu-west-1:*:orders`
        var findings = Alone.Value.Findings.Where(f => f.Principal.EndsWith(":queue-for-any-topic-named-orders", StringComparison.Ordinal)).ToList();

        // Then an unsigned request, which carries no aws:SourceArn, is not let in; SNS acting for any account's topic is,
        // and since anyone can create a topic of that name, the queue is public through SNS (one finding, not two)
        var finding = Assert.Single(findings);
        Assert.Equal("public-resource", finding.RuleId);
        Assert.EndsWith("is open to `sns.amazonaws.com` acting for any account", finding.Title, StringComparison.Ordinal);
        Assert.Contains("`arn:aws:sns:eu-west-1:000000000000:orders`", finding.Explanation, StringComparison.Ordinal);
        Assert.Contains("A direct call carries no source keys", finding.Explanation, StringComparison.Ordinal);
        Assert.DoesNotContain("without AWS credentials", finding.Explanation, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("queue-for-any-source-account", "any AWS service", "`StringLike aws:SourceAccount *`")]
    [InlineData("queue-for-source-accounts-like-12", "any AWS service", "acting for a resource of an unrelated account (120000000000)")]
    [InlineData("queue-for-any-bucket", "`s3.amazonaws.com`", "`arn:aws:s3:::ward-outsider`")]
    [InlineData("queue-for-any-topic-anywhere", "`sns.amazonaws.com`", "`ArnLike aws:SourceArn arn:aws:sns:*:*:*`")]
    [InlineData("queue-for-any-source-organization", "any AWS service", "`StringLike aws:SourceOrgID *`")]
    [InlineData("queue-for-any-source-account-through-events", "`events.amazonaws.com`", "`StringLike aws:SourceAccount *`")]
    public void A_star_narrowed_only_by_a_wildcard_source_condition_is_open_to_a_service_acting_for_any_account(string queue, string service, string evidence)
    {
        // Given a queue whose policy lets `*` send only for a source of any account: an account, bucket, topic or
        // organization pattern (the service a statement asks for by aws:PrincipalServiceName, or its source ARN names)
        var findings = Alone.Value.Findings.Where(f => f.Principal == $"arn:aws:sqs:eu-west-1:{Account}:{queue}").ToList();

        // Then it is public through that service (or any), acting for anyone's resource; not a confused deputy of one party
        var finding = Assert.Single(findings);
        Assert.Equal("public-resource", finding.RuleId);
        Assert.Equal($"SQS queue `{queue}` is open to {service} acting for any account", finding.Title);
        Assert.Contains($"lets {service} acting for a resource of any AWS account `sqs:SendMessage`", finding.Explanation, StringComparison.Ordinal);
        Assert.Contains(evidence, finding.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void A_bucket_open_to_any_distribution_through_star_is_public_whatever_block_public_access_says()
    {
        var finding = Assert.Single(Alone.Value.Findings, f => f.Principal == "arn:aws:s3:::bucket-for-star-behind-any-distribution");
        Assert.Equal("S3 bucket `bucket-for-star-behind-any-distribution` is open to `cloudfront.amazonaws.com` acting for any account", finding.Title);
        Assert.Contains("`arn:aws:cloudfront::000000000000:distribution/ward-outsider`", finding.Explanation, StringComparison.Ordinal);
        Assert.Contains("RestrictPublicBuckets still lets AWS service principals use a public policy", finding.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void One_bucket_named_by_its_arn_is_not_public()
    {
        // Given `*` narrowed by aws:SourceArn of one bucket: bucket names are global, so while it exists only its owner's
        // resource matches (the confused deputy of a bucket name deleted and claimed again stays listed)
        var findings = Alone.Value.Findings.Where(f => f.Principal == $"arn:aws:sqs:eu-west-1:{Account}:queue-for-one-bucket-by-name").ToList();

        Assert.DoesNotContain(findings, f => f.RuleId == "public-resource");
        Assert.Equal("cross-account-resource", Assert.Single(findings).RuleId);
    }

    [Theory]
    // S3's event notification destination examples name the bucket as `arn:aws:s3:*:*:NAME`; bucket ARNs carry no
    // region or account, and bucket names no `/`, so each pattern admits only that one bucket (or its objects).
    [InlineData($"arn:aws:sqs:eu-west-1:{Account}:queue-for-one-bucket-by-name", "`arn:aws:s3:::northwind-uploads`")]
    [InlineData($"arn:aws:sqs:eu-west-1:{Account}:queue-for-one-bucket-in-any-region-and-account", "`arn:aws:s3:::northwind-uploads`")]
    [InlineData($"arn:aws:sqs:eu-west-1:{Account}:queue-for-objects-of-one-bucket", "`arn:aws:s3:::northwind-uploads/")]
    [InlineData($"arn:aws:sns:eu-west-1:{Account}:topic-for-one-bucket-in-any-region-and-account", "`arn:aws:s3:::northwind-uploads`")]
    public void One_bucket_named_by_a_pattern_is_a_confused_deputy_not_public(string resource, string probed)
    {
        // Given `*` narrowed by aws:SourceArn of one bucket, however its empty region and account parts are written
        var findings = Alone.Value.Findings.Where(f => f.Principal == resource).ToList();

        // Then S3 acting for that bucket is a confused deputy (the name may be deleted and claimed again), not "any
        // account", and the probe names a bucket ARN as S3 writes it, with no region or account
        var finding = Assert.Single(findings);
        Assert.Equal("cross-account-resource", finding.RuleId);
        Assert.Equal(Severity.Medium, finding.Severity);
        Assert.EndsWith("lets `s3.amazonaws.com` act for any account", finding.Title, StringComparison.Ordinal);
        Assert.Contains($"`s3.amazonaws.com` acting for {probed}", finding.Explanation, StringComparison.Ordinal);
        Assert.DoesNotContain("arn:aws:s3:ward-outsider", finding.Explanation, StringComparison.Ordinal);
        Assert.DoesNotContain(":000000000000:northwind", finding.Explanation, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData($"arn:aws:sqs:eu-west-1:{Account}:queue-for-any-bucket", "SQS queue `queue-for-any-bucket`", "`s3.amazonaws.com`", "`arn:aws:s3:::ward-outsider`")]
    [InlineData($"arn:aws:sqs:eu-west-1:{Account}:queue-for-any-bucket-in-any-region-and-account", "SQS queue `queue-for-any-bucket-in-any-region-and-account`", "`s3.amazonaws.com`", "`arn:aws:s3:::ward-outsider`")]
    // Anyone can create a bucket `northwind-anything`.
    [InlineData($"arn:aws:sqs:eu-west-1:{Account}:queue-for-buckets-named-northwind", "SQS queue `queue-for-buckets-named-northwind`", "`s3.amazonaws.com`", "`arn:aws:s3:::northwind-ward-outsider`")]
    [InlineData($"arn:aws:sns:eu-west-1:{Account}:topic-for-buckets-named-northwind-in-any-region-and-account", "SNS topic `topic-for-buckets-named-northwind-in-any-region-and-account`", "`s3.amazonaws.com`", "`arn:aws:s3:::northwind-ward-outsider`")]
    [InlineData($"arn:aws:sns:eu-west-1:{Account}:topic-for-any-topic-anywhere", "SNS topic `topic-for-any-topic-anywhere`", "`sns.amazonaws.com`", "`arn:aws:sns:ward-outsider:000000000000:ward-outsider`")]
    public void A_source_pattern_any_account_can_match_is_public(string resource, string named, string service, string probed)
    {
        // Given `*` narrowed by aws:SourceArn with a wildcard in the bucket name, or in the account of another service's ARN
        var finding = Assert.Single(Alone.Value.Findings, f => f.Principal == resource);

        // Then anyone can make the service act from a resource of their own: public, probed with a source ARN that can exist
        Assert.Equal("public-resource", finding.RuleId);
        Assert.Equal(Severity.Critical, finding.Severity);
        Assert.Equal($"{named} is open to {service} acting for any account", finding.Title);
        Assert.Contains(probed, finding.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void Deleting_and_purging_messages_are_probed()
    {
        var purged = Assert.Single(Alone.Value.Findings, f => f.Principal == $"arn:aws:sqs:eu-west-1:{Account}:queue-open-for-purging");
        Assert.Contains("lets anyone, without AWS credentials, `sqs:PurgeQueue`.", purged.Explanation, StringComparison.Ordinal);
        var deleted = Assert.Single(Alone.Value.Findings, f => f.Principal == $"arn:aws:sqs:eu-west-1:{Account}:queue-open-for-deleting");
        Assert.Contains("lets anyone, without AWS credentials, `sqs:DeleteMessage`.", deleted.Explanation, StringComparison.Ordinal);
        var shared = Assert.Single(Alone.Value.Findings, f => f.Principal == $"arn:aws:sqs:eu-west-1:{Account}:queue-shared-for-deleting");
        Assert.Contains("may `sqs:DeleteMessage`, `sqs:PurgeQueue`", shared.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void A_named_service_with_a_wildcard_source_condition_stays_a_confused_deputy()
    {
        // Given a statement naming SNS (not `*`) whose aws:SourceAccount is `*`: as SNS without any source condition
        var finding = Assert.Single(Alone.Value.Findings, f => f.Principal == $"arn:aws:sqs:eu-west-1:{Account}:queue-for-sns-from-any-source-account");

        Assert.Equal("cross-account-resource", finding.RuleId);
        Assert.Equal(Severity.Medium, finding.Severity);
        Assert.EndsWith("lets `sns.amazonaws.com` act for any account", finding.Title, StringComparison.Ordinal);
    }

    [Fact]
    public void A_star_narrowed_by_another_source_account_lets_any_service_act_for_that_account()
    {
        // Given a queue whose policy lets `*` send only with aws:SourceAccount 999988887777, and no aws:SourceArn
        var findings = Alone.Value.Findings.Where(f => f.Principal.EndsWith(":queue-for-another-source-account", StringComparison.Ordinal)).ToList();

        // Then it is not public (a direct call carries no aws:SourceAccount), but shared with that account through any
        // AWS service acting for one of its resources
        var finding = Assert.Single(findings);
        Assert.Equal("cross-account-resource", finding.RuleId);
        Assert.Contains("lets any AWS service act for account 999988887777 (not an exported account)", finding.Title, StringComparison.Ordinal);
        Assert.Contains("Any AWS service acting for a resource of account 999988887777 may `sqs:SendMessage`", finding.Explanation, StringComparison.Ordinal);
        Assert.Contains("no aws:SourceArn", finding.Explanation, StringComparison.Ordinal);
        Assert.DoesNotContain("Principals of account", finding.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void A_service_named_by_a_principal_service_name_test_is_the_one_that_acts()
    {
        var finding = Assert.Single(Alone.Value.Findings, f => f.Principal.EndsWith(":queue-for-another-source-account-through-events", StringComparison.Ordinal));
        Assert.Contains("lets `events.amazonaws.com` act for account 999988887777", finding.Title, StringComparison.Ordinal);
    }

    [Fact]
    public void A_source_account_with_a_pinned_source_arn_is_shared_with_that_resource_as_before()
    {
        // Given `*` narrowed by aws:SourceAccount 999988887777 and aws:SourceArn of that account's topic
        var finding = Assert.Single(Alone.Value.Findings, f => f.Principal.EndsWith(":queue-for-another-source-account-and-topic", StringComparison.Ordinal));

        // Then the one topic is the party, not any resource of the account
        Assert.Contains("is shared with account 999988887777 (not an exported account)", finding.Title, StringComparison.Ordinal);
        Assert.StartsWith("`arn:aws:sns:eu-west-1:999988887777:orders` (not an exported account) may `sqs:SendMessage`", finding.Explanation, StringComparison.Ordinal);
    }

    [Theory]
    // An account of the exported organization: an inventory entry.
    [InlineData("queue-for-a-source-account-of-the-organization", "Info", "lets any AWS service act for account 111111111111 (in the organization)")]
    [InlineData("queue-for-another-source-account", "Medium", "lets any AWS service act for account 999988887777 (outside the organization)")]
    // Another organization than the exported one.
    [InlineData("queue-for-another-source-organization", "Medium", "lets any AWS service act for every account of organization o-zzzzzzzzzz (not the exported organization)")]
    [InlineData("queue-for-source-organization-paths-of-another", "Medium", "lets any AWS service act for every account of organization o-zzzzzzzzzz (not the exported organization)")]
    public void With_the_organization_exported_source_parties_are_placed(string queue, string severity, string title)
    {
        var finding = Assert.Single(InOrganization.Value.Findings, f => f.Principal.EndsWith($":{queue}", StringComparison.Ordinal));
        Assert.Equal("cross-account-resource", finding.RuleId);
        Assert.Equal(severity, finding.Severity.ToString());
        Assert.Contains(title, finding.Title, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("queue-for-the-own-source-organization")]
    [InlineData("queue-for-the-own-source-organization-paths")]
    [InlineData("queue-for-the-own-source-account")]
    public void A_source_condition_of_the_own_organization_or_account_is_not_a_share(string queue)
    {
        Assert.DoesNotContain(InOrganization.Value.Findings, f => f.Principal.EndsWith($":{queue}", StringComparison.Ordinal));
        Assert.DoesNotContain(Alone.Value.Findings, f => f.Principal.EndsWith($":{queue}", StringComparison.Ordinal));
    }

    [Theory]
    // The same account named by aws:PrincipalAccount in one statement and by aws:SourceAccount in another: two shares,
    // each with its own actions, whichever statement comes first.
    [InlineData("queue-for-a-deputy-then-a-direct-share")]
    [InlineData("queue-for-a-direct-then-a-deputy-share")]
    public void A_direct_share_and_a_share_through_services_with_one_account_are_kept_apart(string queue)
    {
        // Given `*` let in to receive when aws:PrincipalAccount is 999999999999, and to send when aws:SourceAccount is
        var findings = Alone.Value.Findings.Where(f => f.Principal.EndsWith($":{queue}", StringComparison.Ordinal)).ToList();

        // Then the account's principals may receive, and any service acting for one of its resources may send
        Assert.Equal(2, findings.Count);
        var direct = Assert.Single(findings, f => f.Title.Contains("is shared with account 999999999999 (not an exported account)", StringComparison.Ordinal));
        Assert.StartsWith("Principals of account 999999999999 (not an exported account) may `sqs:ReceiveMessage` on", direct.Explanation, StringComparison.Ordinal);
        Assert.DoesNotContain("sqs:SendMessage", direct.Explanation, StringComparison.Ordinal);
        var deputy = Assert.Single(findings, f => f.Title.Contains("lets any AWS service act for account 999999999999 (not an exported account)", StringComparison.Ordinal));
        Assert.StartsWith("Any AWS service acting for a resource of account 999999999999 may `sqs:SendMessage`", deputy.Explanation, StringComparison.Ordinal);
        Assert.Contains("Probe: any AWS service (probed as `ward-any-service.amazonaws.com`) acting for a resource of account 999999999999", deputy.Explanation, StringComparison.Ordinal);
        Assert.Contains("asking sqs:SendMessage", deputy.Explanation, StringComparison.Ordinal);
        // A service's request carries no account of its own that the evaluator knows: receiving stays at most conditional.
        Assert.DoesNotContain("`sqs:ReceiveMessage` on", deputy.Explanation, StringComparison.Ordinal);
        Assert.NotEqual(direct.Fingerprint, deputy.Fingerprint, StringComparer.Ordinal);
    }

    [Fact]
    public void Any_service_and_a_named_service_acting_for_one_account_have_their_own_fingerprints()
    {
        // Given `*` and `sns.amazonaws.com` each let in by aws:SourceAccount 999999999999
        var findings = Alone.Value.Findings.Where(f => f.Principal.EndsWith(":queue-for-a-source-account-through-any-and-sns", StringComparison.Ordinal)).ToList();

        // Then two findings, told apart by the service that acts
        Assert.Equal(2, findings.Count);
        Assert.Single(findings, f => f.Title.Contains("lets any AWS service act for account 999999999999", StringComparison.Ordinal));
        Assert.Single(findings, f => f.Title.Contains("lets `sns.amazonaws.com` act for account 999999999999", StringComparison.Ordinal));
        Assert.NotEqual(findings[0].Fingerprint, findings[1].Fingerprint, StringComparer.Ordinal);
    }

    [Fact]
    public void An_organization_and_services_acting_for_it_have_their_own_fingerprints()
    {
        // Given `*` let in by aws:PrincipalOrgID o-bbbbbbbbbb in one statement and by aws:SourceOrgID o-bbbbbbbbbb in another
        var findings = InOrganization.Value.Findings.Where(f => f.Principal.EndsWith(":queue-for-an-organization-and-services-acting-for-it", StringComparison.Ordinal)).ToList();

        // Then two findings: its principals, and any service acting for its accounts' resources
        Assert.Equal(2, findings.Count);
        Assert.Single(findings, f => f.Title.Contains("lets any AWS service act for every account of organization o-bbbbbbbbbb", StringComparison.Ordinal));
        Assert.NotEqual(findings[0].Fingerprint, findings[1].Fingerprint, StringComparer.Ordinal);
    }

    [Theory]
    // `*` asking for sns.amazonaws.com (by aws:PrincipalServiceName, or an aws:SourceArn pattern of its service) and a
    // statement naming sns.amazonaws.com, both for one account or organization: one share, listed once.
    [InlineData("queue-for-sns-asked-for-and-named-for-an-account", false, "lets `sns.amazonaws.com` act for account 999999999999", "sns.amazonaws.com@999999999999")]
    [InlineData("queue-for-sns-by-arn-and-named-for-an-account", false, "lets `sns.amazonaws.com` act for account 999999999999", "sns.amazonaws.com@999999999999")]
    [InlineData("queue-for-sns-asked-for-and-named-for-an-organization", true, "lets `sns.amazonaws.com` act for every account of organization o-bbbbbbbbbb", "sns.amazonaws.com@o-bbbbbbbbbb")]
    [InlineData("queue-for-sns-by-arn-and-named-for-an-organization", true, "lets `sns.amazonaws.com` act for every account of organization o-bbbbbbbbbb", "sns.amazonaws.com@o-bbbbbbbbbb")]
    public void One_service_let_in_twice_for_one_party_is_one_finding(string queue, bool withOrganization, string title, string discriminator)
    {
        var arn = $"arn:aws:sqs:eu-west-1:{Account}:{queue}";
        var findings = (withOrganization ? InOrganization : Alone).Value.Findings.Where(f => f.Principal == arn).ToList();

        var finding = Assert.Single(findings);
        Assert.Contains(title, finding.Title, StringComparison.Ordinal);
        Assert.Equal(Finding.FingerprintOf("cross-account-resource", arn, discriminator), finding.Fingerprint);
        Assert.Contains("may `sqs:SendMessage` on", finding.Explanation, StringComparison.Ordinal);
        // Both statements are the evidence.
        Assert.Contains("statement `AnySns`", finding.Explanation, StringComparison.Ordinal);
        Assert.Contains("statement `Sns`", finding.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void Each_organizational_unit_a_source_path_names_is_its_own_party_with_its_own_actions()
    {
        // Given `*` let in to send for ou-bbbb-11111111, and to receive for ou-bbbb-22222222, of an organization not exported
        var arn = $"arn:aws:sqs:eu-west-1:{Account}:queue-for-two-organizational-units";
        var findings = InOrganization.Value.Findings.Where(f => f.Principal == arn).ToList();

        // Then one finding per unit, each with only what its own path is let in for
        Assert.Equal(2, findings.Count);
        var one = Assert.Single(findings, f => f.Title.Contains("accounts under `o-bbbbbbbbbb/r-bbbb/ou-bbbb-11111111/` of organization o-bbbbbbbbbb", StringComparison.Ordinal));
        Assert.StartsWith("Any AWS service acting for a resource of an account under `o-bbbbbbbbbb/r-bbbb/ou-bbbb-11111111/` of organization o-bbbbbbbbbb may `sqs:SendMessage` on", one.Explanation, StringComparison.Ordinal);
        Assert.DoesNotContain("sqs:ReceiveMessage", one.Explanation, StringComparison.Ordinal);
        Assert.DoesNotContain("ou-bbbb-22222222", one.Explanation, StringComparison.Ordinal);
        Assert.Equal(Finding.FingerprintOf("cross-account-resource", arn, "any-service@o-bbbbbbbbbb/r-bbbb/ou-bbbb-11111111/"), one.Fingerprint);
        var two = Assert.Single(findings, f => f.Title.Contains("accounts under `o-bbbbbbbbbb/r-bbbb/ou-bbbb-22222222/` of organization o-bbbbbbbbbb", StringComparison.Ordinal));
        Assert.StartsWith("Any AWS service acting for a resource of an account under `o-bbbbbbbbbb/r-bbbb/ou-bbbb-22222222/` of organization o-bbbbbbbbbb may `sqs:ReceiveMessage` on", two.Explanation, StringComparison.Ordinal);
        Assert.DoesNotContain("sqs:SendMessage", two.Explanation, StringComparison.Ordinal);
        Assert.DoesNotContain("ou-bbbb-11111111", two.Explanation, StringComparison.Ordinal);
        Assert.Equal(Finding.FingerprintOf("cross-account-resource", arn, "any-service@o-bbbbbbbbbb/r-bbbb/ou-bbbb-22222222/"), two.Fingerprint);
    }

    [Fact]
    public void An_organizational_unit_let_in_for_no_sensitive_action_is_not_claimed_by_another()
    {
        // Given `*` let in to send for ou-bbbb-11111111, and only to change message visibility (not a probed action) for ou-bbbb-22222222
        var finding = Assert.Single(InOrganization.Value.Findings, f => f.Principal.EndsWith(":queue-for-one-unit-sending-and-another-changing-visibility", StringComparison.Ordinal));

        // Then only the first unit is said to send
        Assert.Contains("accounts under `o-bbbbbbbbbb/r-bbbb/ou-bbbb-11111111/` of organization o-bbbbbbbbbb", finding.Title, StringComparison.Ordinal);
        Assert.DoesNotContain("ou-bbbb-22222222", finding.Title, StringComparison.Ordinal);
        Assert.DoesNotContain("ou-bbbb-22222222", finding.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void Fingerprints_of_a_share_through_services_with_a_whole_organization_stay_as_they_were()
    {
        var arn = $"arn:aws:sqs:eu-west-1:{Account}:queue-for-an-organization-and-services-acting-for-it";
        Assert.Single(InOrganization.Value.Findings, f => f.Principal == arn && f.Fingerprint == Finding.FingerprintOf("cross-account-resource", arn, "any-service@o-bbbbbbbbbb"));
    }

    [Fact]
    public void Fingerprints_are_distinct_with_the_organization_exported()
    {
        string[] prints = [.. InOrganization.Value.Findings.Where(f => f.Category == "exposure").Select(f => f.Fingerprint)];
        Assert.Equal(prints.Length, prints.Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void Fingerprints_of_a_share_with_an_account_stay_as_they_were()
    {
        // Suppressions name these: the account (or principal) the share is with, as before services acting for one were told apart.
        var finding = Assert.Single(Alone.Value.Findings, f => f.Principal == "arn:aws:s3:::bucket-shared-by-condition");
        Assert.Equal(Finding.FingerprintOf("cross-account-resource", "arn:aws:s3:::bucket-shared-by-condition", "999988887777"), finding.Fingerprint);
    }

    [Theory]
    // A path that names an organizational unit lets in services acting for accounts under it, not every account.
    [InlineData("queue-for-source-organization-paths-of-an-ou", "lets any AWS service act for accounts under `o-bbbbbbbbbb/r-bbbb/ou-bbbb-11111111/` of organization o-bbbbbbbbbb (not the exported organization)",
        "Any AWS service acting for a resource of an account under `o-bbbbbbbbbb/r-bbbb/ou-bbbb-11111111/` of organization o-bbbbbbbbbb may `sqs:SendMessage`")]
    // A path that names only the organization's root is every account of it.
    [InlineData("queue-for-source-organization-paths-of-another", "lets any AWS service act for every account of organization o-zzzzzzzzzz (not the exported organization)",
        "Any AWS service acting for a resource of any account of organization o-zzzzzzzzzz may `sqs:SendMessage`")]
    public void A_source_organization_path_is_named_when_it_narrows_the_organization(string queue, string title, string explanation)
    {
        var finding = Assert.Single(InOrganization.Value.Findings, f => f.Principal.EndsWith($":{queue}", StringComparison.Ordinal));
        Assert.Contains(title, finding.Title, StringComparison.Ordinal);
        Assert.StartsWith(explanation, finding.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void A_principal_tag_condition_is_met_by_an_outsider_that_tags_its_own_role()
    {
        var finding = Assert.Single(Alone.Value.Findings, f => f.Principal == "arn:aws:s3:::bucket-for-a-principal-tag");
        Assert.EndsWith("is open to any AWS account", finding.Title, StringComparison.Ordinal);
        Assert.Contains("tagged `team`=`ops`, as anyone may tag a principal of their own", finding.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void A_test_on_any_vpc_endpoint_lets_in_an_outsider_through_its_own()
    {
        var finding = Assert.Single(Alone.Value.Findings, f => f.Principal == "arn:aws:s3:::bucket-for-any-endpoint");
        Assert.Contains("through a VPC endpoint of its own (`vpce-0ward0outsider`", finding.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void Fingerprints_are_stable_and_distinct()
    {
        var again = ScanOf(withOrganization: false);
        string[] Prints(ScanResult scan) => [.. scan.Findings.Where(f => f.Category == "exposure").Select(f => f.Fingerprint)];
        Assert.Equal(Prints(Alone.Value), Prints(again));
        Assert.Equal(Prints(again).Length, Prints(again).Distinct(StringComparer.Ordinal).Count());
    }

    private static ScanResult ScanOf(bool withOrganization)
    {
        var folder = Directory.CreateTempSubdirectory("ward-exposure-").FullName;
        File.WriteAllText(Path.Combine(folder, "gaad.json"), Gaad());
        File.WriteAllText(Path.Combine(folder, "resource-policies.json"), ResourcePolicies());
        if (withOrganization)
        {
            File.WriteAllText(Path.Combine(folder, "organization.json"), Organization());
        }

        return Scanner.Scan(AwsEstateLoader.Load([folder]), AsOf);
    }

    private static string Gaad() => $$"""
        {
          "UserDetailList": [
            {"Path": "/", "UserName": "ops", "UserId": "AIDA00000000000000001", "Arn": "arn:aws:iam::{{Account}}:user/ops", "CreateDate": "2024-01-01T00:00:00Z",
             "UserPolicyList": [], "GroupList": [], "AttachedManagedPolicies": [], "Tags": []}
          ],
          "GroupDetailList": [],
          "RoleDetailList": [],
          "Policies": []
        }
        """;

    private static string ResourcePolicies()
    {
        static string Entry(string arn, string type, string statements) =>
            $$"""{"Arn": "{{arn}}", "Type": "{{type}}", "Account": "{{Account}}", "Region": "eu-west-1", "Policy": {{System.Text.Json.JsonSerializer.Serialize($$"""{"Version":"2012-10-17","Statement":[{{statements}}]}""")}}}""";

        return $$"""
            {"ResourcePolicies": [
              {{Entry($"arn:aws:kms:eu-west-1:{Account}:key/7a7a7a7a-1111-2222-3333-444455556666", "AWS::KMS::Key", """{"Sid":"OrgDecrypts","Effect":"Allow","Principal":{"AWS":"*"},"Action":"kms:Decrypt","Resource":"*","Condition":{"StringEqualsIfExists":{"aws:PrincipalOrgID":"o-abcdefghij"}}}""")}},
              {{Entry($"arn:aws:kms:eu-west-1:{Account}:key/7b7b7b7b-1111-2222-3333-444455556666", "AWS::KMS::Key", """{"Sid":"OrgDecrypts","Effect":"Allow","Principal":{"AWS":"*"},"Action":"kms:Decrypt","Resource":"*","Condition":{"StringEquals":{"aws:PrincipalOrgID":"o-abcdefghij"}}}""")}},
              {{Entry($"arn:aws:secretsmanager:eu-west-1:{Account}:secret:organization-if-exists-AbCdEf", "AWS::SecretsManager::Secret", """{"Sid":"Org","Effect":"Allow","Principal":{"AWS":"*"},"Action":"secretsmanager:GetSecretValue","Resource":"*","Condition":{"StringEqualsIfExists":{"aws:PrincipalOrgID":"o-abcdefghij"}}}""")}},
              {{Entry($"arn:aws:secretsmanager:eu-west-1:{Account}:secret:organization-AbCdEf", "AWS::SecretsManager::Secret", """{"Sid":"Org","Effect":"Allow","Principal":{"AWS":"*"},"Action":"secretsmanager:GetSecretValue","Resource":"*","Condition":{"StringEquals":{"aws:PrincipalOrgID":"o-abcdefghij"}}}""")}},
              {{Entry("arn:aws:s3:::bucket-for-the-organization-if-exists", "AWS::S3::Bucket", """{"Sid":"Org","Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::bucket-for-the-organization-if-exists/*","Condition":{"StringEqualsIfExists":{"aws:PrincipalOrgID":"o-abcdefghij"}}}""")}},
              {{Entry("arn:aws:s3:::bucket-for-the-organization", "AWS::S3::Bucket", """{"Sid":"Org","Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::bucket-for-the-organization/*","Condition":{"StringEquals":{"aws:PrincipalOrgID":"o-abcdefghij"}}}""")}},
              {{Entry("arn:aws:s3:::bucket-behind-any-distribution", "AWS::S3::Bucket", """{"Sid":"AllowCloudFrontServicePrincipal","Effect":"Allow","Principal":{"Service":"cloudfront.amazonaws.com"},"Action":"s3:GetObject","Resource":"arn:aws:s3:::bucket-behind-any-distribution/*","Condition":{"ArnLike":{"AWS:SourceArn":"arn:aws:cloudfront::*:distribution/*"}}}""")}},
              {{Entry($"arn:aws:sqs:eu-west-1:{Account}:queue-for-any-topic", "AWS::SQS::Queue", """{"Sid":"FromTopics","Effect":"Allow","Principal":{"AWS":"*"},"Action":"sqs:SendMessage","Resource":"*","Condition":{"ArnLike":{"aws:SourceArn":"arn:aws:sns:eu-west-1:*:*"}}}""")}},
              {{Entry($"arn:aws:sqs:eu-west-1:{Account}:queue-for-buckets-named-logs", "AWS::SQS::Queue", """{"Sid":"FromBuckets","Effect":"Allow","Principal":{"Service":"s3.amazonaws.com"},"Action":"sqs:SendMessage","Resource":"*","Condition":{"ArnLike":{"aws:SourceArn":"arn:aws:s3:::logs-*"}}}""")}},
              {{Entry($"arn:aws:sqs:eu-west-1:{Account}:queue-for-own-buckets-named-logs", "AWS::SQS::Queue", """{"Sid":"FromBuckets","Effect":"Allow","Principal":{"Service":"s3.amazonaws.com"},"Action":"sqs:SendMessage","Resource":"*","Condition":{"ArnLike":{"aws:SourceArn":"arn:aws:s3:::logs-*"},"StringEquals":{"aws:SourceAccount":"123456789012"}}}""")}},
              {{Entry("arn:aws:s3:::bucket-for-a-principal-tag", "AWS::S3::Bucket", """{"Sid":"Ops","Effect":"Allow","Principal":{"AWS":"*"},"Action":"s3:GetObject","Resource":"arn:aws:s3:::bucket-for-a-principal-tag/*","Condition":{"StringEquals":{"aws:PrincipalTag/team":"ops"}}}""")}},
              {{Entry("arn:aws:s3:::bucket-for-a-principal-tag-in-this-account", "AWS::S3::Bucket", """{"Sid":"Ops","Effect":"Allow","Principal":{"AWS":"*"},"Action":"s3:GetObject","Resource":"arn:aws:s3:::bucket-for-a-principal-tag-in-this-account/*","Condition":{"StringEquals":{"aws:PrincipalTag/team":"ops","aws:PrincipalAccount":"123456789012"}}}""")}},
              {{Entry("arn:aws:s3:::bucket-for-the-endpoint", "AWS::S3::Bucket", """{"Sid":"Endpoint","Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::bucket-for-the-endpoint/*","Condition":{"StringEquals":{"aws:SourceVpce":"vpce-1a2b3c4d"}}}""")}},
              {{Entry("arn:aws:s3:::bucket-for-an-office-if-exists", "AWS::S3::Bucket", """{"Sid":"Office","Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::bucket-for-an-office-if-exists/*","Condition":{"IpAddressIfExists":{"aws:SourceIp":"203.0.113.0/24"}}}""")}},
              {{Entry("arn:aws:s3:::bucket-for-an-office", "AWS::S3::Bucket", """{"Sid":"Office","Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::bucket-for-an-office/*","Condition":{"IpAddress":{"aws:SourceIp":"203.0.113.0/24"}}}""")}},
              {{Entry("arn:aws:s3:::bucket-for-source-organization-paths", "AWS::S3::Bucket", """{"Sid":"OrgPaths","Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::bucket-for-source-organization-paths/*","Condition":{"ForAnyValue:StringLike":{"aws:SourceOrgPaths":"o-a1b2c3d4e5/*"}}}""")}},
              {{Entry("arn:aws:s3:::bucket-for-the-endpoint-if-exists", "AWS::S3::Bucket", """{"Sid":"Endpoint","Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::bucket-for-the-endpoint-if-exists/*","Condition":{"StringEqualsIfExists":{"aws:SourceVpce":"vpce-1a2b3c4d"}}}""")}},
              {{Entry("arn:aws:s3:::bucket-for-the-endpoint-for-all-values", "AWS::S3::Bucket", """{"Sid":"Endpoint","Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::bucket-for-the-endpoint-for-all-values/*","Condition":{"ForAllValues:StringEquals":{"aws:SourceVpce":["vpce-1a2b3c4d"]}}}""")}},
              {{Entry("arn:aws:s3:::bucket-for-any-endpoint", "AWS::S3::Bucket", """{"Sid":"AnyEndpoint","Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::bucket-for-any-endpoint/*","Condition":{"Null":{"aws:SourceVpce":"false"}}}""")}},
              {{Entry("arn:aws:s3:::bucket-for-the-source-account", "AWS::S3::Bucket", """{"Sid":"OwnAccount","Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::bucket-for-the-source-account/*","Condition":{"StringEquals":{"aws:SourceAccount":"123456789012"}}}""")}},
              {{Entry("arn:aws:s3:::bucket-for-the-source-account-if-exists", "AWS::S3::Bucket", """{"Sid":"OwnAccount","Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::bucket-for-the-source-account-if-exists/*","Condition":{"StringEqualsIfExists":{"aws:SourceAccount":"123456789012"}}}""")}},
              {{Entry("arn:aws:s3:::bucket-for-the-trail-if-exists", "AWS::S3::Bucket", """{"Sid":"Trail","Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::bucket-for-the-trail-if-exists/*","Condition":{"ArnLikeIfExists":{"aws:SourceArn":"arn:aws:cloudtrail:eu-west-1:123456789012:trail/management"}}}""")}},
              {{Entry($"arn:aws:sqs:eu-west-1:{Account}:queue-for-any-topic-named-orders", "AWS::SQS::Queue", """{"Sid":"FromOrders","Effect":"Allow","Principal":"*","Action":"sqs:SendMessage","Resource":"*","Condition":{"ArnLike":{"aws:SourceArn":"arn:aws:sns:eu-west-1:*:orders"}}}""")}},
              {{Entry($"arn:aws:sqs:eu-west-1:{Account}:queue-open-for-purging", "AWS::SQS::Queue", """{"Sid":"AnyonePurges","Effect":"Allow","Principal":"*","Action":"sqs:PurgeQueue","Resource":"*"}""")}},
              {{Entry($"arn:aws:sqs:eu-west-1:{Account}:queue-open-for-deleting", "AWS::SQS::Queue", """{"Sid":"AnyoneDeletes","Effect":"Allow","Principal":"*","Action":"sqs:DeleteMessage","Resource":"*"}""")}},
              {{Entry($"arn:aws:sqs:eu-west-1:{Account}:queue-shared-for-deleting", "AWS::SQS::Queue", """{"Sid":"PartnerCleansUp","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::777766665555:root"},"Action":["sqs:DeleteMessage","sqs:PurgeQueue"],"Resource":"*"}""")}},
              {{Entry($"arn:aws:sqs:eu-west-1:{Account}:queue-purged-and-deleted-in-the-organization", "AWS::SQS::Queue", """{"Sid":"OrganizationCleansUp","Effect":"Allow","Principal":"*","Action":["sqs:DeleteMessage","sqs:PurgeQueue"],"Resource":"*","Condition":{"StringEquals":{"aws:PrincipalOrgID":"o-abcdefghij"}}}""")}},
              {{Entry($"arn:aws:sqs:eu-west-1:{Account}:queue-for-any-source-account", "AWS::SQS::Queue", """{"Sid":"AnySource","Effect":"Allow","Principal":"*","Action":"sqs:SendMessage","Resource":"*","Condition":{"StringLike":{"aws:SourceAccount":"*"}}}""")}},
              {{Entry($"arn:aws:sqs:eu-west-1:{Account}:queue-for-source-accounts-like-12", "AWS::SQS::Queue", """{"Sid":"AnySource","Effect":"Allow","Principal":"*","Action":"sqs:SendMessage","Resource":"*","Condition":{"StringLike":{"aws:SourceAccount":"12*"}}}""")}},
              {{Entry($"arn:aws:sqs:eu-west-1:{Account}:queue-for-any-bucket", "AWS::SQS::Queue", """{"Sid":"AnyBucket","Effect":"Allow","Principal":"*","Action":"sqs:SendMessage","Resource":"*","Condition":{"ArnLike":{"aws:SourceArn":"arn:aws:s3:::*"}}}""")}},
              {{Entry($"arn:aws:sqs:eu-west-1:{Account}:queue-for-one-bucket-by-name", "AWS::SQS::Queue", """{"Sid":"OneBucket","Effect":"Allow","Principal":"*","Action":"sqs:SendMessage","Resource":"*","Condition":{"ArnLike":{"aws:SourceArn":"arn:aws:s3:::northwind-uploads"}}}""")}},
              {{Entry($"arn:aws:sqs:eu-west-1:{Account}:queue-for-one-bucket-in-any-region-and-account", "AWS::SQS::Queue", """{"Sid":"OneBucket","Effect":"Allow","Principal":"*","Action":"sqs:SendMessage","Resource":"*","Condition":{"ArnLike":{"aws:SourceArn":"arn:aws:s3:*:*:northwind-uploads"}}}""")}},
              {{Entry($"arn:aws:sqs:eu-west-1:{Account}:queue-for-objects-of-one-bucket", "AWS::SQS::Queue", """{"Sid":"OneBucket","Effect":"Allow","Principal":"*","Action":"sqs:SendMessage","Resource":"*","Condition":{"ArnLike":{"aws:SourceArn":"arn:aws:s3:::northwind-uploads/*"}}}""")}},
              {{Entry($"arn:aws:sns:eu-west-1:{Account}:topic-for-one-bucket-in-any-region-and-account", "AWS::SNS::Topic", """{"Sid":"OneBucket","Effect":"Allow","Principal":"*","Action":"SNS:Publish","Resource":"arn:aws:sns:eu-west-1:123456789012:topic-for-one-bucket-in-any-region-and-account","Condition":{"ArnLike":{"aws:SourceArn":"arn:aws:s3:*:*:northwind-uploads"}}}""")}},
              {{Entry($"arn:aws:sqs:eu-west-1:{Account}:queue-for-any-bucket-in-any-region-and-account", "AWS::SQS::Queue", """{"Sid":"AnyBucket","Effect":"Allow","Principal":"*","Action":"sqs:SendMessage","Resource":"*","Condition":{"ArnLike":{"aws:SourceArn":"arn:aws:s3:*:*:*"}}}""")}},
              {{Entry($"arn:aws:sqs:eu-west-1:{Account}:queue-for-buckets-named-northwind", "AWS::SQS::Queue", """{"Sid":"NorthwindBuckets","Effect":"Allow","Principal":"*","Action":"sqs:SendMessage","Resource":"*","Condition":{"ArnLike":{"aws:SourceArn":"arn:aws:s3:::northwind-*"}}}""")}},
              {{Entry($"arn:aws:sns:eu-west-1:{Account}:topic-for-buckets-named-northwind-in-any-region-and-account", "AWS::SNS::Topic", """{"Sid":"NorthwindBuckets","Effect":"Allow","Principal":"*","Action":"SNS:Publish","Resource":"arn:aws:sns:eu-west-1:123456789012:topic-for-buckets-named-northwind-in-any-region-and-account","Condition":{"ArnLike":{"aws:SourceArn":"arn:aws:s3:*:*:northwind-*"}}}""")}},
              {{Entry($"arn:aws:sns:eu-west-1:{Account}:topic-for-any-topic-anywhere", "AWS::SNS::Topic", """{"Sid":"AnyTopic","Effect":"Allow","Principal":"*","Action":"SNS:Publish","Resource":"arn:aws:sns:eu-west-1:123456789012:topic-for-any-topic-anywhere","Condition":{"ArnLike":{"aws:SourceArn":"arn:aws:sns:*:*:*"}}}""")}},
              {{Entry($"arn:aws:sqs:eu-west-1:{Account}:queue-for-any-topic-anywhere", "AWS::SQS::Queue", """{"Sid":"AnyTopic","Effect":"Allow","Principal":{"AWS":"*"},"Action":"sqs:SendMessage","Resource":"*","Condition":{"ArnLike":{"aws:SourceArn":"arn:aws:sns:*:*:*"}}}""")}},
              {{Entry($"arn:aws:sqs:eu-west-1:{Account}:queue-for-own-topics-anywhere", "AWS::SQS::Queue", """{"Sid":"OwnTopics","Effect":"Allow","Principal":{"AWS":"*"},"Action":"sqs:SendMessage","Resource":"*","Condition":{"ArnLike":{"aws:SourceArn":"arn:aws:sns:*:123456789012:*"}}}""")}},
              {{Entry($"arn:aws:sqs:eu-west-1:{Account}:queue-for-any-topic-of-the-own-account", "AWS::SQS::Queue", """{"Sid":"OwnTopics","Effect":"Allow","Principal":"*","Action":"sqs:SendMessage","Resource":"*","Condition":{"ArnLike":{"aws:SourceArn":"arn:aws:sns:*:*:*"},"StringEquals":{"aws:SourceAccount":"123456789012"}}}""")}},
              {{Entry($"arn:aws:sqs:eu-west-1:{Account}:queue-for-any-source-account-denied-outside", "AWS::SQS::Queue", """{"Sid":"AnySource","Effect":"Allow","Principal":"*","Action":"sqs:SendMessage","Resource":"*","Condition":{"StringLike":{"aws:SourceAccount":"*"}}},{"Sid":"OwnSourcesOnly","Effect":"Deny","Principal":"*","Action":"sqs:*","Resource":"*","Condition":{"StringNotEqualsIfExists":{"aws:SourceAccount":"123456789012"}}}""")}},
              {{Entry($"arn:aws:sqs:eu-west-1:{Account}:queue-for-any-source-organization", "AWS::SQS::Queue", """{"Sid":"AnyOrganization","Effect":"Allow","Principal":"*","Action":"sqs:SendMessage","Resource":"*","Condition":{"StringLike":{"aws:SourceOrgID":"*"}}}""")}},
              {{Entry($"arn:aws:sqs:eu-west-1:{Account}:queue-for-any-source-account-through-events", "AWS::SQS::Queue", """{"Sid":"AnyRule","Effect":"Allow","Principal":"*","Action":"sqs:SendMessage","Resource":"*","Condition":{"StringLike":{"aws:SourceAccount":"*"},"StringEquals":{"aws:PrincipalServiceName":"events.amazonaws.com"}}}""")}},
              {{Entry($"arn:aws:sqs:eu-west-1:{Account}:queue-for-sns-from-any-source-account", "AWS::SQS::Queue", """{"Sid":"Sns","Effect":"Allow","Principal":{"Service":"sns.amazonaws.com"},"Action":"sqs:SendMessage","Resource":"*","Condition":{"StringLike":{"aws:SourceAccount":"*"}}}""")}},
              {{Entry("arn:aws:s3:::bucket-for-star-behind-any-distribution", "AWS::S3::Bucket", """{"Sid":"AnyDistribution","Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::bucket-for-star-behind-any-distribution/*","Condition":{"ArnLike":{"aws:SourceArn":"arn:aws:cloudfront::*:distribution/*"}}}""")}},
              {{Entry($"arn:aws:sqs:eu-west-1:{Account}:queue-for-own-topic-named-orders", "AWS::SQS::Queue", """{"Sid":"FromOrders","Effect":"Allow","Principal":"*","Action":"sqs:SendMessage","Resource":"*","Condition":{"ArnLike":{"aws:SourceArn":"arn:aws:sns:eu-west-1:123456789012:orders"}}}""")}},
              {{Entry("arn:aws:s3:::bucket-for-half-the-internet", "AWS::S3::Bucket", """{"Sid":"Ranges","Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::bucket-for-half-the-internet/*","Condition":{"IpAddress":{"aws:SourceIp":["192.0.2.0/24","0.0.0.0/1"]}}}""")}},
              {{Entry("arn:aws:s3:::bucket-for-every-ipv6-address", "AWS::S3::Bucket", """{"Sid":"Ranges","Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::bucket-for-every-ipv6-address/*","Condition":{"IpAddress":{"aws:SourceIp":["192.0.2.0/24","::/0"]}}}""")}},
              {{Entry("arn:aws:s3:::bucket-for-one-slash-8", "AWS::S3::Bucket", """{"Sid":"Ranges","Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::bucket-for-one-slash-8/*","Condition":{"IpAddress":{"aws:SourceIp":"44.0.0.0/8"}}}""")}},
              {{Entry($"arn:aws:sqs:eu-west-1:{Account}:queue-for-another-source-account", "AWS::SQS::Queue", """{"Sid":"FromSources","Effect":"Allow","Principal":"*","Action":"sqs:SendMessage","Resource":"arn:aws:sqs:eu-west-1:123456789012:queue-for-another-source-account","Condition":{"StringEquals":{"aws:SourceAccount":"999988887777"}}}""")}},
              {{Entry($"arn:aws:sqs:eu-west-1:{Account}:queue-for-another-source-owner", "AWS::SQS::Queue", """{"Sid":"FromSources","Effect":"Allow","Principal":"*","Action":"sqs:SendMessage","Resource":"arn:aws:sqs:eu-west-1:123456789012:queue-for-another-source-owner","Condition":{"StringEquals":{"aws:SourceOwner":"999988887777"}}}""")}},
              {{Entry($"arn:aws:sqs:eu-west-1:{Account}:queue-for-the-own-source-account", "AWS::SQS::Queue", """{"Sid":"FromSources","Effect":"Allow","Principal":"*","Action":"sqs:SendMessage","Resource":"arn:aws:sqs:eu-west-1:123456789012:queue-for-the-own-source-account","Condition":{"StringEquals":{"aws:SourceAccount":"123456789012"}}}""")}},
              {{Entry($"arn:aws:sqs:eu-west-1:{Account}:queue-for-a-source-account-of-the-organization", "AWS::SQS::Queue", """{"Sid":"FromSources","Effect":"Allow","Principal":"*","Action":"sqs:SendMessage","Resource":"arn:aws:sqs:eu-west-1:123456789012:queue-for-a-source-account-of-the-organization","Condition":{"StringEquals":{"aws:SourceAccount":"111111111111"}}}""")}},
              {{Entry($"arn:aws:sqs:eu-west-1:{Account}:queue-for-another-source-account-and-topic", "AWS::SQS::Queue", """{"Sid":"FromSources","Effect":"Allow","Principal":"*","Action":"sqs:SendMessage","Resource":"arn:aws:sqs:eu-west-1:123456789012:queue-for-another-source-account-and-topic","Condition":{"StringEquals":{"aws:SourceAccount":"999988887777"},"ArnEquals":{"aws:SourceArn":"arn:aws:sns:eu-west-1:999988887777:orders"}}}""")}},
              {{Entry($"arn:aws:sqs:eu-west-1:{Account}:queue-for-another-source-account-called-directly", "AWS::SQS::Queue", """{"Sid":"FromSources","Effect":"Allow","Principal":"*","Action":"sqs:SendMessage","Resource":"arn:aws:sqs:eu-west-1:123456789012:queue-for-another-source-account-called-directly","Condition":{"StringEquals":{"aws:SourceAccount":"999988887777"},"Bool":{"aws:PrincipalIsAWSService":"false"}}}""")}},
              {{Entry($"arn:aws:sqs:eu-west-1:{Account}:queue-for-another-source-account-through-events", "AWS::SQS::Queue", """{"Sid":"FromSources","Effect":"Allow","Principal":"*","Action":"sqs:SendMessage","Resource":"arn:aws:sqs:eu-west-1:123456789012:queue-for-another-source-account-through-events","Condition":{"StringEquals":{"aws:SourceAccount":"999988887777","aws:PrincipalServiceName":"events.amazonaws.com"}}}""")}},
              {{Entry($"arn:aws:sqs:eu-west-1:{Account}:queue-for-another-source-organization", "AWS::SQS::Queue", """{"Sid":"FromSources","Effect":"Allow","Principal":"*","Action":"sqs:SendMessage","Resource":"arn:aws:sqs:eu-west-1:123456789012:queue-for-another-source-organization","Condition":{"StringEquals":{"aws:SourceOrgID":"o-zzzzzzzzzz"}}}""")}},
              {{Entry($"arn:aws:sqs:eu-west-1:{Account}:queue-for-source-organization-paths-of-another", "AWS::SQS::Queue", """{"Sid":"FromSources","Effect":"Allow","Principal":"*","Action":"sqs:SendMessage","Resource":"arn:aws:sqs:eu-west-1:123456789012:queue-for-source-organization-paths-of-another","Condition":{"ForAnyValue:StringLike":{"aws:SourceOrgPaths":"o-zzzzzzzzzz/r-zz99/*"}}}""")}},
              {{Entry($"arn:aws:sqs:eu-west-1:{Account}:queue-for-the-own-source-organization", "AWS::SQS::Queue", """{"Sid":"FromSources","Effect":"Allow","Principal":"*","Action":"sqs:SendMessage","Resource":"arn:aws:sqs:eu-west-1:123456789012:queue-for-the-own-source-organization","Condition":{"StringEquals":{"aws:SourceOrgID":"o-abcdefghij"}}}""")}},
              {{Entry($"arn:aws:sqs:eu-west-1:{Account}:queue-for-the-own-source-organization-paths", "AWS::SQS::Queue", """{"Sid":"FromSources","Effect":"Allow","Principal":"*","Action":"sqs:SendMessage","Resource":"arn:aws:sqs:eu-west-1:123456789012:queue-for-the-own-source-organization-paths","Condition":{"ForAnyValue:StringLike":{"aws:SourceOrgPaths":"o-abcdefghij/r-ab12/*"}}}""")}},
              {{Entry($"arn:aws:sqs:eu-west-1:{Account}:queue-for-a-deputy-then-a-direct-share", "AWS::SQS::Queue", """{"Sid":"Deputy","Effect":"Allow","Principal":"*","Action":"sqs:SendMessage","Resource":"arn:aws:sqs:eu-west-1:123456789012:queue-for-a-deputy-then-a-direct-share","Condition":{"StringEquals":{"aws:SourceAccount":"999999999999"}}},{"Sid":"Direct","Effect":"Allow","Principal":"*","Action":"sqs:ReceiveMessage","Resource":"arn:aws:sqs:eu-west-1:123456789012:queue-for-a-deputy-then-a-direct-share","Condition":{"StringEquals":{"aws:PrincipalAccount":"999999999999"}}}""")}},
              {{Entry($"arn:aws:sqs:eu-west-1:{Account}:queue-for-a-direct-then-a-deputy-share", "AWS::SQS::Queue", """{"Sid":"Direct","Effect":"Allow","Principal":"*","Action":"sqs:ReceiveMessage","Resource":"arn:aws:sqs:eu-west-1:123456789012:queue-for-a-direct-then-a-deputy-share","Condition":{"StringEquals":{"aws:PrincipalAccount":"999999999999"}}},{"Sid":"Deputy","Effect":"Allow","Principal":"*","Action":"sqs:SendMessage","Resource":"arn:aws:sqs:eu-west-1:123456789012:queue-for-a-direct-then-a-deputy-share","Condition":{"StringEquals":{"aws:SourceAccount":"999999999999"}}}""")}},
              {{Entry($"arn:aws:sqs:eu-west-1:{Account}:queue-for-a-source-account-through-any-and-sns", "AWS::SQS::Queue", """{"Sid":"FromSources","Effect":"Allow","Principal":"*","Action":"sqs:SendMessage","Resource":"arn:aws:sqs:eu-west-1:123456789012:queue-for-a-source-account-through-any-and-sns","Condition":{"StringEquals":{"aws:SourceAccount":"999999999999"}}},{"Sid":"FromTopics","Effect":"Allow","Principal":{"Service":"sns.amazonaws.com"},"Action":"sqs:SendMessage","Resource":"arn:aws:sqs:eu-west-1:123456789012:queue-for-a-source-account-through-any-and-sns","Condition":{"StringEquals":{"aws:SourceAccount":"999999999999"}}}""")}},
              {{Entry($"arn:aws:sqs:eu-west-1:{Account}:queue-for-an-organization-and-services-acting-for-it", "AWS::SQS::Queue", """{"Sid":"Partners","Effect":"Allow","Principal":"*","Action":"sqs:SendMessage","Resource":"arn:aws:sqs:eu-west-1:123456789012:queue-for-an-organization-and-services-acting-for-it","Condition":{"StringEquals":{"aws:PrincipalOrgID":"o-bbbbbbbbbb"}}},{"Sid":"PartnerServices","Effect":"Allow","Principal":"*","Action":"sqs:SendMessage","Resource":"arn:aws:sqs:eu-west-1:123456789012:queue-for-an-organization-and-services-acting-for-it","Condition":{"StringEquals":{"aws:SourceOrgID":"o-bbbbbbbbbb"}}}""")}},
              {{Entry($"arn:aws:sqs:eu-west-1:{Account}:queue-for-source-organization-paths-of-an-ou", "AWS::SQS::Queue", """{"Sid":"FromSources","Effect":"Allow","Principal":"*","Action":"sqs:SendMessage","Resource":"arn:aws:sqs:eu-west-1:123456789012:queue-for-source-organization-paths-of-an-ou","Condition":{"ForAnyValue:StringLike":{"aws:SourceOrgPaths":"o-bbbbbbbbbb/r-bbbb/ou-bbbb-11111111/*"}}}""")}},
              {{Entry($"arn:aws:sqs:eu-west-1:{Account}:queue-for-sns-asked-for-and-named-for-an-account", "AWS::SQS::Queue", """{"Sid":"AnySns","Effect":"Allow","Principal":"*","Action":"sqs:SendMessage","Resource":"arn:aws:sqs:eu-west-1:123456789012:queue-for-sns-asked-for-and-named-for-an-account","Condition":{"StringEquals":{"aws:SourceAccount":"999999999999","aws:PrincipalServiceName":"sns.amazonaws.com"}}},{"Sid":"Sns","Effect":"Allow","Principal":{"Service":"sns.amazonaws.com"},"Action":"sqs:SendMessage","Resource":"arn:aws:sqs:eu-west-1:123456789012:queue-for-sns-asked-for-and-named-for-an-account","Condition":{"StringEquals":{"aws:SourceAccount":"999999999999"}}}""")}},
              {{Entry($"arn:aws:sqs:eu-west-1:{Account}:queue-for-sns-by-arn-and-named-for-an-account", "AWS::SQS::Queue", """{"Sid":"AnySns","Effect":"Allow","Principal":"*","Action":"sqs:SendMessage","Resource":"arn:aws:sqs:eu-west-1:123456789012:queue-for-sns-by-arn-and-named-for-an-account","Condition":{"StringEquals":{"aws:SourceAccount":"999999999999"},"ArnLike":{"aws:SourceArn":"arn:aws:sns:*:*:*"}}},{"Sid":"Sns","Effect":"Allow","Principal":{"Service":"sns.amazonaws.com"},"Action":"sqs:SendMessage","Resource":"arn:aws:sqs:eu-west-1:123456789012:queue-for-sns-by-arn-and-named-for-an-account","Condition":{"StringEquals":{"aws:SourceAccount":"999999999999"}}}""")}},
              {{Entry($"arn:aws:sqs:eu-west-1:{Account}:queue-for-sns-asked-for-and-named-for-an-organization", "AWS::SQS::Queue", """{"Sid":"AnySns","Effect":"Allow","Principal":"*","Action":"sqs:SendMessage","Resource":"arn:aws:sqs:eu-west-1:123456789012:queue-for-sns-asked-for-and-named-for-an-organization","Condition":{"StringEquals":{"aws:SourceOrgID":"o-bbbbbbbbbb","aws:PrincipalServiceName":"sns.amazonaws.com"}}},{"Sid":"Sns","Effect":"Allow","Principal":{"Service":"sns.amazonaws.com"},"Action":"sqs:SendMessage","Resource":"arn:aws:sqs:eu-west-1:123456789012:queue-for-sns-asked-for-and-named-for-an-organization","Condition":{"StringEquals":{"aws:SourceOrgID":"o-bbbbbbbbbb"}}}""")}},
              {{Entry($"arn:aws:sqs:eu-west-1:{Account}:queue-for-sns-by-arn-and-named-for-an-organization", "AWS::SQS::Queue", """{"Sid":"AnySns","Effect":"Allow","Principal":"*","Action":"sqs:SendMessage","Resource":"arn:aws:sqs:eu-west-1:123456789012:queue-for-sns-by-arn-and-named-for-an-organization","Condition":{"StringEquals":{"aws:SourceOrgID":"o-bbbbbbbbbb"},"ArnLike":{"aws:SourceArn":"arn:aws:sns:*:*:*"}}},{"Sid":"Sns","Effect":"Allow","Principal":{"Service":"sns.amazonaws.com"},"Action":"sqs:SendMessage","Resource":"arn:aws:sqs:eu-west-1:123456789012:queue-for-sns-by-arn-and-named-for-an-organization","Condition":{"StringEquals":{"aws:SourceOrgID":"o-bbbbbbbbbb"}}}""")}},
              {{Entry($"arn:aws:sqs:eu-west-1:{Account}:queue-for-two-organizational-units", "AWS::SQS::Queue", """{"Sid":"OuOneSends","Effect":"Allow","Principal":"*","Action":"sqs:SendMessage","Resource":"arn:aws:sqs:eu-west-1:123456789012:queue-for-two-organizational-units","Condition":{"ForAnyValue:StringLike":{"aws:SourceOrgPaths":"o-bbbbbbbbbb/r-bbbb/ou-bbbb-11111111/*"}}},{"Sid":"OuTwoReceives","Effect":"Allow","Principal":"*","Action":"sqs:ReceiveMessage","Resource":"arn:aws:sqs:eu-west-1:123456789012:queue-for-two-organizational-units","Condition":{"ForAnyValue:StringLike":{"aws:SourceOrgPaths":"o-bbbbbbbbbb/r-bbbb/ou-bbbb-22222222/*"}}}""")}},
              {{Entry($"arn:aws:sqs:eu-west-1:{Account}:queue-for-one-unit-sending-and-another-changing-visibility", "AWS::SQS::Queue", """{"Sid":"OuOneSends","Effect":"Allow","Principal":"*","Action":"sqs:SendMessage","Resource":"arn:aws:sqs:eu-west-1:123456789012:queue-for-one-unit-sending-and-another-changing-visibility","Condition":{"ForAnyValue:StringLike":{"aws:SourceOrgPaths":"o-bbbbbbbbbb/r-bbbb/ou-bbbb-11111111/*"}}},{"Sid":"OuTwoChangesVisibility","Effect":"Allow","Principal":"*","Action":"sqs:ChangeMessageVisibility","Resource":"arn:aws:sqs:eu-west-1:123456789012:queue-for-one-unit-sending-and-another-changing-visibility","Condition":{"ForAnyValue:StringLike":{"aws:SourceOrgPaths":"o-bbbbbbbbbb/r-bbbb/ou-bbbb-22222222/*"}}}""")}},
              {{Entry($"arn:aws:sqs:eu-west-1:{Account}:queue-for-another-organization", "AWS::SQS::Queue", """{"Sid":"Org","Effect":"Allow","Principal":{"AWS":"*"},"Action":"sqs:SendMessage","Resource":"*","Condition":{"StringEquals":{"aws:PrincipalOrgID":"o-zzzzzzzzzz"}}}""")}},
              {{Entry($"arn:aws:sqs:eu-west-1:{Account}:queue-for-the-organization", "AWS::SQS::Queue", """{"Sid":"Org","Effect":"Allow","Principal":{"AWS":"*"},"Action":"sqs:SendMessage","Resource":"*","Condition":{"StringEquals":{"aws:PrincipalOrgID":"o-abcdefghij"}}}""")}},
              {{Entry("arn:aws:s3:::public-bucket", "AWS::S3::Bucket", """{"Sid":"PublicRead","Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::public-bucket/*"}""")}},
              {{Entry("arn:aws:s3:::listable-bucket", "AWS::S3::Bucket", """{"Sid":"PublicList","Effect":"Allow","Principal":{"AWS":"*"},"Action":"s3:ListBucket","Resource":"arn:aws:s3:::listable-bucket"}""")}},
              {{Entry("arn:aws:s3:::bucket-public-under-a-prefix", "AWS::S3::Bucket", """{"Sid":"PublicAssets","Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::bucket-public-under-a-prefix/assets/*"},{"Sid":"PartnerDropsExports","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::777766665555:root"},"Action":"s3:PutObject","Resource":"arn:aws:s3:::bucket-public-under-a-prefix/exports/partner/*.csv"}""")}},
              {{Entry("arn:aws:s3:::bucket-prefix-denied-outside", "AWS::S3::Bucket", """{"Sid":"PublicAssets","Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::bucket-prefix-denied-outside/assets/*"},{"Sid":"OnlyThisAccount","Effect":"Deny","Principal":"*","Action":"s3:*","Resource":"arn:aws:s3:::bucket-prefix-denied-outside/assets/*","Condition":{"StringNotEquals":{"aws:PrincipalAccount":"123456789012"}}}""")}},
              {{Entry("arn:aws:s3:::bucket-behind-cloudfront", "AWS::S3::Bucket", """{"Sid":"1","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::cloudfront:user/CloudFront Origin Access Identity E2QWRUHAPOMQZL"},"Action":"s3:GetObject","Resource":"arn:aws:s3:::bucket-behind-cloudfront/*"},{"Sid":"AllowCloudFrontServicePrincipal","Effect":"Allow","Principal":{"Service":"cloudfront.amazonaws.com"},"Action":"s3:GetObject","Resource":"arn:aws:s3:::bucket-behind-cloudfront/*","Condition":{"StringEquals":{"AWS:SourceArn":"arn:aws:cloudfront::123456789012:distribution/EDFDVBD6EXAMPLE"}}}""")}},
              {{Entry($"arn:aws:ecr:eu-west-1:{Account}:repository/public-images", "AWS::ECR::Repository", """{"Sid":"AllowPublicPull","Effect":"Allow","Principal":"*","Action":["ecr:BatchGetImage","ecr:GetDownloadUrlForLayer"]}""")}},
              {{Entry($"arn:aws:ecr:eu-west-1:{Account}:repository/images-for-lambda", "AWS::ECR::Repository", """{"Sid":"LambdaECRImageRetrievalPolicy","Effect":"Allow","Principal":{"Service":"lambda.amazonaws.com"},"Action":["ecr:BatchGetImage","ecr:GetDownloadUrlForLayer"],"Condition":{"StringLike":{"aws:sourceArn":"arn:aws:lambda:eu-west-1:123456789012:function:*"}}}""")}},
              {{Entry("arn:aws:s3:::bucket-for-the-office-network", "AWS::S3::Bucket", """{"Sid":"OfficeOnly","Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::bucket-for-the-office-network/*","Condition":{"IpAddress":{"aws:SourceIp":"192.0.2.0/24"}}}""")}},
              {{Entry("arn:aws:s3:::bucket-shared-by-condition", "AWS::S3::Bucket", """{"Sid":"PartnerByCondition","Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::bucket-shared-by-condition/*","Condition":{"StringEquals":{"aws:PrincipalAccount":"999988887777"}}}""")}},
              {{Entry($"arn:aws:kms:eu-west-1:{Account}:key/5e6f7a8b-9c0d-4e1f-a2b3-c4d5e6f7a8b9", "AWS::KMS::Key", """{"Sid":"PartnerDecrypts","Effect":"Allow","Principal":{"AWS":"*"},"Action":"kms:Decrypt","Resource":"*","Condition":{"StringEquals":{"kms:CallerAccount":"999988887777"}}}""")}},
              {{Entry($"arn:aws:sqs:eu-west-1:{Account}:queue-fed-by-a-partner-topic", "AWS::SQS::Queue", """{"Sid":"FromPartnerTopic","Effect":"Allow","Principal":{"Service":"sns.amazonaws.com"},"Action":"sqs:SendMessage","Resource":"*","Condition":{"ArnEquals":{"aws:SourceArn":"arn:aws:sns:eu-west-1:999988887777:contoso-alerts"}}}""")}},
              {{Entry("arn:aws:s3:::bucket-for-load-balancer-logs", "AWS::S3::Bucket", """{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::156460612806:root"},"Action":"s3:PutObject","Resource":"arn:aws:s3:::bucket-for-load-balancer-logs/alb/AWSLogs/123456789012/*"}""")}},
              {{Entry($"arn:aws:events:eu-west-1:{Account}:event-bus/partner-events", "AWS::Events::EventBus", """{"Sid":"AnyoneSends","Effect":"Allow","Principal":"*","Action":"events:PutEvents","Resource":"arn:aws:events:eu-west-1:123456789012:event-bus/partner-events"}""")}},
              {{Entry($"arn:aws:events:eu-west-1:{Account}:event-bus/organization-events", "AWS::Events::EventBus", """{"Sid":"OrganizationSends","Effect":"Allow","Principal":"*","Action":"events:PutEvents","Resource":"arn:aws:events:eu-west-1:123456789012:event-bus/organization-events","Condition":{"StringEquals":{"aws:PrincipalOrgID":"o-abcdefghij"}}}""")}},
              {{Entry("arn:aws:s3:::bucket-denied-outside", "AWS::S3::Bucket", """{"Sid":"PublicRead","Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::bucket-denied-outside/*"},{"Sid":"OnlyThisAccount","Effect":"Deny","Principal":"*","Action":"s3:*","Resource":"*","Condition":{"StringNotEquals":{"aws:PrincipalAccount":"123456789012"}}}""")}},
              {{Entry($"arn:aws:sqs:eu-west-1:{Account}:open-queue", "AWS::SQS::Queue", """{"Sid":"AnyoneSends","Effect":"Allow","Principal":{"AWS":"*"},"Action":"sqs:SendMessage","Resource":"*"}""")}},
              {{Entry($"arn:aws:sqs:eu-west-1:{Account}:queue-pinned-to-topic", "AWS::SQS::Queue", """{"Sid":"FromTopic","Effect":"Allow","Principal":{"AWS":"*"},"Action":"SQS:SendMessage","Resource":"*","Condition":{"ArnEquals":{"aws:SourceArn":"arn:aws:sns:eu-west-1:123456789012:events"}}}""")}},
              {{Entry($"arn:aws:sns:eu-west-1:{Account}:topic-open-in-organization", "AWS::SNS::Topic", """{"Sid":"Org","Effect":"Allow","Principal":"*","Action":["sns:Publish","sns:Subscribe"],"Resource":"*","Condition":{"StringEquals":{"aws:PrincipalOrgID":"o-abcdefghij"}}}""")}},
              {{Entry($"arn:aws:sqs:eu-west-1:{Account}:queue-open-to-sns", "AWS::SQS::Queue", """{"Sid":"FromSns","Effect":"Allow","Principal":{"Service":"sns.amazonaws.com"},"Action":"sqs:SendMessage","Resource":"*"}""")}},
              {{Entry($"arn:aws:lambda:eu-west-1:{Account}:function:invoked-by-s3", "AWS::Lambda::Function", """{"Sid":"s3","Effect":"Allow","Principal":{"Service":"s3.amazonaws.com"},"Action":"lambda:InvokeFunction","Resource":"*","Condition":{"StringEquals":{"AWS:SourceAccount":"123456789012"}}}""")}},
              {{Entry($"arn:aws:lambda:eu-west-1:{Account}:function:public-url", "AWS::Lambda::Function", """{"Sid":"FunctionURLAllowPublicAccess","Effect":"Allow","Principal":"*","Action":"lambda:InvokeFunctionUrl","Resource":"*","Condition":{"StringEquals":{"lambda:FunctionUrlAuthType":"NONE"}}},{"Sid":"FunctionURLInvokeAllowPublicAccess","Effect":"Allow","Principal":"*","Action":"lambda:InvokeFunction","Resource":"*","Condition":{"Bool":{"lambda:InvokedViaFunctionUrl":"true"}}}""")}},
              {{Entry($"arn:aws:lambda:eu-west-1:{Account}:function:public-url-before-october-2025", "AWS::Lambda::Function", """{"Sid":"FunctionURLAllowPublicAccess","Effect":"Allow","Principal":"*","Action":"lambda:InvokeFunctionUrl","Resource":"*","Condition":{"StringEquals":{"lambda:FunctionUrlAuthType":"NONE"}}}""")}},
              {{Entry($"arn:aws:lambda:eu-west-1:{Account}:function:invoke-open-to-everyone", "AWS::Lambda::Function", """{"Sid":"p","Effect":"Allow","Principal":"*","Action":"lambda:InvokeFunction","Resource":"*"}""")}},
              {{Entry($"arn:aws:lambda:eu-west-1:{Account}:function:invoke-and-url-open-to-everyone", "AWS::Lambda::Function", """{"Sid":"p","Effect":"Allow","Principal":"*","Action":"lambda:InvokeFunction","Resource":"*"},{"Sid":"FunctionURLAllowPublicAccess","Effect":"Allow","Principal":"*","Action":"lambda:InvokeFunctionUrl","Resource":"*","Condition":{"StringEquals":{"lambda:FunctionUrlAuthType":"NONE"}}}""")}},
              {{Entry($"arn:aws:lambda:eu-west-1:{Account}:function:url-for-the-organization", "AWS::Lambda::Function", """{"Sid":"FunctionURLAllowOrganization","Effect":"Allow","Principal":"*","Action":"lambda:InvokeFunctionUrl","Resource":"*","Condition":{"StringEquals":{"lambda:FunctionUrlAuthType":"NONE","aws:PrincipalOrgID":"o-abcdefghij"}}}""")}},
              {{Entry($"arn:aws:kms:eu-west-1:{Account}:key/0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b", "AWS::KMS::Key", """{"Sid":"Allow access through S3 for all principals in the account that are authorized to use S3","Effect":"Allow","Principal":{"AWS":"*"},"Action":["kms:Encrypt","kms:Decrypt","kms:ReEncrypt*","kms:GenerateDataKey*","kms:DescribeKey"],"Resource":"*","Condition":{"StringEquals":{"kms:CallerAccount":"123456789012","kms:ViaService":"s3.eu-west-1.amazonaws.com"}}}""")}},
              {{Entry($"arn:aws:secretsmanager:eu-west-1:{Account}:secret:same-account-AbCdEf", "AWS::SecretsManager::Secret", """{"Sid":"Own","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::123456789012:root"},"Action":"secretsmanager:GetSecretValue","Resource":"*"}""")}},
              {{Entry($"arn:aws:kms:eu-west-1:{Account}:key/1234abcd-12ab-34cd-56ef-1234567890ab", "AWS::KMS::Key", """{"Sid":"Enable IAM User Permissions","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::123456789012:root"},"Action":"kms:*","Resource":"*"},{"Sid":"VendorDecrypts","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::777766665555:root"},"Action":["kms:Decrypt","kms:DescribeKey"],"Resource":"*"}""")}}
            ]}
            """;
    }

    /// <summary>An organization export as scripts/export-aws.sh composes it: the account in a Workloads OU, an S3 perimeter RCP.</summary>
    internal static string Organization()
    {
        const string Root = "r-ab12";
        const string Ou = "ou-ab12-11111111";
        static string Target(string id, string type) => $$"""{"TargetId": "{{id}}", "Arn": "arn:aws:organizations::{{Management}}:{{type.ToLowerInvariant()}}/o-abcdefghij/{{id}}", "Name": "{{id}}", "Type": "{{type}}"}""";
        var full = System.Text.Json.JsonSerializer.Serialize("""{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"*","Resource":"*"}]}""");
        var scpFull = System.Text.Json.JsonSerializer.Serialize("""{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}""");
        var perimeter = System.Text.Json.JsonSerializer.Serialize("""{"Version":"2012-10-17","Statement":[{"Sid":"EnforceOrgIdentities","Effect":"Deny","Principal":"*","Action":"s3:*","Resource":"*","Condition":{"StringNotEqualsIfExists":{"aws:PrincipalOrgID":"o-abcdefghij"},"BoolIfExists":{"aws:PrincipalIsAWSService":"false"}}}]}""");
        return $$"""
            {
              "Organization": {"Id": "o-abcdefghij", "Arn": "arn:aws:organizations::{{Management}}:organization/o-abcdefghij", "FeatureSet": "ALL",
                "MasterAccountArn": "arn:aws:organizations::{{Management}}:account/o-abcdefghij/{{Management}}", "MasterAccountId": "{{Management}}", "MasterAccountEmail": "root@example.invalid",
                "AvailablePolicyTypes": [{"Type": "SERVICE_CONTROL_POLICY", "Status": "ENABLED"}]},
              "Roots": [{"Id": "{{Root}}", "Arn": "arn:aws:organizations::{{Management}}:root/o-abcdefghij/{{Root}}", "Name": "Root",
                "PolicyTypes": [{"Type": "SERVICE_CONTROL_POLICY", "Status": "ENABLED"}, {"Type": "RESOURCE_CONTROL_POLICY", "Status": "ENABLED"}]}],
              "OrganizationalUnits": [{"Id": "{{Ou}}", "Arn": "arn:aws:organizations::{{Management}}:ou/o-abcdefghij/{{Ou}}", "Name": "Workloads", "ParentId": "{{Root}}"}],
              "Accounts": [
                {"Id": "{{Management}}", "Arn": "arn:aws:organizations::{{Management}}:account/o-abcdefghij/{{Management}}", "Email": "root@example.invalid", "Name": "management", "Status": "ACTIVE", "JoinedMethod": "INVITED", "JoinedTimestamp": "2020-01-01T00:00:00.000000+00:00", "ParentId": "{{Root}}"},
                {"Id": "{{Account}}", "Arn": "arn:aws:organizations::{{Management}}:account/o-abcdefghij/{{Account}}", "Email": "workload@example.invalid", "Name": "workload", "Status": "ACTIVE", "JoinedMethod": "CREATED", "JoinedTimestamp": "2021-01-01T00:00:00.000000+00:00", "ParentId": "{{Ou}}"}
              ],
              "Policies": [
                {"PolicySummary": {"Id": "p-FullAWSAccess", "Arn": "arn:aws:organizations::aws:policy/service_control_policy/p-FullAWSAccess", "Name": "FullAWSAccess", "Description": "Allows access to every operation", "Type": "SERVICE_CONTROL_POLICY", "AwsManaged": true},
                 "Content": {{scpFull}}, "Targets": [{{Target(Root, "ROOT")}}, {{Target(Ou, "ORGANIZATIONAL_UNIT")}}, {{Target(Account, "ACCOUNT")}}]},
                {"PolicySummary": {"Id": "p-RCPFullAWSAccess", "Arn": "arn:aws:organizations::aws:policy/resource_control_policy/p-RCPFullAWSAccess", "Name": "RCPFullAWSAccess", "Description": "Allows access to every resource", "Type": "RESOURCE_CONTROL_POLICY", "AwsManaged": true},
                 "Content": {{full}}, "Targets": [{{Target(Root, "ROOT")}}, {{Target(Ou, "ORGANIZATIONAL_UNIT")}}, {{Target(Account, "ACCOUNT")}}]},
                {"PolicySummary": {"Id": "p-perimeter1", "Arn": "arn:aws:organizations::{{Management}}:policy/o-abcdefghij/resource_control_policy/p-perimeter1", "Name": "S3DataPerimeter", "Description": "S3 only for the organization", "Type": "RESOURCE_CONTROL_POLICY", "AwsManaged": false},
                 "Content": {{perimeter}}, "Targets": [{{Target(Ou, "ORGANIZATIONAL_UNIT")}}]}
              ]
            }
            """;
    }
}
