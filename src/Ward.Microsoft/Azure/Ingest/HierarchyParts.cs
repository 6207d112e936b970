using Ward.Microsoft.Azure.Rbac;

namespace Ward.Microsoft.Azure.Ingest;

/// <summary>Management groups and subscriptions as read, before several files are merged into one hierarchy.</summary>
internal sealed class HierarchyParts
{
    public List<ManagementGroup> ManagementGroups { get; } = [];

    public List<AzureSubscription> Subscriptions { get; } = [];
}
