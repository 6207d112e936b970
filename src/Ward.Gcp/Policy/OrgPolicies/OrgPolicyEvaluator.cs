using System.Collections.Immutable;
using Ward.Gcp.Iam;

namespace Ward.Gcp.Policy.OrgPolicies;

/// <summary>
/// Decides boolean constraints over the hierarchy as the Organization Policy Service does: the closest policy that
/// sets the constraint (the node's own, then its folders', then the organization's) decides it; a policy that
/// resets restores the default (not enforced, for the constraints Ward reads); a policy with no live rules (a dry run
/// only) takes its parent's. In a policy's rules, the rule without a condition decides everywhere, and rules with a
/// condition (over tags, which Google requires to say the opposite) decide where their condition holds, which Ward
/// cannot tell: the constraint is then enforced under a condition. Without a policy anywhere, not enforced.
/// </summary>
public static class OrgPolicyEvaluator
{
    /// <param name="estate">The estate, with its organization policies.</param>
    /// <param name="ancestors">The node's ancestry as relative names, the node first (<see cref="HierarchyNode.Ancestors"/>).</param>
    /// <param name="constraint">The boolean constraint, without <c>constraints/</c>.</param>
    public static ConstraintEnforcement Evaluate(GcpEstate estate, ImmutableArray<string> ancestors, string constraint)
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
            var exceptions = rules.Where(r => r.Condition is not null && r.Enforce != everywhere).Select(r => $"`{r.Condition}`").ToList();
            if (exceptions.Count == 0)
            {
                return new ConstraintEnforcement(constraint, everywhere ? ConstraintState.Enforced : ConstraintState.NotEnforced, node, null);
            }

            var conditions = string.Join(" or ", exceptions);
            var unless = everywhere
                ? $"the organization policy on `{node}` enforces `{constraint}` except where {conditions} holds (over tags, which Ward does not read): it must hold here"
                : $"the organization policy on `{node}` enforces `{constraint}` where {conditions} holds (over tags, which Ward does not read): it must not hold here";
            return new ConstraintEnforcement(constraint, ConstraintState.EnforcedUnderCondition, node, unless);
        }

        return ConstraintEnforcement.Default(constraint);
    }
}
