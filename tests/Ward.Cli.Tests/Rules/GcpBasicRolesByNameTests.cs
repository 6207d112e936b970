using System.Text.Json;

namespace Ward.Cli.Tests.Rules;

/// <summary>
/// <c>ward scan</c> and <c>ward can</c> on the basic roles lab of the Google Cloud tests
/// (tests/Ward.Gcp.Tests/Fixtures/basic-roles), whose roles export is what <c>gcloud iam roles list</c> prints: Owner,
/// Editor and Viewer without their permissions, known by name for the permissions that decide the escalation paths.
/// </summary>
public sealed class GcpBasicRolesByNameTests
{
    private const string AsOf = "2026-12-01T09:00:00Z";
    private static readonly string Lab = Path.Combine(Repository.Root, "tests", "Ward.Gcp.Tests", "Fixtures", "basic-roles");

    private static readonly Lazy<JsonElement[]> Findings = new(() =>
    {
        var output = Path.Combine(Path.GetTempPath(), $"ward-gcp-basic-{Guid.NewGuid():N}.json");
        try
        {
            var (exitCode, console) = WardRunner.Run("scan", Lab, "--as-of", AsOf, "--format", "json", "--output", output);
            Assert.True(exitCode == 0, console);
            return [.. JsonDocument.Parse(File.ReadAllText(output)).RootElement.GetProperty("findings").EnumerateArray().Select(f => f.Clone())];
        }
        finally
        {
            File.Delete(output);
        }
    });

    [Theory]
    [InlineData("user:v-editor@example.com")]
    [InlineData("serviceAccount:740000000001-compute@developer.gserviceaccount.com")]
    public void An_editor_has_a_certain_path_to_the_owner_service_account(string editor)
    {
        // Given an Editor of basic-lab (a user, and the project's default Compute Engine account), and admin-sa, its Owner
        var finding = Assert.Single(Findings.Value, f => f.Text("ruleId") == "privilege-escalation" && f.Text("principal") == editor);

        // Then the path is certain (critical), not conditional on what the undescribed role may hold, and says why Editor allows it
        Assert.Equal("critical", finding.Text("severity"));
        var step = finding.GetProperty("path")[0];
        Assert.Equal("serviceAccount:admin-sa@basic-lab.iam.gserviceaccount.com", step.Text("to"));
        Assert.Empty(step.GetProperty("requirements").EnumerateArray());
        Assert.Contains(step.GetProperty("permissions").EnumerateArray(), p => p.Text("grantedBy").Contains("`roles/editor` includes `iam.serviceAccounts.actAs`", StringComparison.Ordinal));
    }

    [Fact]
    public void A_viewer_has_no_path_and_an_owner_is_admin_equivalent()
    {
        // Given s-viewer, Viewer of basic-lab, and v-owner, its Owner
        // Then the viewer has no path at all, and the owner is decided owner-equivalent of the project
        Assert.DoesNotContain(Findings.Value, f => f.Text("principal") == "user:s-viewer@example.com");
        var owner = Assert.Single(Findings.Value, f => f.Text("ruleId") == "admin-equivalent" && f.Text("principal") == "user:v-owner@example.com");
        Assert.Contains("`projects/basic-lab`", owner.Text("title"), StringComparison.Ordinal);
    }

    [Fact]
    public void Can_says_the_permission_comes_from_the_role_s_name()
    {
        // When we ask whether v-owner may change basic-lab's allow policy
        var (exitCode, output) = WardRunner.Run("can", "-i", Lab, "user:v-owner@example.com", "resourcemanager.projects.setIamPolicy", "projects/basic-lab", "--as-of", AsOf, "--format", "json");

        // Then it may, and the answer says where the permission came from instead of listing the role's permissions
        Assert.Equal(0, exitCode);
        var result = JsonDocument.Parse(output).RootElement.GetProperty("result");
        Assert.Equal("Allowed", result.Text("decision"));
        Assert.Contains("(basic role known by name: the roles export lists no permissions for it)", result.Text("summary"), StringComparison.Ordinal);
    }
}
