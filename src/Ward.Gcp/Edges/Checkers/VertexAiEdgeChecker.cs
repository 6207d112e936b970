using System.Collections.Immutable;
using Ward.Core.Graph;

namespace Ward.Gcp.Edges.Checkers;

/// <summary>
/// <c>gcp-vertex-ai</c>: with <c>iam.serviceAccounts.actAs</c> on a service account, <c>aiplatform.customJobs.create</c>
/// (a custom training job in the principal's container) or <c>notebooks.instances.create</c> (a Vertex AI Workbench
/// instance) in the account's project runs the principal's code as the account. A custom job that names no account
/// runs as the project's Vertex AI Custom Code service agent (<c>service-PROJECT_NUMBER@gcp-sa-aiplatform-cc.iam.gserviceaccount.com</c>),
/// with no <c>actAs</c>: an edge to that agent when a policy grants it a role.
/// </summary>
public sealed class VertexAiEdgeChecker : ActAsServiceEdgeChecker
{
    private const string CreateCustomJob = "aiplatform.customJobs.create";
    private static readonly ProjectServiceAgent CustomCode = new("service-", "@gcp-sa-aiplatform-cc.iam.gserviceaccount.com", "the Vertex AI Custom Code service agent");

    public override string TechniqueId => "gcp-vertex-ai";

    protected override ImmutableArray<ServiceWay> Ways { get; } =
    [
        new([CreateCustomJob]),
        new(["notebooks.instances.create"]),
    ];

    protected override string Does(string account, string project) =>
        $"runs a Vertex AI custom job or Workbench instance in `{project}` as {account}, whose code reads the account's token";

    public override IEnumerable<Edge> Check(GcpEdgeContext context, IReadOnlySet<string>? targets) =>
        base.Check(context, targets).Concat(CustomCode.Edges(context, targets, TechniqueId, CreateCustomJob,
            (account, project) => $"runs a Vertex AI custom job in `{project}` that names no service account, so its code runs as {account} and reads its token"));
}
