using Ward.Core.Diagnostics;
using Ward.Gcp.Ingest;
using Ward.Gcp.Tests.Testing;

namespace Ward.Gcp.Tests.Ingest;

/// <summary>Compute Engine instances and project metadata, from gcloud's listing and from the asset export.</summary>
public sealed class ComputeInstanceReaderTests
{
    private const string InstanceLine = """{"name":"//compute.googleapis.com/projects/vm-lab/zones/europe-west1-b/instances/builder","asset_type":"compute.googleapis.com/Instance","resource":{"version":"v1","discovery_name":"Instance","parent":"//cloudresourcemanager.googleapis.com/projects/841000000001","data":{"name":"builder","status":"RUNNING","zone":"https://www.googleapis.com/compute/v1/projects/vm-lab/zones/europe-west1-b","metadata":{"items":[{"key":"block-project-ssh-keys","value":"TRUE"}]},"serviceAccounts":[{"email":"deployer@vm-lab.iam.gserviceaccount.com","scopes":["https://www.googleapis.com/auth/cloud-platform"]}]}},"ancestors":["projects/841000000001","organizations/840000000001"]}""";

    [Fact]
    public void The_gcloud_listing_the_asset_export_and_project_metadata_are_read_by_their_content()
    {
        // Given the Compute Engine lab: a gcloud listing, an asset line, an empty listing and project-info
        var estate = GcpFixtures.Compute;

        // Then every instance is read with its account, scopes, metadata and external address
        Assert.Equal(["bastion", "builder", "report"], estate.ComputeInstances.Select(i => i.Name).Order(StringComparer.Ordinal), StringComparer.Ordinal);
        var bastion = Assert.Single(estate.ComputeInstances, i => i.Name == "bastion");
        Assert.Equal(("vm-lab", "europe-west1-b", "RUNNING"), (bastion.Project, bastion.Zone, bastion.Status));
        Assert.Equal("admin@vm-lab.iam.gserviceaccount.com", bastion.ServiceAccount);
        Assert.True(bastion.HasCloudPlatformScope);
        Assert.True(bastion.OsLogin);
        Assert.True(bastion.HasExternalIp);
        var builder = Assert.Single(estate.ComputeInstances, i => i.Name == "builder");
        Assert.Equal(("deployer@vm-lab.iam.gserviceaccount.com", "europe-west1-b"), (builder.ServiceAccount, builder.Zone));
        Assert.Null(builder.OsLogin);
        Assert.True(builder.BlocksProjectSshKeys);
        Assert.False(builder.HasExternalIp);
        var report = Assert.Single(estate.ComputeInstances, i => i.Name == "report");
        Assert.Equal(("europe-west1-c", "TERMINATED"), (report.Zone, report.Status));
        Assert.False(report.HasCloudPlatformScope);

        // And vm-lab's and vm-empty's instances were listed, vm-unlisted's not; vm-lab's metadata sets no OS Login
        Assert.Equal(["vm-empty", "vm-lab"], estate.InstancesListedIn);
        var metadata = Assert.Single(estate.ComputeProjects);
        Assert.Equal("vm-lab", metadata.Project);
        Assert.Null(metadata.OsLogin);
        Assert.True(metadata.Metadata.ContainsKey("ssh-keys"));
        Assert.DoesNotContain(estate.Diagnostics, d => d.Severity >= DiagnosticSeverity.Warning);
    }

    [Fact]
    public void An_asset_line_in_camel_case_is_read_like_the_snake_case_one()
    {
        // Given the same instance as the API writes assets (assetType, camelCase)
        using var scratch = new ScratchFolder();
        var file = scratch.Write("instances.jsonl", InstanceLine.Replace("\"asset_type\"", "\"assetType\"", StringComparison.Ordinal).Replace("\"discovery_name\"", "\"discoveryName\"", StringComparison.Ordinal) + "\n");

        // When it is loaded
        var estate = GcpEstateLoader.Load([file], TestContext.Current.CancellationToken);

        // Then the instance is read, placed by its zone, and its project counts as listed
        var instance = Assert.Single(estate.ComputeInstances);
        Assert.Equal("projects/vm-lab/zones/europe-west1-b/instances/builder", instance.RelativeName);
        Assert.Equal(["vm-lab"], estate.InstancesListedIn);
    }

    [Fact]
    public void Malformed_instance_values_are_reported_where_they_are_and_the_rest_is_read()
    {
        // Given a listing whose second instance names no zone, and whose first has metadata items and scopes of the wrong shape
        using var scratch = new ScratchFolder();
        var file = scratch.Write("compute/instances/vm-lab.json", """
            [
              {
                "kind": "compute#instance",
                "name": "web",
                "status": "RUNNING",
                "zone": "https://www.googleapis.com/compute/v1/projects/vm-lab/zones/europe-west1-b",
                "selfLink": "https://www.googleapis.com/compute/v1/projects/vm-lab/zones/europe-west1-b/instances/web",
                "metadata": { "items": [ { "key": "enable-oslogin", "value": true }, { "value": "TRUE" } ] },
                "serviceAccounts": [ { "email": "web@vm-lab.iam.gserviceaccount.com", "scopes": "https://www.googleapis.com/auth/cloud-platform" } ]
              },
              {
                "kind": "compute#instance",
                "name": "lost",
                "status": "RUNNING"
              }
            ]
            """);

        // When it is loaded
        var estate = GcpEstateLoader.Load([file], TestContext.Current.CancellationToken);

        // Then each problem is reported at its path, and web is read without them
        var path = Path.Combine("compute", "instances", "vm-lab.json");
        LocatedDiagnostics.AssertReported(estate.Diagnostics, GcpDiagnosticCodes.WrongShape, DiagnosticSeverity.Error, path, "$[0].metadata.items[0].value", "must be a string");
        LocatedDiagnostics.AssertReported(estate.Diagnostics, GcpDiagnosticCodes.MissingField, DiagnosticSeverity.Error, path, "$[0].metadata.items[1]", "without `key`");
        LocatedDiagnostics.AssertReported(estate.Diagnostics, GcpDiagnosticCodes.WrongShape, DiagnosticSeverity.Error, path, "$[0].serviceAccounts[0].scopes", "must be an array");
        LocatedDiagnostics.AssertReported(estate.Diagnostics, GcpDiagnosticCodes.WrongShape, DiagnosticSeverity.Error, path, "$[1]", "Compute Engine instance `lost` has no `selfLink` or `zone`");
        var web = Assert.Single(estate.ComputeInstances);
        Assert.Equal("web@vm-lab.iam.gserviceaccount.com", web.ServiceAccount);
        Assert.Null(web.OsLogin);
        Assert.Empty(web.Scopes);
    }

    [Fact]
    public void An_empty_listing_says_its_project_has_no_instance_only_at_its_place()
    {
        // Given two empty lists: one at compute/instances/PROJECT.json, one elsewhere
        using var scratch = new ScratchFolder(("compute/instances/vm-empty.json", "[]\n"), ("other/vm-other.json", "[]\n"));

        // When both are loaded
        var estate = GcpEstateLoader.Load([scratch.Path], TestContext.Current.CancellationToken);

        // Then only the first says its project's instances were listed
        Assert.Equal(["vm-empty"], estate.InstancesListedIn);
        Assert.Contains(estate.Inputs, i => i.Note == "no Compute Engine instance in `projects/vm-empty`");
    }
}
