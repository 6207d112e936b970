using Ward.Analysis;
using Ward.Aws.Ingest;
using Ward.Core.Graph;
using Ward.Core.Model;

namespace Ward.Cli.Tests.Rules;

/// <summary>
/// Resources named with <c>--target</c>: a bucket reached directly, by rewriting its policy, and in two steps (a role
/// that can), with safe twins (a Deny in the bucket policy, an identity Deny, a grant on another bucket); a key whose
/// policy does not delegate to its account (the account's administrator does not reach it; the principal it names
/// does), and kms:CreateGrant limited to Encrypt (no edge) or allowing Decrypt (edge).
/// </summary>
public sealed class ResourceTargetEdgeTests
{
    private const string Account = "123456789012";
    private const string Partner = "210987654321";
    private const string Bucket = "arn:aws:s3:::payroll";
    private const string LockedKey = $"arn:aws:kms:eu-west-1:{Account}:key/1111aaaa-11aa-11aa-11aa-111111aaaaaa";
    private const string GrantedKey = $"arn:aws:kms:eu-west-1:{Account}:key/2222bbbb-22bb-22bb-22bb-222222bbbbbb";
    private const string RewritableKey = $"arn:aws:kms:eu-west-1:{Account}:key/3333cccc-33cc-33cc-33cc-333333cccccc";
    private const string Secret = $"arn:aws:secretsmanager:eu-west-1:{Account}:secret:payroll-db-AbCdEf";
    private const string Queue = $"arn:aws:sqs:eu-west-1:{Account}:payroll-events";
    private const string Topic = $"arn:aws:sns:eu-west-1:{Account}:payroll-alerts";
    private const string Function = $"arn:aws:lambda:eu-west-1:{Account}:function:payroll-export";
    private const string Repository = $"arn:aws:ecr:eu-west-1:{Account}:repository/payroll-app";
    private static readonly DateTimeOffset AsOf = new(2026, 3, 16, 9, 15, 0, TimeSpan.Zero);

    private static readonly Lazy<ScanResult> Scan = new(() => ScanWith([Bucket, LockedKey, GrantedKey, RewritableKey, Secret, Queue, Topic, Function, Repository]));

    [Fact]
    public void A_principal_allowed_to_read_the_bucket_reaches_it_directly()
    {
        var edge = Assert.Single(EdgesTo(Bucket), e => e.From.Value == User("reader"));

        Assert.Equal("ward-resource-access", edge.Technique);
        var permission = Assert.Single(edge.Permissions);
        Assert.Equal("s3:GetObject", permission.Action);
        Assert.Equal($"{Bucket}/ward-probe", permission.Resource);
        var step = Assert.Single(PathOf("reader", Bucket));
        Assert.Equal("ward-resource-access", step.Technique);
        Assert.Equal(Bucket, step.To);
    }

    [Fact]
    public void A_principal_that_may_rewrite_the_bucket_policy_grants_itself_access()
    {
        var edge = Assert.Single(EdgesTo(Bucket), e => e.From.Value == User("policy-writer"));

        // The rewritten policy names the user, which needs no identity grant for the data in its own account
        Assert.Equal("ward-s3-put-bucket-policy", edge.Technique);
        Assert.Equal(["s3:PutBucketPolicy", "s3:GetObject", "s3:PutObject"], edge.Permissions.Select(p => p.Action), StringComparer.Ordinal);
        Assert.Contains("as rewritten by policy-writer", edge.Permissions[1].GrantedBy, StringComparison.Ordinal);
    }

    [Fact]
    public void A_principal_that_can_assume_a_reading_role_reaches_the_bucket_in_two_steps()
    {
        var path = PathOf("hopper", Bucket);

        Assert.Equal(["sts-001", "ward-resource-access"], path.Select(s => s.Technique), StringComparer.Ordinal);
        Assert.Equal($"arn:aws:iam::{Account}:role/payroll-reader", path[0].To);
        Assert.DoesNotContain(EdgesTo(Bucket), e => e.From.Value == User("hopper"));
    }

    [Theory]
    [InlineData("denied-reader")]   // the bucket policy denies it everything
    [InlineData("self-denied")]     // s3:* on everything, but its own policy denies the bucket
    [InlineData("other-bucket")]    // reads and rewrites another bucket only
    public void Safe_twins_do_not_reach_the_bucket(string user)
    {
        Assert.DoesNotContain(EdgesTo(Bucket), e => e.From.Value == User(user));
        Assert.DoesNotContain(PathFindings(Bucket), f => f.Principal == User(user));
    }

    [Fact]
    public void An_administrator_of_the_account_reaches_the_bucket_but_not_a_key_whose_policy_leaves_the_account_out()
    {
        var admin = User("iam-admin");

        Assert.True(Scan.Value.Graph.Graph.Nodes[new PrincipalId(admin)].IsAdmin);
        Assert.Contains(EdgesTo(Bucket), e => e.From.Value == admin && e.Technique == "ward-resource-access");
        Assert.DoesNotContain(EdgesTo(LockedKey), e => e.From.Value == admin);
        Assert.DoesNotContain(PathFindings(LockedKey), f => f.Principal == admin);
    }

    [Fact]
    public void The_principal_the_key_policy_names_reaches_the_key_across_accounts()
    {
        var custodian = $"arn:aws:iam::{Partner}:user/key-custodian";

        var edge = Assert.Single(EdgesTo(LockedKey));
        Assert.Equal(custodian, edge.From.Value);
        Assert.Equal("ward-resource-access", edge.Technique);
        Assert.Equal("kms:Decrypt", Assert.Single(edge.Permissions).Action);
        Assert.Equal(Partner, Assert.Single(PathFindings(LockedKey)).Account);
    }

    [Fact]
    public void A_grant_allowed_for_decrypt_is_an_edge_and_one_limited_to_encrypt_is_not()
    {
        var edge = Assert.Single(EdgesTo(GrantedKey), e => e.From.Value == User("grant-decrypt"));

        Assert.Equal("ward-kms-create-grant", edge.Technique);
        Assert.Equal(["kms:CreateGrant", "kms:Decrypt"], edge.Permissions.Select(p => p.Action), StringComparer.Ordinal);
        Assert.Contains(edge.Permissions[0].Conditions, c => c.Contains("kms:GrantOperations", StringComparison.Ordinal));
        Assert.DoesNotContain(EdgesTo(GrantedKey), e => e.From.Value == User("grant-encrypt"));
    }

    [Theory]
    [InlineData(RewritableKey, "ward-kms-put-key-policy", "kms:PutKeyPolicy", "kms:Decrypt")]
    [InlineData(Secret, "ward-secretsmanager-put-resource-policy", "secretsmanager:PutResourcePolicy", "secretsmanager:GetSecretValue")]
    [InlineData(Queue, "ward-sqs-set-queue-attributes", "sqs:AddPermission", "sqs:ReceiveMessage")]
    [InlineData(Topic, "ward-sns-set-topic-attributes", "sns:SetTopicAttributes", "sns:Publish")]
    [InlineData(Function, "ward-lambda-add-permission", "lambda:AddPermission", "lambda:UpdateFunctionCode")]
    [InlineData(Repository, "ward-ecr-set-repository-policy", "ecr:SetRepositoryPolicy", "ecr:BatchGetImage")]
    public void Each_service_policy_rewrite_lets_the_principal_in(string resource, string technique, string rewrite, string data)
    {
        // Given `rewriter`, allowed each service's policy write and no data action (the key's policy allows it PutKeyPolicy only)
        // Then its only edge to the resource is the rewrite, which lets it do the data action
        var edge = Assert.Single(EdgesTo(resource), e => e.From.Value == User("rewriter"));

        Assert.Equal(technique, edge.Technique);
        Assert.Equal(rewrite, edge.Permissions[0].Action);
        Assert.Contains(data, edge.Permissions.Skip(1).Select(p => p.Action), StringComparer.Ordinal);
    }

    [Fact]
    public void An_administrator_locked_out_of_a_key_reaches_it_only_by_becoming_a_principal_that_can()
    {
        // The key policy does not delegate to the account: the administrator takes over the user it names
        var path = PathOf("iam-admin", GrantedKey);

        Assert.Equal(2, path.Length);
        Assert.Equal(User("grant-decrypt"), path[0].To);
        Assert.Equal("ward-kms-create-grant", path[1].Technique);
    }

    [Fact]
    public void The_resource_is_a_resource_node_and_scans_without_resource_targets_have_no_resource_edges()
    {
        Assert.Equal(PrincipalKind.Resource, Scan.Value.Graph.Graph.Nodes[new PrincipalId(Bucket)].Kind);

        var withoutTargets = ScanWith([]);
        Assert.DoesNotContain(withoutTargets.Graph.Graph.Nodes.Values, n => n.Kind == PrincipalKind.Resource);
        Assert.DoesNotContain(withoutTargets.Graph.Graph.Edges, e => e.Technique.StartsWith("ward-resource", StringComparison.Ordinal) || e.Technique.StartsWith("ward-kms", StringComparison.Ordinal));
        Assert.DoesNotContain(withoutTargets.Findings, f => f.RuleId == "path-to-target");
    }

    [Fact]
    public void A_principal_that_can_grant_itself_anything_reaches_a_bucket_its_account_may_read_but_not_a_key_that_leaves_the_account_out()
    {
        // Rewriting its own inline policy gives it arbitrary permissions in the account; the bucket's policy lets
        // the account's principals in, the locked key's does not.
        var reaching = Scan.Value.Findings.Where(f => f.RuleId == "path-to-target" && f.Principal == User("self-escalator")).ToList();

        var finding = Assert.Single(reaching, f => f.Title.EndsWith("reach `payroll` in 1 step", StringComparison.Ordinal));
        Assert.DoesNotContain(reaching, f => f.Title.Contains("1111aaaa", StringComparison.Ordinal));
        Assert.Equal("iam-007", Assert.Single(finding.Path).Technique);
        Assert.Contains($"with arbitrary permissions in account {Account} it reaches `payroll`", finding.Explanation, StringComparison.Ordinal);
        Assert.Equal([Account], Scan.Value.Graph.AccountsReachingResource[Bucket]);
        Assert.Empty(Scan.Value.Graph.AccountsReachingResource[LockedKey]);
    }

    [Fact]
    public void Policies_that_let_in_only_principals_of_the_exported_accounts_give_no_edge_from_outside()
    {
        // The bucket's policy names a user of its own account; the locked key's, a principal of an exported partner
        // account, which is decided as a principal of the estate instead
        Assert.DoesNotContain(Scan.Value.Graph.Graph.Edges, e => e.Technique == "ward-resource-outsider");
        Assert.Contains(EdgesTo(LockedKey), e => e.Technique == "ward-resource-access" && e.From.Value == $"arn:aws:iam::{Partner}:user/key-custodian");
    }

    [Fact]
    public void The_escalation_findings_do_not_change_with_resource_targets()
    {
        static string[] Escalations(ScanResult scan) => [.. scan.Findings.Where(f => f.RuleId == "privilege-escalation").Select(f => f.Fingerprint).Order(StringComparer.Ordinal)];

        Assert.Equal(Escalations(ScanWith([])), Escalations(Scan.Value));
    }

    private static string User(string name) => $"arn:aws:iam::{Account}:user/{name}";

    private static IEnumerable<Edge> EdgesTo(string resource) => Scan.Value.Graph.Graph.Edges.Where(e => e.To.Value == resource);

    private static IEnumerable<Finding> PathFindings(string resource) =>
        Scan.Value.Findings.Where(f => f.RuleId == "path-to-target" && f.Path.Length > 0 && f.Path[^1].To == resource);

    private static PathStep[] PathOf(string user, string resource) =>
        [.. Assert.Single(PathFindings(resource), f => f.Principal == User(user)).Path];

    private static ScanResult ScanWith(string[] targets)
    {
        var folder = Directory.CreateTempSubdirectory("ward-resource-targets-").FullName;
        Directory.CreateDirectory(Path.Combine(folder, Account));
        Directory.CreateDirectory(Path.Combine(folder, Partner));
        File.WriteAllText(Path.Combine(folder, Account, "gaad.json"), Gaad(
            [
                GaadJson.User(Account, "reader", $$"""{"Effect":"Allow","Action":"s3:GetObject","Resource":"{{Bucket}}/*"}"""),
                GaadJson.User(Account, "policy-writer", $$"""{"Effect":"Allow","Action":"s3:PutBucketPolicy","Resource":"{{Bucket}}"}"""),
                GaadJson.User(Account, "hopper", $$"""{"Effect":"Allow","Action":"sts:AssumeRole","Resource":"arn:aws:iam::{{Account}}:role/payroll-reader"}"""),
                GaadJson.User(Account, "denied-reader", """{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}"""),
                GaadJson.User(Account, "self-denied", $$"""{"Effect":"Allow","Action":"s3:*","Resource":"*"},{"Effect":"Deny","Action":"s3:*","Resource":["{{Bucket}}","{{Bucket}}/*"]}"""),
                GaadJson.User(Account, "other-bucket", """{"Effect":"Allow","Action":["s3:GetObject","s3:PutObject","s3:PutBucketPolicy"],"Resource":["arn:aws:s3:::other-bucket","arn:aws:s3:::other-bucket/*"]}"""),
                GaadJson.User(Account, "iam-admin", """{"Effect":"Allow","Action":"*","Resource":"*"}"""),
                GaadJson.User(Account, "self-escalator", $$"""{"Effect":"Allow","Action":"iam:PutUserPolicy","Resource":"arn:aws:iam::{{Account}}:user/self-escalator"}"""),
                GaadJson.User(Account, "grant-decrypt", """{"Effect":"Allow","Action":"s3:ListAllMyBuckets","Resource":"*"}"""),
                GaadJson.User(Account, "grant-encrypt", """{"Effect":"Allow","Action":"s3:ListAllMyBuckets","Resource":"*"}"""),
                GaadJson.User(Account, "rewriter", """{"Effect":"Allow","Action":["kms:PutKeyPolicy","secretsmanager:PutResourcePolicy","sqs:AddPermission","sns:SetTopicAttributes","lambda:AddPermission","ecr:SetRepositoryPolicy"],"Resource":"*"}"""),
            ],
            [
                $$$"""
                {"Path": "/", "RoleName": "payroll-reader", "RoleId": "AROA00000000000000001", "Arn": "arn:aws:iam::{{{Account}}}:role/payroll-reader", "CreateDate": "2024-01-01T00:00:00Z",
                 "AssumeRolePolicyDocument": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::{{{Account}}}:user/hopper"}, "Action": "sts:AssumeRole"}]},
                 "InstanceProfileList": [], "RolePolicyList": [{"PolicyName": "duties", "PolicyDocument": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "{{{Bucket}}}/*"}]}}],
                 "AttachedManagedPolicies": [], "Tags": [], "RoleLastUsed": {}}
                """,
            ]));
        File.WriteAllText(Path.Combine(folder, Partner, "gaad.json"), Gaad(
            [GaadJson.User(Partner, "key-custodian", $$"""{"Effect":"Allow","Action":"kms:Decrypt","Resource":"{{LockedKey}}"}""")],
            []));
        File.WriteAllText(Path.Combine(folder, Account, "resource-policies.json"), ResourcePolicies());
        var estate = AwsEstateLoader.Load([folder]);
        return Scanner.Scan(estate, AsOf, new ScanOptions { Targets = targets });
    }

    private static string Gaad(string[] users, string[] roles) => $$"""
        {"UserDetailList": [{{string.Join(",", users)}}], "GroupDetailList": [], "RoleDetailList": [{{string.Join(",", roles)}}], "Policies": []}
        """;

    /// <summary>The resource-policies file of docs/formats/aws.md: the bucket's policy and the two keys' policies, none delegating to the account.</summary>
    private static string ResourcePolicies()
    {
        static string Entry(string arn, string type, string statements) =>
            $$"""{"Arn": "{{arn}}", "Type": "{{type}}", "Account": "{{Account}}", "Region": "eu-west-1", "Policy": {{System.Text.Json.JsonSerializer.Serialize($$"""{"Version":"2012-10-17","Statement":[{{statements}}]}""")}}}""";

        static string Owner(string actions) => $$"""{"Sid":"Owner","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::{{Account}}:root"},"Action":"{{actions}}","Resource":"*"}""";
        var grant = """{"Sid":"GrantsForEncryption","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::""" + Account + """:user/grant-encrypt"},"Action":"kms:CreateGrant","Resource":"*","Condition":{"ForAllValues:StringEquals":{"kms:GrantOperations":["Encrypt","GenerateDataKey"]}}},"""
            + """{"Sid":"GrantsForDecryption","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::""" + Account + """:user/grant-decrypt"},"Action":"kms:CreateGrant","Resource":"*","Condition":{"ForAllValues:StringEquals":{"kms:GrantOperations":["Decrypt"]}}}""";
        return $$"""
            {"ResourcePolicies": [
              {{Entry(Bucket, "AWS::S3::Bucket", $$"""{"Sid":"NotDeniedReader","Effect":"Deny","Principal":{"AWS":"arn:aws:iam::{{Account}}:user/denied-reader"},"Action":"s3:*","Resource":["{{Bucket}}","{{Bucket}}/*"]}""")}},
              {{Entry(LockedKey, "AWS::KMS::Key", $$"""{"Sid":"PartnerDecrypts","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::{{Partner}}:user/key-custodian"},"Action":["kms:Decrypt","kms:DescribeKey"],"Resource":"*"}""")}},
              {{Entry(GrantedKey, "AWS::KMS::Key", grant)}},
              {{Entry(RewritableKey, "AWS::KMS::Key", $$"""{"Sid":"KeyPolicyAdministration","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::{{Account}}:user/rewriter"},"Action":"kms:PutKeyPolicy","Resource":"*"}""")}},
              {{Entry(Secret, "AWS::SecretsManager::Secret", Owner("secretsmanager:*"))}},
              {{Entry(Queue, "AWS::SQS::Queue", Owner("sqs:*"))}},
              {{Entry(Topic, "AWS::SNS::Topic", Owner("sns:*"))}},
              {{Entry(Function, "AWS::Lambda::Function", Owner("lambda:*"))}},
              {{Entry(Repository, "AWS::ECR::Repository", Owner("ecr:*"))}}
            ]}
            """;
    }
}
