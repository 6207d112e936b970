using System.Collections.Immutable;
using Ward.Core.Graph;

namespace Ward.Analysis;

/// <summary>One step of an escalation path: from a principal, by a technique, to a principal, with the permissions used.</summary>
public sealed record PathStep(string From, string Technique, string To, string Description, ImmutableArray<PathPermission> Permissions, ImmutableArray<string> Requirements)
{
    /// <summary>The name people know the step's target by (a user principal name, a display name) when its id does not say it.</summary>
    public string? ToName { get; init; }

    /// <summary>The step an edge of the graph makes, described with its source's label.</summary>
    public static PathStep Of(EntitlementGraph graph, Edge edge) => new(
        edge.From.Value,
        edge.Technique,
        edge.To.Value,
        $"`{graph.Nodes[edge.From].Label}` {edge.Description}",
        [.. edge.Permissions.Select(p => new PathPermission(p.Action, p.Resource, p.GrantedBy))],
        edge.Requirements.IsDefault ? [] : edge.Requirements)
    {
        ToName = graph.Nodes.TryGetValue(edge.To, out var target) && target.Label != edge.To.Value ? target.Label : null,
    };
}

public sealed record PathPermission(string Action, string Resource, string GrantedBy);
