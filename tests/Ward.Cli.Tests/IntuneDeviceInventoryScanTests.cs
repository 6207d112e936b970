using System.Text.Json;
using System.Text.Json.Nodes;

namespace Ward.Cli.Tests;

/// <summary>
/// <c>ward scan</c> on the Woodgrove export (tests/Ward.Microsoft.Tests/Fixtures/Entra/woodgrove-devices): Ines, an
/// Intune Administrator, reaches the Global Administrators Gary (who owns DESKTOP-GARY, a Windows 11 device Intune
/// manages) and Nina (no device) by a platform script. Without the device inventory a path stands on the old
/// condition; with it, the path goes through Gary's device, named, and none is left once that device is unmanaged.
/// AzureHound's records of the tenant decide alike.
/// </summary>
public sealed class IntuneDeviceInventoryScanTests
{
    private const string Ines = "d1000001-4b2c-4d3e-9f40-000000000001";
    private const string Gary = "d1000002-4b2c-4d3e-9f40-000000000002";
    private const string DesktopGary = "e2000001-5c3d-4e4f-8a51-000000000001";

    private static readonly string Fixtures = Path.Combine(Repository.Root, "tests", "Ward.Microsoft.Tests", "Fixtures");
    private static readonly string Export = Path.Combine(Fixtures, "Entra", "woodgrove-devices");
    private static readonly string[] Inventory = ["devices", "device-registered-owners", "device-registered-users", "managed-devices"];

    [Fact]
    public void Without_devices_the_Intune_Administrator_reaches_an_administrator_on_the_old_condition()
    {
        var steps = ScriptSteps(Scan([.. Directory.EnumerateFileSystemEntries(Export).Where(p => !Inventory.Contains(Path.GetFileName(p), StringComparer.Ordinal))]));

        var requirement = Assert.Single(steps).Value;
        Assert.EndsWith("signs in on a Windows device enrolled in Intune (device inventory not exported), where a script runs as SYSTEM and can take the user's session tokens", requirement, StringComparison.Ordinal);
    }

    [Fact]
    public void With_devices_the_administrator_with_a_managed_Windows_device_is_reached_and_the_device_is_named()
    {
        var steps = ScriptSteps(Scan(Export));

        var requirement = Assert.Single(steps, t => t.Key == Gary).Value;
        Assert.Contains("Intune manages that they are a registered owner or user of: `DESKTOP-GARY`", requirement, StringComparison.Ordinal);
    }

    [Fact]
    public void When_no_administrator_has_a_managed_Windows_device_there_is_no_path()
    {
        // Given the export with DESKTOP-GARY no longer managed (isManaged false, gone from Intune's list); Nina has no device
        var copy = Directory.CreateTempSubdirectory("ward-devices-").FullName;
        try
        {
            foreach (var file in Directory.EnumerateFiles(Export, "*", SearchOption.AllDirectories))
            {
                var target = Path.Combine(copy, Path.GetRelativePath(Export, file));
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                File.Copy(file, target);
            }

            Change(Path.Combine(copy, "devices", "page-001.json"), devices => Item(devices, "id", DesktopGary)["isManaged"] = false);
            Change(Path.Combine(copy, "managed-devices", "page-001.json"), managed => managed.Remove(Item(managed, "deviceName", "DESKTOP-GARY")));

            // Then Ines reaches no administrator
            Assert.Empty(ScriptSteps(Scan(copy)));
        }
        finally
        {
            Directory.Delete(copy, recursive: true);
        }
    }

    [Fact]
    public void AzureHound_devices_and_device_owners_decide_the_same()
    {
        var steps = ScriptSteps(Scan(Path.Combine(Fixtures, "AzureHound", "azurehound-devices.json")));

        Assert.Equal([Gary], steps.Keys, StringComparer.Ordinal);
        Assert.Contains("`DESKTOP-GARY`", steps[Gary], StringComparison.Ordinal);
    }

    private static void Change(string page, Action<JsonArray> change)
    {
        var root = JsonNode.Parse(File.ReadAllText(page))!;
        change(root["value"]!.AsArray());
        File.WriteAllText(page, root.ToJsonString());
    }

    private static JsonNode Item(JsonArray items, string field, string value) =>
        items.First(i => string.Equals(i![field]!.GetValue<string>(), value, StringComparison.Ordinal))!;

    /// <summary>The target and requirement of each platform-script step Ines takes in a privilege-escalation path.</summary>
    private static Dictionary<string, string> ScriptSteps(List<JsonElement> findings) =>
        findings.Where(f => f.GetProperty("ruleId").GetString() == "privilege-escalation" && f.GetProperty("principal").GetString() == Ines)
            .SelectMany(f => f.GetProperty("path").EnumerateArray())
            .Where(s => s.GetProperty("technique").GetString() == "entra-intune-device-script")
            .GroupBy(s => s.GetProperty("to").GetString()!, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => Assert.Single(g.First().GetProperty("requirements").EnumerateArray()).GetString()!, StringComparer.Ordinal);

    private static List<JsonElement> Scan(params string[] inputs)
    {
        var (exitCode, console, json) = WardRunner.RunCapturingStandardOutput(["scan", .. inputs, "--as-of", "2026-11-28T12:00:00Z", "--format", "json"]);
        Assert.True(exitCode is 0 or 1, console);
        return [.. JsonDocument.Parse(json).RootElement.GetProperty("findings").EnumerateArray().Select(f => f.Clone())];
    }
}
