using System.Collections.Frozen;
using System.Collections.Immutable;
using Ward.Aws.Policy.Syntax;

namespace Ward.Aws.Resources;

/// <summary>The actions a resource exposure probe tries, per resource type, and what each is asked on.</summary>
public static class SensitiveActions
{
    /// <summary>The object key S3 object actions are probed on (any key would do: the policy is the bucket's).</summary>
    public const string ProbeObjectKey = "ward-probe";

    // Requests through an access point name its objects `…:accesspoint/NAME/object/KEY`; listing names the access point.
    private const string AccessPointType = "AWS::S3::AccessPoint";

    private static readonly FrozenDictionary<string, ImmutableArray<(string Action, bool OnObject, bool IsCritical)>> ByType =
        new Dictionary<string, ImmutableArray<(string, bool, bool)>>(StringComparer.Ordinal)
        {
            ["AWS::S3::Bucket"] = [("s3:GetObject", true, true), ("s3:PutObject", true, true), ("s3:ListBucket", false, false), ("s3:PutBucketPolicy", false, true), ("s3:PutBucketAcl", false, true)],
            [AccessPointType] = [("s3:GetObject", true, true), ("s3:PutObject", true, true), ("s3:ListBucket", false, false)],
            ["AWS::KMS::Key"] = [("kms:Decrypt", false, true), ("kms:CreateGrant", false, true)],
            // PurgeQueue destroys every message. DeleteMessage destroys one, but needs the receipt handle that only
            // receiving it gives: on its own, not critical (ReceiveMessage, which is, reads the message anyway).
            ["AWS::SQS::Queue"] = [("sqs:SendMessage", false, true), ("sqs:ReceiveMessage", false, true), ("sqs:DeleteMessage", false, false), ("sqs:PurgeQueue", false, true)],
            ["AWS::SNS::Topic"] = [("sns:Publish", false, true), ("sns:Subscribe", false, true)],
            ["AWS::SecretsManager::Secret"] = [("secretsmanager:GetSecretValue", false, true)],
            ["AWS::Lambda::Function"] = [("lambda:InvokeFunction", false, false), ("lambda:InvokeFunctionUrl", false, false), ("lambda:UpdateFunctionCode", false, true)],
            ["AWS::ECR::Repository"] = [("ecr:BatchGetImage", false, true), ("ecr:PutImage", false, true)],
            // Events put on a bus reach whatever its rules target, with the sender's content.
            ["AWS::Events::EventBus"] = [("events:PutEvents", false, false)],
        }.ToFrozenDictionary(StringComparer.Ordinal);

    // Critical because they change who may access the resource; the graph has a technique of its own for the policy
    // and the grant (a bucket ACL can grant no more than the bucket's listing, new objects and the ACL itself).
    private static readonly FrozenSet<string> ChangeAccess = FrozenSet.ToFrozenSet(["s3:PutBucketPolicy", "s3:PutBucketAcl", "kms:CreateGrant"], StringComparer.Ordinal);

    /// <summary>
    /// The probes for a resource: action, the ARN to ask on, whether it reads or writes data (or access), and whether
    /// it acts on an object (asked on <see cref="ProbeObjectKey"/>; see <see cref="ObjectProbes"/>).
    /// </summary>
    public static IEnumerable<(string Action, string Resource, bool IsCritical, bool OnObject)> For(string type, string arn) =>
        ByType.TryGetValue(type, out var actions)
            ? actions.Select(a => (a.Action, a.OnObject ? $"{arn}/{(type == AccessPointType ? "object/" : string.Empty)}{ProbeObjectKey}" : arn, a.IsCritical, a.OnObject))
            : [];

    /// <summary>
    /// The objects to ask an object action on: <paramref name="probe"/> (any key), then one under each prefix or key
    /// the statements' resource patterns name in the same bucket or access point, since a grant on
    /// <c>bucket/public/*</c> says nothing of <c>bucket/ward-probe</c>. Wildcards become the probe key.
    /// </summary>
    public static IEnumerable<string> ObjectProbes(string probe, IEnumerable<Statement> statements)
    {
        var prefix = probe[..^ProbeObjectKey.Length];
        return new[] { probe }.Concat(statements
                .SelectMany(s => s.Resource is { Negated: false } resource ? resource.Patterns : [])
                .Where(pattern => pattern.Length > prefix.Length && pattern.StartsWith(prefix, StringComparison.Ordinal) && !pattern.Contains("${", StringComparison.Ordinal))
                .Select(pattern => prefix + pattern[prefix.Length..].Replace("*", ProbeObjectKey, StringComparison.Ordinal).Replace('?', 'x')))
            .Distinct(StringComparer.Ordinal);
    }

    /// <summary>
    /// The critical actions that read or write the resource's data (not those that change who may), and the ARN to
    /// ask each on: what reaching a resource means in the entitlement graph.
    /// </summary>
    public static IEnumerable<(string Action, string Resource)> DataActions(string type, string arn) =>
        For(type, arn).Where(p => p.IsCritical && !ChangeAccess.Contains(p.Action)).Select(p => (p.Action, p.Resource));
}
