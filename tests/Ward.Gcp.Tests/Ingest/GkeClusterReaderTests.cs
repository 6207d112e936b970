using Ward.Gcp.Iam;
using Ward.Gcp.Ingest;
using Ward.Gcp.Tests.Testing;

namespace Ward.Gcp.Tests.Ingest;

public sealed class GkeClusterReaderTests
{
    [Fact]
    public void Clusters_are_read_with_their_project_workload_pool_and_node_pools()
    {
        // Given the GKE lab's gcloud container clusters list outputs
        var estate = GcpFixtures.Gke;

        // Then each cluster has its project from selfLink, its pool, and its node pools' accounts and metadata modes
        Assert.Equal(3, estate.Clusters.Length);
        var prod = Assert.Single(estate.Clusters, c => c.Name == "prod");
        Assert.Equal("gke-prod", prod.Project);
        Assert.Equal("gke-prod.svc.id.goog", prod.WorkloadPool);
        Assert.False(prod.Autopilot);
        Assert.Equal([new GkeNodePool("system", "nodes@gke-prod.iam.gserviceaccount.com", "GKE_METADATA")], prod.NodePools);
        var dev = Assert.Single(estate.Clusters, c => c.Name == "dev");
        Assert.Null(dev.WorkloadPool);
        Assert.Equal([new GkeNodePool("default-pool", "default", null)], dev.NodePools);
        Assert.True(Assert.Single(estate.Clusters, c => c.Name == "autopilot-apps").Autopilot);
        Assert.Contains(estate.Inputs, i => i.Path.EndsWith("gke-prod.json", StringComparison.Ordinal) && i.Note.Contains("2 GKE clusters", StringComparison.Ordinal));
    }

    [Fact]
    public void A_cluster_whose_selfLink_names_no_project_is_reported_at_its_path_and_skipped()
    {
        // Given a cluster list whose second cluster's selfLink lost its project
        using var scratch = new ScratchFolder(("clusters.json", """
            [
              {"name": "a", "selfLink": "https://container.googleapis.com/v1/projects/p1/locations/europe-west1/clusters/a"},
              {"name": "b", "selfLink": "https://container.googleapis.com/v1/locations/europe-west1/clusters/b"}
            ]
            """));

        // When it is loaded
        var estate = GcpEstateLoader.Load([scratch.Path], TestContext.Current.CancellationToken);

        // Then the second is reported at its selfLink, line 3, and the first read
        var wrong = Assert.Single(estate.Diagnostics, d => d.Code == GcpDiagnosticCodes.WrongShape);
        Assert.Equal("$[1].selfLink", wrong.Location.JsonPath);
        Assert.Equal(3, wrong.Location.Line);
        Assert.Equal("a", Assert.Single(estate.Clusters).Name);
    }

    [Fact]
    public void Clusters_of_a_Cloud_Asset_Inventory_resource_export_are_read_from_their_asset_name_when_the_data_has_no_selfLink()
    {
        // Given a resource export (one asset a line) holding a project and two clusters, the second without selfLink
        using var scratch = new ScratchFolder(("assets/resource.json", """
            {"name":"//cloudresourcemanager.googleapis.com/projects/880000000001","asset_type":"cloudresourcemanager.googleapis.com/Project","resource":{"version":"v1","discovery_name":"Project","data":{"projectId":"ca-prod","projectNumber":"880000000001","lifecycleState":"ACTIVE","name":"ca-prod"}},"ancestors":["projects/880000000001","organizations/500000000009"]}
            {"name":"//container.googleapis.com/projects/ca-prod/locations/europe-west4/clusters/apps","asset_type":"container.googleapis.com/Cluster","resource":{"version":"v1","discovery_name":"Cluster","parent":"//cloudresourcemanager.googleapis.com/projects/880000000001","location":"europe-west4","data":{"name":"apps","location":"europe-west4","selfLink":"https://container.googleapis.com/v1/projects/ca-prod/locations/europe-west4/clusters/apps","workloadIdentityConfig":{"workloadPool":"ca-prod.svc.id.goog"},"nodePools":[{"name":"pool-1","config":{"serviceAccount":"nodes@ca-prod.iam.gserviceaccount.com","workloadMetadataConfig":{"mode":"GKE_METADATA"}}}]}},"ancestors":["projects/880000000001","organizations/500000000009"]}
            {"name":"//container.googleapis.com/projects/ca-prod/zones/europe-west4-a/clusters/legacy","asset_type":"container.googleapis.com/Cluster","resource":{"version":"v1","discovery_name":"Cluster","parent":"//cloudresourcemanager.googleapis.com/projects/880000000001","data":{"name":"legacy","zone":"europe-west4-a","nodePools":[{"name":"default-pool","config":{}}]}},"ancestors":["projects/880000000001","organizations/500000000009"]}
            """));

        // When it is loaded
        var estate = GcpEstateLoader.Load([scratch.Path], TestContext.Current.CancellationToken);

        // Then both clusters are read, the second's project taken from its asset name; nothing is reported
        var apps = Assert.Single(estate.Clusters, c => c.Name == "apps");
        Assert.Equal(("ca-prod", "europe-west4", "ca-prod.svc.id.goog"), (apps.Project, apps.Region, apps.WorkloadPool));
        var legacy = Assert.Single(estate.Clusters, c => c.Name == "legacy");
        Assert.Equal(("ca-prod", "europe-west4-a"), (legacy.Project, legacy.Region));
        Assert.Equal([new GkeNodePool("default-pool", "default", null)], legacy.NodePools);
        Assert.Empty(estate.Diagnostics.Where(d => d.Severity >= Ward.Core.Diagnostics.DiagnosticSeverity.Warning));
    }
}
