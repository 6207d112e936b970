using System.Collections.Immutable;

namespace Ward.Gcp.Edges.Checkers;

/// <summary>
/// <c>gcp-cloud-scheduler</c>: with <c>iam.serviceAccounts.actAs</c> on a service account and
/// <c>cloudscheduler.jobs.create</c> in the account's project, the principal creates an HTTP job that calls a Google
/// API with an OAuth token of the account (setting its own role bindings, say): it acts as the account.
/// </summary>
public sealed class CloudSchedulerEdgeChecker : ActAsServiceEdgeChecker
{
    public override string TechniqueId => "gcp-cloud-scheduler";

    protected override ImmutableArray<ServiceWay> Ways { get; } =
    [
        new(["cloudscheduler.jobs.create"]),
    ];

    protected override string Does(string account, string project) =>
        $"creates a Cloud Scheduler job in `{project}` that calls Google APIs with an OAuth token of {account}";
}
