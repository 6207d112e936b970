using System.Text.Json;

namespace Ward.Cli.Tests;

/// <summary>
/// Tag conditions decided end to end from the tags.example lab (tests/Ward.Gcp.Tests/Fixtures/tags): release@ is
/// Project IAM Admin on the organization where <c>resource.matchTag("820000000001/env", "prod")</c>; tg-prod has that
/// tag, tg-dev has env/dev instead, tg-sandbox no tag, and tg-legacy's tags were not exported.
/// </summary>
public sealed class GcpTagTests
{
    private const string AsOf = "2026-12-01T09:00:00Z";
    private const string Release = "user:release@tags.example";
    private static readonly string Lab = Path.Combine(Repository.Root, "tests", "Ward.Gcp.Tests", "Fixtures", "tags");

    [Theory]
    [InlineData("projects/tg-prod", "Allowed", "`projects/822000000001` has tag `820000000001/env/prod`")]
    [InlineData("projects/tg-dev", "ImplicitDeny", "`projects/822000000002` has tag `820000000001/env/dev`")]
    [InlineData("projects/tg-legacy", "Conditional", "the tags of `projects/822000000003` are not known")]
    public void Can_decides_a_tag_condition_and_names_the_tag(string project, string expected, string explained)
    {
        // When release asks whether it may set the project's allow policy
        var (exitCode, output) = WardRunner.Run("can", "-i", Lab, Release, "resourcemanager.projects.setIamPolicy", project, "--as-of", AsOf, "--format", "json");

        // Then the tag decides, and the summary says which
        Assert.Equal(0, exitCode);
        var result = JsonDocument.Parse(output).RootElement.GetProperty("result");
        Assert.Equal(expected, result.GetProperty("decision").GetString());
        Assert.Contains(explained, result.GetProperty("summary").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Scan_makes_the_tagged_project_a_certain_escalation_and_the_others_none()
    {
        // When the lab is scanned
        var output = Path.Combine(Path.GetTempPath(), $"ward-gcp-tags-{Guid.NewGuid():N}.json");
        var (exitCode, console) = WardRunner.Run("scan", Lab, "--as-of", AsOf, "--format", "json", "--output", output);
        Assert.True(exitCode == 0, console);
        var findings = JsonDocument.Parse(File.ReadAllText(output)).RootElement.GetProperty("findings").EnumerateArray().Where(f => f.GetProperty("principal").GetString() == Release).ToList();
        File.Delete(output);

        // Then release is owner-equivalent of tg-prod for certain, where the tag is
        Assert.Contains(findings, f => f.GetProperty("ruleId").GetString() == "admin-equivalent" && f.GetProperty("title").GetString()!.Contains("owner-equivalent of `projects/tg-prod`", StringComparison.Ordinal));

        // And has no path to tg-dev or tg-sandbox, which lack it, and only a conditional one to tg-legacy, whose tags are unknown
        var titles = findings.Select(f => f.GetProperty("title").GetString()!).ToList();
        Assert.DoesNotContain(titles, t => t.Contains("tg-dev", StringComparison.Ordinal) || t.Contains("tg-sandbox", StringComparison.Ordinal));
        var legacy = Assert.Single(findings, f => f.GetProperty("ruleId").GetString() == "privilege-escalation");
        Assert.Contains("owner-equivalent of `projects/tg-legacy`", legacy.GetProperty("title").GetString(), StringComparison.Ordinal);
        Assert.Equal("medium", legacy.GetProperty("severity").GetString());
    }

    [Fact]
    public void A_public_binding_under_a_tag_condition_is_reported_only_where_the_tag_is()
    {
        // Given the lab, where tg-prod and tg-dev each grant Viewer to all authenticated users under the env/prod tag condition
        var lab = Directory.CreateTempSubdirectory("ward-gcp-tags-").FullName;
        foreach (var file in Directory.EnumerateFiles(Lab, "*", SearchOption.AllDirectories))
        {
            var copy = Path.Combine(lab, Path.GetRelativePath(Lab, file));
            Directory.CreateDirectory(Path.GetDirectoryName(copy)!);
            File.Copy(file, copy);
        }

        const string Public = """{"role":"roles/viewer","members":["allAuthenticatedUsers"],"condition":{"title":"production only","expression":"resource.matchTag('820000000001/env', 'prod')"}}""";
        var policies = Path.Combine(lab, "assets", "iam-policy.json");
        var text = File.ReadAllText(policies).Replace("""{"role":"roles/viewer","members":["user:auditor@tags.example"]}""", """{"role":"roles/viewer","members":["user:auditor@tags.example"]},""" + Public, StringComparison.Ordinal);
        text = text.TrimEnd('\n') + "\n" + """{"name":"//cloudresourcemanager.googleapis.com/projects/822000000002","asset_type":"cloudresourcemanager.googleapis.com/Project","iam_policy":{"version":3,"etag":"BwYTa9gS0aX=","bindings":[""" + Public + """]},"ancestors":["projects/822000000002","folders/821000000001","organizations/820000000001"],"update_time":"2026-11-30T06:00:00Z"}""" + "\n";
        File.WriteAllText(policies, text);

        // When it is scanned
        var output = Path.Combine(lab, "findings.out");
        var (exitCode, console) = WardRunner.Run("scan", Path.Combine(lab, "assets"), Path.Combine(lab, "roles"), Path.Combine(lab, "tags"), Path.Combine(lab, "deny-policies"), "--as-of", AsOf, "--format", "json", "--output", output);
        var findings = JsonDocument.Parse(File.ReadAllText(output)).RootElement.GetProperty("findings").EnumerateArray()
            .Where(f => f.GetProperty("ruleId").GetString() == "gcp-public-binding").ToList();
        Directory.Delete(lab, recursive: true);
        Assert.True(exitCode == 0, console);

        // Then tg-prod, which has the tag, is reported as public for certain, and tg-dev, which has env/dev, is not
        var exposed = Assert.Single(findings);
        Assert.Contains("`projects/tg-prod`", exposed.GetProperty("title").GetString(), StringComparison.Ordinal);
        Assert.Contains("holds at the reference time", exposed.GetProperty("explanation").GetString(), StringComparison.Ordinal);
    }
}
