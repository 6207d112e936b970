using Ward.Gcp.Iam;

namespace Ward.Analysis;

/// <summary>What a scan read of Google Cloud, for the reports' headlines.</summary>
public sealed record GcpEstateSummary(int Organizations, int Folders, int Projects, int Principals, int ServiceAccounts, int EscalationEdges)
{
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
            context.Graph.Graph.Edges.Length);
    }
}
