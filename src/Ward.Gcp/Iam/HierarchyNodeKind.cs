namespace Ward.Gcp.Iam;

/// <summary>The containers of the Resource Manager hierarchy.</summary>
public enum HierarchyNodeKind
{
    Organization,
    Folder,
    Project,
}
