using System.Collections.Immutable;
using Ward.Core.Graph;
using Ward.Gcp.Iam;

namespace Ward.Gcp.Edges;

/// <summary>A principal that can become owner-equivalent of a container it is not already owner-equivalent of, and the shortest way.</summary>
public sealed record GcpEscalation(string Principal, HierarchyNode Container, ImmutableArray<Edge> Path)
{
    public bool IsConditional => Path.Any(e => e.IsConditional);
}
