using System.Collections.Frozen;
using System.Collections.Immutable;
using System.Text.Json;
using Ward.Aws.Catalog;
using Ward.Aws.Estate;
using Ward.Aws.Policy.Evaluation;
using Ward.Aws.Policy.Matching;
using Ward.Aws.Policy.Parsing;
using Ward.Aws.Policy.Syntax;
using Ward.Core.Diagnostics;

namespace Ward.Aws.Ingest;

/// <summary>
/// Reads Ward's <c>resource-policies.json</c> (docs/formats/aws.md): the resource-based policies of buckets, keys,
/// queues, topics, secrets, functions and repositories, each as the AWS CLI returns it (an object, a JSON string
/// or a URL-encoded string). Every entry that cannot be used is reported with its JSON path and skipped.
/// </summary>
public static class ResourcePolicyReader
{
    /// <summary>The resource types Ward knows, with the ARN service each belongs to.</summary>
    public static FrozenDictionary<string, string> KnownTypes { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["AWS::S3::Bucket"] = "s3",
        ["AWS::KMS::Key"] = "kms",
        ["AWS::SQS::Queue"] = "sqs",
        ["AWS::SNS::Topic"] = "sns",
        ["AWS::SecretsManager::Secret"] = "secretsmanager",
        ["AWS::Lambda::Function"] = "lambda",
        ["AWS::ECR::Repository"] = "ecr",
        ["AWS::Events::EventBus"] = "events",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    private static readonly HashSet<string> Fields = new(StringComparer.Ordinal) { "Arn", "Type", "Account", "Region", "Policy" };

    public static bool Recognizes(JsonElement root) =>
        root.ValueKind == JsonValueKind.Object && root.TryGetProperty("ResourcePolicies", out _);

    public static ImmutableArray<AwsResourcePolicy> Read(JsonElement root, string file, DiagnosticBag diagnostics)
    {
        var json = new JsonReading(file, diagnostics);
        var policies = ImmutableArray.CreateBuilder<AwsResourcePolicy>();
        if (root.GetProperty("ResourcePolicies").ValueKind != JsonValueKind.Array)
        {
            json.Report(IngestDiagnosticCodes.WrongShape, DiagnosticSeverity.Error, "`ResourcePolicies` must be an array of resource entries; the file was skipped", "$.ResourcePolicies");
            return [];
        }

        foreach (var (item, path) in json.Objects(root, "ResourcePolicies", JsonPath.Root))
        {
            json.CheckFields(item, path, "a resource policy entry", Fields);
            if (Entry(item, path, json) is { } policy)
            {
                policies.Add(policy);
            }
        }

        return policies.ToImmutable();
    }

    private static AwsResourcePolicy? Entry(JsonElement item, string path, JsonReading json)
    {
        var text = json.String(item, "Arn", path);
        if (text is null || !Arn.TryParse(text, out var arn) || arn.Service.Length == 0 || arn.Resource.Length == 0 || text.Contains('*', StringComparison.Ordinal))
        {
            Skip(json, text is null ? "the entry has no `Arn`" : $"`{text}` is not the ARN of one resource", path);
            return null;
        }

        var type = json.String(item, "Type", path);
        if (type is null)
        {
            type = KnownTypes.FirstOrDefault(t => t.Value == arn.Service).Key ?? $"AWS::{arn.Service}";
            json.Report(IngestDiagnosticCodes.ResourcePolicyType, DiagnosticSeverity.Warning, $"`{text}` has no `Type`; taken as `{type}` from its ARN", path);
        }
        else if (!KnownTypes.TryGetValue(type, out var service))
        {
            json.Report(IngestDiagnosticCodes.ResourcePolicyType, DiagnosticSeverity.Warning, $"resource type `{type}` is not one Ward analyses ({string.Join(", ", KnownTypes.Keys.Order(StringComparer.Ordinal))}); its policy is used by queries, but exposure is not probed", JsonPath.Property(path, "Type"));
        }
        else if (!string.Equals(service, arn.Service, StringComparison.Ordinal))
        {
            Skip(json, $"`{text}` is not an ARN of type `{type}` (expected service `{service}`)", JsonPath.Property(path, "Type"));
            return null;
        }

        var given = json.String(item, "Account", path);
        if (given is not null && !AwsPrincipal.IsAccountId(given))
        {
            Skip(json, $"`Account` must be a 12-digit account id, found `{given}`", JsonPath.Property(path, "Account"));
            return null;
        }

        var account = arn.Account.Length > 0 ? arn.Account : given;
        if (account is null)
        {
            Skip(json, $"`{text}` carries no account (S3 ARNs never do): give the owner in `Account`", path);
            return null;
        }

        if (given is not null && given != account)
        {
            Skip(json, $"`Account` `{given}` contradicts the account of `{text}`", JsonPath.Property(path, "Account"));
            return null;
        }

        if (!item.TryGetProperty("Policy", out var element) || element.ValueKind is JsonValueKind.Null
            || (element.ValueKind == JsonValueKind.String && string.IsNullOrWhiteSpace(element.GetString())))
        {
            Skip(json, $"`{text}` has no `Policy` (leave resources without a policy out of the file)", path);
            return null;
        }

        if (element.ValueKind is not (JsonValueKind.Object or JsonValueKind.String))
        {
            Skip(json, $"`Policy` must be a policy document (an object, a JSON string or a URL-encoded string), found {PolicyParser.Describe(element.ValueKind)}", JsonPath.Property(path, "Policy"));
            return null;
        }

        var policyPath = JsonPath.Property(path, "Policy");
        // ECR repository policies name no Resource: each statement is the repository's.
        var parsed = PolicyParser.Parse(element, PolicyKind.Resource, json.At(policyPath), resourceImplied: type == "AWS::ECR::Repository");
        json.Diagnostics.AddRange(parsed.Diagnostics);
        // An unreadable policy is kept as such: decisions it could change come out indeterminate, not allowed.
        var document = parsed.Document ?? PolicyDocument.Unreadable($"the resource policy of `{text}` could not be read");
        if (parsed.Document is not null)
        {
            json.Diagnostics.AddRange(CatalogChecks.Default.Check(document, json.At(policyPath)));
        }

        return new AwsResourcePolicy
        {
            Arn = text,
            Type = type,
            Account = account,
            Region = json.String(item, "Region", path) ?? (arn.Region.Length > 0 ? arn.Region : null),
            Document = document,
            Location = json.At(path),
        };
    }

    private static void Skip(JsonReading json, string message, string path) =>
        json.Report(IngestDiagnosticCodes.ResourcePolicyEntry, DiagnosticSeverity.Error, message + "; the entry was skipped, so access to this resource is decided without its policy", path);
}
