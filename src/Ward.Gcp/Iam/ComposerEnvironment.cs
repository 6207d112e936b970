using System.Collections.Immutable;
using Ward.Core.Diagnostics;

namespace Ward.Gcp.Iam;

/// <summary>
/// A Cloud Composer environment (Cloud Asset Inventory, asset type <c>composer.googleapis.com/Environment</c>): the
/// Cloud Storage folder its Airflow reads DAGs from, and the service account they run as.
/// </summary>
public sealed record ComposerEnvironment
{
    private const string GcsScheme = "gs://";

    /// <summary><c>projects/PROJECT/locations/LOCATION/environments/NAME</c>.</summary>
    public required string Name { get; init; }

    /// <summary><c>RUNNING</c>, <c>CREATING</c>, <c>UPDATING</c>, <c>DELETING</c>, <c>ERROR</c>, when given.</summary>
    public string? State { get; init; }

    /// <summary><c>config.dagGcsPrefix</c>: <c>gs://BUCKET/dags</c>.</summary>
    public string? DagGcsPrefix { get; init; }

    /// <summary>
    /// The account its Airflow workers run as: <c>config.nodeConfig.serviceAccount</c>, or, when the environment names
    /// none, its project's Compute Engine default service account (as the Composer API documents).
    /// </summary>
    public string? ServiceAccount { get; init; }

    /// <summary>The asset's ancestry, closest first (its project, folders, organization).</summary>
    public ImmutableArray<string> Ancestors { get; init; } = [];

    public SourceLocation Location { get; init; } = SourceLocation.None;

    /// <summary>The bucket of <see cref="DagGcsPrefix"/>; null when it is not a <c>gs://</c> URL.</summary>
    public string? DagBucket => SplitPrefix()?.Bucket;

    /// <summary>The folder of <see cref="DagBucket"/> that holds the DAGs (<c>dags</c>), without slashes; empty for the bucket's root.</summary>
    public string? DagFolder => SplitPrefix()?.Folder;

    /// <summary>The project the environment belongs to, as its ancestry or name gives it (<c>projects/NUMBER</c> or <c>projects/ID</c>).</summary>
    public string? Project => Ancestors.FirstOrDefault(a => a.StartsWith("projects/", StringComparison.Ordinal))
        ?? (Name.Split('/') is ["projects", var project, ..] ? "projects/" + project : null);

    private (string Bucket, string Folder)? SplitPrefix()
    {
        if (DagGcsPrefix is not { } prefix || !prefix.StartsWith(GcsScheme, StringComparison.Ordinal))
        {
            return null;
        }

        var path = prefix[GcsScheme.Length..];
        var slash = path.IndexOf('/', StringComparison.Ordinal);
        var bucket = slash < 0 ? path : path[..slash];
        return bucket.Length == 0 ? null : (bucket, slash < 0 ? string.Empty : path[(slash + 1)..].Trim('/'));
    }
}
