using System.Collections.Frozen;
using System.Collections.Immutable;
using Ward.Core.Model;

namespace Ward.Core.Graph;

/// <summary>Principals and the edges between them, immutable once built; lookups are frozen dictionaries.</summary>
public sealed class EntitlementGraph
{
    private readonly FrozenDictionary<PrincipalId, ImmutableArray<Edge>> _outgoing;
    private readonly FrozenDictionary<PrincipalId, ImmutableArray<Edge>> _incoming;

    public EntitlementGraph(IEnumerable<GraphNode> nodes, IEnumerable<Edge> edges)
    {
        Nodes = nodes.ToFrozenDictionary(n => n.Id);
        Edges = [.. edges.Where(e => Nodes.ContainsKey(e.From) && Nodes.ContainsKey(e.To))];
        _outgoing = Edges.GroupBy(e => e.From).ToFrozenDictionary(g => g.Key, g => g.ToImmutableArray());
        _incoming = Edges.GroupBy(e => e.To).ToFrozenDictionary(g => g.Key, g => g.ToImmutableArray());
    }

    public FrozenDictionary<PrincipalId, GraphNode> Nodes { get; }

    public ImmutableArray<Edge> Edges { get; }

    public ImmutableArray<Edge> Outgoing(PrincipalId id) => _outgoing.TryGetValue(id, out var edges) ? edges : [];

    public ImmutableArray<Edge> Incoming(PrincipalId id) => _incoming.TryGetValue(id, out var edges) ? edges : [];

    /// <summary>
    /// The shortest path from every principal that is not itself a target to its nearest target, in
    /// O(nodes + edges): one breadth-first search backwards from all targets at once. An edge that grants arbitrary
    /// permissions (<see cref="Edge.GrantsAdmin"/>) ends a path as if it reached a target.
    /// </summary>
    /// <remarks>
    /// Edges limited to some services (<see cref="Edge.LimitedToServices"/>) are left out: the source may act as the
    /// target only in those services, so it cannot take the target's further steps (assume its roles, pass them,
    /// rewrite policies), and reaching an administrator that way is not being one.
    /// </remarks>
    public IReadOnlyDictionary<PrincipalId, ImmutableArray<Edge>> ShortestPathsTo(Func<GraphNode, bool> isTarget) =>
        ShortestPathsTo(isTarget, edge => edge.GrantsAdmin);

    /// <summary>
    /// As <see cref="ShortestPathsTo(Func{GraphNode, bool})"/>, with the edges that end a path (among those that
    /// grant arbitrary permissions) chosen by <paramref name="endsPath"/>: arbitrary permissions in one account do
    /// not reach a target in another.
    /// </summary>
    public IReadOnlyDictionary<PrincipalId, ImmutableArray<Edge>> ShortestPathsTo(Func<GraphNode, bool> isTarget, Func<Edge, bool> endsPath)
    {
        // Seeds: the targets, and every principal with an edge that grants arbitrary permissions (a
        // self-escalation, or rewriting a principal it can then become): its path ends with that edge.
        var selfEscalation = new Dictionary<PrincipalId, Edge>();
        var next = new Dictionary<PrincipalId, Edge?>();
        var queue = new Queue<PrincipalId>();
        foreach (var node in Nodes.Values.OrderBy(n => n.Id.Value, StringComparer.Ordinal))
        {
            var self = isTarget(node) ? null : Outgoing(node.Id).Where(e => e.GrantsAdmin && !e.IsLimitedToServices && endsPath(e)).OrderBy(e => e.IsConditional ? 1 : 0).ThenBy(e => e.IsSelfEscalation ? 0 : 1).ThenBy(e => e.Technique, StringComparer.Ordinal).FirstOrDefault();
            if (self is not null)
            {
                selfEscalation[node.Id] = self;
            }

            if (isTarget(node) || self is not null)
            {
                next[node.Id] = null;
                queue.Enqueue(node.Id);
            }
        }

        while (queue.Count > 0)
        {
            var current = queue.Dequeue();
            foreach (var edge in Incoming(current).Where(e => !e.IsSelfEscalation && !e.IsLimitedToServices).OrderBy(e => e.From.Value, StringComparer.Ordinal).ThenBy(e => e.IsConditional ? 1 : 0).ThenBy(e => e.Technique, StringComparer.Ordinal))
            {
                if (next.TryAdd(edge.From, edge))
                {
                    queue.Enqueue(edge.From);
                }
            }
        }

        var paths = new Dictionary<PrincipalId, ImmutableArray<Edge>>();
        foreach (var node in Nodes.Values)
        {
            if (isTarget(node) || !next.TryGetValue(node.Id, out var step))
            {
                continue;
            }

            var path = ImmutableArray.CreateBuilder<Edge>();
            var at = node.Id;
            var guard = 0;
            while (step is not null && guard++ < Nodes.Count)
            {
                path.Add(step);
                at = step.To;
                step = next.GetValueOrDefault(at);
            }

            if (selfEscalation.TryGetValue(at, out var last))
            {
                path.Add(last);
            }

            paths[node.Id] = path.ToImmutable();
        }

        return paths;
    }
}
