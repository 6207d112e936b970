using System.Collections.Immutable;

namespace Ward.Gcp.Edges.Checkers;

/// <summary>
/// <c>gcp-workflows</c>: with <c>iam.serviceAccounts.actAs</c> on a service account, <c>workflows.workflows.create</c>
/// and <c>workflows.executions.create</c> in the account's project, the principal deploys a workflow that runs as the
/// account and runs it: its steps call Google APIs with the account's OAuth token. Updating an existing workflow to
/// run as the account works too, conditional on one existing.
/// </summary>
public sealed class WorkflowsEdgeChecker : ActAsServiceEdgeChecker
{
    public override string TechniqueId => "gcp-workflows";

    protected override ImmutableArray<ServiceWay> Ways { get; } =
    [
        new(["workflows.workflows.create", "workflows.executions.create"]),
        new(["workflows.workflows.update", "workflows.executions.create"], "a workflow exists in `{0}` (the export lists none)"),
    ];

    protected override string Does(string account, string project) =>
        $"deploys and runs a workflow in `{project}` as {account}, whose steps call Google APIs with the account's token";
}
