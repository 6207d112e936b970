using Ward.Gcp.Policy.Evaluation;

namespace Ward.Gcp.Edges.Checkers;

/// <summary>
/// <c>gcp-bucket-set-iam-policy</c>: <c>storage.buckets.setIamPolicy</c> on the bucket a Cloud Composer environment
/// reads its DAGs from lets the principal grant itself Storage Object Creator there and add a DAG, which runs as the
/// environment's service account. A bucket that holds no code Ward knows of gives no edge: its policy is data access.
/// </summary>
public sealed class DagBucketSetIamPolicyEdgeChecker : ComposerBucketEdgeChecker
{
    public override string TechniqueId => "gcp-bucket-set-iam-policy";

    protected override string Permission => "storage.buckets.setIamPolicy";

    protected override GcpResource? Resource(GcpEdgeContext context, string bucket, string folder) => context.StorageResource(bucket);

    protected override string Does(string environment, string dagPrefix, string account) =>
        $"grants itself Storage Object Creator on the bucket of `{dagPrefix}` by changing its allow policy, and adds a DAG that Cloud Composer environment `{environment}` runs as {account}";
}
