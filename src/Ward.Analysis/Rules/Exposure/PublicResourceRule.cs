using Ward.Aws.Resources;
using Ward.Core.Decisions;

namespace Ward.Analysis.Rules.Exposure;

/// <summary><c>public-resource</c>: resources an anonymous caller or any AWS account may use.</summary>
public sealed class PublicResourceRule : IRule
{
    public RuleMetadata Metadata { get; } = new(
        "public-resource",
        "Resource open to everyone",
        "exposure",
        Severity.Critical,
        "The resource policy of a bucket, key, queue, topic, secret, function, repository or event bus, a bucket ACL grant to `AllUsers` or `AuthenticatedUsers`, or the policy of an S3 access point whose bucket lets the same requests through, lets an anonymous caller, or a principal of any AWS account, perform a sensitive action, and no condition (`aws:PrincipalOrgID`, `aws:SourceArn`, `aws:SourceAccount`...), RCP, explicit deny or S3 Block Public Access setting (RestrictPublicBuckets for a public policy, IgnorePublicAcls or disabled ACLs for public grants) or VPC network origin of an access point keeps such a caller out. Critical when data can certainly be read or written (or the policy changed), high otherwise.",
        "Name the accounts or principals that need the resource instead of `*`, or restrict `*` with `aws:PrincipalOrgID`/`aws:SourceArn`/`aws:SourceAccount` conditions; turn on S3 Block Public Access; consider an RCP data perimeter for the organization's member accounts (RCPs do not protect the management account).",
        ["aws"],
        ["https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_identity-vs-resource.html", "https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-control-block-public-access.html", "https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_rcps.html"]);

    public IEnumerable<Finding> Evaluate(AnalysisContext context)
    {
        foreach (var resource in ExposureFindings.Admitted(context).Where(a => a.Kind is ResourceProbeKind.Anonymous or ResourceProbeKind.AnyAccount).GroupBy(a => a.Resource.Arn, StringComparer.Ordinal))
        {
            // The probe with the surest answer describes the finding; between equals, the anonymous one (what it may
            // do, any account may do too).
            var access = resource
                .OrderByDescending(a => a.Admitted.Count(x => x.IsCritical && x.Decision.Kind == DecisionKind.Allowed))
                .ThenByDescending(a => a.Admitted.Count(x => x.Decision.Kind == DecisionKind.Allowed))
                .ThenBy(a => a.Kind)
                .First();
            var certain = resource.SelectMany(a => a.Admitted).Any(a => a.IsCritical && a.Decision.Kind == DecisionKind.Allowed);
            var who = access.Kind == ResourceProbeKind.Anonymous ? "anyone, without AWS credentials," : "any AWS account";
            var kind = ExposureFindings.Describe(access.Resource.Type);
            yield return ExposureFindings.Make(
                Metadata,
                access,
                certain ? Severity.Critical : Severity.High,
                $"{kind} `{access.Resource.Name}` is open to {(access.Kind == ResourceProbeKind.Anonymous ? "anonymous callers" : "any AWS account")}",
                $"The {kind} `{access.Resource.Arn}` lets {who} {ExposureFindings.Actions(access)}. {ExposureFindings.Evidence(access)}{ExposureFindings.S3Context(context, access)}",
                "*");
        }
    }
}
