using System.Collections.Immutable;

namespace Ward.Gcp.Edges.Checkers;

/// <summary>
/// <c>gcp-app-engine</c>: with <c>iam.serviceAccounts.actAs</c> on a service account (the App Engine default account
/// <c>PROJECT_ID@appspot.gserviceaccount.com</c>, or one a version names) and, in its project, what Google documents
/// for deploying a version (<c>appengine.versions.create</c>, and <c>cloudbuild.builds.create</c> and
/// <c>storage.objects.create</c> for the build and the staged source), the principal deploys code that runs as the
/// account. Creating the application (<c>appengine.applications.create</c>) makes it certain; without, the edge is
/// conditional on an application existing.
/// </summary>
public sealed class AppEngineEdgeChecker : ActAsServiceEdgeChecker
{
    public override string TechniqueId => "gcp-app-engine";

    protected override ImmutableArray<ServiceWay> Ways { get; } =
    [
        new(["appengine.applications.create", "appengine.versions.create", "cloudbuild.builds.create", "storage.objects.create"]),
        new(["appengine.versions.create", "cloudbuild.builds.create", "storage.objects.create"], "an App Engine application exists in `{0}` (the export lists none)"),
    ];

    protected override string Does(string account, string project) =>
        $"deploys an App Engine version in `{project}` that runs as {account} and hands out its token";
}
