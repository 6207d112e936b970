using Ward.Core.Decisions;
using Ward.Core.Graph;
using Ward.Gcp.Policy.Evaluation;

namespace Ward.Gcp.Edges.Checkers;

/// <summary>
/// <c>gcp-tag-unbinding</c>: a condition that holds or fails only because an organization, folder or project carries a
/// tag changes with it once whoever may delete that tag binding (<c>resourcemanager.tagValueBindings.delete</c> on the
/// value and <c>resourcemanager.hierarchyNodes.deleteTagBinding</c> on the container, both in Tag User) does so: a deny
/// rule conditioned on the tag stops refusing, and an allow binding conditioned on its absence
/// (<c>!resource.matchTag(…)</c>), or on the value the parent brings back, starts granting. When the evaluator answers
/// the principal's <c>setIamPolicy</c> on the container better once the binding is supposed deleted (with every other
/// condition, deny rule and boundary as they are), the principal becomes owner-equivalent of the container. A
/// self-escalation. Only a tag bound to the container itself can be deleted there: an inherited one is not followed,
/// and deleting a binding brings back the value the parent has, if any.
/// </summary>
public sealed class TagUnbindingEdgeChecker : IGcpEdgeChecker
{
    private const string UnbindValue = "resourcemanager.tagValueBindings.delete";
    private const string UnbindFromContainer = "resourcemanager.hierarchyNodes.deleteTagBinding";

    public string TechniqueId => "gcp-tag-unbinding";

    public bool GrantsAdmin => true;

    public IEnumerable<Edge> Check(GcpEdgeContext context, IReadOnlySet<string>? targets)
    {
        ArgumentNullException.ThrowIfNull(context);
        var denies = TagConditions.HasTagConditionedDeny(context.Estate);
        foreach (var node in context.HierarchyTopDown)
        {
            // Tags not known give nothing to delete: which tag a condition waits on, and what replaces it, are not known either.
            var setIamPolicy = GcpEdgeContext.SetIamPolicyOf(node.Kind);
            if (context.ContainerResource(node) is not { } resource
                || context.Authorizer.Tags.Of(resource) is not { UnknownBecause: null } tags
                || tags.Tags.Where(t => t.BoundTo == tags.Resource && t.ValueId is not null).ToList() is not { Count: > 0 } ownTags)
            {
                continue;
            }

            // A tag lifts a denial only through a deny rule's condition, and gives a grant only through an allow binding's.
            var grants = TagConditions.HasTagConditionedGrant(context, resource, setIamPolicy);
            if (!denies && !grants)
            {
                continue;
            }

            var name = OwnerEquivalence.Label(node);
            var unbinders = context.WhoCan(UnbindFromContainer, resource).ToDictionary(a => a.Principal, a => a.Decision, StringComparer.Ordinal);
            var now = new Dictionary<string, DecisionKind>(StringComparer.Ordinal);
            var best = new Dictionary<string, Edge>(StringComparer.Ordinal);
            foreach (var tag in ownTags.OrderBy(t => t.ValueId, StringComparer.Ordinal))
            {
                if (context.TagValueResource(tag.ValueId!) is not { } valueResource)
                {
                    continue;
                }

                foreach (var holder in context.WhoCan(UnbindValue, valueResource))
                {
                    if (!unbinders.TryGetValue(holder.Principal, out var onContainer))
                    {
                        continue;
                    }

                    var before = AnswerNow(context, now, holder.Principal, setIamPolicy, resource);
                    if (TagConditions.Rank(before) == 2 || (before == DecisionKind.ExplicitDeny ? !denies : !grants))
                    {
                        continue;
                    }

                    // Refused for another reason too (another deny rule, no allow grant): no better once the tag is gone, so no edge.
                    var then = context.Authorize(holder.Principal, setIamPolicy, resource, supposingTagRemoved: tag.ValueId);
                    if (TagConditions.Rank(then.Kind) <= TagConditions.Rank(before))
                    {
                        continue;
                    }

                    var description = before == DecisionKind.ExplicitDeny
                        ? $"deletes the binding of tag {tag.Describe()} to `{name}`, which a deny rule refusing it `{setIamPolicy}` there is conditioned on, then uses its grant of `{setIamPolicy}` to grant itself any role there: owner-equivalent of `{name}`"
                        : $"deletes the binding of tag {tag.Describe()} to `{name}`, so that its grant of `{setIamPolicy}` there, conditioned on the container's tags, holds, then grants itself any role there: owner-equivalent of `{name}`";
                    EdgeStep[] steps = [new(UnbindValue, tag.ValueId!, holder.Decision), new(UnbindFromContainer, name, onContainer), new(setIamPolicy, name, then)];
                    if (context.EdgeIf(TechniqueId, holder.Principal, holder.Principal, description, steps, grantsAdmin: true, adminScope: node.Name) is not { } edge)
                    {
                        continue;
                    }

                    GcpEdgeContext.KeepBest(best, edge);
                }
            }

            foreach (var edge in best.Values.OrderBy(e => e.From.Value, StringComparer.Ordinal))
            {
                yield return edge;
            }
        }
    }

    /// <summary>The principal's answer for the container's <c>setIamPolicy</c> with its tags as they are; asked once per container.</summary>
    private static DecisionKind AnswerNow(GcpEdgeContext context, Dictionary<string, DecisionKind> now, string principal, string setIamPolicy, GcpResource resource)
    {
        if (!now.TryGetValue(principal, out var kind))
        {
            kind = now[principal] = context.Authorize(principal, setIamPolicy, resource).Kind;
        }

        return kind;
    }
}
