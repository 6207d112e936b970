using Ward.Aws.Ingest;
using Ward.Aws.Policy.Evaluation;
using Ward.Aws.Queries;
using Ward.Aws.Tests.Testing;
using Ward.Core.Decisions;

namespace Ward.Aws.Tests.Queries;

/// <summary>
/// Queries on resources whose policies were exported: an S3 object is decided with its bucket's policy and the
/// bucket's account, a key with its key policy; a resource without an exported policy is decided as before.
/// </summary>
public sealed class ResourcePolicyQueriesTests : IDisposable
{
    private const string Owner = "123456789012";
    private const string Other = "210987654321";
    private const string Key = $"arn:aws:kms:eu-west-1:{Owner}:key/1234abcd-12ab-34cd-56ef-1234567890ab";
    private const string ManagedKey = $"arn:aws:kms:eu-west-1:{Owner}:key/0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b";
    private const string KeyWithoutPolicy = $"arn:aws:kms:eu-west-1:{Owner}:key/9999abcd-12ab-34cd-56ef-1234567890ab";
    private static readonly DateTimeOffset AsOf = new(2026, 3, 16, 9, 15, 0, TimeSpan.Zero);

    private readonly ScratchFolder _folder = new(
        ("owner.json", Gaad(Owner, "alice", """["s3:*", "kms:*"]""")),
        ("other.json", Gaad(Other, "bob", "\"s3:GetObject\"")),
        ("resource-policies.json", $$$"""
            {"ResourcePolicies": [
              {"Arn": "arn:aws:s3:::shared-reports", "Type": "AWS::S3::Bucket", "Account": "{{{Owner}}}", "Policy": "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"PartnerReadsPublished\",\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"arn:aws:iam::{{{Other}}}:root\"},\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::shared-reports/published/*\"},{\"Sid\":\"NobodyReadsSecrets\",\"Effect\":\"Deny\",\"Principal\":\"*\",\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::shared-reports/secret/*\"}]}"},
              {"Arn": "{{{Key}}}", "Type": "AWS::KMS::Key", "Policy": {"Version": "2012-10-17", "Statement": [{"Sid": "Enable IAM User Permissions", "Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::{{{Owner}}}:root"}, "Action": "kms:*", "Resource": "*"}]}},
              {"Arn": "{{{ManagedKey}}}", "Type": "AWS::KMS::Key", "Policy": {"Version": "2012-10-17", "Id": "auto-s3-2", "Statement": [
                {"Sid": "Allow access through S3 for all principals in the account that are authorized to use S3", "Effect": "Allow", "Principal": {"AWS": "*"}, "Action": ["kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:DescribeKey"], "Resource": "*", "Condition": {"StringEquals": {"kms:CallerAccount": "{{{Owner}}}", "kms:ViaService": "s3.eu-west-1.amazonaws.com"} } },
                {"Sid": "Allow direct access to key metadata to the account", "Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::{{{Owner}}}:root"}, "Action": ["kms:Describe*", "kms:Get*", "kms:List*", "kms:RevokeGrant"], "Resource": "*"}]}}
            ]}
            """));

    private readonly Lazy<AwsAccessQueries> _queries;

    public ResourcePolicyQueriesTests() => _queries = new(() => new AwsAccessQueries(AwsEstateLoader.Load([_folder.Path]), AsOf));

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void A_bucket_policy_grants_cross_account_read_of_its_objects_and_nothing_else()
    {
        // Given bob (another account) may read any object by his own policies, and the bucket's policy lets his
        // account read `published/*`
        // When bob reads a published object and a private one
        var published = Can($"arn:aws:iam::{Other}:user/bob", "s3:GetObject", "arn:aws:s3:::shared-reports/published/q1.csv");
        var other = Can($"arn:aws:iam::{Other}:user/bob", "s3:GetObject", "arn:aws:s3:::shared-reports/private/q1.csv");

        // Then the bucket's account is the owner's (from the export), so the first is allowed by both sides and the
        // second needs a resource grant it does not have
        Assert.Equal(DecisionKind.Allowed, published.Kind);
        Assert.Contains("PartnerReadsPublished", published.Explanation.Summary, StringComparison.Ordinal);
        Assert.Equal(DecisionKind.ImplicitDeny, other.Kind);
        Assert.Contains("cross-account", other.Explanation.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public void An_explicit_deny_in_a_bucket_policy_wins_over_an_identity_allow()
    {
        // Given alice (the owner's account) is allowed s3:* by her own policy
        // When she reads under `secret/`, which the bucket policy denies to everyone, and elsewhere
        var secret = Can($"arn:aws:iam::{Owner}:user/alice", "s3:GetObject", "arn:aws:s3:::shared-reports/secret/keys.txt");
        var elsewhere = Can($"arn:aws:iam::{Owner}:user/alice", "s3:GetObject", "arn:aws:s3:::shared-reports/published/q1.csv");

        // Then the deny wins; elsewhere her own policy is enough
        Assert.Equal(DecisionKind.ExplicitDeny, secret.Kind);
        Assert.Contains("NobodyReadsSecrets", secret.Explanation.Summary, StringComparison.Ordinal);
        Assert.Equal(DecisionKind.Allowed, elsewhere.Kind);
    }

    [Fact]
    public void A_key_is_decided_with_its_exported_key_policy_and_as_before_without_one()
    {
        // Given alice may kms:* by her own policy, one key whose policy delegates to the account, one not exported
        var withPolicy = Can($"arn:aws:iam::{Owner}:user/alice", "kms:Decrypt", Key);
        var withoutPolicy = Can($"arn:aws:iam::{Owner}:user/alice", "kms:Decrypt", KeyWithoutPolicy);

        // Then the key policy's delegation lets her identity policy decide; the key without a known policy still
        // needs one, as it did before resource policies were exported
        Assert.Equal(DecisionKind.Allowed, withPolicy.Kind);
        Assert.Equal(DecisionKind.ImplicitDeny, withoutPolicy.Kind);
    }

    [Fact]
    public void The_caller_account_of_a_KMS_request_is_the_callers()
    {
        // Given the policy of an AWS managed key (aws/s3): `*` may use it, when the caller's account is the key's and
        // the request comes through S3
        var viaS3 = new Dictionary<string, ContextValue>(StringComparer.Ordinal) { ["kms:ViaService"] = ContextValue.Of("s3.eu-west-1.amazonaws.com") };
        var alice = _queries.Value.Can(AwsPrincipal.Parse($"arn:aws:iam::{Owner}:user/alice"), "kms:Decrypt", ManagedKey, viaS3).Decision;
        var aliceDirect = Can($"arn:aws:iam::{Owner}:user/alice", "kms:Decrypt", ManagedKey);
        var outsider = _queries.Value.Can(AwsPrincipal.Parse("arn:aws:iam::000000000000:role/outsider"), "kms:Decrypt", ManagedKey, viaS3).Decision;
        var anonymous = _queries.Value.Can(AwsPrincipal.Anonymous, "kms:Decrypt", ManagedKey, viaS3).Decision;

        // Then KMS's kms:CallerAccount is the caller's account (absent for an unsigned request): the key's own account
        // uses it through S3 (directly only if kms:ViaService holds), nobody else may
        Assert.Equal(DecisionKind.Allowed, alice.Kind);
        Assert.DoesNotContain(Assert.IsType<Conditional>(aliceDirect).Requirements, r => r.Contains("kms:CallerAccount", StringComparison.Ordinal));
        Assert.Equal(DecisionKind.ImplicitDeny, outsider.Kind);
        Assert.Equal(DecisionKind.ImplicitDeny, anonymous.Kind);
    }

    [Fact]
    public void A_resource_without_an_exported_policy_is_decided_as_before()
    {
        // Given a bucket that is not in the export
        var estate = AwsEstateLoader.Load([Path.Combine(_folder.Path, "other.json")], TestContext.Current.CancellationToken);
        var without = new AwsAccessQueries(estate, AsOf).Can(AwsPrincipal.Parse($"arn:aws:iam::{Other}:user/bob"), "s3:GetObject", "arn:aws:s3:::unknown-bucket/x", new Dictionary<string, ContextValue>(StringComparer.Ordinal));
        var with = Can($"arn:aws:iam::{Other}:user/bob", "s3:GetObject", "arn:aws:s3:::unknown-bucket/x");

        // Then both are decided by bob's own policy in his own account
        Assert.Equal(DecisionKind.Allowed, without.Decision.Kind);
        Assert.Equal(DecisionKind.Allowed, with.Kind);
    }

    [Theory]
    [InlineData("arn:aws:s3:::northwind-org-artifacts/installers/agent.msi", DecisionKind.Allowed)]
    [InlineData("arn:aws:s3:::northwind-prod-website/index.html", DecisionKind.ExplicitDeny)]
    public void In_the_sample_the_data_perimeter_covers_prod_but_not_the_management_account(string resource, DecisionKind expected)
    {
        // Given the two public-read bucket policies of the sample, an anonymous caller over TLS
        var queries = new AwsAccessQueries(AwsEstateLoader.Load([Fixtures.Northwind()], TestContext.Current.CancellationToken), AsOf);
        var context = new Dictionary<string, ContextValue>(StringComparer.Ordinal)
        {
            ["aws:SecureTransport"] = ContextValue.Of("true"),
            ["aws:PrincipalOrgID"] = ContextValue.Of("o-elsewhere"),
            ["aws:PrincipalIsAWSService"] = ContextValue.Of("false"),
        };

        // Then the management account's bucket is readable; prod's is denied by the RCP
        Assert.Equal(expected, queries.Can(AwsPrincipal.Anonymous, "s3:GetObject", resource, context).Decision.Kind);
    }

    private Decision Can(string principal, string action, string resource) =>
        _queries.Value.Can(AwsPrincipal.Parse(principal), action, resource, new Dictionary<string, ContextValue>(StringComparer.Ordinal)).Decision;

    private static string Gaad(string account, string user, string actions) => $$$"""
        {
          "UserDetailList": [
            {"Path": "/", "UserName": "{{{user}}}", "UserId": "AIDA{{{account}}}00000", "Arn": "arn:aws:iam::{{{account}}}:user/{{{user}}}", "CreateDate": "2024-01-01T00:00:00Z",
             "UserPolicyList": [{"PolicyName": "work", "PolicyDocument": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": {{{actions}}}, "Resource": "*"}]}}],
             "GroupList": [], "AttachedManagedPolicies": [], "Tags": []}
          ],
          "GroupDetailList": [],
          "RoleDetailList": [],
          "Policies": []
        }
        """;
}
