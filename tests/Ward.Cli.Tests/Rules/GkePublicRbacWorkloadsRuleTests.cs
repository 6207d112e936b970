using System.Text.Json;

namespace Ward.Cli.Tests.Rules;

/// <summary>
/// <c>gke-public-rbac-binding</c> on the GKE workloads lab (tests/Ward.Gcp.Tests/Fixtures/gke-workloads): cluster c1
/// binds to system:authenticated a role creating deployments in namespace sandbox, one reading them, one reading
/// secrets and one impersonating users.
/// </summary>
public sealed class GkePublicRbacWorkloadsRuleTests
{
    private static readonly Lazy<JsonElement[]> Findings = new(Scan);

    [Theory]
    [InlineData("pub-deploy", "critical", "creates `apps/deployments`, whose controller creates the pods it specifies")]
    [InlineData("pub-deploy-read", "medium", "only reads (deployments)")]
    public void Creating_a_workload_resource_is_rated_as_creating_pods(string binding, string severity, string why)
    {
        var finding = Assert.Single(Findings.Value, f => f.GetProperty("explanation").GetString()!.Contains($"Binding `{(binding == "pub-deploy" ? "sandbox/" : string.Empty)}{binding}`", StringComparison.Ordinal));

        Assert.Equal(severity, finding.GetProperty("severity").GetString());
        Assert.Contains(why, finding.GetProperty("explanation").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("pub-secrets", "high", "`secret-reader` reads secrets (get, list)")]
    [InlineData("pub-deploy-read", "medium", "`deploy-reader` only reads (deployments)")]
    public void Reading_secrets_is_rated_high_reading_other_objects_medium(string binding, string severity, string why)
    {
        var finding = Assert.Single(Findings.Value, f => f.GetProperty("explanation").GetString()!.Contains($"ClusterRoleBinding `{binding}`", StringComparison.Ordinal));

        Assert.Equal(severity, finding.GetProperty("severity").GetString());
        Assert.Contains(why, finding.GetProperty("explanation").GetString(), StringComparison.Ordinal);
    }

    private static JsonElement[] Scan()
    {
        var output = Path.Combine(Path.GetTempPath(), $"ward-gke-workloads-{Guid.NewGuid():N}.json");
        try
        {
            var lab = Path.Combine(Repository.Root, "tests", "Ward.Gcp.Tests", "Fixtures", "gke-workloads");
            var (exitCode, console) = WardRunner.Run("scan", lab, "--as-of", "2026-11-01T00:00:00Z", "--format", "json", "--output", output);
            Assert.True(exitCode == 0, console);
            return [.. JsonDocument.Parse(File.ReadAllText(output)).RootElement.GetProperty("findings").EnumerateArray()
                .Where(f => f.GetProperty("ruleId").GetString() == "gke-public-rbac-binding").Select(f => f.Clone())];
        }
        finally
        {
            File.Delete(output);
        }
    }
}
