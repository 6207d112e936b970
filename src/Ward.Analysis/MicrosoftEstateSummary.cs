namespace Ward.Analysis;

/// <summary>What a scan read of Entra ID and Azure, for the reports' headlines.</summary>
public sealed record MicrosoftEstateSummary(
    string? TenantId,
    string? TenantName,
    int Users,
    int Groups,
    int ServicePrincipals,
    int Subscriptions,
    int ManagementGroups,
    int EscalationEdges)
{
    public bool HasEntra => Users + Groups + ServicePrincipals > 0 || TenantId is not null;

    public bool HasAzure => Subscriptions + ManagementGroups > 0;

    public static MicrosoftEstateSummary Of(MicrosoftAnalysisContext context) => new(
        context.TenantId,
        context.Directory.TenantDisplayName,
        context.Directory.Users.Length,
        context.Directory.Groups.Length,
        context.Directory.ServicePrincipals.Length,
        context.Azure.Hierarchy.Subscriptions.Length,
        context.Azure.Hierarchy.ManagementGroups.Length,
        context.Graph.Edges.Length);
}
