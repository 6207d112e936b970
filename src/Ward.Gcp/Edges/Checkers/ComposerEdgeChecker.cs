using System.Collections.Immutable;

namespace Ward.Gcp.Edges.Checkers;

/// <summary>
/// <c>gcp-composer</c>: with <c>iam.serviceAccounts.actAs</c> on a service account and
/// <c>composer.environments.create</c> in the account's project, the principal creates a Cloud Composer environment
/// that runs as the account (its service account cannot be changed later): the Airflow DAGs it then runs, from the
/// environment's bucket, which the creation request may name, run as the account.
/// </summary>
public sealed class ComposerEdgeChecker : ActAsServiceEdgeChecker
{
    public override string TechniqueId => "gcp-composer";

    protected override ImmutableArray<ServiceWay> Ways { get; } = [new(["composer.environments.create"])];

    protected override string Does(string account, string project) =>
        $"creates a Cloud Composer environment in `{project}` that runs as {account}, whose DAGs read the account's token";
}
