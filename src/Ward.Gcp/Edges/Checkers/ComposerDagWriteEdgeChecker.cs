using Ward.Gcp.Policy.Evaluation;

namespace Ward.Gcp.Edges.Checkers;

/// <summary>
/// <c>gcp-composer-dag-write</c>: <c>storage.objects.create</c> on a new file in a Cloud Composer environment's DAG
/// folder (<c>config.dagGcsPrefix</c>) adds a DAG, which Airflow runs as the environment's service account. Adding a
/// file needs no more; replacing an existing one would need <c>storage.objects.delete</c> too, so it is not asked.
/// </summary>
public sealed class ComposerDagWriteEdgeChecker : ComposerBucketEdgeChecker
{
    public override string TechniqueId => "gcp-composer-dag-write";

    protected override string Permission => "storage.objects.create";

    protected override GcpResource? Resource(GcpEdgeContext context, string bucket, string folder) => context.StorageResource(bucket, DagObject(folder));

    protected override string Does(string environment, string dagPrefix, string account) =>
        $"adds a DAG to `{dagPrefix}`, which Cloud Composer environment `{environment}` runs as {account}";
}
