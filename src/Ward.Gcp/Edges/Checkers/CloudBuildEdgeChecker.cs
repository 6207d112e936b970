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
    private const string LegacyDomain = "@cloudbuild.gserviceaccount.com";

    public override string TechniqueId => "gcp-cloud-build";

    protected override ImmutableArray<(ImmutableArray<string> Permissions, string? Needs)> Ways { get; } =
    [
        ([CreateBuild], null),
    ];

    protected override string Does(string account, string project) =>
        $"runs a build in `{project}` as {account}, whose steps read the account's token";

    public override IEnumerable<Edge> Check(GcpEdgeContext context, IReadOnlySet<string>? targets)
    {
        ArgumentNullException.ThrowIfNull(context);
        foreach (var edge in base.Check(context, targets))
        {
            yield return edge;
        }

        foreach (var account in context.ServiceAccounts.Where(a => (targets is null || targets.Contains(a)) && a.EndsWith(LegacyDomain, StringComparison.Ordinal)))
        {
            var email = GcpPrincipals.ServiceAccountEmail(account)!;
            if (context.FindProject("projects/" + email[..^LegacyDomain.Length]) is not { } project || context.ContainerResource(project) is not { } resource)
            {
                continue;
            }

            var projectName = OwnerEquivalence.Label(project);
            foreach (var holder in context.WhoCan(CreateBuild, resource).Where(h => h.Principal != account))
            {
                var description = $"runs a build in `{projectName}` that names no service account, so its steps run as the legacy Cloud Build service account `{email}` and read its token";
                if (GcpEdgeContext.EdgeIf(TechniqueId, holder.Principal, account, description, [new EdgeStep(CreateBuild, projectName, holder.Decision)]) is { } edge)
                {
                    yield return edge;
                }
            }
        }
    }
}
