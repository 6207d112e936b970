using System.Collections.Frozen;
using System.Collections.Immutable;
using Ward.Core.Graph;
using Ward.Core.Model;
using Ward.Gcp.Iam;

namespace Ward.Gcp.Edges;

/// <summary>
/// The entitlement graph of a Google Cloud estate, with the owner-equivalent principals of every organization, folder
/// and project (the targets of escalation paths, which differ from container to container).
/// </summary>
public sealed record GcpGraph(EntitlementGraph Graph, ImmutableArray<HierarchyNode> HierarchyTopDown, ContainerOwners Owners)
{
    /// <summary>The binding that makes the principal owner-equivalent of the container (full name), or null when it is not.</summary>
    public string? OwnerEquivalenceOf(string principal, string container) => Owners.Of(principal, container);

    /// <summary>
    /// For every principal that can become owner-equivalent of a container it is not already owner-equivalent of,
    /// the highest such container (organization first, then folders, then projects) and the shortest path there:
    /// one backward search per container whose own allow policy may make a difference, ending at its
    /// owner-equivalent principals or at an edge that makes one owner-equivalent of it or of a container above it.
    /// </summary>
    public ImmutableArray<GcpEscalation> Escalations()
    {
        var found = new Dictionary<string, GcpEscalation>(StringComparer.Ordinal);
        var scopes = Graph.Edges.Where(e => e.AdminScope is not null).Select(e => e.AdminScope!).ToHashSet(StringComparer.Ordinal);

        // The containers of one depth are searched side by side, after those above: a search stops only at principals
        // found at a container above it, never at a sibling's. The first container (in hierarchy order) that finds a
        // principal keeps it, as if they were searched one by one.
        foreach (var level in HierarchyTopDown.GroupBy(c => c.Ancestors.IsEmpty ? 1 : c.Ancestors.Length))
        {
            // A container without a policy of its own, and no edge granting it, has the owners and paths of its parent.
            var searched = level.Where(c => c.Ancestors.Length <= 1 || scopes.Contains(c.Name) || Owners.AddedAt(c.Name).Count != 0).ToList();
            var paths = new KeyValuePair<PrincipalId, ImmutableArray<Edge>>[searched.Count][];
            Parallel.For(0, searched.Count, i => paths[i] = PathsTo(searched[i], found));
            for (var i = 0; i < searched.Count; i++)
            {
                foreach (var (principal, path) in paths[i])
                {
                    if (!path.IsEmpty && !found.ContainsKey(principal.Value))
                    {
                        found.Add(principal.Value, new GcpEscalation(principal.Value, searched[i], path));
                    }
                }
            }
        }

        return [.. found.Values.OrderBy(e => e.Principal, StringComparer.Ordinal)];
    }

    /// <summary>
    /// The shortest paths to a container's owner-equivalent principals, by principal. Whoever can reach a principal
    /// found at a container above this one reaches that container too, so was found there or owns it (and so this one)
    /// already: the search need not pass through such principals. (Not those found at a sibling: an owner of the
    /// sibling may reach this container through them.) <paramref name="found"/> is only read.
    /// </summary>
    private KeyValuePair<PrincipalId, ImmutableArray<Edge>>[] PathsTo(HierarchyNode container, Dictionary<string, GcpEscalation> found)
    {
        var above = (container.Ancestors.IsEmpty ? ImmutableArray.Create(container.RelativeName) : container.Ancestors).Select(ResourceNames.Container).ToFrozenSet(StringComparer.Ordinal);
        var paths = Graph.ShortestPathsTo(Owners.All(container.Name).Select(owner => new PrincipalId(owner.Key)), above, id => found.TryGetValue(id.Value, out var known) && above.Contains(known.Container.Name));
        return [.. paths.OrderBy(p => p.Key.Value, StringComparer.Ordinal)];
    }

    /// <summary>The node for a principal, if the graph has it.</summary>
    public GraphNode? Node(string principal) => Graph.Nodes.GetValueOrDefault(new PrincipalId(principal));
}
