using System.Collections.Immutable;
using Ward.Core.Graph;

namespace Ward.Analysis;

/// <summary>One step of an escalation path: from a principal, by a technique, to a principal, with the permissions used.</summary>
public sealed record PathStep(string From, string Technique, string To, string Description, ImmutableArray<PathPermission> Permissions, ImmutableArray<string> Requirements)
{
    /// <summary>The step an edge of the graph makes, described with its source's label.</summary>
    public static PathStep Of(EntitlementGraph graph, Edge edge) => new(
        edge.From.Value,
        edge.Technique,
        edge.To.Value,
        $"`{graph.Nodes[edge.From].Label}` {edge.Description}",
        [.. edge.Permissions.Select(p => new PathPermission(p.Action, p.Resource, p.GrantedBy))],
        edge.Requirements.IsDefault ? [] : edge.Requirements);
}

public sealed record PathPermission(string Action, string Resource, string GrantedBy);
