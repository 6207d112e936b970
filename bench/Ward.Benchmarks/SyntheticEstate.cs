using System.Globalization;
using System.Text;
using System.Text.Json;
using Ward.Aws.Catalog;

namespace Ward.Benchmarks;

/// <summary>
/// Writes a deterministic synthetic <c>get-account-authorization-details</c> export: one account with the given
/// numbers of users, roles and customer-managed policies (three versions each), groups, boundaries, tags and trust
/// policies, in the CLI form. The same seed always gives the same bytes.
/// </summary>
public static class SyntheticEstate
{
    public const string Account = "123456789012";

    private static readonly string[] Services = ["s3", "ec2", "iam", "kms", "sqs", "sns", "lambda", "dynamodb", "secretsmanager", "ssm", "logs", "cloudwatch", "sts", "rds", "ecr"];
    private static readonly string[] Verbs = ["Get*", "List*", "Describe*", "Put*", "Create*", "Delete*", "Update*", "Tag*", "*"];
    private static readonly string[] Exact = ["s3:GetObject", "s3:PutObject", "iam:PassRole", "kms:Decrypt", "sqs:SendMessage", "lambda:InvokeFunction", "ec2:RunInstances", "ssm:GetParameter", "secretsmanager:GetSecretValue", "dynamodb:Query", "sts:AssumeRole", "iam:CreatePolicyVersion"];
    private static readonly string[] Teams = ["payments", "platform", "data", "security", "web", "mobile", "ml", "finance"];

    public static void Write(string path, int users, int roles, int policies, int seed = 42) =>
        Write(path, users, roles, policies, seed, Account, []);

    /// <summary>One account of an organization: one role in 50 trusts a user of another of <paramref name="peers"/>.</summary>
    public static void Write(string path, int users, int roles, int policies, int seed, string account, IReadOnlyList<string> peers)
    {
        var random = new Random(seed);
        using var stream = File.Create(path);
        using var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
        var groups = Math.Max(1, users / 50);
        json.WriteStartObject();

        json.WriteStartArray("UserDetailList");
        for (var i = 0; i < users; i++)
        {
            json.WriteStartObject();
            json.WriteString("Path", "/staff/");
            json.WriteString("UserName", $"user{i:D5}");
            json.WriteString("UserId", $"AIDA{i:D16}");
            json.WriteString("Arn", $"arn:aws:iam::{account}:user/staff/user{i:D5}");
            json.WriteString("CreateDate", "2023-03-01T10:00:00+00:00");
            json.WriteStartArray("UserPolicyList");
            json.WriteStartObject();
            json.WriteString("PolicyName", "self-service");
            json.WritePropertyName("PolicyDocument");
            WriteDocument(json, random, 3, account);
            json.WriteEndObject();
            json.WriteEndArray();
            json.WriteStartArray("GroupList");
            json.WriteStringValue($"group{random.Next(groups):D4}");
            json.WriteEndArray();
            WriteAttachments(json, random, policies, 4, account);
            if (i % 10 == 0)
            {
                json.WriteStartObject("PermissionsBoundary");
                json.WriteString("PermissionsBoundaryType", "Policy");
                json.WriteString("PermissionsBoundaryArn", PolicyArn(random.Next(policies), account));
                json.WriteEndObject();
            }

            WriteTags(json, random);
            json.WriteEndObject();
        }

        json.WriteEndArray();

        json.WriteStartArray("GroupDetailList");
        for (var i = 0; i < groups; i++)
        {
            json.WriteStartObject();
            json.WriteString("Path", "/");
            json.WriteString("GroupName", $"group{i:D4}");
            json.WriteString("GroupId", $"AGPA{i:D16}");
            json.WriteString("Arn", $"arn:aws:iam::{account}:group/group{i:D4}");
            json.WriteString("CreateDate", "2023-03-01T10:00:00+00:00");
            json.WriteStartArray("GroupPolicyList");
            json.WriteEndArray();
            WriteAttachments(json, random, policies, 3, account);
            json.WriteEndObject();
        }

        json.WriteEndArray();

        json.WriteStartArray("RoleDetailList");
        for (var i = 0; i < roles; i++)
        {
            json.WriteStartObject();
            json.WriteString("Path", "/service/");
            json.WriteString("RoleName", $"role{i:D5}");
            json.WriteString("RoleId", $"AROA{i:D16}");
            json.WriteString("Arn", $"arn:aws:iam::{account}:role/service/role{i:D5}");
            json.WriteString("CreateDate", "2023-03-01T10:00:00+00:00");
            json.WritePropertyName("AssumeRolePolicyDocument");
            WriteTrust(json, random, users, account, peers);
            json.WriteStartArray("InstanceProfileList");
            json.WriteEndArray();
            json.WriteStartArray("RolePolicyList");
            json.WriteStartObject();
            json.WriteString("PolicyName", "inline");
            json.WritePropertyName("PolicyDocument");
            WriteDocument(json, random, 4, account);
            json.WriteEndObject();
            json.WriteEndArray();
            WriteAttachments(json, random, policies, 5, account);
            WriteTags(json, random);
            json.WriteStartObject("RoleLastUsed");
            json.WriteString("LastUsedDate", "2026-10-01T08:00:00+00:00");
            json.WriteString("Region", "eu-west-1");
            json.WriteEndObject();
            json.WriteEndObject();
        }

        json.WriteEndArray();

        json.WriteStartArray("Policies");
        for (var i = 0; i < policies; i++)
        {
            json.WriteStartObject();
            json.WriteString("PolicyName", $"policy{i:D5}");
            json.WriteString("PolicyId", $"ANPA{i:D16}");
            json.WriteString("Arn", PolicyArn(i, account));
            json.WriteString("Path", "/");
            json.WriteString("DefaultVersionId", "v3");
            json.WriteNumber("AttachmentCount", 1);
            json.WriteNumber("PermissionsBoundaryUsageCount", 0);
            json.WriteBoolean("IsAttachable", true);
            json.WriteString("CreateDate", "2023-03-01T10:00:00+00:00");
            json.WriteString("UpdateDate", "2024-03-01T10:00:00+00:00");
            json.WriteStartArray("PolicyVersionList");
            for (var v = 1; v <= 3; v++)
            {
                json.WriteStartObject();
                json.WritePropertyName("Document");
                WriteDocument(json, random, 12, account);
                json.WriteString("VersionId", $"v{v}");
                json.WriteBoolean("IsDefaultVersion", v == 3);
                json.WriteString("CreateDate", "2023-03-01T10:00:00+00:00");
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteBoolean("IsTruncated", false);
        json.WriteEndObject();
    }

    public static string PolicyArn(int index, string account = Account) => $"arn:aws:iam::{account}:policy/policy{index:D5}";

    /// <summary>
    /// An organization export for the accounts (the first is the management account): a root, a Workloads OU holding
    /// the other accounts with a region guardrail SCP, and FullAWSAccess and RCPFullAWSAccess on the root, the OU and
    /// every account, where AWS attaches them when the policy types are enabled (and will not detach a level's last one).
    /// </summary>
    public static void WriteOrganization(string path, IReadOnlyList<string> accounts)
    {
        const string Id = "o-synthetic01";
        var management = accounts[0];
        using var stream = File.Create(path);
        using var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
        json.WriteStartObject();
        json.WriteStartObject("Organization");
        json.WriteString("Id", Id);
        json.WriteString("Arn", $"arn:aws:organizations::{management}:organization/{Id}");
        json.WriteString("FeatureSet", "ALL");
        json.WriteString("MasterAccountId", management);
        json.WriteEndObject();
        json.WriteStartArray("Roots");
        json.WriteStartObject();
        json.WriteString("Id", "r-syn1");
        json.WriteString("Name", "Root");
        json.WriteStartArray("PolicyTypes");
        foreach (var type in new[] { "SERVICE_CONTROL_POLICY", "RESOURCE_CONTROL_POLICY" })
        {
            json.WriteStartObject();
            json.WriteString("Type", type);
            json.WriteString("Status", "ENABLED");
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
        json.WriteEndArray();
        json.WriteStartArray("OrganizationalUnits");
        json.WriteStartObject();
        json.WriteString("Id", "ou-syn1-workloads");
        json.WriteString("Name", "Workloads");
        json.WriteString("ParentId", "r-syn1");
        json.WriteEndObject();
        json.WriteEndArray();
        json.WriteStartArray("Accounts");
        foreach (var account in accounts)
        {
            json.WriteStartObject();
            json.WriteString("Id", account);
            json.WriteString("Name", $"account-{account}");
            json.WriteString("Status", "ACTIVE");
            json.WriteString("ParentId", account == management ? "r-syn1" : "ou-syn1-workloads");
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteStartArray("Policies");
        string[] everywhere = ["r-syn1", "ou-syn1-workloads", .. accounts];
        ControlPolicy("p-FullAWSAccess", "FullAWSAccess", "SERVICE_CONTROL_POLICY", """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}""", everywhere);
        ControlPolicy("p-RCPFullAWSAccess", "RCPFullAWSAccess", "RESOURCE_CONTROL_POLICY", """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"*","Resource":"*"}]}""", everywhere);
        ControlPolicy("p-regions01", "ApprovedRegions", "SERVICE_CONTROL_POLICY", """{"Version":"2012-10-17","Statement":[{"Sid":"DenyOutsideApprovedRegions","Effect":"Deny","NotAction":["iam:*","sts:*","organizations:*"],"Resource":"*","Condition":{"StringNotEquals":{"aws:RequestedRegion":["eu-west-1","us-east-1"]}}}]}""", "ou-syn1-workloads");
        json.WriteEndArray();
        json.WriteEndObject();

        void ControlPolicy(string id, string name, string type, string content, params string[] targets)
        {
            json.WriteStartObject();
            json.WriteStartObject("PolicySummary");
            json.WriteString("Id", id);
            json.WriteString("Name", name);
            json.WriteString("Type", type);
            json.WriteEndObject();
            json.WriteString("Content", content);
            json.WriteStartArray("Targets");
            foreach (var target in targets)
            {
                json.WriteStartObject();
                json.WriteString("TargetId", target);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }
    }

    private static void WriteAttachments(Utf8JsonWriter json, Random random, int policies, int count, string account)
    {
        json.WriteStartArray("AttachedManagedPolicies");
        for (var a = 0; a < count; a++)
        {
            var index = random.Next(policies);
            json.WriteStartObject();
            json.WriteString("PolicyName", $"policy{index:D5}");
            json.WriteString("PolicyArn", PolicyArn(index, account));
            json.WriteEndObject();
        }

        json.WriteEndArray();
    }

    private static void WriteTags(Utf8JsonWriter json, Random random)
    {
        json.WriteStartArray("Tags");
        json.WriteStartObject();
        json.WriteString("Key", "team");
        json.WriteString("Value", Teams[random.Next(Teams.Length)]);
        json.WriteEndObject();
        json.WriteEndArray();
    }

    private static void WriteTrust(Utf8JsonWriter json, Random random, int users, string account, IReadOnlyList<string> peers)
    {
        json.WriteStartObject();
        json.WriteString("Version", "2012-10-17");
        json.WriteStartArray("Statement");
        json.WriteStartObject();
        json.WriteString("Effect", "Allow");
        json.WriteStartObject("Principal");
        if (random.Next(3) == 0)
        {
            json.WriteString("Service", "lambda.amazonaws.com");
        }
        else
        {
            json.WriteString("AWS", $"arn:aws:iam::{(peers.Count > 0 && random.Next(50) == 0 ? peers[random.Next(peers.Count)] : account)}:user/staff/user{random.Next(users):D5}");
        }

        json.WriteEndObject();
        json.WriteString("Action", "sts:AssumeRole");
        json.WriteEndObject();
        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void WriteDocument(Utf8JsonWriter json, Random random, int statements, string account)
    {
        json.WriteStartObject();
        json.WriteString("Version", "2012-10-17");
        json.WriteStartArray("Statement");
        for (var s = 0; s < statements; s++)
        {
            var service = Services[random.Next(Services.Length)];
            json.WriteStartObject();
            json.WriteString("Sid", $"S{s}");
            json.WriteString("Effect", random.Next(8) == 0 ? "Deny" : "Allow");
            json.WriteStartArray("Action");
            for (var a = 0; a < 1 + random.Next(4); a++)
            {
                var pattern = $"{service}:{Verbs[random.Next(Verbs.Length)]}";

                // Real policies name real actions: a pattern the catalog cannot expand becomes an exact action.
                json.WriteStringValue(random.Next(5) == 0 || !Expands(pattern) ? Exact[random.Next(Exact.Length)] : pattern);
            }

            json.WriteEndArray();
            json.WriteStartArray("Resource");

            // As in real estates, IAM and STS grants name their resources; other services often use `*`.
            var wildcardOdds = service is "iam" or "sts" ? 60 : 3;
            var team = Teams[random.Next(Teams.Length)];
            json.WriteStringValue(random.Next(wildcardOdds) == 0 ? "*" : service is "iam" or "sts"
                ? FormattableString.Invariant($"arn:aws:iam::{account}:role/service/{team}-*")
                : FormattableString.Invariant($"arn:aws:{service}:eu-west-1:{account}:{team}-*"));
            json.WriteStringValue(string.Create(CultureInfo.InvariantCulture, $"arn:aws:{service}:*:{account}:shared/${{aws:PrincipalTag/team}}/*"));
            json.WriteEndArray();
            if (random.Next(3) == 0)
            {
                json.WriteStartObject("Condition");
                json.WriteStartObject("StringEquals");
                json.WriteString("aws:RequestedRegion", random.Next(2) == 0 ? "eu-west-1" : "us-east-1");
                json.WriteEndObject();
                json.WriteStartObject("Bool");
                json.WriteString("aws:SecureTransport", "true");
                json.WriteEndObject();
                json.WriteEndObject();
            }

            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static readonly Dictionary<string, bool> Expandable = new(StringComparer.Ordinal);

    private static bool Expands(string pattern)
    {
        if (!Expandable.TryGetValue(pattern, out var expands))
        {
            expands = AwsActionCatalog.Default.Expand(pattern).Any();
            Expandable[pattern] = expands;
        }

        return expands;
    }

    internal static string Describe(string path) =>
        new StringBuilder().Append(path).Append(": ").Append((new FileInfo(path).Length / (1024.0 * 1024.0)).ToString("F1", CultureInfo.InvariantCulture)).Append(" MiB").ToString();
}
