using System.Text.Json;

namespace Ward.Cli.Tests.Rules;

/// <summary>
/// <c>gcp-public-binding</c> on the public tag lab (tests/Ward.Gcp.Tests/Fixtures/tag-public): the organization binds
/// Storage Object Viewer to allUsers where <c>env</c> is <c>prod</c> and to allAuthenticatedUsers where it is
/// <c>staging</c>, the folder to allAuthenticatedUsers where it is <c>prod</c>; only project p-data (in the folder) has
/// <c>env/prod</c> (its effective tags), none has <c>env/staging</c>, the organization and folder none of them.
/// </summary>
public sealed class GcpPublicBindingTagsBelowRuleTests
{
    private static readonly Lazy<JsonElement[]> Findings = new(Scan);

    [Theory]
    [InlineData("organizations/900000000001", "allUsers")]
    [InlineData("folders/910000000001", "allAuthenticatedUsers")]
    public void A_public_binding_on_a_container_under_a_tag_condition_is_reported_on_the_projects_tagged_so(string container, string member)
    {
        var finding = Assert.Single(Findings.Value, f => f.GetProperty("principal").GetString() == container);

        Assert.Equal($"`{member}` holds `roles/storage.objectViewer` on `{container}`", finding.GetProperty("title").GetString());
        Assert.Equal("medium", finding.GetProperty("severity").GetString());
        Assert.Contains("holds, with their own tags, for `projects/p-data` under it", finding.GetProperty("explanation").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_public_binding_whose_tag_no_project_has_is_not_reported()
    {
        Assert.Equal(2, Findings.Value.Length);
        Assert.DoesNotContain(Findings.Value, f => f.GetProperty("explanation").GetString()!.Contains("staging", StringComparison.Ordinal));
    }

    private static JsonElement[] Scan()
    {
        var output = Path.Combine(Path.GetTempPath(), $"ward-tag-public-{Guid.NewGuid():N}.json");
        try
        {
            var lab = Path.Combine(Repository.Root, "tests", "Ward.Gcp.Tests", "Fixtures", "tag-public");
            var (exitCode, console) = WardRunner.Run("scan", lab, "--as-of", "2026-11-01T00:00:00Z", "--format", "json", "--output", output);
            Assert.True(exitCode == 0, console);
            return [.. JsonDocument.Parse(File.ReadAllText(output)).RootElement.GetProperty("findings").EnumerateArray()
                .Where(f => f.GetProperty("ruleId").GetString() == "gcp-public-binding").Select(f => f.Clone())];
        }
        finally
        {
            File.Delete(output);
        }
    }
}
