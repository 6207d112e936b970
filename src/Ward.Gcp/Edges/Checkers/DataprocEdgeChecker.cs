using System.Collections.Immutable;

namespace Ward.Gcp.Edges.Checkers;

/// <summary>
/// <c>gcp-dataproc</c>: with <c>iam.serviceAccounts.actAs</c> on a service account and <c>dataproc.clusters.create</c>
/// in the account's project, the principal creates a Dataproc cluster whose VMs run as the account (an initialization
/// action reads its token). Without <c>actAs</c>, <c>dataproc.jobs.create</c> and <c>dataproc.clusters.use</c> submit
/// a job to a cluster already running as the account, conditional on one existing: Ward does not read clusters.
/// </summary>
public sealed class DataprocEdgeChecker : ActAsServiceEdgeChecker
{
    public override string TechniqueId => "gcp-dataproc";

    protected override ImmutableArray<ServiceWay> Ways { get; } =
    [
        new(["dataproc.clusters.create"]),
        new(["dataproc.jobs.create", "dataproc.clusters.use"], "a Dataproc cluster whose VMs run as `{1}` exists in `{0}` (the export lists none)", NeedsActAs: false),
    ];

    protected override string Does(string account, string project) =>
        $"runs code on a Dataproc cluster in `{project}` whose VMs run as {account}, and reads the account's token there";
}
