using System.Collections.Immutable;
using Ward.Core.Graph;

namespace Ward.Gcp.Edges.Checkers;

/// <summary>
/// <c>gcp-cloud-build</c>: <c>cloudbuild.builds.create</c> runs build steps as a service account. Named in the build,
/// with <c>iam.serviceAccounts.actAs</c> on it in its project; or, with no <c>actAs</c> at all, the project's legacy
/// Cloud Build service account (<c>PROJECT_NUMBER@cloudbuild.gserviceaccount.com</c>), which builds use when they name
/// none in projects that still have it.
/// </summary>
public sealed class CloudBuildEdgeChecker : ActAsServiceEdgeChecker
{
    private const string CreateBuild = "cloudbuild.builds.create";
    private static readonly ProjectServiceAgent Legacy = new(string.Empty, "@cloudbuild.gserviceaccount.com", "the legacy Cloud Build service account");

    public override string TechniqueId => "gcp-cloud-build";

    protected override ImmutableArray<ServiceWay> Ways { get; } = [new([CreateBuild])];

    protected override string Does(string account, string project) =>
        $"runs a build in `{project}` as {account}, whose steps read the account's token";

    public override IEnumerable<Edge> Check(GcpEdgeContext context, IReadOnlySet<string>? targets) =>
        base.Check(context, targets).Concat(Legacy.Edges(context, targets, TechniqueId, CreateBuild,
            (account, project) => $"runs a build in `{project}` that names no service account, so its steps run as {account} and read its token"));
}
