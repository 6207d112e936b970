using System.Collections.Immutable;
using Ward.Gcp.Iam;
using Ward.Gcp.Policy.Conditions;

namespace Ward.Gcp.Policy.OrgPolicies;

/// <summary>
/// Decides boolean constraints over the hierarchy as the Organization Policy Service does: the closest policy that
/// sets the constraint (the node's own, then its folders', then the organization's) decides it; a policy that
/// resets restores the default (not enforced, for the constraints Ward reads); a policy with no live rules (a dry run
/// only) takes its parent's. In a policy's rules, the rule without a condition decides everywhere, and rules with a
/// condition (over tags, which Google requires to say the opposite) decide where their condition holds: decided from
/// the node's tags when they are known, else the constraint is enforced under a condition. Without a policy anywhere,
/// not enforced.
/// </summary>
public static class OrgPolicyEvaluator
{
    /// <param name="estate">The estate, with its organization policies.</param>
    /// <param name="ancestors">The node's ancestry as relative names, the node first (<see cref="HierarchyNode.Ancestors"/>).</param>
    /// <param name="constraint">The boolean constraint, without <c>constraints/</c>.</param>
    /// <param name="decide">Decides a rule's condition on the node (from its tags); null: no condition is decided.</param>
    public static ConstraintEnforcement Evaluate(GcpEstate estate, ImmutableArray<string> ancestors, string constraint, Func<string, ConditionResult>? decide = null)
    {
        ArgumentNullException.ThrowIfNull(estate);
        foreach (var node in ancestors)
        {
            if (estate.FindOrgPolicy(node, constraint) is not { } policy)
            {
                continue;
            }

            if (policy.Reset)
            {
                return new ConstraintEnforcement(constraint, ConstraintState.NotEnforced, node, null);
            }

            var rules = policy.Rules.Where(r => r.Enforce is not null).ToList();
            if (rules.Count == 0)
            {
                continue;
            }

            var everywhere = rules.Find(r => r.Condition is null)?.Enforce ?? false;
            var exceptions = rules.Where(r => r.Condition is not null && r.Enforce != everywhere)
                .Select(r => (Condition: r.Condition!, Result: decide?.Invoke(r.Condition!)))
                .ToList();
            // A rule whose condition holds here decides; rules whose condition does not hold here are left out.
            if (exceptions.Exists(e => e.Result?.Truth == ConditionTruth.True))
            {
                return new ConstraintEnforcement(constraint, everywhere ? ConstraintState.NotEnforced : ConstraintState.Enforced, node, null);
            }

            var open = exceptions.Where(e => e.Result?.Truth != ConditionTruth.False).ToList();
            if (open.Count == 0)
            {
                return new ConstraintEnforcement(constraint, everywhere ? ConstraintState.Enforced : ConstraintState.NotEnforced, node, null);
            }

            var conditions = string.Join(" or ", open.Select(e => $"`{e.Condition}`"));
            var why = string.Join("; ", open.SelectMany(e => e.Result?.Undecided ?? ["over tags, not decided here"]).Distinct(StringComparer.Ordinal));
            var unless = everywhere
                ? $"the organization policy on `{node}` enforces `{constraint}` except where {conditions} holds ({why}): it must hold here"
                : $"the organization policy on `{node}` enforces `{constraint}` where {conditions} holds ({why}): it must not hold here";
            return new ConstraintEnforcement(constraint, ConstraintState.EnforcedUnderCondition, node, unless);
        }

        return ConstraintEnforcement.Default(constraint);
    }
}
