using System.Text.Json;

namespace Ward.Cli.Tests.Rules;

/// <summary>
/// <c>gke-public-rbac-binding</c> on the GKE lab (tests/Ward.Gcp.Tests/Fixtures/gke): prod binds <c>view</c> to
/// system:authenticated in every namespace and <c>edit</c> in namespace sandbox; dev binds a custom role that only
/// reads pods to system:anonymous, beside Kubernetes' own default bindings of system:authenticated.
/// </summary>
public sealed class GkePublicRbacBindingRuleTests
{
    private const string Prod = "projects/gke-prod/locations/europe-west1/clusters/prod";
    private const string Dev = "projects/gke-dev/locations/europe-west1-b/clusters/dev";
    private static readonly Lazy<JsonElement[]> Findings = new(Scan);

    [Theory]
    [InlineData(Prod, "everyone-views", "medium", "`system:authenticated` holds ClusterRole `view` in GKE cluster `prod`")]
    [InlineData(Prod, "public-sandbox", "critical", "`system:authenticated` holds ClusterRole `edit` in GKE cluster `prod`")]
    [InlineData(Dev, "anonymous-pod-readers", "medium", "`system:anonymous` holds ClusterRole `pod-reader` in GKE cluster `dev`")]
    public void A_role_bound_to_everyone_is_reported_by_what_it_allows(string cluster, string binding, string severity, string title)
    {
        var finding = Assert.Single(Findings.Value, f => f.GetProperty("principal").GetString() == cluster && f.GetProperty("explanation").GetString()!.Contains($"`{(binding == "public-sandbox" ? "sandbox/" : string.Empty)}{binding}`", StringComparison.Ordinal));

        Assert.Equal(severity, finding.GetProperty("severity").GetString());
        Assert.Equal(title, finding.GetProperty("title").GetString());
        Assert.Equal(cluster.Split('/')[1], finding.GetProperty("account").GetString());
    }

    [Fact]
    public void Kubernetes_default_public_bindings_and_bindings_to_named_principals_are_not_reported()
    {
        // Given dev's system:basic-user, system:discovery and system:public-info-viewer bindings, and cluster-admin bound to named users
        Assert.Equal(3, Findings.Value.Length);
        Assert.DoesNotContain(Findings.Value, f => f.GetProperty("explanation").GetString()!.Contains("system:discovery", StringComparison.Ordinal));
        Assert.DoesNotContain(Findings.Value, f => f.GetProperty("explanation").GetString()!.Contains("platform-admins", StringComparison.Ordinal));
    }

    [Fact]
    public void The_critical_finding_says_why_creating_pods_matters_and_in_which_namespace()
    {
        var finding = Assert.Single(Findings.Value, f => f.GetProperty("severity").GetString() == "critical");

        Assert.Contains("in namespace `sandbox`", finding.GetProperty("explanation").GetString(), StringComparison.Ordinal);
        Assert.Contains("creates pods", finding.GetProperty("explanation").GetString(), StringComparison.Ordinal);
    }

    private static JsonElement[] Scan()
    {
        var output = Path.Combine(Path.GetTempPath(), $"ward-gke-rbac-{Guid.NewGuid():N}.json");
        try
        {
            var lab = Path.Combine(Repository.Root, "tests", "Ward.Gcp.Tests", "Fixtures", "gke");
            var (exitCode, console) = WardRunner.Run("scan", lab, "--as-of", "2026-05-01T09:00:00Z", "--format", "json", "--output", output);
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
