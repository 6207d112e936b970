using System.Collections.Immutable;
using Ward.Aws.Estate;
using Ward.Aws.Policy.Evaluation;
using Ward.Core.Decisions;

namespace Ward.Aws.Resources;

/// <summary>
/// What a request through an S3 access point meets besides the access point's own policy (S3 user guide, "Configuring
/// IAM policies for using access points", "Managing public access to access points"): the bucket must allow the same
/// request too (its policy may delegate to the access points of an account with <c>s3:DataAccessPointAccount</c>);
/// an access point of network origin VPC takes requests from its VPC only; and the Block Public Access settings of
/// the access point, the bucket and the bucket owner's account all apply, any one of them sufficing to block.
/// </summary>
/// <param name="AccessPoint">The access point.</param>
/// <param name="AccessPointRestriction">
/// Set when RestrictPublicBuckets (on for any of the three) confines the access point's public policy to AWS services
/// and principals of the access point's account; null otherwise.
/// </param>
/// <param name="BucketRestriction">The same for the bucket's public policy, on the bucket's side of the request.</param>
/// <param name="BucketAcl">The bucket ACL grants that count for requests through the access point (its IgnorePublicAcls drops the public ones).</param>
public sealed record S3AccessPointAccess(S3AccessPoint AccessPoint, string? AccessPointRestriction, string? BucketRestriction, NamedPolicy? BucketAcl)
{
    public static S3AccessPointAccess Of(AwsEstate estate, S3AccessPoint accessPoint)
    {
        var bucket = estate.S3Access.GetValueOrDefault(accessPoint.BucketArn);
        var restrictedOn = SetOn(estate, accessPoint, b => b.RestrictPublicBuckets);

        var policy = estate.ResourcePolicies.GetValueOrDefault(accessPoint.Arn);
        var accessPointRestriction = restrictedOn is not null && policy is not null && S3PublicPolicy.IsPublic(policy.Document)
            ? $"S3 Block Public Access (RestrictPublicBuckets, on for {restrictedOn}) confines the public policy of access point `{accessPoint.Name}` to AWS services and principals of account {accessPoint.Account}"
            : null;

        var bucketPolicy = estate.ResourcePolicies.GetValueOrDefault(accessPoint.BucketArn);
        var bucketRestriction = restrictedOn is not null && bucketPolicy is not null && S3PublicPolicy.IsPublic(bucketPolicy.Document)
            ? $"S3 Block Public Access (RestrictPublicBuckets, on for {restrictedOn}) confines the public policy of bucket `{accessPoint.Bucket}` to AWS services and principals of account {accessPoint.BucketAccount}"
            : null;

        var acl = bucket?.Acl;
        if (acl is not null && accessPoint.PublicAccessBlock.IgnorePublicAcls)
        {
            ImmutableArray<Policy.Syntax.Statement> kept = [.. acl.Document.Statements.Where(s => !S3PublicPolicy.IsPublic(s))];
            acl = kept.IsEmpty ? null : acl with { Document = acl.Document with { Statements = kept } };
        }

        return new S3AccessPointAccess(accessPoint, accessPointRestriction, bucketRestriction, acl);
    }

    /// <summary>
    /// The request keys S3 sets on a request through the access point, added to what the caller gave; on the bucket's
    /// side, the resource account is the bucket's.
    /// </summary>
    public IReadOnlyDictionary<string, ContextValue> RequestKeys(IReadOnlyDictionary<string, ContextValue> context, bool onBucket)
    {
        var keys = new Dictionary<string, ContextValue>(context, StringComparer.OrdinalIgnoreCase);
        keys.TryAdd("s3:DataAccessPointArn", ContextValue.Of(AccessPoint.Arn));
        keys.TryAdd("s3:DataAccessPointAccount", ContextValue.Of(AccessPoint.Account));
        keys.TryAdd("s3:AccessPointNetworkOrigin", ContextValue.Of(AccessPoint.NetworkOrigin));
        if (onBucket)
        {
            keys["aws:ResourceAccount"] = ContextValue.Of(AccessPoint.BucketAccount);
        }

        return keys;
    }

    /// <summary>Whether RestrictPublicBuckets is on for the access point, its bucket or the bucket owner's account.</summary>
    public static bool RestrictsPublicPolicies(AwsEstate estate, S3AccessPoint accessPoint) => SetOn(estate, accessPoint, b => b.RestrictPublicBuckets) is not null;

    /// <summary>Where BlockPublicPolicy is on (the access point, its bucket, the bucket owner's account), for explanations; null when nowhere.</summary>
    public static string? BlockPublicPolicyOn(AwsEstate estate, S3AccessPoint accessPoint) => SetOn(estate, accessPoint, b => b.BlockPublicPolicy);

    private static string? SetOn(AwsEstate estate, S3AccessPoint accessPoint, Func<S3PublicAccessBlock, bool> flag)
    {
        var bucket = estate.S3Access.GetValueOrDefault(accessPoint.BucketArn);
        var accountBlock = bucket?.AccountBlock ?? estate.S3Accounts.GetValueOrDefault(accessPoint.BucketAccount)?.PublicAccessBlock ?? S3PublicAccessBlock.None;
        return SetOn(accessPoint, bucket, accountBlock, flag);
    }

    /// <summary>
    /// Whether the request comes from where the access point takes requests: null for an Internet access point or a
    /// request from its VPC; a denial for one from elsewhere; conditional when the request's VPC is not known.
    /// </summary>
    public Decision? NetworkOrigin(IReadOnlyDictionary<string, ContextValue> context)
    {
        if (!AccessPoint.IsVpcOnly || AccessPoint.VpcId is not { } vpc)
        {
            return null;
        }

        if (!context.TryGetValue("aws:SourceVpc", out var given))
        {
            var requirement = $"`aws:SourceVpc` is `{vpc}`";
            return new Conditional([requirement], DecisionKind.ImplicitDeny, Explanation.Of(
                $"Allowed only if {requirement}; otherwise implicitly denied (access point `{AccessPoint.Name}` has network origin VPC: S3 rejects requests from anywhere else)."));
        }

        return string.Equals(given.Text, vpc, StringComparison.Ordinal)
            ? null
            : new ImplicitDeny(Explanation.Of($"Implicitly denied: access point `{AccessPoint.Name}` has network origin VPC and takes requests from `{vpc}` only; this one comes from `{given}`."));
    }

    /// <summary>
    /// The decision for the request through the access point: every part must allow (the network origin, the access
    /// point's side and the bucket's side); the one that denies, or is least sure, decides.
    /// </summary>
    public Decision Combine(Decision? network, Decision throughAccessPoint, Decision onBucket)
    {
        List<(string Where, Decision Decision)> parts = [($"through access point `{AccessPoint.Name}`", throughAccessPoint), ($"on bucket `{AccessPoint.Bucket}`", onBucket)];
        if (network is not null)
        {
            parts.Insert(0, ($"network origin of access point `{AccessPoint.Name}`", network));
        }

        var worst = parts.MinBy(p => Rank(p.Decision.Kind));
        Explanation Explain(string summary) => new(summary, [.. parts.SelectMany(p => p.Decision.Explanation.Layers.Select(l => l with { Layer = $"{l.Layer} ({p.Where})" }))]);
        string Said((string Where, Decision Decision) part) => $"{char.ToUpperInvariant(part.Where[0])}{part.Where[1..]}: {part.Decision.Explanation.Summary}";

        switch (worst.Decision)
        {
            case ExplicitDeny:
                return new ExplicitDeny(() => Explain(Said(worst)));
            case ImplicitDeny:
                return new ImplicitDeny(() => Explain(Said(worst)));
            case Indeterminate indeterminate:
                return new Indeterminate(indeterminate.Reason, Explain(Said(worst)));
            case Conditional:
                var conditional = parts.Select(p => p.Decision).OfType<Conditional>().ToList();
                var requirements = conditional.SelectMany(c => c.Requirements).Distinct(StringComparer.Ordinal).ToImmutableArray();
                var otherwise = conditional.Exists(c => c.Otherwise == DecisionKind.ExplicitDeny) ? DecisionKind.ExplicitDeny : DecisionKind.ImplicitDeny;
                return new Conditional(requirements, otherwise, Explain(string.Join(" ", parts.Where(p => p.Decision is Conditional).Select(Said))));
            default:
                return new Allowed(() => Explain(string.Join(" ", parts.Select(Said))));
        }
    }

    private static int Rank(DecisionKind kind) => kind switch
    {
        DecisionKind.ExplicitDeny => 0,
        DecisionKind.ImplicitDeny => 1,
        DecisionKind.Indeterminate => 2,
        DecisionKind.Conditional => 3,
        _ => 4,
    };

    /// <summary>Which settings turn a flag on, for explanations: the access point, the bucket, the bucket owner's account; null when none does.</summary>
    private static string? SetOn(S3AccessPoint accessPoint, S3BucketAccess? bucket, S3PublicAccessBlock accountBlock, Func<S3PublicAccessBlock, bool> flag)
    {
        List<string> on = [];
        if (flag(accessPoint.PublicAccessBlock))
        {
            on.Add($"access point `{accessPoint.Name}`");
        }

        if (bucket is not null && flag(bucket.BucketBlock))
        {
            on.Add($"bucket `{accessPoint.Bucket}`");
        }

        if (flag(accountBlock))
        {
            on.Add($"account {accessPoint.BucketAccount}");
        }

        return on.Count == 0 ? null : string.Join(" and ", on);
    }
}
