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
}
