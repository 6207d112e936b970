using System.Text.Json;
using System.Text.Json.Nodes;

namespace Ward.Cli.Tests.Rules;

/// <summary>
/// The Contoso export of the Google Cloud findings tests (tests/Ward.Gcp.Tests/Fixtures/findings: an organization, a
/// folder, three projects, service accounts, AWS workload identity providers), each rule's vulnerable bindings beside
/// their safe twins; scanned once at its reference time.
/// </summary>
internal static class GcpFindingsScan
{
    public const string AsOf = "2026-12-01T09:00:00Z";

    private static readonly Lazy<JsonElement[]> Default = new(() => Scan());

    public static string Folder { get; } = Path.Combine(Repository.Root, "tests", "Ward.Gcp.Tests", "Fixtures", "findings");

    public static JsonElement[] Findings => Default.Value;

    /// <summary>Scans the export with more options.</summary>
    public static JsonElement[] Scan(params string[] options) => ScanFolder(Folder, options);

    /// <summary>Scans another export.</summary>
    public static JsonElement[] ScanFolder(string folder, params string[] options)
    {
        var output = Path.Combine(Path.GetTempPath(), $"ward-gcp-findings-{Guid.NewGuid():N}.json");
        try
        {
            var (exitCode, console) = WardRunner.Run(["scan", folder, "--as-of", AsOf, "--format", "json", "--output", output, .. options]);
            Assert.True(exitCode == 0, console);
            return [.. JsonDocument.Parse(File.ReadAllText(output)).RootElement.GetProperty("findings").EnumerateArray().Select(f => f.Clone())];
        }
        finally
        {
            File.Delete(output);
        }
    }

    public static JsonElement[] Of(string ruleId, JsonElement[]? findings = null) =>
        [.. (findings ?? Findings).Where(f => f.GetProperty("ruleId").GetString() == ruleId)];

    /// <summary>The one finding of a rule about a principal.</summary>
    public static JsonElement Single(string ruleId, string principal, JsonElement[]? findings = null) =>
        Assert.Single(Of(ruleId, findings), f => f.GetProperty("principal").GetString() == principal);

    public static string Text(this JsonElement finding, string property) => finding.GetProperty(property).GetString()!;

    /// <summary>
    /// Adds to the allow policy of <paramref name="resource"/> in a copy's <c>assets/iam-policy.json</c> a second binding of
    /// <paramref name="role"/> to <paramref name="member"/>, under a time condition: <paramref name="expression"/>, by
    /// default one that holds until 2027-06-01.
    /// </summary>
    public static void AddConditionalBinding(string folder, string resource, string role, string member, string expression = ConditionUntil2027)
    {
        var path = Path.Combine(folder, "assets", "iam-policy.json");
        var lines = File.ReadAllLines(path);
        var at = Array.FindIndex(lines, l => JsonNode.Parse(l)!["name"]!.GetValue<string>() == resource);
        Assert.True(at >= 0, resource);
        var asset = JsonNode.Parse(lines[at])!;
        asset["iam_policy"]!["bindings"]!.AsArray().Add(new JsonObject
        {
            ["role"] = role,
            ["members"] = new JsonArray(member),
            ["condition"] = new JsonObject { ["title"] = "until the migration ends", ["expression"] = expression },
        });
        lines[at] = asset.ToJsonString();
        File.WriteAllLines(path, lines);
    }

    /// <summary>Gives the last binding of a resource's allow policy (one <see cref="AddConditionalBinding"/> added) another condition title.</summary>
    public static void RetitleLastBinding(string folder, string resource, string title)
    {
        var path = Path.Combine(folder, "assets", "iam-policy.json");
        var lines = File.ReadAllLines(path);
        var at = Array.FindIndex(lines, l => JsonNode.Parse(l)!["name"]!.GetValue<string>() == resource);
        Assert.True(at >= 0, resource);
        var asset = JsonNode.Parse(lines[at])!;
        asset["iam_policy"]!["bindings"]!.AsArray()[^1]!["condition"]!["title"] = title;
        lines[at] = asset.ToJsonString();
        File.WriteAllLines(path, lines);
    }

    /// <summary>The condition of <see cref="AddConditionalBinding"/>.</summary>
    public const string ConditionUntil2027 = "request.time < timestamp(\"2027-06-01T00:00:00Z\")";
}
