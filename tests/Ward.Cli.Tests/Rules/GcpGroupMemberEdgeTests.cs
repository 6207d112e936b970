using System.Text.Json;

namespace Ward.Cli.Tests.Rules;

/// <summary>
/// <c>gcp-group-member</c>: with the Cloud Identity memberships exported (the Google Cloud tests' groups fixture beside
/// the Northwind organization), members of a group that reaches owner-equivalence get a path through it, nested groups
/// one step per group; people in no group get none.
/// </summary>
public sealed class GcpGroupMemberEdgeTests
{
    private static readonly Lazy<JsonElement[]> Findings = new(() =>
    {
        var folder = Directory.CreateTempSubdirectory("ward-gcp-groups-").FullName;
        var fixtures = Path.Combine(Repository.Root, "tests", "Ward.Gcp.Tests", "Fixtures");
        Copy(Path.Combine(fixtures, "organization"), folder);
        Copy(Path.Combine(fixtures, "groups"), Path.Combine(folder, "groups"));
        var output = Path.Combine(folder, "report.json");
        var (exitCode, console) = WardRunner.Run("scan", folder, "--as-of", "2026-12-01T09:00:00Z", "--format", "json", "--output", output);
        Assert.True(exitCode is 0 or 1, console);
        var findings = JsonDocument.Parse(File.ReadAllText(output)).RootElement.GetProperty("findings").EnumerateArray().Select(f => f.Clone()).ToArray();
        Directory.Delete(folder, recursive: true);
        return findings;
    });

    [Fact]
    public void A_member_of_a_nested_group_reaches_the_administrators_group_one_membership_at_a_time()
    {
        var finding = Escalation("user:frank@northwind.example");

        Assert.Equal(
            [("gcp-group-member", "group:platform-leads@northwind.example"), ("gcp-group-member", "group:cloud-admins@northwind.example")],
            finding.GetProperty("path").EnumerateArray().Select(s => (s.GetProperty("technique").GetString(), s.GetProperty("to").GetString())));
    }

    [Fact]
    public void A_service_account_member_gets_the_groups_path_too()
    {
        var step = Assert.Single(Escalation("serviceAccount:ci-deployer@nw-build-prod.iam.gserviceaccount.com").GetProperty("path").EnumerateArray());

        Assert.Equal("gcp-group-member", step.GetProperty("technique").GetString());
    }

    [Fact]
    public void Someone_in_no_group_gets_no_path_through_one() =>
        Assert.DoesNotContain(Findings.Value, f => f.GetProperty("principal").GetString() == "user:erin@northwind.example");

    private static JsonElement Escalation(string principal) =>
        Assert.Single(Findings.Value, f => f.GetProperty("ruleId").GetString() == "privilege-escalation" && f.GetProperty("principal").GetString() == principal);

    private static void Copy(string from, string to)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }
}
