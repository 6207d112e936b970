using Ward.Aws.Estate;
using Ward.Aws.Policy.Syntax;
using Ward.Aws.Resources;
using Ward.Core.Decisions;

namespace Ward.Analysis.Rules.Exposure;

/// <summary>What the exposure rules share: the probes of the estate's resource policies and how a finding reads.</summary>
internal static class ExposureFindings
{
    public static IEnumerable<ResourceAccess> Admitted(AnalysisContext context) =>
        AwsResourceExposureAnalysis.Of(context.Estate, context.ReferenceTime).Where(a => !a.Admitted.IsEmpty);

    /// <summary>The admitted actions, each marked when only conditionally allowed.</summary>
    public static string Actions(ResourceAccess access) =>
        string.Join(", ", access.Admitted.Select(a => a.Decision.Kind == DecisionKind.Allowed ? $"`{a.Action}`" : $"`{a.Action}` (under conditions)"));

    /// <summary>The statements, the probe and the evaluator's answer, as a reader can check them.</summary>
    public static string Evidence(ResourceAccess access)
    {
        var statements = access.Statements.IsEmpty
            ? "No Allow statement names the party directly"
            : string.Join("; ", access.Statements.Select(s => IsAclGrant(access, s)
                ? $"Bucket {s.DisplayName}"
                : $"Resource policy statement `{s.DisplayName}` with {(s.ConditionTexts.IsEmpty ? "no conditions" : "conditions " + string.Join("; ", s.ConditionTexts.Select(c => $"`{c}`")))}"));
        var first = access.Admitted[0];
        var answer = first.Decision switch
        {
            Conditional conditional => $"allowed only if {string.Join(" and ", conditional.Requirements)}",
            _ => first.Decision.Explanation.Summary,
        };
        var own = access.Kind is ResourceProbeKind.Anonymous or ResourceProbeKind.Service or ResourceProbeKind.ServiceActingFor or ResourceProbeKind.ServiceForAnyAccount ? string.Empty : " (its own policies assumed to allow)";
        return $"{statements}. Probe: {access.ProbeCaller}{own} asking {first.Action} on `{first.Resource}` → {answer}";
    }

    /// <summary>
    /// For a bucket: what S3 Block Public Access does and does not do to this access (or that it was not exported),
    /// as a sentence to append to an explanation; empty for other resources.
    /// </summary>
    public static string S3Context(AnalysisContext context, ResourceAccess access)
    {
        if (context.Estate.S3AccessPoints.GetValueOrDefault(access.Resource.Arn) is { } accessPoint)
        {
            return AccessPointContext(context, access, accessPoint);
        }

        if (access.Resource.Type != "AWS::S3::Bucket")
        {
            return string.Empty;
        }

        var account = access.Resource.Account;
        if (!context.Estate.S3Accounts.ContainsKey(account))
        {
            return $" S3 Block Public Access was not exported for account {account}: RestrictPublicBuckets, if on, would make a public bucket policy ineffective.";
        }

        if (context.Estate.S3Access.GetValueOrDefault(access.Resource.Arn) is not { } bucket || !bucket.BlockKnown)
        {
            return " The Block Public Access setting of this bucket or of its account was not exported: RestrictPublicBuckets, if on, would make a public bucket policy ineffective.";
        }

        var notes = new List<string>();
        if (bucket.PolicyIsPublic && bucket.PublicPolicyRestriction is null)
        {
            notes.Add(bucket.SetOn(b => b.BlockPublicPolicy) is { } policyOn
                ? $"RestrictPublicBuckets is off for the bucket and account {account}; BlockPublicPolicy (on for {policyOn}) only rejects new public bucket policies, so the existing one stays in force"
                : $"RestrictPublicBuckets is off for the bucket and account {account}");
        }

        if (bucket.EffectiveGrants.Any(g => g.IsPublic))
        {
            notes.Add(bucket.SetOn(b => b.BlockPublicAcls) is { } aclsOn
                ? $"IgnorePublicAcls is off for the bucket and account {account}, and ACLs are enabled; BlockPublicAcls (on for {aclsOn}) only rejects new public ACLs, so the existing grants stay in force"
                : $"IgnorePublicAcls is off for the bucket and account {account}, and ACLs are enabled");
        }

        if (bucket.AclNote is { } acl)
        {
            notes.Add(acl);
        }

        return notes.Count == 0 ? string.Empty : $" S3 Block Public Access: {string.Join("; ", notes)}.";
    }

    /// <summary>For an access point: the bucket that lets the request through too, and what Block Public Access does not do.</summary>
    private static string AccessPointContext(AnalysisContext context, ResourceAccess access, S3AccessPoint accessPoint)
    {
        var bucket = context.Estate.ResourcePolicies.ContainsKey(accessPoint.BucketArn)
            ? $"The policy of bucket `{accessPoint.Bucket}` (account {accessPoint.BucketAccount}) allows the same requests through the access point."
            : $"Bucket `{accessPoint.Bucket}` (account {accessPoint.BucketAccount}) lets the same requests through (by its ACL).";
        var settings = !accessPoint.PublicAccessBlockKnown || !context.Estate.S3Accounts.ContainsKey(accessPoint.BucketAccount)
            ? " The Block Public Access setting of the access point or of the bucket's account was not exported: RestrictPublicBuckets, if on, would make a public access point policy ineffective."
            : S3AccessPointAccess.RestrictsPublicPolicies(context.Estate, accessPoint)
            ? " RestrictPublicBuckets confines public policies only, and S3 does not deem the statements that grant this access public."
            : $" The access point's network origin is Internet; RestrictPublicBuckets is off for the access point, the bucket and account {accessPoint.BucketAccount}.";
        var blockNewOnly = S3PublicPolicy.IsPublic(access.Resource.Document) && S3AccessPointAccess.BlockPublicPolicyOn(context.Estate, accessPoint) is { } on
            ? $" BlockPublicPolicy (on for {on}) only rejects new public policies, so the existing one stays in force."
            : string.Empty;
        return $" {bucket}{settings}{blockNewOnly}";
    }

    /// <summary>A statement that stands for a bucket ACL grant rather than one of the bucket policy's.</summary>
    private static bool IsAclGrant(ResourceAccess access, Statement statement) =>
        access.Resource.Type == "AWS::S3::Bucket" && !access.Resource.Document.Statements.Contains(statement);

    public static string Describe(string type) => type switch
    {
        "AWS::S3::Bucket" => "S3 bucket",
        "AWS::S3::AccessPoint" => "S3 access point",
        "AWS::KMS::Key" => "KMS key",
        "AWS::SQS::Queue" => "SQS queue",
        "AWS::SNS::Topic" => "SNS topic",
        "AWS::SecretsManager::Secret" => "Secrets Manager secret",
        "AWS::Lambda::Function" => "Lambda function",
        "AWS::ECR::Repository" => "ECR repository",
        "AWS::Events::EventBus" => "EventBridge event bus",
        _ => type,
    };

    public static Finding Make(RuleMetadata rule, ResourceAccess access, Severity severity, string title, string explanation, string discriminator) => new()
    {
        RuleId = rule.Id,
        Category = rule.Category,
        Severity = severity,
        Provider = "aws",
        Account = access.Resource.Account,
        Principal = access.Resource.Arn,
        Title = title,
        Explanation = explanation,
        Remediation = rule.Remediation,
        References = rule.References,
        Fingerprint = Finding.FingerprintOf(rule.Id, access.Resource.Arn, discriminator),
    };
}
