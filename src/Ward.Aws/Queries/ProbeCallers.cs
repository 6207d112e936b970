using System.Collections.Frozen;
using Ward.Aws.Estate;
using Ward.Aws.Policy.Evaluation;
using Ward.Aws.Policy.Parsing;
using Ward.Aws.Policy.Syntax;
using Ward.Core.Decisions;
using Ward.Core.Diagnostics;

namespace Ward.Aws.Queries;

/// <summary>
/// What the trust and exposure analyses give the callers they probe with: an outsider's account and organization,
/// and a "willing" caller side (its own policies allow everything), so only the policies under test decide.
/// </summary>
public static class ProbeCallers
{
    /// <summary>The account every outsider probe comes from; reserved for documentation, so no real party has it.</summary>
    public const string OutsiderAccount = "000000000000";

    /// <summary>The organization id outsiders carry, so <c>aws:PrincipalOrgID</c> conditions keep them out.</summary>
    public const string OutsiderOrganization = "o-wardoutsider";

    /// <summary>
    /// Gives an outsider's request its organization keys: those of an organization of its own, or, for a principal of
    /// an account in no organization (<paramref name="standalone"/>), none at all. IAM includes
    /// <c>aws:PrincipalOrgID</c> and <c>aws:PrincipalOrgPaths</c> only when the caller's account is a member of an
    /// organization, so a <c>...IfExists</c> test on them lets such a caller through.
    /// </summary>
    public static void AddOutsiderOrganization(IDictionary<string, ContextValue> context, bool standalone)
    {
        context["aws:PrincipalOrgID"] = standalone ? ContextValue.Absent : ContextValue.Of(OutsiderOrganization);
        context["aws:PrincipalOrgPaths"] = standalone ? ContextValue.Absent : ContextValue.Of([$"{OutsiderOrganization}/r-ward/"]);
    }

    /// <summary>
    /// The verdict for a named account outside the estate, probed both as a member of an organization of its own
    /// (<paramref name="asMember"/>) and as an account in no organization (<paramref name="alone"/>): which it is, the
    /// export does not say, so where only the second gets in (a <c>...IfExists</c> organization test) it gets in under
    /// that requirement.
    /// </summary>
    public static Decision EitherOrganizationStanding(Decision asMember, Decision alone, string account)
    {
        ArgumentNullException.ThrowIfNull(asMember);
        ArgumentNullException.ThrowIfNull(alone);
        if (Openness(alone) <= Openness(asMember))
        {
            return asMember;
        }

        var requirement = $"account {account} belongs to no AWS organization (its requests then carry no aws:PrincipalOrgID)";
        return alone is Conditional conditional
            ? conditional with { Requirements = [.. conditional.Requirements, requirement] }
            : new Conditional([requirement], asMember.Kind, alone.Explanation);
    }

    /// <summary>How far a decision lets the caller in: allowed, then allowed under conditions, then not.</summary>
    public static int Openness(Decision decision) => decision.Kind switch
    {
        DecisionKind.Allowed => 2,
        DecisionKind.Conditional => 1,
        _ => 0,
    };

    private static readonly Lazy<NamedPolicy> Willing = new(() => new NamedPolicy(
        "the caller's own policies (assumed to allow)",
        PolicyParser.ParseText("""{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}""", PolicyKind.Identity, new SourceLocation("ward")).Document!));

    /// <summary>Replaces the caller's side (identity policies, boundary, session policy) by one that allows everything.</summary>
    public static AwsPolicySet Willingly(AwsPolicySet set) => set with { IdentityPolicies = [Willing.Value], PermissionsBoundary = null, SessionPolicy = null };

    /// <summary>The accounts of the estate: exported, or members of the exported organization.</summary>
    public static FrozenSet<string> KnownAccounts(AwsEstate estate) =>
        estate.Accounts.Select(a => a.Id).Concat(estate.Organization?.Accounts.Select(a => a.Id) ?? []).ToFrozenSet(StringComparer.Ordinal);
}
