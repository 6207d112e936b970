using Ward.Core.Decisions;
using Ward.Core.Graph;

namespace Ward.Gcp.Edges.Checkers;

/// <summary>
/// <c>gcp-set-iam-policy</c>: a principal that may change the allow policy of an organization, folder or project
/// (<c>resourcemanager.*.setIamPolicy</c>) grants itself any role there, so it is owner-equivalent of the container.
/// A principal allowed outright is already a target (<see cref="OwnerEquivalence"/>); this self-escalation is the
/// grant that holds only under a condition Ward cannot decide (a tag, a request attribute), or that Ward could not
/// decide at all, so the edge carries the requirement.
/// </summary>
public sealed class SetHierarchyIamPolicyEdgeChecker : IGcpEdgeChecker
{
    public string TechniqueId => "gcp-set-iam-policy";

    public bool GrantsAdmin => true;

    public IEnumerable<Edge> Check(GcpEdgeContext context, IReadOnlySet<string>? targets)
    {
        ArgumentNullException.ThrowIfNull(context);
        foreach (var node in context.HierarchyTopDown)
        {
            if (context.ContainerResource(node) is not { } resource)
            {
                continue;
            }

            var permission = GcpEdgeContext.SetIamPolicyOf(node.Kind);
            var name = OwnerEquivalence.Label(node);
            foreach (var holder in context.WhoCan(permission, resource).Where(h => h.Decision.Kind != DecisionKind.Allowed))
            {
                var description = $"may change the allow policy of `{name}` and grant itself any role there: owner-equivalent of `{name}`";
                if (context.EdgeIf(TechniqueId, holder.Principal, holder.Principal, description, [new EdgeStep(permission, name, holder.Decision)], grantsAdmin: true, adminScope: node.Name) is { } edge)
                {
                    yield return edge;
                }
            }
        }
    }
}
