using System.Collections.Concurrent;
using System.Collections.Frozen;
using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using Ward.Aws.Catalog;
using Ward.Aws.Edges;
using Ward.Aws.Estate;
using Ward.Aws.Policy.Evaluation;
using Ward.Core.Decisions;

namespace Ward.Aws.Queries;

/// <summary>
/// "May this principal perform the action on any resource?": the evaluator decides the action on a resource that no
/// narrow pattern names (a bucket, secret or key called <c>ward-unrestricted</c> in the principal's account), so only
/// grants on <c>*</c> or equally broad patterns count, after denies, boundaries, SCPs and RCPs.
/// </summary>
public static partial class AwsUnrestrictedAccess
{
    public const string Placeholder = "ward-unrestricted";

    // Rules ask about every principal: the same few actions, accounts and regions over and over.
    private static readonly ConcurrentDictionary<(string Action, string? Account, string Region), string> Resources = new();
    private static readonly ConcurrentDictionary<string, IReadOnlyDictionary<string, ContextValue>> Contexts = new(StringComparer.Ordinal);

    /// <summary>
    /// An ARN of the action's probed resource type (<see cref="ProbedType"/>) in the region, with every name part
    /// unrestricted; <c>*</c> when the action takes no resource.
    /// </summary>
    public static string AnyResourceOf(string action, string? account, string region)
    {
        // Counting a concurrent dictionary takes all its locks: only on a miss.
        if (Resources.TryGetValue((action, account, region), out var known))
        {
            return known;
        }

        var made = MakeAnyResourceOf(action, account, region);
        return Resources.Count < 100_000 ? Resources.GetOrAdd((action, account, region), made) : made;
    }

    private static string MakeAnyResourceOf(string action, string? account, string region)
    {
        if (!AwsActionCatalog.Default.TryGetAction(action, out var known) || known.ResourceTypes.IsEmpty
            || AwsActionCatalog.Default.ResourceType(known.Service, ProbedType(known).Name) is not { ArnFormats: [var format, ..] })
        {
            return "*";
        }

        return Variable().Replace(format, match => match.Groups["name"].Value switch
        {
            "Partition" => "aws",
            "Region" => region,
            "Account" => account ?? "000000000000",
            _ => Placeholder,
        });
    }

    /// <summary>
    /// The resource type an ordinary request for the action names: the one the Service Authorization Reference marks
    /// required (a grant that leaves it out allows nothing); when none is, the plain resource rather than its access
    /// point, object Lambda or multi-region access point variants (S3 objects are reached as <c>bucket/key</c>; a grant
    /// on access points only reaches objects through an access point whose own policy also allows).
    /// </summary>
    public static ActionResourceType ProbedType(AwsAction action) =>
        action.ResourceTypes.FirstOrDefault(t => t.Required)
        ?? action.ResourceTypes.FirstOrDefault(t => !t.Name.Contains("accesspoint", StringComparison.OrdinalIgnoreCase))
        ?? action.ResourceTypes[0];

    /// <summary>
    /// The regions worth probing for a principal, most likely first: the region its role last used, us-east-1, and
    /// every region an SCP condition on <c>aws:RequestedRegion</c> names (region guardrails allow some of them).
    /// </summary>
    public static IReadOnlyList<string> ProbeRegions(AwsEstate estate, AwsPrincipal principal)
    {
        var known = KnownProbeRegions.GetValue(estate, static _ => new ConcurrentDictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal));
        return known.TryGetValue(principal.Value, out var regions) ? regions : known.GetOrAdd(principal.Value, static (_, state) => RegionsToProbe(state.estate, state.principal), (estate, principal));
    }

    // Every rule asks for every principal's probe regions, some once per statement.
    private static readonly ConditionalWeakTable<AwsEstate, ConcurrentDictionary<string, IReadOnlyList<string>>> KnownProbeRegions = new();

    private static IReadOnlyList<string> RegionsToProbe(AwsEstate estate, AwsPrincipal principal)
    {
        var regions = new List<string>();
        if (estate.Roles.TryGetValue(principal.Value, out var role) && role.LastUsedRegion is { Length: > 0 } used)
        {
            regions.Add(used);
        }

        regions.Add("us-east-1");
        if (estate.Organization is { } organization)
        {
            regions.AddRange(GuardrailRegions.GetValue(organization, RegionsNamedBy));
        }

        return [.. regions.Distinct(StringComparer.Ordinal)];
    }

    // Every rule asks for every principal's probe regions: the organization's are worked out once.
    private static readonly ConditionalWeakTable<AwsOrganization, string[]> GuardrailRegions = new();

    private static string[] RegionsNamedBy(AwsOrganization organization) =>
        [.. organization.Policies.SelectMany(p => p.Document.Statements).SelectMany(s => s.Conditions)
            .Where(c => c.Key.Equals("aws:RequestedRegion", StringComparison.OrdinalIgnoreCase))
            .SelectMany(c => c.Values).Where(v => !v.Contains('*', StringComparison.Ordinal) && !v.Contains('?', StringComparison.Ordinal)).Order(StringComparer.Ordinal)];

    /// <summary>
    /// A cheap, sound pre-filter for <see cref="Decide"/>: false only when no identity statement of the principal
    /// can allow the action on the resource it would be decided on, in any of the regions. (That resource has no
    /// resource policy, so only identity statements could allow it.)
    /// </summary>
    public static bool MayAllow(AwsEdgeContext probes, AwsPrincipal principal, string action, IReadOnlyList<string> regions)
    {
        if (!probes.MayAllow(principal, action))
        {
            return false;
        }

        // Rules ask this of every principal and risky action: a loop, not a closure per call.
        for (var i = 0; i < regions.Count; i++)
        {
            if (probes.MayAllowOn(principal, action, AnyResourceOf(action, principal.Account, regions[i])))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// The decision for the action on any resource, as an ordinary request makes it (over TLS): allowed in one of
    /// the <paramref name="regions"/> if any, otherwise the most permissive answer.
    /// </summary>
    /// <param name="queries">The estate's queries.</param>
    /// <param name="principal">The caller.</param>
    /// <param name="action">The action.</param>
    /// <param name="regions">The regions to try, in order.</param>
    /// <param name="extra">Further request-context keys the request carries (none by default).</param>
    /// <param name="onlyDeniesLookAtTheRegion">
    /// Whether only readable denies look at the region (<see cref="AwsEdgeContext.OnlyDeniesLookAtTheRegion"/>): then,
    /// once a region's answer is an implicit deny, no other region's can be better, and none is tried. Unless the
    /// estate exports a resource policy or S3 settings under one of the probed ARNs (a real resource that happens to
    /// bear the placeholder's name): those are not identity statements, and may differ from region to region.
    /// </param>
    public static (Decision Decision, string Region) Decide(AwsAccessQueries queries, AwsPrincipal principal, string action, IReadOnlyList<string> regions, IReadOnlyDictionary<string, ContextValue>? extra = null, bool onlyDeniesLookAtTheRegion = false)
    {
        (Decision Decision, string Region)? best = null;
        var stopAtImplicitDeny = onlyDeniesLookAtTheRegion && !ExportedUnderProbe(queries.Estate, action, principal.Account, regions);
        foreach (var region in regions)
        {
            var context = Contexts.GetOrAdd(region, r => new Dictionary<string, ContextValue>(StringComparer.OrdinalIgnoreCase)
            {
                ["aws:SecureTransport"] = ContextValue.Of("true"),
                ["aws:RequestedRegion"] = ContextValue.Of(r),
            }.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase));
            if (extra is not null)
            {
                context = context.Concat(extra).ToDictionary(StringComparer.OrdinalIgnoreCase);
            }

            var decision = queries.Can(principal, action, AnyResourceOf(action, principal.Account, region), context).Decision;
            if (decision.Kind == DecisionKind.Allowed)
            {
                return (decision, region);
            }

            if (best is null || (decision.Kind == DecisionKind.Conditional && best.Value.Decision.Kind != DecisionKind.Conditional))
            {
                best = (decision, region);
            }

            if (stopAtImplicitDeny && decision.Kind == DecisionKind.ImplicitDeny)
            {
                break;
            }
        }

        return best ?? throw new ArgumentException("give at least one region", nameof(regions));
    }

    /// <summary>
    /// Whether the estate exports a resource policy or S3 settings under the probed ARN of some region (a real resource
    /// that bears the placeholder's name): its policy is not an identity statement, and may differ from region to region.
    /// </summary>
    public static bool ExportedUnderProbe(AwsEstate estate, string action, string? account, IReadOnlyList<string> regions)
    {
        // Asked for every principal and risky action: most estates export none of these.
        if (estate.ResourcePolicies.Count == 0 && estate.S3Access.Count == 0 && estate.S3AccessPoints.Count == 0)
        {
            return false;
        }

        foreach (var region in regions)
        {
            var resource = AnyResourceOf(action, account, region);
            if (estate.ResourcePolicyFor(resource) is not null || estate.S3AccessFor(resource) is not null || estate.AccessPointFor(resource) is not null)
            {
                return true;
            }
        }

        return false;
    }

    [GeneratedRegex(@"\$\{(?<name>[A-Za-z]+)\}", RegexOptions.ExplicitCapture, matchTimeoutMilliseconds: 1000)]
    private static partial Regex Variable();
}
