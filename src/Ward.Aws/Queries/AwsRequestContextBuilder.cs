using System.Collections.Immutable;
using System.Collections.Frozen;
using System.Globalization;
using System.Runtime.CompilerServices;
using Ward.Aws.Estate;
using Ward.Aws.Policy.Evaluation;
using Ward.Aws.Policy.Matching;

namespace Ward.Aws.Queries;

/// <summary>The context keys that follow from a principal alone, built once per principal.</summary>
public sealed record PrincipalContext(FrozenDictionary<string, ContextValue> Values, Func<string, bool> IsKnownAbsent)
{
    /// <summary>
    /// <see cref="IsKnownAbsent"/> for a request on an IAM user or role, whose tags as a resource are all known (a tag
    /// key the target lacks is absent); made once, not per request.
    /// </summary>
    public Func<string, bool> IsKnownAbsentOnTaggedTarget => field ??= key =>
        IsKnownAbsent(key) || key.StartsWith("aws:ResourceTag/", StringComparison.OrdinalIgnoreCase) || key.StartsWith("iam:ResourceTag/", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// <see cref="IsKnownAbsent"/> for a request made straight to a bucket (<c>arn:aws:s3:::…</c>), which does not come
    /// through an access point: a bucket policy that delegates to access points grants it nothing.
    /// </summary>
    public Func<string, bool> IsKnownAbsentOnDirectS3 => field ??= key =>
        IsKnownAbsent(key) || AwsRequestContextBuilder.AccessPointKeys.Contains(key);
}

/// <summary>
/// Fills the request context keys that follow from the estate (principal ARN, account, organization, tags, user
/// name, resource account, region, time) and lets the caller set or override any key. The result is open: keys
/// nobody gave are unknown, so decisions that hinge on them come out conditional.
/// </summary>
public static class AwsRequestContextBuilder
{
    // IAM targets are asked about over and over: their tags' request keys are built once per tag set.
    private static readonly ConditionalWeakTable<ImmutableSortedDictionary<string, string>, KeyValuePair<string, ContextValue>[]> ResourceTagKeys = new();

    // Global services are served from us-east-1, so their requests carry that region.
    // Keys AWS puts in the context of signed requests only: an anonymous request does not have them (IAM user guide,
    // "AWS global condition context keys"; KMS accepts signed requests only).
    private static readonly FrozenSet<string> SignedRequestKeys = FrozenSet.ToFrozenSet(
        ["aws:PrincipalArn", "aws:PrincipalAccount", "aws:PrincipalOrgID", "aws:PrincipalOrgPaths", "aws:PrincipalIsAWSService", "aws:PrincipalServiceName", "aws:PrincipalServiceNamesList", "aws:username", "kms:CallerAccount"],
        StringComparer.OrdinalIgnoreCase);

    /// <summary>The keys S3 sets on requests through an access point, and only on those.</summary>
    public static FrozenSet<string> AccessPointKeys { get; } = FrozenSet.ToFrozenSet(
        ["s3:DataAccessPointArn", "s3:DataAccessPointAccount", "s3:AccessPointNetworkOrigin"], StringComparer.OrdinalIgnoreCase);

    private static readonly FrozenSet<string> GlobalServices = FrozenSet.ToFrozenSet(["iam", "organizations", "route53", "cloudfront", "waf", "globalaccelerator", "account"], StringComparer.Ordinal);

    public static RequestContext Build(AwsEstate estate, AwsPrincipal principal, string resource, string? resourceAccount, DateTimeOffset asOf, IReadOnlyDictionary<string, ContextValue> overrides) =>
        Build(estate, ForPrincipal(estate, principal, asOf), principal, resource, resourceAccount, overrides);

    /// <summary>
    /// IAM actions on a user or role whose requests carry the target's current permissions boundary as
    /// <c>iam:PermissionsBoundary</c> (Service Authorization Reference; the IAM user guide's delegated-administration
    /// example). Creating an entity and putting a boundary carry the boundary the request sets instead, which only the
    /// caller knows.
    /// </summary>
    private static readonly FrozenSet<string> CurrentBoundaryActions = FrozenSet.ToFrozenSet(
        ["iam:attachuserpolicy", "iam:detachuserpolicy", "iam:putuserpolicy", "iam:deleteuserpolicy", "iam:deleteuserpermissionsboundary",
         "iam:attachrolepolicy", "iam:detachrolepolicy", "iam:putrolepolicy", "iam:deleterolepolicy", "iam:deleterolepermissionsboundary"],
        StringComparer.Ordinal);

    public static RequestContext Build(AwsEstate estate, PrincipalContext principalContext, AwsPrincipal principal, string resource, string? resourceAccount, IReadOnlyDictionary<string, ContextValue> overrides, string? action = null)
    {
        // IAM users and roles carry their tags in the export: as resources, their tags are known (and so is a
        // tag's absence). Tags of other resources are not exported, so those keys stay open.
        var resourceTags = estate.Users.TryGetValue(resource, out var user) ? user.Tags
            : estate.Roles.TryGetValue(resource, out var role) ? role.Tags
            : null;
        var tagKeys = resourceTags is null ? [] : ResourceTagKeys.GetValue(resourceTags, TagKeysOf);
        var values = new SmallContextDictionary(5 + overrides.Count + tagKeys.Length);
        var isArn = Arn.TryParse(resource, out var resourceArn);
        var effectiveResourceAccount = resourceAccount ?? (isArn && resourceArn.Account.Length == 12 ? resourceArn.Account : principal.Account);
        if (effectiveResourceAccount is not null)
        {
            values["aws:ResourceAccount"] = ContextValue.Shared(effectiveResourceAccount);
            if (estate.Organization is { } organization && organization.Contains(effectiveResourceAccount))
            {
                values["aws:ResourceOrgID"] = ContextValue.Shared(organization.Id);
            }
        }

        if (isArn)
        {
            // KMS puts the caller's account on every request it accepts, all signed (AWS KMS developer guide,
            // "kms:CallerAccount"): the AWS managed keys' policies let `*` in only with it.
            if (resourceArn.Service == "kms" && principal is { IsAuthenticated: true, Account: { } callerAccount } && principal.Type != AwsPrincipalType.Service)
            {
                values["kms:CallerAccount"] = ContextValue.Shared(callerAccount);
            }

            if (resourceArn.Region.Length > 0 && !resourceArn.Region.Contains('*', StringComparison.Ordinal))
            {
                values["aws:RequestedRegion"] = ContextValue.Shared(resourceArn.Region);
            }
            else if (resourceArn.Region.Length == 0 && GlobalServices.Contains(resourceArn.Service))
            {
                values["aws:RequestedRegion"] = ContextValue.Shared("us-east-1");
            }
        }

        foreach (var (key, value) in tagKeys)
        {
            values[key] = value;
        }

        // The target's boundary is in the export, and so is its absence.
        var boundaryAbsent = false;
        if (resourceTags is not null && action is not null && CurrentBoundaryActions.Contains(action.ToLowerInvariant()))
        {
            if (estate.BoundaryArnOf(resource) is { } boundary)
            {
                values["iam:PermissionsBoundary"] = ContextValue.Of(boundary);
            }
            else
            {
                boundaryAbsent = true;
            }
        }

        HashSet<string>? absent = null;
        // Most requests give no key of their own: no enumerator (boxed through the interface) for them.
        if (overrides.Count > 0)
        {
            foreach (var (key, value) in overrides)
            {
                if (value.IsAbsent)
                {
                    values.Remove(key);
                    (absent ??= new HashSet<string>(StringComparer.OrdinalIgnoreCase)).Add(key);
                    continue;
                }

                values[key] = value;
            }
        }

        var isKnownAbsent = resourceTags is not null ? principalContext.IsKnownAbsentOnTaggedTarget
            : isArn && resourceArn.Service == "s3" && resourceArn.Region.Length == 0 ? principalContext.IsKnownAbsentOnDirectS3
            : principalContext.IsKnownAbsent;
        if (absent is not null)
        {
            // Keys given as absent (only keys the principal's own context does not set: an outsider's organization).
            var given = isKnownAbsent;
            isKnownAbsent = key => absent.Contains(key) || given(key);
        }
        if (boundaryAbsent && !values.ContainsKey("iam:PermissionsBoundary"))
        {
            var known = isKnownAbsent;
            isKnownAbsent = key => key.Equals("iam:PermissionsBoundary", StringComparison.OrdinalIgnoreCase) || known(key);
        }

        return RequestContext.Open(values, principalContext.Values, isKnownAbsent);
    }

    /// <summary>The request keys of a user's or role's tags as a resource (<c>aws:ResourceTag/…</c>, <c>iam:ResourceTag/…</c>).</summary>
    private static KeyValuePair<string, ContextValue>[] TagKeysOf(ImmutableSortedDictionary<string, string> tags) =>
        [.. tags.SelectMany(tag => new[]
        {
            KeyValuePair.Create("aws:ResourceTag/" + tag.Key, ContextValue.Of(tag.Value)),
            KeyValuePair.Create("iam:ResourceTag/" + tag.Key, ContextValue.Of(tag.Value)),
        })];

    /// <summary>The keys that follow from the principal: ARN, account, organization, type, user name and id, tags, time.</summary>
    public static PrincipalContext ForPrincipal(AwsEstate estate, AwsPrincipal principal, DateTimeOffset asOf)
    {
        var values = new Dictionary<string, ContextValue>(StringComparer.OrdinalIgnoreCase);
        var identityKey = estate.IdentityKey(principal);

        values["aws:CurrentTime"] = ContextValue.Of(asOf.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
        values["aws:EpochTime"] = ContextValue.Of(asOf.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture));
        if (principal.IsAuthenticated)
        {
            values["aws:PrincipalIsAWSService"] = ContextValue.Of(principal.Type == AwsPrincipalType.Service ? "true" : "false");
        }

        if (principal.Type == AwsPrincipalType.Service)
        {
            values["aws:PrincipalServiceName"] = ContextValue.Of(principal.Value);
        }

        if (principal.Account is { } account && principal.Type != AwsPrincipalType.Service)
        {
            values["aws:PrincipalAccount"] = ContextValue.Of(account);
            values["aws:PrincipalArn"] = ContextValue.Of(identityKey ?? principal.Value);
            if (estate.Organization is { } organization && organization.Contains(account))
            {
                values["aws:PrincipalOrgID"] = ContextValue.Of(organization.Id);
                if (organization.OrgPathFor(account) is { } path)
                {
                    values["aws:PrincipalOrgPaths"] = ContextValue.Of([path]);
                }
            }
        }

        IEnumerable<KeyValuePair<string, string>> tags = [];
        switch (principal.Type)
        {
            case AwsPrincipalType.IamUser:
                values["aws:PrincipalType"] = ContextValue.Of("User");
                values["aws:username"] = ContextValue.Of(principal.Name ?? string.Empty);
                if (identityKey is not null && estate.Users.TryGetValue(identityKey, out var user))
                {
                    if (user.UserId is { } userId)
                    {
                        values["aws:userid"] = ContextValue.Of(userId);
                    }

                    tags = user.Tags;
                }

                break;
            case AwsPrincipalType.IamRole or AwsPrincipalType.AssumedRoleSession:
                values["aws:PrincipalType"] = ContextValue.Of("AssumedRole");
                if (identityKey is not null && estate.Roles.TryGetValue(identityKey, out var role))
                {
                    if (role.RoleId is { } roleId && principal.Type == AwsPrincipalType.AssumedRoleSession && principal.Name?.Split('/', 2) is [_, var session])
                    {
                        values["aws:userid"] = ContextValue.Of($"{roleId}:{session}");
                    }

                    tags = role.Tags;
                }

                break;
            case AwsPrincipalType.AccountRoot:
                values["aws:PrincipalType"] = ContextValue.Of("Account");
                break;
            case AwsPrincipalType.FederatedUser:
                values["aws:PrincipalType"] = ContextValue.Of("FederatedUser");
                break;
            case AwsPrincipalType.Anonymous:
                values["aws:PrincipalType"] = ContextValue.Of("Anonymous");
                values["aws:userid"] = ContextValue.Of("anonymous");
                break;
        }

        foreach (var (key, value) in tags)
        {
            values["aws:PrincipalTag/" + key] = ContextValue.Of(value);
        }

        var principalTagsKnown = identityKey is not null;
        var isUser = principal.Type == AwsPrincipalType.IamUser;
        var isService = principal.Type == AwsPrincipalType.Service;
        var isAnonymous = principal.Type == AwsPrincipalType.Anonymous;
        return new PrincipalContext(values.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase), key =>
            (principalTagsKnown && key.StartsWith("aws:PrincipalTag/", StringComparison.OrdinalIgnoreCase))
            || (isAnonymous && (SignedRequestKeys.Contains(key) || key.StartsWith("aws:PrincipalTag/", StringComparison.OrdinalIgnoreCase)))
            || (!isUser && key.Equals("aws:username", StringComparison.OrdinalIgnoreCase))
            || (!isService && key.Equals("aws:PrincipalServiceName", StringComparison.OrdinalIgnoreCase)));
    }
}
