using System.Collections.Immutable;

namespace Ward.Gcp.Edges.Checkers;

/// <summary>
/// <c>gcp-cloud-run-job</c>: with <c>iam.serviceAccounts.actAs</c> on a service account, <c>run.jobs.create</c> and
/// <c>run.jobs.run</c> in the account's project, the principal creates a Cloud Run job that runs as the account and
/// executes it; updating an existing job to run as the account works too, conditional on one existing. (Services are
/// <c>gcp-cloud-run</c>.)
/// </summary>
public sealed class CloudRunJobEdgeChecker : ActAsServiceEdgeChecker
{
    public override string TechniqueId => "gcp-cloud-run-job";

    protected override ImmutableArray<ServiceWay> Ways { get; } =
    [
        new(["run.jobs.create", "run.jobs.run"]),
        new(["run.jobs.update", "run.jobs.run"], "a Cloud Run job exists in `{0}` (the export lists none)"),
    ];

    protected override string Does(string account, string project) =>
        $"creates and executes a Cloud Run job in `{project}` that runs as {account}, whose container reads the account's token";
}
