using System.Collections.Immutable;
using Ward.Aws.Estate;
using Ward.Aws.Policy.Syntax;
using Ward.Core.Decisions;

namespace Ward.Aws.Trust;

/// <summary>What kind of party a trust policy entry names.</summary>
public enum TrustedPartyKind
{
    /// <summary><c>"*"</c> or <c>{"AWS": "*"}</c>: any AWS principal of any account.</summary>
    Everyone,

    /// <summary>A whole account (<c>123456789012</c> or <c>arn:aws:iam::123456789012:root</c>).</summary>
    Account,

    /// <summary>One user or role (or session) of an account.</summary>
    Principal,

    /// <summary>An OpenID Connect provider (GitHub Actions, EKS, Cognito, Google...).</summary>
    OidcProvider,

    /// <summary>A SAML provider (an identity provider or IAM Identity Center).</summary>
    SamlProvider,

    /// <summary>
    /// Every principal of another organization: <c>*</c> narrowed by <c>aws:PrincipalOrgID</c> to an organization
    /// that is not the exported one.
    /// </summary>
    Organization,
}

/// <summary>
/// One party a role's trust policy names in an Allow statement, and whether the evaluator lets a caller of that
/// party assume the role (the party's own policies assumed to allow it).
/// </summary>
/// <param name="Role">The trusting role.</param>
/// <param name="Kind">What the trust policy names.</param>
/// <param name="Party">As written: <c>*</c>, the account id, the principal ARN, the provider ARN or name.</param>
/// <param name="PartyAccount">The account the party belongs to, when it has one.</param>
/// <param name="IsExternal">The party's account is neither exported nor in the organization.</param>
/// <param name="Statement">The trust statement that names the party.</param>
/// <param name="Probe">The decision for a probe caller of the party (an outsider's hostile values for OIDC claims).</param>
/// <param name="ProbeCaller">Who the probe caller was, for explanations.</param>
/// <param name="ProbeAction">What the probe caller asked (sts:AssumeRole, sts:AssumeRoleWithWebIdentity, sts:AssumeRoleWithSAML).</param>
public sealed record RoleTrust(
    IamRole Role,
    TrustedPartyKind Kind,
    string Party,
    string? PartyAccount,
    bool IsExternal,
    Statement Statement,
    Decision Probe,
    string ProbeCaller,
    string ProbeAction)
{
    /// <summary>
    /// The other statements of the trust policy that let the party in as well (each asked alone, with the policy's Deny
    /// statements), or, when none lets it in, the other statements that name it. <see cref="Statement"/> is the one
    /// whose answer is the most open.
    /// </summary>
    public ImmutableArray<Statement> OtherStatements { get; init; } = [];

    /// <summary><see cref="Statement"/> and <see cref="OtherStatements"/>.</summary>
    public IEnumerable<Statement> Statements => OtherStatements.Prepend(Statement);

    /// <summary>The probe caller may assume the role, certainly or under conditions.</summary>
    public bool Admits => Probe.Kind is DecisionKind.Allowed or DecisionKind.Conditional;

    /// <summary>
    /// For a Cognito identity pool trust that pins its pool: the decision for a guest (unauthenticated) identity of
    /// that pool, which anyone on the internet gets when the pool allows guests. Null otherwise.
    /// </summary>
    public Decision? GuestProbe { get; init; }

    /// <summary>
    /// Every statement that lets the party in requires a given <c>sts:ExternalId</c> (the confused-deputy guard for
    /// third parties): a string test that the key must be present for (not IfExists, not ForAllValues) with some value
    /// that is not only wildcards.
    /// </summary>
    public bool RequiresExternalId => Statements.All(statement => statement.Conditions.Any(c =>
        c.Key.Equals("sts:ExternalId", StringComparison.OrdinalIgnoreCase) && !c.Operator.IfExists && c.Operator.Set != SetQualifier.ForAllValues
        && (c.Operator.Base is BaseOperator.StringEquals or BaseOperator.StringEqualsIgnoreCase
            || (c.Operator.Base is BaseOperator.StringLike && c.Values.Any(v => v.Any(ch => ch is not ('*' or '?')))))));

    /// <summary>For OIDC: the values the statements' conditions allow for a claim (<c>sub</c>, <c>aud</c>), as written.</summary>
    /// <param name="claim">The claim, e.g. <c>sub</c>.</param>
    /// <param name="likeOnly">Only the values of Like operators, where <c>*</c> and <c>?</c> are wildcards.</param>
    public ImmutableArray<string> ClaimValues(string claim, bool likeOnly = false) =>
        [.. Statements.SelectMany(s => s.Conditions).Where(c => !c.Operator.IsNegated && c.Key.EndsWith(":" + claim, StringComparison.OrdinalIgnoreCase) && (!likeOnly || c.Operator.Base == BaseOperator.StringLike)).SelectMany(c => c.Values)];
}
