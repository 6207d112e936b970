using System.Collections.Immutable;

namespace Ward.Gcp.Edges.Checkers;

/// <summary>
/// <c>gcp-cloud-function</c>: with <c>iam.serviceAccounts.actAs</c> on a service account and the permissions to
/// create a Cloud Function with its own source in the account's project, the principal deploys code that runs as the
/// account; updating an existing function to run as it works too, conditional on one existing.
/// </summary>
public sealed class CloudFunctionEdgeChecker : ActAsServiceEdgeChecker
{
    public override string TechniqueId => "gcp-cloud-function";

    protected override ImmutableArray<ServiceWay> Ways { get; } =
    [
        new(["cloudfunctions.functions.create", "cloudfunctions.functions.sourceCodeSet"]),
        new(["cloudfunctions.functions.update", "cloudfunctions.functions.sourceCodeSet"], "a Cloud Function exists in `{0}` (the export lists none)"),
    ];

    protected override string Does(string account, string project) =>
        $"deploys a Cloud Function in `{project}` that runs as {account} and hands out its token";
}
