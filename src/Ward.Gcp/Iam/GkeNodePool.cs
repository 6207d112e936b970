namespace Ward.Gcp.Iam;

/// <summary>A node pool of a GKE cluster: the service account its nodes run as and how pods reach the metadata server.</summary>
/// <param name="Name">The pool's name.</param>
/// <param name="ServiceAccount">The nodes' service account email (<c>config.serviceAccount</c>); <c>default</c> (or absent): the project's Compute Engine default service account.</param>
/// <param name="MetadataMode">
/// <c>config.workloadMetadataConfig.mode</c>: <c>GKE_METADATA</c> (the GKE metadata server answers pods with their own
/// identity) or <c>GCE_METADATA</c> (pods read the node's metadata, its service account's token); null when not given.
/// </param>
public sealed record GkeNodePool(string Name, string ServiceAccount, string? MetadataMode)
{
    public const string DefaultServiceAccount = "default";

    public const string GkeMetadata = "GKE_METADATA";
}
