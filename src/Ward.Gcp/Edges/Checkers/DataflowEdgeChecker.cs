using System.Collections.Immutable;

namespace Ward.Gcp.Edges.Checkers;

/// <summary>
/// <c>gcp-dataflow</c>: with <c>iam.serviceAccounts.actAs</c> on a service account and <c>dataflow.jobs.create</c> in
/// the account's project, the principal launches a Dataflow job whose workers run as the account and execute the
/// principal's pipeline code. The code is staged in a Cloud Storage bucket the workers read, which may be one the
/// principal owns elsewhere, so no storage permission in the project is required.
/// </summary>
public sealed class DataflowEdgeChecker : ActAsServiceEdgeChecker
{
    public override string TechniqueId => "gcp-dataflow";

    protected override ImmutableArray<ServiceWay> Ways { get; } = [new(["dataflow.jobs.create"])];

    protected override string Does(string account, string project) =>
        $"launches a Dataflow job in `{project}` whose workers run as {account} and execute the principal's pipeline code";
}
