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

        return [.. parties.DistinctBy(p => (p.Account, p.Caller.Value, p.Written))];
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
