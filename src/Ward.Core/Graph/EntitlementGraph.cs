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
        // A large organization's graph has 100,000s of nodes and edges, which callers often hand over as lazy queries
        // (sorted, de-duplicated): the nodes are indexed while the edges are produced, each index on a core of its own.
        var indexing = Task.Run(() => nodes.ToFrozenDictionary(n => n.Id));
        var produced = edges.ToList();
        Nodes = indexing.GetAwaiter().GetResult();
        Edges = [.. produced.Where(e => Nodes.ContainsKey(e.From) && Nodes.ContainsKey(e.To))];
        var incoming = Task.Run(() => Edges.GroupBy(e => e.To).ToFrozenDictionary(g => g.Key, g => g.ToImmutableArray()));
        _outgoing = Edges.GroupBy(e => e.From).ToFrozenDictionary(g => g.Key, g => g.ToImmutableArray());
        _incoming = incoming.GetAwaiter().GetResult();
    }

    public FrozenDictionary<PrincipalId, GraphNode> Nodes { get; }

    public ImmutableArray<Edge> Edges { get; }

    public ImmutableArray<Edge> Outgoing(PrincipalId id) => _outgoing.TryGetValue(id, out var edges) ? edges : [];

    public ImmutableArray<Edge> Incoming(PrincipalId id) => _incoming.TryGetValue(id, out var edges) ? edges : [];

    /// <summary>
    /// The shortest path from every principal that is not itself a target to its nearest target, in
    /// O(nodes + edges): breadth-first searches backwards from all targets at once. An edge that grants arbitrary
    /// permissions (<see cref="Edge.GrantsAdmin"/>) ends a path as if it reached a target. A path that needs no
    /// condition is preferred to a shorter one that does: a certain way to admin is the finding, and a conditional
    /// one is reported only for principals that have no certain one.
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
        ArgumentNullException.ThrowIfNull(isTarget);
        return ShortestPathsTo(Nodes.Values.Where(isTarget).Select(n => n.Id), endsPath);
    }

    /// <summary>
    /// As <see cref="ShortestPathsTo(Func{GraphNode, bool}, Func{Edge, bool})"/>, with the targets named: the search
    /// then costs what it reaches, not the whole graph (an analysis may search once per project of an organization).
    /// Ids that are not nodes are ignored.
    /// </summary>
    public IReadOnlyDictionary<PrincipalId, ImmutableArray<Edge>> ShortestPathsTo(IEnumerable<PrincipalId> targets, Func<Edge, bool> endsPath)
    {
        ArgumentNullException.ThrowIfNull(targets);
        ArgumentNullException.ThrowIfNull(endsPath);
        var targetSet = targets.Where(Nodes.ContainsKey).ToHashSet();

        // Every principal with an edge that grants arbitrary permissions (a self-escalation, or rewriting a principal
        // it can then become): its path ends with that edge.
        var selfEscalation = new Dictionary<PrincipalId, Edge>();
        foreach (var (holder, edges) in AdminEdgesInOrder)
        {
            if (!targetSet.Contains(holder) && edges.FirstOrDefault(endsPath) is { } self)
            {
                selfEscalation[holder] = self;
            }
        }

        return Search(targetSet, selfEscalation);
    }

    /// <summary>
    /// As <see cref="ShortestPathsTo(IEnumerable{PrincipalId}, Func{Edge, bool})"/>, ending paths with the edges
    /// that grant arbitrary permissions in one of <paramref name="adminScopes"/> (<see cref="Edge.AdminScope"/>): found
    /// through an index by scope, so searching once per container of a large hierarchy does not walk every such edge
    /// of the graph each time.
    /// </summary>
    /// <param name="targets">The principals paths lead to.</param>
    /// <param name="adminScopes">The scopes whose arbitrary-permission edges end a path.</param>
    /// <param name="settled">
    /// Principals the caller already has a path for, and such that (the caller vouches) every principal that can
    /// reach one either has a path too or needs none: they are neither given paths nor searched through, which leaves
    /// every other path as it would be. Searching a hierarchy top down, the principals reported at a container above
    /// are such (whoever reaches them reaches that container, so was reported there or owns it already).
    /// </param>
    public IReadOnlyDictionary<PrincipalId, ImmutableArray<Edge>> ShortestPathsTo(IEnumerable<PrincipalId> targets, IReadOnlySet<string> adminScopes, Func<PrincipalId, bool>? settled = null)
    {
        ArgumentNullException.ThrowIfNull(targets);
        ArgumentNullException.ThrowIfNull(adminScopes);
        var targetSet = targets.Where(Nodes.ContainsKey).ToHashSet();

        // Per holder, its first such edge in the order a path ends with (the lowest rank).
        var first = new Dictionary<PrincipalId, (Edge Edge, int Rank)>();
        foreach (var scope in adminScopes)
        {
            foreach (var (holder, edge, rank) in AdminEdgesByScope.GetValueOrDefault(scope, []))
            {
                if (!targetSet.Contains(holder) && settled?.Invoke(holder) != true && (!first.TryGetValue(holder, out var known) || rank < known.Rank))
                {
                    first[holder] = (edge, rank);
                }
            }
        }

        return Search(targetSet, first.ToDictionary(p => p.Key, p => p.Value.Edge), settled);
    }

    /// <summary>
    /// Backwards breadth-first from the targets and the holders of path-ending edges, seeded in id order, certain
    /// paths first: a principal that has a path needing no conditions is given its shortest such path, even when a
    /// shorter one needs conditions; only the others are given their shortest path through conditional edges.
    /// </summary>
    private Dictionary<PrincipalId, ImmutableArray<Edge>> Search(HashSet<PrincipalId> targetSet, Dictionary<PrincipalId, Edge> selfEscalation, Func<PrincipalId, bool>? settled = null)
    {
        var seeds = new List<PrincipalId>(targetSet);
        seeds.AddRange(selfEscalation.Keys);
        seeds.Sort((a, b) => string.CompareOrdinal(a.Value, b.Value));
        var next = new Dictionary<PrincipalId, Edge?>();

        // Levels of the search: a principal's level is the number of steps before its path's last seed.
        var levels = new List<List<PrincipalId>> { new() };
        foreach (var seed in seeds.Where(s => !selfEscalation.TryGetValue(s, out var edge) || !edge.IsConditional))
        {
            next[seed] = null;
            levels[0].Add(seed);
        }

        Spread(levels, next, certainOnly: true, settled);

        // Holders whose only path-ending edge is conditional, unless a certain path reached them already.
        foreach (var seed in seeds.Where(s => !next.ContainsKey(s)))
        {
            next[seed] = null;
            levels[0].Add(seed);
        }

        Spread(levels, next, certainOnly: false, settled);

        // In the nodes' own order, as callers have always met them.
        var reached = next.Keys.Where(id => !targetSet.Contains(id)).OrderBy(id => NodePositions[id]);
        var paths = new Dictionary<PrincipalId, ImmutableArray<Edge>>();
        foreach (var id in reached)
        {
            var step = next[id];
            var path = ImmutableArray.CreateBuilder<Edge>();
            var at = id;
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

            paths[id] = path.ToImmutable();
        }

        return paths;
    }

    /// <summary>
    /// Follows edges backwards level by level from every principal already in <paramref name="levels"/>, giving each
    /// principal met for the first time its first edge in path order.
    /// </summary>
    private void Spread(List<List<PrincipalId>> levels, Dictionary<PrincipalId, Edge?> next, bool certainOnly, Func<PrincipalId, bool>? settled)
    {
        for (var level = 0; level < levels.Count; level++)
        {
            // Read by index: principals met at this level join the next one, which may be created here.
            var current = levels[level];
            for (var i = 0; i < current.Count; i++)
            {
                foreach (var edge in IncomingInPathOrder.GetValueOrDefault(current[i], []))
                {
                    if ((!certainOnly || !edge.IsConditional) && settled?.Invoke(edge.From) != true && next.TryAdd(edge.From, edge))
                    {
                        if (levels.Count == level + 1)
                        {
                            levels.Add([]);
                        }

                        levels[level + 1].Add(edge.From);
                    }
                }
            }
        }
    }

    // Worked out once per graph: every search reads them.

    /// <summary>Each node's place in <see cref="Nodes"/>' enumeration.</summary>
    private FrozenDictionary<PrincipalId, int> NodePositions => field ??= Nodes.Keys.Select((id, i) => (id, i)).ToFrozenDictionary(p => p.id, p => p.i);

    /// <summary>
    /// Per principal with some, its edges that grant arbitrary permissions (not limited to services), the one a path
    /// ends with first: certain before conditional, self-escalations first, then by technique.
    /// </summary>
    private ImmutableArray<(PrincipalId Holder, ImmutableArray<Edge> Edges)> AdminEdgesInOrder => field.IsDefault
        ? field = [.. _outgoing
            .Select(p => (Holder: p.Key, Edges: p.Value.Where(e => e.GrantsAdmin && !e.IsLimitedToServices).OrderBy(e => e.IsConditional ? 1 : 0).ThenBy(e => e.IsSelfEscalation ? 0 : 1).ThenBy(e => e.Technique, StringComparer.Ordinal).ToImmutableArray()))
            .Where(p => !p.Edges.IsEmpty)]
        : field;

    /// <summary>The edges of <see cref="AdminEdgesInOrder"/> that name the scope they grant arbitrary permissions in, by scope, with their rank in their holder's order.</summary>
    private FrozenDictionary<string, ImmutableArray<(PrincipalId Holder, Edge Edge, int Rank)>> AdminEdgesByScope => field ??= AdminEdgesInOrder
        .SelectMany(p => p.Edges.Select((edge, rank) => (p.Holder, Edge: edge, Rank: rank)))
        .Where(x => x.Edge.AdminScope is not null)
        .GroupBy(x => x.Edge.AdminScope!, StringComparer.Ordinal)
        .ToFrozenDictionary(g => g.Key, g => g.ToImmutableArray(), StringComparer.Ordinal);

    /// <summary>The edges a search follows backwards into each node, in the order it tries them.</summary>
    private FrozenDictionary<PrincipalId, ImmutableArray<Edge>> IncomingInPathOrder => field ??= _incoming.ToFrozenDictionary(
        p => p.Key,
        p => p.Value.Where(e => !e.IsSelfEscalation && !e.IsLimitedToServices).OrderBy(e => e.From.Value, StringComparer.Ordinal).ThenBy(e => e.IsConditional ? 1 : 0).ThenBy(e => e.Technique, StringComparer.Ordinal).ToImmutableArray());
}
