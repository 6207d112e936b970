using System.Globalization;
using Ward.Aws.Estate;
using Ward.Aws.Policy.Evaluation;
using Ward.Aws.Policy.Matching;

namespace Ward.Aws.Queries;

/// <summary>
/// Fills the request context keys that follow from the estate (principal ARN, account, organization, tags, user
/// name, resource account, region, time) and lets the caller set or override any key. The result is open: keys
/// nobody gave are unknown, so decisions that hinge on them come out conditional.
/// </summary>
public static class AwsRequestContextBuilder
{
    public static RequestContext Build(AwsEstate estate, AwsPrincipal principal, string resource, string? resourceAccount, DateTimeOffset asOf, IReadOnlyDictionary<string, ContextValue> overrides)
    {
        var values = new Dictionary<string, ContextValue>(StringComparer.OrdinalIgnoreCase);
        var tags = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
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

                    foreach (var (key, value) in user.Tags)
                    {
                        tags[key] = value;
                    }
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

                    foreach (var (key, value) in role.Tags)
                    {
                        tags[key] = value;
                    }
                }

                break;
            case AwsPrincipalType.AccountRoot:
                values["aws:PrincipalType"] = ContextValue.Of("Account");
                break;
            case AwsPrincipalType.FederatedUser:
                values["aws:PrincipalType"] = ContextValue.Of("FederatedUser");
                break;
        }

        foreach (var (key, value) in tags)
        {
            values["aws:PrincipalTag/" + key] = ContextValue.Of(value);
        }

        var effectiveResourceAccount = resourceAccount ?? (Arn.TryParse(resource, out var arn) && arn.Account.Length == 12 ? arn.Account : principal.Account);
        if (effectiveResourceAccount is not null)
        {
            values["aws:ResourceAccount"] = ContextValue.Of(effectiveResourceAccount);
            if (estate.Organization is { } organization && organization.Contains(effectiveResourceAccount))
            {
                values["aws:ResourceOrgID"] = ContextValue.Of(organization.Id);
            }
        }

        if (Arn.TryParse(resource, out var resourceArn) && resourceArn.Region.Length > 0 && !resourceArn.Region.Contains('*', StringComparison.Ordinal))
        {
            values["aws:RequestedRegion"] = ContextValue.Of(resourceArn.Region);
        }

        foreach (var (key, value) in overrides)
        {
            values[key] = value;
        }

        var principalTagsKnown = identityKey is not null;
        var isUser = principal.Type == AwsPrincipalType.IamUser;
        return RequestContext.Open(values, key =>
            (principalTagsKnown && key.StartsWith("aws:PrincipalTag/", StringComparison.OrdinalIgnoreCase))
            || (!isUser && key.Equals("aws:username", StringComparison.OrdinalIgnoreCase))
            || (principal.Type != AwsPrincipalType.Service && key.Equals("aws:PrincipalServiceName", StringComparison.OrdinalIgnoreCase)));
    }
}
