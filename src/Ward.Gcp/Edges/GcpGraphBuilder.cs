using Ward.Core.Graph;
using Ward.Core.Model;
using Ward.Gcp.Iam;

namespace Ward.Gcp.Edges;

/// <summary>
/// Builds the entitlement graph of a Google Cloud estate: every principal a binding names (users, service accounts,
/// groups, domains, public and federated members) and every exported service account as nodes, owner-equivalent
/// principals marked with why, and every edge on a path to one. A group is a node of its own, standing for its
/// members (exported memberships are used by the evaluator, not expanded into member nodes).
/// </summary>
public static class GcpGraphBuilder
{
    public static GcpGraph Build(GcpEdgeContext context, IEnumerable<IGcpEdgeChecker>? checkers = null)
    {
        ArgumentNullException.ThrowIfNull(context);
        var all = (checkers ?? GcpEdgeCheckers.All).ToList();

        // Backwards from the owner-equivalent principals, as for AWS and Microsoft: self-escalations once (while the
        // owner-equivalent principals are worked out: neither needs the other), then the lateral techniques only
        // towards what already reaches a target, layer by layer.
        var ownersOf = Task.Run(() => OwnerEquivalence.Of(context));
        var edges = CheckAll([.. all.Where(c => c.GrantsAdmin)], context, targets: null);
        var owners = ownersOf.GetAwaiter().GetResult();
        var reached = new HashSet<string>(owners.Principals.Concat(edges.Select(e => e.From.Value)), StringComparer.Ordinal);
        var frontier = reached.ToHashSet(StringComparer.Ordinal);
        var lateral = all.Where(c => !c.GrantsAdmin).ToList();
        while (frontier.Count > 0)
        {
            var next = new HashSet<string>(StringComparer.Ordinal);
            foreach (var edge in CheckAll(lateral, context, frontier))
            {
                edges.Add(edge);
                if (reached.Add(edge.From.Value))
                {
                    next.Add(edge.From.Value);
                }
            }

            frontier = next;
        }

        // A disabled service account no one may enable cannot act: no path starts from it (none leads to it either,
        // as every edge to a disabled account needs the enable permission).
        edges.RemoveAll(e => context.IsDisabledServiceAccount(e.From.Value) && !context.MayBeEnabled(e.From.Value));

        // Why each principal is a target, from the highest container it is owner-equivalent of.
        var adminReasons = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var node in context.HierarchyTopDown)
        {
            // The sentence only for the highest container: owners of the organization own every project too, and a
            // container lists only the owners its parent does not have, after it in this order.
            foreach (var (principal, reason) in owners.AddedAt(node.Name))
            {
                if (!adminReasons.ContainsKey(principal))
                {
                    adminReasons[principal] = OwnerEquivalence.Sentence(node, reason);
                }
            }
        }

        var ids = context.Principals.Keys.Concat(edges.SelectMany(e => new[] { e.From.Value, e.To.Value })).Concat(adminReasons.Keys).Distinct(StringComparer.Ordinal);
        var nodes = ids.Select(id => Node(context, id, adminReasons.GetValueOrDefault(id)));
        var ordered = edges.DistinctBy(e => (e.From, e.To, e.Technique, e.AdminScope))
            .OrderBy(e => e.From.Value, StringComparer.Ordinal).ThenBy(e => e.To.Value, StringComparer.Ordinal).ThenBy(e => e.Technique, StringComparer.Ordinal).ThenBy(e => e.AdminScope, StringComparer.Ordinal);
        return new GcpGraph(new EntitlementGraph(nodes, ordered), context.HierarchyTopDown, owners);
    }

    /// <summary>
    /// The edges of every checker, in checker order: each checker on a worker of its own (the evaluator and its
    /// answers are shared and safe to read from several), since a few of them ask most of the questions.
    /// </summary>
    private static List<Edge> CheckAll(List<IGcpEdgeChecker> checkers, GcpEdgeContext context, IReadOnlySet<string>? targets)
    {
        var found = new List<Edge>[checkers.Count];
        Parallel.For(0, checkers.Count, i => found[i] = [.. checkers[i].Check(context, targets)]);
        return [.. found.SelectMany(f => f)];
    }

    private static GraphNode Node(GcpEdgeContext context, string id, string? adminReason)
    {
        var member = context.Principals.TryGetValue(id, out var known) ? known : Member.Parse(id);
        var scope = GcpPrincipals.ServiceAccountEmail(id) is { } email ? context.ProjectOfServiceAccount(email) is { } project ? OwnerEquivalence.Label(project) : null : null;
        return new GraphNode(new PrincipalId(id), GcpPrincipals.KindOf(member), CloudProvider.Gcp, id, scope) { AdminReason = adminReason };
    }
}
