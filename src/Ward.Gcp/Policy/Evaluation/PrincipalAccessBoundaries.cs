using System.Collections.Concurrent;
using System.Collections.Immutable;
using Ward.Core.Decisions;
using Ward.Gcp.Iam;
using Ward.Gcp.Policy.Conditions;

namespace Ward.Gcp.Policy.Evaluation;

/// <summary>
/// Principal access boundary policies over an allow decision (docs/gcp/evaluation.md). A principal to which one or
/// more policies apply (bound to a principal set that holds it, the binding's condition holding) may use a
/// permission only on the resources those policies' rules list and what lies below them, and only for the
/// permissions the policies' enforcement versions can block; a principal no policy applies to is not restricted. A
/// blocked allow becomes an ImplicitDeny naming the policy; what Ward cannot decide (a possible membership, an
/// undecided condition, a policy not exported, an enforcement version whose reach Ward does not know, policies of
/// different versions that disagree) makes it Conditional. Thread-safe.
/// </summary>
internal sealed class PrincipalAccessBoundaries(GcpEstate estate)
{
    private readonly ConcurrentDictionary<string, IamCondition> _conditions = new(StringComparer.Ordinal);

    /// <summary>The decision as the boundaries leave it: an Allowed or Conditional may be blocked or made conditional; other decisions are returned as they are.</summary>
    public Decision Apply(GcpRequest request, Decision decision) =>
        estate.PolicyBindings.IsEmpty || decision.Kind is not (DecisionKind.Allowed or DecisionKind.Conditional) || !PrincipalSetMembership.IsIdentity(request.Principal)
            ? decision
            : Bounded(request, decision);

    /// <summary>
    /// <see cref="Apply"/> where a boundary may apply; apart, so that the common case (no boundary bound) does not pay
    /// for the explanations' captured state.
    /// </summary>
    private Decision Bounded(GcpRequest request, Decision decision)
    {
        var results = Results(request).ToList();
        var certain = results.Where(r => r.AppliesIf.Count == 0).ToList();
        if (results.Count == 0 || certain.Exists(r => r.Verdict == BoundaryVerdict.Eligible) || results.TrueForAll(r => r.Verdict is BoundaryVerdict.Eligible or BoundaryVerdict.CannotBlock))
        {
            return decision;
        }

        if (certain.Count > 0 && results.TrueForAll(r => r.Verdict == BoundaryVerdict.Blocks))
        {
            var blocking = certain[0];
            return new ImplicitDeny(() => new Explanation(
                $"Not allowed: `{request.Principal.Text}` is subject to principal access boundary {Policies(certain)}, which make{(certain.Count == 1 ? "s" : string.Empty)} it eligible only for {Eligible(certain)}; `{request.Resource.Name}` is neither among them nor below them, and {blocking.Reason}. A principal access boundary blocks whatever the allow policies grant. Without it: {decision.Explanation.Summary}",
                [.. Layers(results, decisive: true), .. decision.Explanation.Layers.Select(l => l with { Decisive = false })]));
        }

        var requirement = $"no principal access boundary blocks it ({string.Join("; ", results.Where(r => r.Verdict != BoundaryVerdict.Eligible || r.AppliesIf.Count > 0).Select(State))})";
        var (requirements, otherwise) = decision is Conditional c ? ([.. c.Requirements, requirement], c.Otherwise) : (ImmutableArray.Create(requirement), DecisionKind.ImplicitDeny);
        return new Conditional(requirements, otherwise, new Explanation(
            $"Allowed only if {requirement}: {decision.Explanation.Summary}",
            [.. Layers(results, decisive: false), .. decision.Explanation.Layers]));
    }

    /// <summary>Every binding whose principal set holds or may hold the principal and whose condition does not rule it out, with its policy's verdict on the request.</summary>
    private IEnumerable<BoundaryResult> Results(GcpRequest request)
    {
        var context = new ConditionContext
        {
            RequestTime = request.AsOf,
            PrincipalType = PrincipalSetMembership.TypeOf(request.Principal),
            PrincipalSubject = PrincipalSetMembership.SubjectOf(request.Principal),
        };
        foreach (var binding in estate.PolicyBindings)
        {
            var member = PrincipalSetMembership.Match(estate, request.Principal, binding.PrincipalSet);
            if (member.Kind == MemberMatchKind.No)
            {
                continue;
            }

            var appliesIf = new List<string>();
            if (member.Kind == MemberMatchKind.Possibly)
            {
                appliesIf.Add(member.Requirement!);
            }

            if (binding.Condition is { } condition)
            {
                var evaluated = _conditions.GetOrAdd(condition.Expression, IamCondition.Parse).Evaluate(context);
                if (evaluated.Truth == ConditionTruth.False)
                {
                    continue;
                }

                if (evaluated.Truth == ConditionTruth.Undecided)
                {
                    appliesIf.Add($"its condition `{condition.Expression}` holds ({string.Join("; ", evaluated.Undecided)})");
                }
            }

            var policy = estate.FindBoundaryPolicy(binding.Policy);
            var (verdict, reason) = Verdict(request, policy);
            yield return new BoundaryResult(binding, policy, member.How, appliesIf, verdict, reason);
        }
    }

    /// <summary>What one policy makes of the request: the resource is eligible, the permission cannot be blocked, it is blocked, or Ward cannot tell.</summary>
    private (BoundaryVerdict Verdict, string Reason) Verdict(GcpRequest request, PrincipalAccessBoundaryPolicy? policy)
    {
        if (policy is null)
        {
            return (BoundaryVerdict.Unknown, "the policy was not exported, so which resources it makes eligible is unknown");
        }

        if (policy.Rules.SelectMany(r => r.Resources).FirstOrDefault(r => Containers(request).Contains(Normalized(r), StringComparer.Ordinal)) is { } listed)
        {
            return (BoundaryVerdict.Eligible, $"`{request.Resource.Name}` eligible (its rules list `{ResourceNames.Relative(listed)}`)");
        }

        var (canBlock, why) = BoundaryPermissions.CanBlock(policy.EnforcementVersion, request.Permission);
        if (canBlock == false)
        {
            return (BoundaryVerdict.CannotBlock, why);
        }

        if (request.Resource.AncestryGap is { } gap)
        {
            return (BoundaryVerdict.Unknown, $"whether `{request.Resource.Name}` lies below a resource its rules list is unknown ({gap})");
        }

        return canBlock == true ? (BoundaryVerdict.Blocks, why) : (BoundaryVerdict.Unknown, why);
    }

    /// <summary>The resource's organization, folders and project (and itself, when it is one), by their hierarchy names.</summary>
    private IEnumerable<string> Containers(GcpRequest request) =>
        request.Resource.PolicyHolders.Where(h => ResourceNames.ContainerKind(h) is not null).Select(Normalized);

    /// <summary>A container as the hierarchy names it (a project by number), so that a rule naming it by id matches.</summary>
    private string Normalized(string container) => estate.FindNode(ResourceNames.Relative(container))?.Name ?? container;

    private static string Policies(List<BoundaryResult> results) =>
        (results.Count == 1 ? "policy " : "policies ") + string.Join(", ", results.Select(r => $"`{r.Binding.Policy}` (bound to `{r.Binding.PrincipalSet}` by `{r.Binding.Id}`{(r.How is { } how ? $"; {how}" : string.Empty)})"));

    private static string Eligible(List<BoundaryResult> results) =>
        string.Join(", ", results.SelectMany(r => r.Policy?.Rules.SelectMany(rule => rule.Resources) ?? []).Distinct(StringComparer.Ordinal).Select(r => $"`{ResourceNames.Relative(r)}`"));

    /// <summary>What one binding contributes to an undecided answer.</summary>
    private static string State(BoundaryResult result)
    {
        var policy = $"policy `{result.Binding.Policy}`";
        var binding = $"binding `{result.Binding.Id}` applies ({string.Join(" and ", result.AppliesIf)})";
        return (result.Verdict, result.AppliesIf.Count == 0) switch
        {
            (BoundaryVerdict.Blocks, true) => $"{policy} (binding `{result.Binding.Id}`) blocks it unless another policy makes it eligible: {result.Reason}",
            (BoundaryVerdict.Blocks, false) => $"{policy} blocks it if {binding}: {result.Reason}",
            (BoundaryVerdict.Unknown, true) => $"{policy} (binding `{result.Binding.Id}`) may block it: {result.Reason}",
            (BoundaryVerdict.Unknown, false) => $"{policy} may block it if {binding}: {result.Reason}",
            (BoundaryVerdict.Eligible, _) => $"{policy} makes {result.Reason} if {binding}",
            (_, true) => $"{policy} (binding `{result.Binding.Id}`) cannot block it ({result.Reason}), and Google does not say how it combines with policies of other enforcement versions that can",
            _ => $"{policy} cannot block it if {binding} ({result.Reason}), and Google does not say how it combines with policies of other enforcement versions that can",
        };
    }

    private static IEnumerable<LayerEvaluation> Layers(List<BoundaryResult> results, bool decisive) => results.Select(r => new LayerEvaluation(
        $"principal access boundary policy {r.Policy?.Id ?? r.Binding.Policy} (binding {r.Binding.Id} to {r.Binding.PrincipalSet})",
        r.Binding.Policy,
        r.Verdict switch
        {
            BoundaryVerdict.Blocks => LayerOutcome.NoMatchingAllow,
            BoundaryVerdict.Unknown => LayerOutcome.Undecided,
            _ => LayerOutcome.Allows,
        },
        [new StatementMatch(
            $"principal access boundary policy {r.Policy?.Id ?? r.Binding.Policy}",
            r.Verdict switch
            {
                BoundaryVerdict.Eligible => $"makes {r.Reason}",
                _ => r.Reason,
            } + (r.AppliesIf.Count == 0 ? string.Empty : $"; applies only if {string.Join(" and ", r.AppliesIf)}"),
            StatementEffect.Allow,
            r.Binding.Condition is { } c ? [c.Expression] : []) { Undecided = r.Verdict == BoundaryVerdict.Unknown || r.AppliesIf.Count > 0 }])
    { Decisive = decisive && r.Verdict == BoundaryVerdict.Blocks });

    private sealed record BoundaryResult(PolicyBinding Binding, PrincipalAccessBoundaryPolicy? Policy, string? How, List<string> AppliesIf, BoundaryVerdict Verdict, string Reason);
}
