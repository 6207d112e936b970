using Ward.Gcp.Iam;

namespace Ward.Analysis;

/// <summary>What a scan read of Google Cloud, for the reports' headlines.</summary>
public sealed record GcpEstateSummary(int Organizations, int Folders, int Projects, int Principals, int ServiceAccounts, int EscalationEdges)
{
    /// <summary>The Compute Engine instances read (those that run as service accounts make VM edges certain).</summary>
    public int Instances { get; init; }

    public static GcpEstateSummary Of(GcpAnalysisContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var nodes = context.Estate.Nodes.CountBy(n => n.Kind).ToDictionary();
        return new(
            nodes.GetValueOrDefault(HierarchyNodeKind.Organization),
            nodes.GetValueOrDefault(HierarchyNodeKind.Folder),
            nodes.GetValueOrDefault(HierarchyNodeKind.Project),
            context.Edges.Principals.Count,
            context.Edges.ServiceAccounts.Length,
            context.Graph.Graph.Edges.Length)
        {
            Instances = context.Estate.ComputeInstances.Length,
        };
    }
}
