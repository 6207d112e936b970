using System.Collections.Immutable;
using Ward.Aws.Policy.Evaluation;
using Ward.Aws.Policy.Matching;
using Ward.Aws.Policy.Syntax;

namespace Ward.Aws.Queries;

/// <summary>
/// A party a statement open to <c>*</c> lets in by naming it in a condition rather than in <c>Principal</c>: an account
/// (<c>aws:PrincipalAccount</c>, <c>kms:CallerAccount</c>), a principal (<c>aws:PrincipalArn</c>), or a resource of
/// another account that makes a service act (<c>aws:SourceArn</c>, <c>aws:SourceAccount</c>, <c>aws:SourceOwner</c>).
/// </summary>
/// <param name="Account">The party's account.</param>
/// <param name="Caller">Who to probe with: the principal the condition names, or a role of the account.</param>
/// <param name="Keys">Request keys the probe carries for the party (the source a service acts for).</param>
/// <param name="Written">The condition value that names it, as written.</param>
public sealed record ConditionParty(string Account, AwsPrincipal Caller, ImmutableDictionary<string, ContextValue> Keys, string Written)
{
    private static readonly string[] AccountKeys = ["aws:PrincipalAccount", "kms:CallerAccount"];
    private static readonly string[] SourceAccountKeys = ["aws:SourceAccount", "aws:SourceOwner"];

    private static readonly string[] SourceOrganizationKeys = ["aws:SourceOrgID", "aws:SourceOrgPaths"];

    /// <summary>
    /// The resource types of S3 ARNs that carry a region or account (<c>accesspoint/NAME</c>, <c>job/ID</c>…): a bucket
    /// ARN has a bare name and none of the two.
    /// </summary>
    private static readonly string[] S3AccountResourceTypes = ["accesspoint", "job", "storage-lens", "storage-lens-group", "async-request", "access-grants"];

    /// <summary>
    /// The party is the account of a resource a service acts for, named by <c>aws:SourceAccount</c> or
    /// <c>aws:SourceOwner</c> rather than by one resource's <c>aws:SourceArn</c>: any resource of that account that makes
    /// a service act gets in (IAM user guide, "The confused deputy problem").
    /// </summary>
    public bool IsSourceAccount => Keys.ContainsKey("aws:SourceAccount") && !Keys.ContainsKey("aws:SourceArn");

    /// <summary>
    /// The parties the statements' non-negated string and ARN conditions name, one per account and caller, for the
    /// probe to ask as. A value with a wildcard in its account names no one account and is left to the probe of
    /// everyone (see <see cref="OutsiderNamed"/>).
    /// </summary>
    /// <param name="statements">Allow statements open to <c>*</c>.</param>
    /// <param name="probeName">The name of the role a party is probed with when the condition names only its account.</param>
    public static ImmutableArray<ConditionParty> Of(IEnumerable<Statement> statements, string probeName)
    {
        var parties = new List<ConditionParty>();
        foreach (var condition in statements.SelectMany(s => s.Conditions).Where(c => !c.Operator.IsNegated))
        {
            foreach (var value in condition.Values)
            {
                if (PartyOf(condition.Key, value, probeName) is { } party)
                {
                    parties.Add(party);
                }
            }
        }

        // An account named by aws:PrincipalAccount and by aws:SourceAccount is two parties: its principals calling
        // directly, and services acting for its resources; each is probed (and listed) with its own statements' actions.
        return [.. parties.DistinctBy(p => (p.Account, p.Caller.Value, p.Written, p.IsSourceAccount))];
    }

    /// <summary>
    /// A principal an <c>aws:PrincipalArn</c> pattern of the statements admits in any account (<c>arn:aws:iam::*:role/NAME</c>),
    /// placed in <paramref name="outsiderAccount"/> with its other wildcards filled: anyone can create a role of that
    /// name in an account of their own. Null when every pattern names its account.
    /// </summary>
    public static AwsPrincipal? OutsiderNamed(IEnumerable<Statement> statements, string outsiderAccount) =>
        statements.SelectMany(s => s.Conditions)
            .Where(c => !c.Operator.IsNegated && c.Key.Equals("aws:PrincipalArn", StringComparison.OrdinalIgnoreCase))
            .SelectMany(c => c.Values)
            .Select(value => value.Split(':'))
            .Where(parts => parts is ["arn", _, "iam", _, var account, _] && account.IndexOfAny(['*', '?']) >= 0 && parts[5].Contains('/', StringComparison.Ordinal))
            .Select(parts => AwsPrincipal.Parse($"arn:aws:iam::{outsiderAccount}:{Filled(parts[5])}"))
            .FirstOrDefault(p => p.IsAuthenticated && p.Type is AwsPrincipalType.IamRole or AwsPrincipalType.IamUser);

    /// <summary>
    /// The principal tags the statements' non-negated string conditions on <c>aws:PrincipalTag/KEY</c> ask for, as the
    /// request keys of a principal so tagged (wildcards of a Like pattern filled): anyone can tag a role of an account of
    /// their own with any key and value. Empty when no condition asks for a tag.
    /// </summary>
    public static ImmutableDictionary<string, ContextValue> OutsiderTags(IEnumerable<Statement> statements)
    {
        var tags = ImmutableDictionary.CreateBuilder<string, ContextValue>(StringComparer.OrdinalIgnoreCase);
        foreach (var condition in statements.SelectMany(s => s.Conditions))
        {
            if (!condition.Operator.IsNegated && condition.Operator.Base is BaseOperator.StringEquals or BaseOperator.StringEqualsIgnoreCase or BaseOperator.StringLike
                && condition.Key.StartsWith("aws:PrincipalTag/", StringComparison.OrdinalIgnoreCase) && condition.Key.Length > "aws:PrincipalTag/".Length
                && !condition.Values.IsEmpty && !tags.ContainsKey(condition.Key))
            {
                var value = condition.Values[0];
                tags[condition.Key] = ContextValue.Of(condition.Operator.Base == BaseOperator.StringLike ? Filled(value) : value);
            }
        }

        return tags.ToImmutable();
    }

    /// <summary>How a probe caller given <see cref="OutsiderTags"/> is described: <c>tagged `team`=`ops`</c>, and why it may be.</summary>
    public static string TaggedSo(IReadOnlyDictionary<string, ContextValue> tags) =>
        tags.Count == 0 ? string.Empty
            : $" tagged {string.Join(", ", tags.OrderBy(t => t.Key, StringComparer.Ordinal).Select(t => $"`{t.Key["aws:PrincipalTag/".Length..]}`=`{t.Value.Text}`"))}, as anyone may tag a principal of their own";

    /// <summary>
    /// The source keys (<c>aws:SourceAccount</c>, <c>aws:SourceOwner</c>, <c>aws:SourceArn</c>) of a resource of an
    /// account no source condition of the statements fixes, for probing a service (or <c>*</c>) acting for it. A
    /// pattern whose account part has a wildcard (<c>arn:aws:cloudfront::*:distribution/*</c>,
    /// <c>arn:aws:sns:eu-west-1:*:*</c>), an S3 bucket ARN (which carries no account: <c>arn:aws:s3:::logs-*</c>) and
    /// an account pattern (<c>12345678*</c>) each admit some account of nobody's choosing: the keys name such a
    /// resource, with the wildcards filled, so only an account the statements fix keeps the probe out. Empty when no
    /// source condition leaves the account open.
    /// </summary>
    public static ImmutableDictionary<string, ContextValue> OutsiderSource(IEnumerable<Statement> statements, string outsiderAccount)
    {
        var conditions = statements.SelectMany(s => s.Conditions).Where(c => !c.Operator.IsNegated).ToList();
        var openAccount = conditions
            .Where(c => c.Operator.Base == BaseOperator.StringLike && SourceAccountKeys.Any(k => k.Equals(c.Key, StringComparison.OrdinalIgnoreCase)))
            .SelectMany(c => c.Values)
            .Where(v => v.IndexOfAny(['*', '?']) >= 0)
            .Select(AccountMatching)
            .FirstOrDefault(a => a is not null);
        var account = openAccount ?? outsiderAccount;
        var source = conditions
            .Where(c => c.Operator.Base is BaseOperator.ArnLike or BaseOperator.ArnEquals or BaseOperator.StringLike && c.Key.Equals("aws:SourceArn", StringComparison.OrdinalIgnoreCase))
            .SelectMany(c => c.Values)
            .Select(v => SourceArnMatching(v, account))
            .FirstOrDefault(a => a is not null);
        if (openAccount is null && source is null)
        {
            return ImmutableDictionary<string, ContextValue>.Empty;
        }

        var keys = SourceKeys(account, source).ToBuilder();
        if (source is null)
        {
            keys.Remove("aws:SourceArn");
        }

        return keys.ToImmutable();
    }

    /// <summary>
    /// Whether one of the statement's non-negated source conditions admits a resource of any account, so that anyone
    /// can make a service act from a resource of their own: an <c>aws:SourceAccount</c> or <c>aws:SourceOwner</c>
    /// pattern (<c>*</c>, <c>12*</c>), an <c>aws:SourceArn</c> pattern whose account part has a wildcard
    /// (<c>arn:aws:sns:*:*:*</c>) or an S3 ARN pattern with a wildcard in the bucket name (<c>arn:aws:s3:::*</c>,
    /// <c>arn:aws:s3:::logs-*</c>; an exact bucket name is one bucket, which only its owner holds while it exists, even
    /// written <c>arn:aws:s3:*:*:my-bucket</c> or <c>arn:aws:s3:::my-bucket/*</c>), or an <c>aws:SourceOrgID</c> or
    /// <c>aws:SourceOrgPaths</c> pattern whose organization has a wildcard. S3 deems such a policy public ("The meaning
    /// of public": only fixed values of these keys keep a grant to <c>*</c> from being public). Whether the statement's
    /// other conditions keep such a service out is the evaluator's to say.
    /// </summary>
    public static bool AdmitsAnySource(Statement statement) =>
        statement.Conditions.Where(c => !c.Operator.IsNegated).Any(c => c.Values.Any(value => OpensSource(c, value)));

    /// <summary>
    /// The source keys of a resource of <paramref name="outsiderAccount"/> that the statements' source patterns admit
    /// (<see cref="OutsiderSource"/>), with <c>aws:SourceOrgID</c> and <c>aws:SourceOrgPaths</c> filled from an
    /// organization pattern when one asks for them (<c>o-a*</c> → <c>o-award-probe</c>); the caller's defaults stand
    /// for the rest.
    /// </summary>
    public static ImmutableDictionary<string, ContextValue> AnySource(IEnumerable<Statement> statements, string outsiderAccount)
    {
        var list = statements.ToList();
        var keys = OutsiderSource(list, outsiderAccount).ToBuilder();
        foreach (var condition in list.SelectMany(s => s.Conditions).Where(c => !c.Operator.IsNegated && c.Operator.Base == BaseOperator.StringLike))
        {
            var value = condition.Values.FirstOrDefault(v => v.IndexOfAny(['*', '?']) >= 0);
            if (value is null)
            {
                continue;
            }

            if (condition.Key.Equals("aws:SourceOrgID", StringComparison.OrdinalIgnoreCase) && !keys.ContainsKey("aws:SourceOrgID"))
            {
                keys["aws:SourceOrgID"] = ContextValue.Of(Filled(value));
            }
            else if (condition.Key.Equals("aws:SourceOrgPaths", StringComparison.OrdinalIgnoreCase) && !keys.ContainsKey("aws:SourceOrgPaths"))
            {
                keys["aws:SourceOrgPaths"] = ContextValue.Of([Filled(value)]);
            }
        }

        return keys.ToImmutable();
    }

    private static bool OpensSource(ConditionClause condition, string value)
    {
        var like = condition.Operator.Base == BaseOperator.StringLike;
        var wildcard = value.IndexOfAny(['*', '?']) >= 0;
        if (SourceAccountKeys.Any(k => k.Equals(condition.Key, StringComparison.OrdinalIgnoreCase)))
        {
            return like && wildcard && AccountMatching(value) is not null;
        }

        if (SourceOrganizationKeys.Any(k => k.Equals(condition.Key, StringComparison.OrdinalIgnoreCase)))
        {
            return like && value.Split('/')[0].IndexOfAny(['*', '?']) >= 0;
        }

        if (!condition.Key.Equals("aws:SourceArn", StringComparison.OrdinalIgnoreCase) || !wildcard
            || condition.Operator.Base is not (BaseOperator.ArnLike or BaseOperator.ArnEquals or BaseOperator.StringLike))
        {
            return false;
        }

        var parts = value.Split(':', 6);
        if (parts.Length < 6)
        {
            // `*`, or a string pattern whose wildcard runs over the account part (`arn:aws:sns:*`).
            return like || value == "*";
        }

        // S3 alone names buckets with no account: there the bucket name decides, elsewhere the account part.
        var s3 = MayBeS3(parts[2]);
        return (parts[2] != "s3" && HasWildcard(parts[4])) || (s3 && OpensS3(parts));
    }

    /// <summary>
    /// Whether an S3 ARN pattern admits a resource another party holds or can create: a bucket (or its objects) whose
    /// name has a wildcard (<c>arn:aws:s3:::logs-*</c>), anyone being free to create one so named, or, with a wildcard
    /// account, an access point, job or other S3 resource that carries its account (<c>arn:aws:s3:*:*:accesspoint/*</c>).
    /// An exact bucket name admits that one bucket however the empty region and account parts are written
    /// (<c>arn:aws:s3:*:*:my-bucket</c>, <c>arn:aws:s3:::my-bucket/*</c>): bucket names are global and hold no <c>/</c>.
    /// </summary>
    private static bool OpensS3(string[] parts)
    {
        var first = parts[5].Split('/')[0];
        return (IsBucketForm(parts) && HasWildcard(first))
            || (HasWildcard(parts[4]) && (HasWildcard(first) || S3AccountResourceTypes.Contains(first)));
    }

    /// <summary>Whether a pattern's region and account parts can both be empty, as in a bucket or object ARN.</summary>
    private static bool IsBucketForm(string[] parts) => parts[3].All(ch => ch == '*') && parts[4].All(ch => ch == '*');

    /// <summary>Whether an ARN pattern's service part matches <c>s3</c>.</summary>
    private static bool MayBeS3(string service) => service == "s3" || (HasWildcard(service) && Wildcard.IsMatch(Wildcard.Translate(service), "s3", ignoreCase: false));

    private static bool HasWildcard(string part) => part.IndexOfAny(['*', '?']) >= 0;

    /// <summary>
    /// The organizations other than the exported one (<paramref name="ownOrganization"/>) whose every principal the
    /// statements' <c>aws:PrincipalOrgID</c> tests let in: none without an organization export, where which
    /// organization is the estate's own is not known.
    /// </summary>
    public static ImmutableArray<string> ForeignOrganizations(IEnumerable<Statement> statements, string? ownOrganization) =>
        ownOrganization is null ? [] : [.. statements.SelectMany(s => s.Conditions)
            .Where(c => !c.Operator.IsNegated && c.Operator.Set != SetQualifier.ForAllValues && c.Operator.Base is BaseOperator.StringEquals or BaseOperator.StringEqualsIgnoreCase or BaseOperator.StringLike
                && c.Key.Equals("aws:PrincipalOrgID", StringComparison.OrdinalIgnoreCase))
            .SelectMany(c => c.Values)
            .Where(v => v.StartsWith("o-", StringComparison.Ordinal) && v.IndexOfAny(['*', '?', '$']) < 0 && !v.Equals(ownOrganization, StringComparison.OrdinalIgnoreCase))
            .Distinct(StringComparer.Ordinal)];

    /// <summary>
    /// The organizations other than the exported one (<paramref name="ownOrganization"/>) whose accounts' resources the
    /// statements' non-negated <c>aws:SourceOrgID</c> and <c>aws:SourceOrgPaths</c> tests let a service act for, each
    /// with the source keys of a resource of an account (<paramref name="outsiderAccount"/>) of it. An organization the
    /// conditions let in whole (<c>aws:SourceOrgID</c>, or a path of its root alone) is one party, probed on the first
    /// path a condition names (wildcards filled), else one under its root, with all the statements. One the conditions
    /// narrow to organizational units is a party per path (<see cref="PathsWithin"/>), probed on that path with the
    /// statements that name it, so that each party's actions are those its own path is let in for. None without an
    /// organization export, where which organization is the estate's own is not known (as for
    /// <see cref="ForeignOrganizations"/>).
    /// </summary>
    public static ImmutableArray<SourceOrganization> ForeignSourceOrganizations(IReadOnlyCollection<Statement> statements, string? ownOrganization, string outsiderAccount)
    {
        if (ownOrganization is null)
        {
            return [];
        }

        var named = statements.SelectMany(s => s.Conditions
                .Where(c => !c.Operator.IsNegated && c.Operator.Base is BaseOperator.StringEquals or BaseOperator.StringEqualsIgnoreCase or BaseOperator.StringLike
                    && SourceOrganizationKeys.Any(k => k.Equals(c.Key, StringComparison.OrdinalIgnoreCase)))
                .SelectMany(c => c.Values.Select(v => (Statement: s, IsPath: c.Key.Equals("aws:SourceOrgPaths", StringComparison.OrdinalIgnoreCase), Written: v, Organization: v.Split('/')[0]))))
            .Where(x => x.Organization.StartsWith("o-", StringComparison.Ordinal) && x.Organization.IndexOfAny(['*', '?', '$']) < 0 && !x.Organization.Equals(ownOrganization, StringComparison.OrdinalIgnoreCase))
            .ToList();
        var organizations = ImmutableArray.CreateBuilder<SourceOrganization>();
        foreach (var organization in named.GroupBy(x => x.Organization, StringComparer.Ordinal))
        {
            var paths = PathsWithin(organization.Key, organization.Select(x => (x.IsPath, x.Written)));
            if (paths.IsEmpty)
            {
                var path = organization.Where(x => x.IsPath).Select(x => x.Written.Contains('/', StringComparison.Ordinal) ? Filled(x.Written) : null).FirstOrDefault(p => p is not null)
                    ?? $"{organization.Key}/r-ward/";
                organizations.Add(new SourceOrganization(organization.Key, organization.First().Written, OrganizationSourceKeys(organization.Key, path, outsiderAccount), null, [.. statements]));
                continue;
            }

            foreach (var path in paths)
            {
                var naming = organization.Where(x => PathOf(x.Written).Equals(path, StringComparison.Ordinal)).ToList();
                organizations.Add(new SourceOrganization(organization.Key, naming[0].Written, OrganizationSourceKeys(organization.Key, Filled(naming[0].Written), outsiderAccount), path,
                    [.. naming.Select(x => x.Statement).Distinct()]));
            }
        }

        return organizations.ToImmutable();
    }

    /// <summary>The source keys of a resource of <paramref name="account"/> on <paramref name="path"/> of <paramref name="organization"/>.</summary>
    private static ImmutableDictionary<string, ContextValue> OrganizationSourceKeys(string organization, string path, string account)
    {
        var keys = SourceKeys(account, source: null).ToBuilder();
        keys["aws:SourceOrgID"] = ContextValue.Of(organization);
        keys["aws:SourceOrgPaths"] = ContextValue.Of([path]);
        return keys.ToImmutable();
    }

    /// <summary>An <c>aws:SourceOrgPaths</c> value up to its last <c>/</c>.</summary>
    private static string PathOf(string written) => written[..(written.LastIndexOf('/') + 1)];

    /// <summary>
    /// The parts of <paramref name="organization"/> the source conditions naming it narrow it to: each
    /// <c>aws:SourceOrgPaths</c> value that names an organizational unit (<c>o-…/r-…/ou-…/*</c>), as written up to its
    /// last <c>/</c>. Empty when any value names the whole organization (an <c>aws:SourceOrgID</c>, or a path of the
    /// organization or its root alone), which then lets every account of it in.
    /// </summary>
    private static ImmutableArray<string> PathsWithin(string organization, IEnumerable<(bool IsPath, string Written)> named)
    {
        var paths = new List<string>();
        foreach (var (isPath, written) in named)
        {
            var segments = written.Split('/');
            if (!isPath || segments.Length < 3 || !segments[2].StartsWith("ou-", StringComparison.Ordinal))
            {
                return [];
            }

            paths.Add(PathOf(written));
        }

        return [.. paths.Distinct(StringComparer.Ordinal).Where(p => p.StartsWith(organization, StringComparison.Ordinal))];
    }

    /// <summary>
    /// An ARN of a resource of <paramref name="account"/> that an <c>aws:SourceArn</c> pattern of the statements whose
    /// account part is not fixed admits (<c>arn:aws:sns:*:*:*</c>, a bucket ARN, which carries no account), wildcards
    /// filled; null when none does. A pattern that fixes an account names one resource's account, a party of its own.
    /// </summary>
    public static string? SourceArnFor(IEnumerable<Statement> statements, string account) =>
        statements.SelectMany(s => s.Conditions)
            .Where(c => !c.Operator.IsNegated && c.Operator.Base is BaseOperator.ArnLike or BaseOperator.ArnEquals or BaseOperator.StringLike && c.Key.Equals("aws:SourceArn", StringComparison.OrdinalIgnoreCase))
            .SelectMany(c => c.Values)
            .Select(v => SourceArnMatching(v, account))
            .FirstOrDefault(arn => arn?.Split(':', 6) is [_, _, _, _, var owner, _] && (owner.Length == 0 || owner == account));

    /// <summary>The organization keys of a principal of an account of <paramref name="organization"/>.</summary>
    public static IReadOnlyDictionary<string, ContextValue> OrganizationKeys(string organization) =>
        new Dictionary<string, ContextValue>(StringComparer.OrdinalIgnoreCase)
        {
            ["aws:PrincipalOrgID"] = ContextValue.Of(organization),
            ["aws:PrincipalOrgPaths"] = ContextValue.Of([$"{organization}/r-ward/"]),
        };

    /// <summary>An account id an account pattern matches (wildcards filled with zeros), or null.</summary>
    private static string? AccountMatching(string pattern)
    {
        var fixedLength = pattern.Count(ch => ch != '*');
        if (fixedLength > 12)
        {
            return null;
        }

        var star = pattern.IndexOf('*', StringComparison.Ordinal);
        var filled = (star < 0 ? pattern : pattern[..star] + new string('0', 12 - fixedLength) + pattern[(star + 1)..].Replace("*", string.Empty, StringComparison.Ordinal)).Replace('?', '0');
        return IsAccount(filled) && Wildcard.IsMatch(Wildcard.Translate(pattern), filled, ignoreCase: false) ? filled : null;
    }

    /// <summary>
    /// An ARN of a resource of an account the pattern does not fix, the pattern matches (its account part the given
    /// account where it can be; a bucket or object ARN, with empty region and account, where the pattern admits one),
    /// or null: null for a pattern whose account part is fixed, or empty for a service whose ARNs carry an account.
    /// </summary>
    private static string? SourceArnMatching(string pattern, string account)
    {
        var parts = pattern.Split(':', 6);
        if (parts.Length != 6)
        {
            return null;
        }

        var written = parts[4];
        if (MayBeS3(parts[2]) && IsBucketForm(parts) && !S3AccountResourceTypes.Contains(parts[5].Split('/')[0]))
        {
            // S3 bucket and object ARNs carry no region or account (any account may own a bucket so named): the probe
            // names one as S3 writes it, never with a placeholder there.
            parts[2] = "s3";
            parts[3] = string.Empty;
            parts[4] = string.Empty;
        }
        else if (written.Length == 0 || !HasWildcard(written))
        {
            return null;
        }
        else
        {
            parts[4] = Wildcard.IsMatch(Wildcard.Translate(written), account, ignoreCase: false) ? account : AccountMatching(written) ?? Filled(written);
            if (parts[2] == "*")
            {
                // Any service's resource: the probe's service is then any service's stand-in (ProbeCallers.AnyService).
                parts[2] = "ward-any-service";
            }
        }

        for (var i = 0; i < parts.Length; i++)
        {
            parts[i] = i == 4 ? parts[i] : parts[i].Replace("*", "ward-outsider", StringComparison.Ordinal).Replace('?', 'x');
        }

        return string.Join(':', parts);
    }

    private static ConditionParty? PartyOf(string key, string value, string probeName)
    {
        if (AccountKeys.Any(k => k.Equals(key, StringComparison.OrdinalIgnoreCase)))
        {
            return IsAccount(value) ? new ConditionParty(value, RoleIn(value, probeName), ImmutableDictionary<string, ContextValue>.Empty, value) : null;
        }

        if (key.Equals("aws:PrincipalArn", StringComparison.OrdinalIgnoreCase))
        {
            if (!Arn.TryParse(value, out var arn) || !IsAccount(arn.Account))
            {
                return null;
            }

            var named = AwsPrincipal.Parse(Filled(value));
            var caller = named is { IsAuthenticated: true, Type: AwsPrincipalType.IamRole or AwsPrincipalType.IamUser or AwsPrincipalType.AssumedRoleSession } ? named : RoleIn(arn.Account, probeName);
            return new ConditionParty(arn.Account, caller, ImmutableDictionary<string, ContextValue>.Empty, value);
        }

        if (SourceAccountKeys.Any(k => k.Equals(key, StringComparison.OrdinalIgnoreCase)))
        {
            return IsAccount(value) ? new ConditionParty(value, RoleIn(value, probeName), SourceKeys(value, source: null), value) : null;
        }

        if (key.Equals("aws:SourceArn", StringComparison.OrdinalIgnoreCase) && Arn.TryParse(value, out var source) && IsAccount(source.Account))
        {
            return new ConditionParty(source.Account, RoleIn(source.Account, probeName), SourceKeys(source.Account, Filled(value)), value);
        }

        return null;
    }

    private static ImmutableDictionary<string, ContextValue> SourceKeys(string account, string? source)
    {
        var keys = ImmutableDictionary.CreateBuilder<string, ContextValue>(StringComparer.OrdinalIgnoreCase);
        keys["aws:SourceAccount"] = ContextValue.Of(account);
        keys["aws:SourceOwner"] = ContextValue.Of(account);
        if (source is not null)
        {
            keys["aws:SourceArn"] = ContextValue.Of(source);
        }

        return keys.ToImmutable();
    }

    private static AwsPrincipal RoleIn(string account, string probeName) => AwsPrincipal.Parse($"arn:aws:iam::{account}:role/{probeName}");

    private static bool IsAccount(string value) => value.Length == 12 && value.All(char.IsAsciiDigit);

    // A pattern's wildcards filled, so that the probe names a principal or resource the pattern matches.
    private static string Filled(string pattern) => pattern.Replace("*", "ward-probe", StringComparison.Ordinal).Replace('?', 'x');
}

/// <summary>
/// An organization, or an organizational unit of one, whose accounts' resources a service may act for, as a source
/// condition names it (<c>aws:SourceOrgID</c>, <c>aws:SourceOrgPaths</c>).
/// </summary>
/// <param name="Organization">The organization id.</param>
/// <param name="Written">The condition value that names it, as written.</param>
/// <param name="Keys">The source keys of a resource of an account of the organization (under <paramref name="Path"/>, if any).</param>
/// <param name="Path">
/// The organization path (<c>aws:SourceOrgPaths</c>, up to the last <c>/</c>) naming an organizational unit that the
/// conditions narrow the organization to; null when every account of the organization is let in.
/// </param>
/// <param name="Statements">The statements that let the party in: those naming the path, or all of them for the whole organization.</param>
public sealed record SourceOrganization(string Organization, string Written, ImmutableDictionary<string, ContextValue> Keys, string? Path, ImmutableArray<Statement> Statements);
