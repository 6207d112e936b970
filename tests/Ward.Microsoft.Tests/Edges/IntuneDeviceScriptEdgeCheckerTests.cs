using Ward.Core.Diagnostics;
using Ward.Core.Graph;
using Ward.Microsoft.Edges;
using Ward.Microsoft.Edges.Checkers;
using Ward.Microsoft.Entra.Ingest;
using Ward.Microsoft.Tests.Testing;
using static Ward.Microsoft.Tests.Testing.WoodgroveDevices;

namespace Ward.Microsoft.Tests.Edges;

/// <summary>
/// <c>entra-intune-device-script</c> on the Woodgrove fixture: Ines, an Intune Administrator, reaches a user through a
/// platform script only where the exported devices leave a Windows 10/11 device Intune manages that the user owns or uses.
/// </summary>
public sealed class IntuneDeviceScriptEdgeCheckerTests
{
    private const string OldRequirement = "signs in on a Windows device enrolled in Intune (device inventory not exported), where a script runs as SYSTEM and can take the user's session tokens";

    private static readonly string[] Inventory = ["devices", "device-registered-owners", "device-registered-users", "managed-devices"];

    [Fact]
    public void Without_devices_every_user_gets_the_conditional_edge_as_before()
    {
        // Given the export without its device inventory
        var edges = Edges(Context(Without(Inventory)));

        // Then every user but Ines is reached, on the old condition
        Assert.Equal([Gary, Mia, Uma, Nina, Dora, Hugo, Tom], edges.Select(e => e.To.Value), StringComparer.Ordinal);
        Assert.All(edges, edge =>
        {
            Assert.Equal((Ines, true), (edge.From.Value, edge.IsConditional));
            Assert.Equal("microsoft.intune/allEntities/allTasks", Assert.Single(edge.Permissions).Action);
            Assert.EndsWith(OldRequirement, Assert.Single(edge.Requirements), StringComparison.Ordinal);
        });
        Assert.Equal("`gary.grant@woodgrove.onmicrosoft.com` " + OldRequirement, Assert.Single(edges, e => e.To.Value == Gary).Requirements[0]);
    }

    [Fact]
    public void A_user_owning_a_managed_Windows_device_gets_the_edge_naming_it()
    {
        var edges = Edges(Context(Folder));

        // Then Gary and Hugo are reached, still conditional on signing in there, and nobody else
        Assert.Equal([Gary, Hugo], edges.Select(e => e.To.Value), StringComparer.Ordinal);
        var gary = Assert.Single(edges, e => e.To.Value == Gary);
        Assert.True(gary.IsConditional);
        Assert.Equal("`gary.grant@woodgrove.onmicrosoft.com` signs in on a Windows device Intune manages that they are a registered owner or user of: `DESKTOP-GARY`, where a script runs as SYSTEM and can take the user's session tokens", Assert.Single(gary.Requirements));

        // And four devices are named three at a time, co-managed ones counted
        Assert.Contains("`LAB-PC-01`, `LAB-PC-02`, `LAB-PC-03` and 1 more,", Assert.Single(Assert.Single(edges, e => e.To.Value == Hugo).Requirements), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(Mia)]
    [InlineData(Uma)]
    [InlineData(Nina)]
    [InlineData(Dora)]
    [InlineData(Tom)]
    public void A_user_without_an_enabled_managed_Windows_device_gets_no_edge(string user)
    {
        // macOS, a Windows device Intune does not manage, none, a disabled device, a device Intune's own list does not hold
        Assert.DoesNotContain(Edges(Context(Folder)), e => e.To.Value == user);
    }

    [Fact]
    public void Without_Intune_s_list_isManaged_decides()
    {
        // Given the export without `deviceManagement/managedDevices`: DESKTOP-TOM says it is managed (by another MDM)
        var edges = Edges(Context(Without("managed-devices")));

        // Then Tom is reached as well
        Assert.Equal([Gary, Hugo, Tom], edges.Select(e => e.To.Value), StringComparer.Ordinal);
        Assert.Contains("`DESKTOP-TOM`", Assert.Single(Assert.Single(edges, e => e.To.Value == Tom).Requirements), StringComparison.Ordinal);
    }

    [Fact]
    public void A_device_whose_management_was_not_exported_keeps_the_edge_conditional_saying_so()
    {
        // Given DESKTOP-GARY listed without `isManaged`, and no Intune list
        using var folder = new ScratchFolder(("devices.json", GraphBodies.Collection("devices(id,deviceId,displayName,operatingSystem,operatingSystemVersion,accountEnabled,trustType)",
            """{"id": "e2000001-5c3d-4e4f-8a51-000000000001", "deviceId": "c3000001-6d4e-4f50-9b62-000000000001", "displayName": "DESKTOP-GARY", "operatingSystem": "Windows", "operatingSystemVersion": "10.0.22631.4602", "accountEnabled": true, "trustType": "AzureAd"}""")));
        var edges = Edges(Context([.. Without("devices", "managed-devices"), folder.Path]));

        // Then Gary is reached on condition that Intune manages it, and the other owners' devices, unlisted now, dangle
        var gary = Assert.Single(edges);
        Assert.Equal(Gary, gary.To.Value);
        Assert.Contains("`DESKTOP-GARY`, and Intune manages it (whether it does was not exported", Assert.Single(gary.Requirements), StringComparison.Ordinal);
    }

    [Fact]
    public void Devices_whose_owners_were_not_exported_leave_every_user_conditional_naming_them()
    {
        // Given devices and Intune's list, but no registered owners or users (as `azurehound list` writes no AZDeviceOwner)
        var edges = Edges(Context(Without("device-registered-owners", "device-registered-users")));

        // Then Intune's primary users are known, and everyone else may sign in on the devices without owners
        Assert.Equal([Gary, Mia, Uma, Nina, Dora, Hugo, Tom], edges.Select(e => e.To.Value), StringComparer.Ordinal);
        Assert.Contains("Intune manages that they are a registered owner or user of: `DESKTOP-GARY`", Assert.Single(edges, e => e.To.Value == Gary).Requirements[0], StringComparison.Ordinal);
        Assert.Contains("whose registered owners and users were not exported", Assert.Single(edges, e => e.To.Value == Nina).Requirements[0], StringComparison.Ordinal);
    }

    [Fact]
    public void AzureHound_devices_and_owners_decide_alike()
    {
        // Given the same tenant as AzureHound writes it: false booleans left out, ids upper-cased, no Intune list
        var context = Context(AzureHoundFile);
        Assert.DoesNotContain(context.Directory.Diagnostics, d => d.Severity >= DiagnosticSeverity.Warning);
        var edges = Edges(context);

        // Then Tom's device counts (no Intune list), Uma's (isManaged left out) and Dora's (accountEnabled left out) do not
        Assert.Equal([Gary, Hugo, Tom], edges.Select(e => e.To.Value), StringComparer.Ordinal);
        Assert.Contains("of: `DESKTOP-GARY`,", Assert.Single(edges, e => e.To.Value == Gary).Requirements[0], StringComparison.Ordinal);
        var device = Assert.Single(context.Directory.Devices, d => d.Id == DesktopGary);
        Assert.Equal(("c3000001-6d4e-4f50-9b62-000000000001", true, true), (device.DeviceId, device.AccountEnabled, device.IsManaged));
        Assert.Equal([Gary], device.RegisteredOwners!.Value.Select(o => o.Id), StringComparer.Ordinal);
    }

    [Fact]
    public void Malformed_device_records_are_located_diagnostics()
    {
        // Given a page with a device without id, one whose isManaged is text, and an owner list of a device not exported
        using var folder = new ScratchFolder(
            ("devices/page-001.json", GraphBodies.Collection("devices", """
                {"deviceId": "c3000010-6d4e-4f50-9b62-000000000010", "displayName": "NO-ID", "operatingSystem": "Windows", "accountEnabled": true, "isManaged": true},
                {"id": "e2000011-5c3d-4e4f-8a51-000000000011", "displayName": "TEXT-FLAG", "operatingSystem": "Windows", "accountEnabled": true, "isManaged": "yes"}
                """)),
            ("device-registered-owners/e2000099-5c3d-4e4f-8a51-000000000099/page-001.json", GraphBodies.Collection("directoryObjects", GraphBodies.Member("user", Gary))));
        var directory = MicrosoftEstateLoader.Load([.. Without(Inventory), folder.Path], TestContext.Current.CancellationToken).Entra;

        // Then each is reported at its file, JSON path and line, and the well-formed device is kept
        var missingId = Assert.Single(directory.Diagnostics, d => d.Code == EntraDiagnosticCodes.MissingField);
        Assert.Equal((Path.Combine(folder.Path, "devices", "page-001.json"), "$.value[0]", DiagnosticSeverity.Error), (missingId.Location.File, missingId.Location.JsonPath, missingId.Severity));
        Assert.NotNull(missingId.Location.Line);
        var flag = Assert.Single(directory.Diagnostics, d => d.Location.JsonPath == "$.value[1].isManaged");
        Assert.Equal(EntraDiagnosticCodes.WrongShape, flag.Code);
        Assert.NotNull(flag.Location.Line);
        var dangling = Assert.Single(directory.Diagnostics, d => d.Code == EntraDiagnosticCodes.DanglingRelation);
        Assert.Contains("registered owners of device `e2000099-5c3d-4e4f-8a51-000000000099`", dangling.Message, StringComparison.Ordinal);
        var device = Assert.Single(directory.Devices);
        Assert.Equal(("TEXT-FLAG", (bool?)null), (device.DisplayName, device.IsManaged));
    }

    [Fact]
    public void Intune_s_list_alone_decides_nothing_and_says_so()
    {
        // Given Intune's managed devices without the Entra ID devices they name
        var context = Context(Without("devices", "device-registered-owners", "device-registered-users"));

        // Then the edges are as without an inventory, and an info says the list was not used
        Assert.All(Edges(context), edge => Assert.EndsWith(OldRequirement, Assert.Single(edge.Requirements), StringComparison.Ordinal));
        var note = Assert.Single(context.Directory.Diagnostics, d => d.Code == EntraDiagnosticCodes.DanglingRelation);
        Assert.Equal(DiagnosticSeverity.Info, note.Severity);
        Assert.Contains("7 Intune managed devices are in the input but no Entra ID device list", note.Message, StringComparison.Ordinal);
        Assert.Equal(("$.value[0]", 4), (note.Location.JsonPath, note.Location.Line));
    }

    [Fact]
    public void An_Intune_managed_device_naming_a_device_not_in_the_export_is_a_warning()
    {
        using var folder = new ScratchFolder(("managed-devices/page-001.json", GraphBodies.Collection("deviceManagement/managedDevices(id,deviceName,azureADDeviceId,operatingSystem,managementAgent)",
            """{"id": "f4000099-7e5f-4061-8c73-000000000099", "deviceName": "DESKTOP-GONE", "azureADDeviceId": "c3000099-6d4e-4f50-9b62-000000000099", "operatingSystem": "Windows", "managementAgent": "mdm"}""")));
        var context = Context([.. Without("managed-devices"), folder.Path]);

        var warning = Assert.Single(context.Directory.Diagnostics, d => d.Code == EntraDiagnosticCodes.DanglingRelation);
        Assert.Equal(DiagnosticSeverity.Warning, warning.Severity);
        Assert.Contains("1 Intune managed device names an Entra ID device (`azureADDeviceId`) not in the export (`DESKTOP-GONE`)", warning.Message, StringComparison.Ordinal);

        // And Intune's list, holding none of the exported devices, leaves nobody managed
        Assert.Empty(Edges(context));
    }

    private static List<Edge> Edges(MicrosoftEdgeContext context) =>
        [.. new IntuneDeviceScriptEdgeChecker().Check(context, targets: null).Where(e => e.From.Value == Ines).OrderBy(e => e.To.Value, StringComparer.Ordinal)];
}
