using Ward.Aws.Policy.Syntax;
using Ward.Aws.Queries;
using Ward.Aws.Resources;

namespace Ward.Analysis.Rules.Exposure;

/// <summary><c>cross-account-resource</c>: resources another account the policy names may use.</summary>
public sealed class CrossAccountResourceRule : IRule
{
    public RuleMetadata Metadata { get; } = new(
        "cross-account-resource",
        "Resource shared with another account",
        "exposure",
        Severity.Medium,
        "The resource policy of a bucket, key, queue, topic, secret, function, repository or event bus (or a bucket's ACL, or an S3 access point's policy with its bucket's) lets principals of another account (the account, or a principal of it, named in the policy or the ACL) perform sensitive actions, as the evaluator decides with that account's own policies assumed to allow; S3 Block Public Access (RestrictPublicBuckets with a public bucket policy) and disabled ACLs are applied. Info for accounts of the organization (an inventory of the cross-account map), medium for accounts outside it. Also medium: an AWS service the policy lets in without an `aws:SourceArn`, `aws:SourceAccount` or `aws:SourceOrgID` condition, which any account can make act on the resource (the confused deputy); and AWS services acting for resources of another account or organization that a source condition names without pinning one resource (`aws:SourceAccount`, `aws:SourceOwner`, `aws:SourceOrgID`, `aws:SourceOrgPaths`), at info for an account of the organization or exported.",
        "Check each entry against the accounts and vendors you expect; name one role instead of a whole account; remove grants nobody uses; for keys, prefer grants with constraints over key-policy statements.",
        ["aws"],
        ["https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies-cross-account-resource-access.html", "https://docs.aws.amazon.com/IAM/latest/UserGuide/what-is-access-analyzer.html", "https://docs.aws.amazon.com/IAM/latest/UserGuide/confused-deputy.html"]);

    /// <summary>Why the statements' source conditions, when they have some, fix no account.</summary>
    private static string OpenSource(ResourceAccess access) =>
        access.Statements.SelectMany(s => s.Conditions).Any(c => c.Key.Equals("aws:SourceArn", StringComparison.OrdinalIgnoreCase) || c.Key.Equals("aws:SourceAccount", StringComparison.OrdinalIgnoreCase))
            ? " (its source condition names no fixed account: an ARN pattern whose account is a wildcard, or a bucket ARN, which carries no account, without a fixed `aws:SourceAccount`)"
            : string.Empty;

    /// <summary>For a statement open to <c>*</c> that only a source condition narrows: why only services get in.</summary>
    private static string OpenToEveryone(ResourceAccess access) =>
        access.Statements.Any(s => s.Principal is { Negated: false } p && (p.IsWildcardString || p.Entries.Any(e => e is (PrincipalType.Aws, "*"))))
            ? $" The policy names `*`, but a direct call carries no `aws:SourceArn`: only a service acting for a resource (here `{access.Party}`) is let in."
            : string.Empty;

    public IEnumerable<Finding> Evaluate(AnalysisContext context)
    {
        foreach (var access in ExposureFindings.Admitted(context).Where(a => a.Kind == ResourceProbeKind.Service))
        {
            var kind = ExposureFindings.Describe(access.Resource.Type);
            yield return ExposureFindings.Make(
                Metadata,
                access,
                Severity.Medium,
                $"{kind} `{access.Resource.Name}` lets `{access.Party}` act for any account",
                $"`{access.Party}` may {ExposureFindings.Actions(access)} on the {kind} `{access.Resource.Arn}` on behalf of a resource of any account (a confused deputy): no `aws:SourceArn`, `aws:SourceAccount` or `aws:SourceOrgID` condition ties it to the owner's own resources{OpenSource(access)}.{OpenToEveryone(access)} {ExposureFindings.Evidence(access)}",
                access.Party);
        }

        foreach (var access in ExposureFindings.Admitted(context).Where(a => a.Kind == ResourceProbeKind.Organization))
        {
            var kind = ExposureFindings.Describe(access.Resource.Type);
            yield return ExposureFindings.Make(
                Metadata,
                access,
                Severity.Medium,
                $"{kind} `{access.Resource.Name}` is shared with every account of organization {access.Party} (not the exported organization)",
                $"The policy names `*` with `aws:PrincipalOrgID` `{access.Party}`, which is not the exported organization `{context.Estate.Organization?.Id}`: principals of every account of that organization may {ExposureFindings.Actions(access)} on the {kind} `{access.Resource.Arn}`. {ExposureFindings.Evidence(access)}{ExposureFindings.S3Context(context, access)}",
                access.Party);
        }

        foreach (var access in ExposureFindings.Admitted(context).Where(a => a.Kind == ResourceProbeKind.ServiceActingFor))
        {
            // A source condition naming an account or organization, not one resource: shared with it through services.
            var kind = ExposureFindings.Describe(access.Resource.Type);
            var service = access.ActingService is null or ProbeCallers.AnyService ? "any AWS service" : $"`{access.ActingService}`";
            var owner = access.PartyAccount is { } partyAccount ? AwsOwnedAccounts.Describe(partyAccount) : null;
            var under = access.SourcePath is { } path ? $"`{path}`" : null;
            var (whom, ofWhom) = access.PartyAccount is { } account
                ? ($"account {account} ({owner ?? Where(context, access)})", $"a resource of account {account}")
                : under is null
                    ? ($"every account of organization {access.Party} (not the exported organization)", $"a resource of any account of organization {access.Party}")
                    : ($"accounts under {under} of organization {access.Party} (not the exported organization)", $"a resource of an account under {under} of organization {access.Party}");
            yield return ExposureFindings.Make(
                Metadata,
                access,
                access.IsExternal && owner is null ? Severity.Medium : Severity.Info,
                $"{kind} `{access.Resource.Name}` lets {service} act for {whom}",
                $"{Capitalized(service)} acting for {ofWhom} may {ExposureFindings.Actions(access)} on the {kind} `{access.Resource.Arn}`: the policy's source condition names {(access.PartyAccount is not null ? "that account" : under is null ? "that organization" : "that part of the organization")}, not one resource, so any of its resources that makes {(service == "any AWS service" ? "a service" : "the service")} act (a topic, a bucket, a trail...) gets in (the confused deputy). A direct call carries no source keys: its principals calling themselves are not let in. {ExposureFindings.Evidence(access)}{ExposureFindings.S3Context(context, access)}",
                ActingForDiscriminator(access));
        }

        foreach (var access in ExposureFindings.Admitted(context).Where(a => a.Kind == ResourceProbeKind.Account && a.PartyAccount is null))
        {
            // An ACL grant to a canonical user ID that none of the exported buckets' owners has: an account Ward cannot name.
            var kind = ExposureFindings.Describe(access.Resource.Type);
            yield return ExposureFindings.Make(
                Metadata,
                access,
                Severity.Medium,
                $"{kind} `{access.Resource.Name}` is shared by its ACL with an account known only by its canonical user ID",
                $"The ACL of the {kind} `{access.Resource.Arn}` lets the account with canonical user ID `{access.Party}` (not the owner of any exported bucket, so taken as outside the organization) {ExposureFindings.Actions(access)}. {ExposureFindings.Evidence(access)}{ExposureFindings.S3Context(context, access)}",
                access.Party);
        }

        foreach (var access in ExposureFindings.Admitted(context).Where(a => a.Kind == ResourceProbeKind.Account && a.PartyAccount is not null))
        {
            // AWS's own log delivery accounts write where the owner asked them to: listed, not a risk.
            var owner = AwsOwnedAccounts.Describe(access.PartyAccount!);
            var where = owner ?? Where(context, access);
            var kind = ExposureFindings.Describe(access.Resource.Type);
            var party = access.Party.Length == 12 || access.Party.EndsWith(":root", StringComparison.Ordinal) ? $"Principals of account {access.PartyAccount}" : $"`{access.Party}`";
            yield return ExposureFindings.Make(
                Metadata,
                access,
                access.IsExternal && owner is null ? Severity.Medium : Severity.Info,
                $"{kind} `{access.Resource.Name}` is shared with account {access.PartyAccount} ({where})",
                $"{party} ({where}) may {ExposureFindings.Actions(access)} on the {kind} `{access.Resource.Arn}`. {ExposureFindings.Evidence(access)}{ExposureFindings.S3Context(context, access)}",
                access.Party);
        }
    }

    /// <summary>Where the party's account stands: outside the organization (or not exported), in it, or exported.</summary>
    private static string Where(AnalysisContext context, ResourceAccess access) =>
        access.IsExternal ? (context.Estate.Organization is null ? "not an exported account" : "outside the organization")
            : context.Estate.Organization?.Contains(access.PartyAccount!) == true ? "in the organization"
            : "an exported account";

    /// <summary>
    /// What tells a share through services apart in a fingerprint: the service that acts and the account, organization
    /// or organizational unit's path it acts for (<c>any-service@999999999999</c>, <c>sns.amazonaws.com@o-bbbbbbbbbb</c>,
    /// <c>any-service@o-bbbbbbbbbb/r-bbbb/ou-bbbb-11111111/</c>), never the bare account or organization id, which a
    /// direct share with it (<c>aws:PrincipalAccount</c>, <c>aws:PrincipalOrgID</c>) uses.
    /// </summary>
    private static string ActingForDiscriminator(ResourceAccess access) =>
        $"{(access.ActingService is null or ProbeCallers.AnyService ? "any-service" : access.ActingService)}@{access.SourcePath ?? access.Party}";

    private static string Capitalized(string text) => string.Concat(text[..1].ToUpperInvariant(), text[1..]);
}
