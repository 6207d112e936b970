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

    /// <summary>The VPC an outsider's request comes from when it comes through a VPC endpoint of its own.</summary>
    public const string OutsiderVpc = "vpc-0ward0outsider";

    /// <summary>The VPC endpoint of an outsider's own that its request may come through.</summary>
    public const string OutsiderVpce = "vpce-0ward0outsider";

    /// <summary>
    /// The keys only a request an AWS service makes for a resource carries (IAM user guide, "AWS global condition
    /// context keys": <c>aws:SourceAccount</c>, <c>aws:SourceArn</c>, <c>aws:SourceOrgID</c>, <c>aws:SourceOrgPaths</c>
    /// and <c>aws:SourceOwner</c> are included only when a service principal calls on behalf of a resource): a direct
    /// call from the internet or from another account has none of them.
    /// </summary>
    public static readonly IReadOnlyList<string> ServiceSourceKeys = ["aws:SourceAccount", "aws:SourceArn", "aws:SourceOrgID", "aws:SourceOrgPaths", "aws:SourceOwner"];

    /// <summary>
    /// The service principal that stands for any AWS service when a statement open to <c>*</c> lets services in by a
    /// source condition alone: no real policy names it, so only conditions that admit every service let it in.
    /// </summary>
    public const string AnyService = "ward-any-service.amazonaws.com";

    /// <summary>The organization path of an outsider's resource a service acts for (<c>aws:SourceOrgPaths</c>).</summary>
    public const string OutsiderOrganizationPath = OutsiderOrganization + "/r-ward0outsider/";

    /// <summary>An address of the outsider's own VPC, as a request through its VPC endpoint carries it (<c>aws:VpcSourceIp</c>).</summary>
    public const string OutsiderVpcAddress = "10.255.0.10";

    /// <summary>Whether <paramref name="key"/> is one of <see cref="ServiceSourceKeys"/>.</summary>
    public static bool IsServiceSourceKey(string key) => ServiceSourceKeys.Contains(key, StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// Gives a direct call (an anonymous caller's, or a principal's of another account) the keys it has: none of the
    /// <see cref="ServiceSourceKeys"/>, and either no VPC keys (from the internet) or those of a VPC endpoint of the
    /// outsider's own (<paramref name="throughOwnEndpoint"/>): <c>aws:SourceVpc</c>, <c>aws:SourceVpce</c> and
    /// <c>aws:VpcSourceIp</c> are included only for requests through a VPC endpoint, and <c>aws:SourceIp</c> only for the
    /// others ("always included in the request, except for requests that use an Amazon VPC endpoint"). Absent keys pass
    /// the <c>...IfExists</c> operators and <c>ForAllValues:</c>, so each probe is asked both ways and the more open
    /// answer counts.
    /// </summary>
    public static void AddDirectCall(IDictionary<string, ContextValue> context, bool throughOwnEndpoint)
    {
        ArgumentNullException.ThrowIfNull(context);
        foreach (var key in ServiceSourceKeys)
        {
            context[key] = ContextValue.Absent;
        }

        context["aws:SourceVpc"] = throughOwnEndpoint ? ContextValue.Of(OutsiderVpc) : ContextValue.Absent;
        context["aws:SourceVpce"] = throughOwnEndpoint ? ContextValue.Of(OutsiderVpce) : ContextValue.Absent;
        context["aws:VpcSourceIp"] = throughOwnEndpoint ? ContextValue.Of(OutsiderVpcAddress) : ContextValue.Absent;
        if (throughOwnEndpoint)
        {
            context["aws:SourceIp"] = ContextValue.Absent;
        }
    }

    /// <summary>How a probe's caller is described when the answer came through a VPC endpoint of its own.</summary>
    public const string ThroughOwnEndpoint = $"through a VPC endpoint of its own (`{OutsiderVpce}` in `{OutsiderVpc}`)";

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
