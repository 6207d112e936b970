using Ward.Core.Decisions;
using Ward.Core.Graph;
using Ward.Gcp.Iam;
using Ward.Gcp.Policy.Evaluation;

namespace Ward.Gcp.Edges.Checkers;

/// <summary>
/// <c>gcp-tag-binding</c>: a principal that may bind a tag value to an organization, folder or project (as Google
/// documents the Tag User role: <c>resourcemanager.tagValueBindings.create</c> on the value and
/// <c>resourcemanager.hierarchyNodes.createTagBinding</c> on the container) makes a tag condition hold there. When a
/// binding of a role that includes the container's <c>setIamPolicy</c> names it under such a condition, and the
/// evaluator allows it once the value is supposed bound (with every other condition, deny rule and boundary as they
/// are) but not now, the principal becomes owner-equivalent of the container. A self-escalation. No edge for a value
/// the container already has, bound or inherited (the grant already holds or never will through it). A value whose key
/// has another value bound to the container itself replaces it only by deleting that binding first
/// (<c>resourcemanager.tagValueBindings.delete</c> on the value bound and
/// <c>resourcemanager.hierarchyNodes.deleteTagBinding</c> on the container, also in Tag User), which the edge then
/// needs too; where the container's tags are not known, the edge is conditional on no such binding.
/// </summary>
public sealed class TagBindingEdgeChecker : IGcpEdgeChecker
{
    private const string BindValue = "resourcemanager.tagValueBindings.create";
    private const string BindToContainer = "resourcemanager.hierarchyNodes.createTagBinding";
    private const string UnbindValue = "resourcemanager.tagValueBindings.delete";
    private const string UnbindFromContainer = "resourcemanager.hierarchyNodes.deleteTagBinding";

    public string TechniqueId => "gcp-tag-binding";

    public bool GrantsAdmin => true;

    public IEnumerable<Edge> Check(GcpEdgeContext context, IReadOnlySet<string>? targets)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Estate.TagValues.IsEmpty)
        {
            yield break;
        }

        foreach (var node in context.HierarchyTopDown)
        {
            var setIamPolicy = GcpEdgeContext.SetIamPolicyOf(node.Kind);
            if (context.ContainerResource(node) is not { } resource || !TagConditions.HasTagConditionedGrant(context, resource, setIamPolicy))
            {
                continue;
            }

            var name = OwnerEquivalence.Label(node);
            var now = context.WhoCan(setIamPolicy, resource).ToDictionary(a => a.Principal, a => a.Decision.Kind, StringComparer.Ordinal);
            var binders = context.WhoCan(BindToContainer, resource).ToDictionary(a => a.Principal, a => a.Decision, StringComparer.Ordinal);
            var unbinders = new Lazy<Dictionary<string, Decision>>(() => context.WhoCan(UnbindFromContainer, resource).ToDictionary(a => a.Principal, a => a.Decision, StringComparer.Ordinal));
            var best = new Dictionary<string, Edge>(StringComparer.Ordinal);
            foreach (var value in context.Estate.TagValues.Where(v => Attachable(context, v, node)).OrderBy(v => v.Name, StringComparer.Ordinal))
            {
                // A value the container has already changes nothing. Another value of the key bound to the container
                // itself is deleted first, by those who may delete it (one whose id is unknown cannot be).
                var present = context.Authorizer.Tags.OfKey(resource, value.Name);
                var replaced = present?.BoundTo == resource.RelativeName ? present : null;
                if (context.TagValueResource(value.Name) is not { } valueResource || present?.ValueId == value.Name || replaced is { ValueId: null })
                {
                    continue;
                }

                var deleters = replaced is null ? null
                    : context.TagValueResource(replaced.ValueId!) is { } replacedResource ? context.WhoCan(UnbindValue, replacedResource).ToDictionary(a => a.Principal, a => a.Decision, StringComparer.Ordinal)
                    : [];
                var requirement = OnlyIfNoneBound(context, resource, value, name);

                foreach (var holder in context.WhoCan(BindValue, valueResource))
                {
                    if (!binders.TryGetValue(holder.Principal, out var onContainer) || TagConditions.Rank(now.GetValueOrDefault(holder.Principal, DecisionKind.ImplicitDeny)) == 2)
                    {
                        continue;
                    }

                    Decision? deleteValue = null;
                    Decision? deleteFromContainer = null;
                    if (deleters is not null && (!deleters.TryGetValue(holder.Principal, out deleteValue) || !unbinders.Value.TryGetValue(holder.Principal, out deleteFromContainer)))
                    {
                        continue;
                    }

                    var then = context.Authorize(holder.Principal, setIamPolicy, resource, supposingTagValue: value.Name);
                    if (TagConditions.Rank(then.Kind) <= TagConditions.Rank(now.GetValueOrDefault(holder.Principal, DecisionKind.ImplicitDeny)))
                    {
                        continue;
                    }

                    var tag = value.NamespacedName ?? value.Name;
                    var description = replaced is null
                        ? $"binds tag `{tag}` to `{name}`, so that a grant of `{setIamPolicy}` conditioned on it holds, and grants itself any role there: owner-equivalent of `{name}`"
                        : $"replaces the binding of tag {replaced.Describe()} to `{name}` with tag `{tag}` (deleting the first, binding the second), so that a grant of `{setIamPolicy}` conditioned on it holds, and grants itself any role there: owner-equivalent of `{name}`";
                    EdgeStep[] binding = [new(BindValue, value.Name, holder.Decision), new(BindToContainer, name, onContainer), new(setIamPolicy, name, then)];
                    EdgeStep[] steps = replaced is null ? binding : [new(UnbindValue, replaced.ValueId!, deleteValue!), new(UnbindFromContainer, name, deleteFromContainer!), .. binding];
                    if (context.EdgeIf(TechniqueId, holder.Principal, holder.Principal, description, steps, grantsAdmin: true, adminScope: node.Name) is not { } edge)
                    {
                        continue;
                    }

                    edge = requirement.Length == 0 ? edge : edge with { Requirements = edge.Requirements.Add(requirement) };
                    GcpEdgeContext.KeepBest(best, edge);
                }
            }

            foreach (var edge in best.Values.OrderBy(e => e.From.Value, StringComparer.Ordinal))
            {
                yield return edge;
            }
        }
    }

    /// <summary>
    /// Whether the value may be bound to the container: a key of an organization binds to the organization and
    /// everything in it, a key of a project to that project only. A key the export does not place binds nowhere Ward can say.
    /// </summary>
    private static bool Attachable(GcpEdgeContext context, TagValue value, HierarchyNode node)
    {
        var owner = context.Estate.TagKeys.FirstOrDefault(k => k.Name == value.Parent)?.Parent;
        return owner is not null && context.Estate.FindNode(owner) is { } owning && owning.Kind switch
        {
            HierarchyNodeKind.Organization => (node.Ancestors.IsEmpty ? node.RelativeName : node.Ancestors[^1]) == owning.RelativeName,
            HierarchyNodeKind.Project => owning.Name == node.Name,
            _ => false,
        };
    }

    /// <summary>
    /// Empty when the container's tags are known (a value bound to it is then seen and replaced); otherwise the requirement that no
    /// other value of the key is bound to it directly, which Ward cannot tell.
    /// </summary>
    private static string OnlyIfNoneBound(GcpEdgeContext context, GcpResource resource, TagValue value, string name)
    {
        var tags = context.Authorizer.Tags.Of(resource);
        var key = value.NamespacedName is { } namespaced && namespaced.LastIndexOf('/') is > 0 and var cut ? namespaced[..cut] : value.Parent;
        return tags.UnknownBecause is not { } why ? string.Empty
            : $"no other value of tag key `{key}` is bound to `{name}` itself (a resource holds one value per key, so that binding would have to be deleted first; {why})";
    }
}
