using Ward.Core.Graph;

namespace Ward.Gcp.Edges.Checkers;

/// <summary>
/// <c>gcp-deployment-manager</c>: Deployment Manager creates a deployment's resources as the project's Google APIs
/// service agent (<c>PROJECT_NUMBER@cloudservices.gserviceaccount.com</c>, Editor of the project unless someone
/// removed it), not as the caller, so <c>deploymentmanager.deployments.create</c> in the project is the agent's
/// rights there with no <c>actAs</c> (a VM or a function it deploys may even run as any account the agent may act as).
/// Google ended support for Deployment Manager on 31 March 2026: from then on (as of the scan's reference time), the
/// edge is conditional on the API still accepting deployments.
/// </summary>
public sealed class DeploymentManagerEdgeChecker : IGcpEdgeChecker
{
    private const string CreateDeployment = "deploymentmanager.deployments.create";
    private static readonly ProjectServiceAgent GoogleApis = new(string.Empty, "@cloudservices.gserviceaccount.com", "the Google APIs service agent");

    public string TechniqueId => "gcp-deployment-manager";

    public bool GrantsAdmin => false;

    private static readonly DateTimeOffset EndOfSupport = new(2026, 3, 31, 0, 0, 0, TimeSpan.Zero);

    private const string StillAccepted = "the Deployment Manager API still accepts deployments in the project (Google ended support for Deployment Manager on 31 March 2026)";

    public IEnumerable<Edge> Check(GcpEdgeContext context, IReadOnlySet<string>? targets)
    {
        ArgumentNullException.ThrowIfNull(context);
        var edges = GoogleApis.Edges(context, targets, TechniqueId, CreateDeployment,
            (account, project) => $"creates a deployment in `{project}`, whose resources Deployment Manager creates as {account}: the principal acts with the agent's rights there");
        return context.AsOf < EndOfSupport ? edges : edges.Select(e => e with { Requirements = e.Requirements.Add(StillAccepted) });
    }
}
