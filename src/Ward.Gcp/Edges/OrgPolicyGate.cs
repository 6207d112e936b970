using System.Collections.Immutable;
using Ward.Core.Decisions;
using Ward.Core.Graph;
using Ward.Gcp.Iam;
using Ward.Gcp.Policy.OrgPolicies;

namespace Ward.Gcp.Edges;

/// <summary>
/// The boolean constraints that stop a technique in a project (<c>iam.disableServiceAccountKeyCreation</c> stops key
/// creation). An edge a constraint enforced on its project blocks is dropped, unless its principal may set
/// organization policies there (<c>orgpolicy.policy.set</c>, on the project or above): it lifts the constraint on the
/// project first (a project's own policy overrides those above it), so the edge is kept, with that permission among
/// those it uses. Where a constraint is enforced only under a tag condition, the edge is kept, conditional on it.
/// Without an organization policy export nothing is enforced, as before Ward read them.
/// </summary>
public static class OrgPolicyGate
{
    public const string SetPolicy = "orgpolicy.policy.set";

    public static Edge? Apply(GcpEdgeContext context, Edge edge, HierarchyNode project, ImmutableArray<string> constraints)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(edge);
        ArgumentNullException.ThrowIfNull(project);
        var enforced = constraints.Select(c => context.Enforcement(project, c)).Where(e => e.State != ConstraintState.NotEnforced).ToList();
        if (enforced.Count == 0)
        {
            return edge;
        }

        var blocks = enforced.Exists(e => e.State == ConstraintState.Enforced);
        var projectName = OwnerEquivalence.Label(project);
        if (context.ContainerResource(project) is { } resource)
        {
            var lift = context.Authorize(edge.From.Value, SetPolicy, resource);
            if ((lift is Allowed || (blocks && lift is Conditional or Indeterminate))
                && context.EdgeIf(edge.Technique, edge.From.Value, edge.To.Value, edge.Description, [new EdgeStep(SetPolicy, projectName, lift)]) is { } lifted)
            {
                return edge with
                {
                    Description = $"lifts {string.Join(" and ", enforced.Select(e => e.Describe()))} on `{projectName}` with `{SetPolicy}`, then {edge.Description}",
                    Permissions = edge.Permissions.AddRange(lifted.Permissions),
                    Requirements = [.. edge.Requirements.Concat(lifted.Requirements).Distinct(StringComparer.Ordinal)],
                };
            }
        }

        return blocks ? null : edge with { Requirements = [.. edge.Requirements.Concat(enforced.Select(e => e.Unless!)).Distinct(StringComparer.Ordinal)] };
    }
}
