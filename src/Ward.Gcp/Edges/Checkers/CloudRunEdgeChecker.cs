using System.Collections.Immutable;

namespace Ward.Gcp.Edges.Checkers;

/// <summary>
/// <c>gcp-cloud-run</c>: with <c>iam.serviceAccounts.actAs</c> on a service account and <c>run.services.create</c>
/// in the account's project, the principal deploys a container that runs as the account; updating an existing service
/// to run as it works too, conditional on one existing.
/// </summary>
public sealed class CloudRunEdgeChecker : ActAsServiceEdgeChecker
{
    public override string TechniqueId => "gcp-cloud-run";

    protected override ImmutableArray<ServiceWay> Ways { get; } =
    [
        new(["run.services.create"]),
        new(["run.services.update"], "a Cloud Run service exists in `{0}` (the export lists none)"),
    ];

    protected override string Does(string account, string project) =>
        $"deploys a Cloud Run service in `{project}` that runs as {account} and hands out its token";
}
