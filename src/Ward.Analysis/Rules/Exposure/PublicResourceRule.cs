using Ward.Aws.Queries;
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
        "The resource policy of a bucket, key, queue, topic, secret, function, repository or event bus, a bucket ACL grant to `AllUsers` or `AuthenticatedUsers`, or the policy of an S3 access point whose bucket lets the same requests through, lets an anonymous caller, a principal of any AWS account, or (a statement open to `*` whose source condition names no fixed account: `aws:SourceAccount` `*`, `aws:SourceArn` `arn:aws:sns:*:*:*` or `arn:aws:s3:::*`, `aws:SourceOrgID` `*`) an AWS service acting for any account, perform a sensitive action, and no condition (`aws:PrincipalOrgID`, `aws:SourceArn`, `aws:SourceAccount`...), RCP, explicit deny or S3 Block Public Access setting (RestrictPublicBuckets for a public policy, IgnorePublicAcls or disabled ACLs for public grants) or VPC network origin of an access point keeps such a caller out. Critical when data can certainly be read or written (or the policy changed), high otherwise.",
        "Name the accounts or principals that need the resource instead of `*`, or restrict `*` with `aws:PrincipalOrgID`/`aws:SourceArn`/`aws:SourceAccount` conditions; turn on S3 Block Public Access; consider an RCP data perimeter for the organization's member accounts (RCPs do not protect the management account).",
        ["aws"],
        ["https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_identity-vs-resource.html", "https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-control-block-public-access.html", "https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_rcps.html"]);

    public IEnumerable<Finding> Evaluate(AnalysisContext context)
    {
        foreach (var resource in ExposureFindings.Admitted(context).Where(a => a.Kind is ResourceProbeKind.Anonymous or ResourceProbeKind.AnyAccount or ResourceProbeKind.ServiceForAnyAccount).GroupBy(a => a.Resource.Arn, StringComparer.Ordinal))
        {
            // The probe with the surest answer describes the finding; between equals, the anonymous one (what it may
            // do, any account may do too).
            var access = resource
                .OrderByDescending(a => a.Admitted.Count(x => x.IsCritical && x.Decision.Kind == DecisionKind.Allowed))
                .ThenByDescending(a => a.Admitted.Count(x => x.Decision.Kind == DecisionKind.Allowed))
                .ThenBy(a => a.Kind)
                .First();
            var certain = resource.SelectMany(a => a.Admitted).Any(a => a.IsCritical && a.Decision.Kind == DecisionKind.Allowed);
            var kind = ExposureFindings.Describe(access.Resource.Type);
            if (access.Kind == ResourceProbeKind.ServiceForAnyAccount)
            {
                var service = access.ActingService is null or ProbeCallers.AnyService ? "any AWS service" : $"`{access.ActingService}`";
                yield return ExposureFindings.Make(
                    Metadata,
                    access,
                    certain ? Severity.Critical : Severity.High,
                    $"{kind} `{access.Resource.Name}` is open to {service} acting for any account",
                    $"The {kind} `{access.Resource.Arn}` lets {service} acting for a resource of any AWS account {ExposureFindings.Actions(access)}: the policy names `*`, and its source condition names no fixed account (a wildcard account, organization or bucket name), so anyone can make {(service == "any AWS service" ? "a service" : "the service")} act on it from a resource of their own (the confused deputy). A direct call carries no source keys: anonymous callers and other accounts' principals calling themselves are not let in. {ExposureFindings.Evidence(access)}{ServiceS3Context(access)}",
                    "*");
                continue;
            }

            var who = access.Kind == ResourceProbeKind.Anonymous ? "anyone, without AWS credentials," : "any AWS account";
            yield return ExposureFindings.Make(
                Metadata,
                access,
                certain ? Severity.Critical : Severity.High,
                $"{kind} `{access.Resource.Name}` is open to {(access.Kind == ResourceProbeKind.Anonymous ? "anonymous callers" : "any AWS account")}",
                $"The {kind} `{access.Resource.Arn}` lets {who} {ExposureFindings.Actions(access)}. {ExposureFindings.Evidence(access)}{ExposureFindings.S3Context(context, access)}",
                "*");
        }
    }

    // RestrictPublicBuckets confines a public bucket policy to AWS service principals and the owner's own: not this.
    private static string ServiceS3Context(ResourceAccess access) =>
        access.Resource.Type is "AWS::S3::Bucket" or "AWS::S3::AccessPoint"
            ? " S3 deems such a policy public, but Block Public Access does not stop this: RestrictPublicBuckets still lets AWS service principals use a public policy."
            : string.Empty;
}
