namespace Ward.Gcp.Ingest;

/// <summary>The Cloud Asset Inventory asset types whose resource data Ward reads.</summary>
internal static class AssetTypes
{
    public const string Organization = "cloudresourcemanager.googleapis.com/Organization";
    public const string Folder = "cloudresourcemanager.googleapis.com/Folder";
    public const string Project = "cloudresourcemanager.googleapis.com/Project";
    public const string ServiceAccount = "iam.googleapis.com/ServiceAccount";
    public const string ServiceAccountKey = "iam.googleapis.com/ServiceAccountKey";
    public const string Role = "iam.googleapis.com/Role";
    public const string ComputeInstance = "compute.googleapis.com/Instance";
    public const string ComputeProject = "compute.googleapis.com/Project";
    public const string ComposerEnvironment = "composer.googleapis.com/Environment";
    public const string GkeCluster = "container.googleapis.com/Cluster";
    public const string StorageBucket = "storage.googleapis.com/Bucket";
}
