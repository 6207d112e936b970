using System.Collections.Frozen;
using Ward.Microsoft.Entra.Directory;

namespace Ward.Microsoft.Edges;

/// <summary>
/// Where an Intune platform script can reach a user, from the exported device inventory: the enabled Windows 10/11
/// devices Intune manages (or may manage, when that was not exported) that the user is a registered owner or user of,
/// or the primary user of in Intune. Built only when devices were exported; without them nothing is known.
/// </summary>
internal sealed class IntuneScriptDevices
{
    // Management agents of a device enrolled in Intune's MDM, which runs platform scripts through the Intune management
    // extension; `configurationManagerClient` (tenant attach only), `msSense` (Defender security settings) and
    // `microsoft365ManagedMdm` (Basic Mobility and Security) do not.
    private static readonly FrozenSet<string> MdmAgents = new[] { "mdm", "easMdm", "configurationManagerClientMdm", "configurationManagerClientMdmEas" }
        .ToFrozenSet(StringComparer.OrdinalIgnoreCase);

    private readonly Dictionary<string, List<(EntraDevice Device, DeviceManagement Management)>> _byUser = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<EntraDevice> _unlisted = [];

    private IntuneScriptDevices(EntraDirectory directory, bool anyManagement)
    {
        var intune = directory.ManagedDevices.Where(m => m.AzureADDeviceId is not null).ToLookup(m => m.AzureADDeviceId!, StringComparer.OrdinalIgnoreCase);
        foreach (var device in directory.Devices.Where(d => d.AccountEnabled != false && IsWindows10Or11(d)))
        {
            var records = device.DeviceId is null ? [] : intune[device.DeviceId].ToList();
            var management = anyManagement ? DeviceManagement.Managed : ManagementOf(device, records, directory.ManagedDevicesExported);
            if (management == DeviceManagement.NotManaged)
            {
                continue;
            }

            var users = (device.RegisteredOwners ?? []).Concat(device.RegisteredUsers ?? []).Select(r => r.Id)
                .Concat(records.Where(r => r.UserId is not null).Select(r => r.UserId!))
                .Distinct(StringComparer.OrdinalIgnoreCase).ToList();
            if (device.RegisteredOwners is null && device.RegisteredUsers is null)
            {
                // Intune's primary user is not every user of the device: without the registered lists anyone may be one.
                _unlisted.Add(device);
            }

            foreach (var user in users)
            {
                if (!_byUser.TryGetValue(user, out var list))
                {
                    list = [];
                    _byUser[user] = list;
                }

                list.Add((device, management));
            }
        }

        _unlisted.Sort((a, b) => string.CompareOrdinal(a.Name, b.Name));
    }

    /// <summary>How Intune manages a device, as far as the export tells.</summary>
    private enum DeviceManagement
    {
        Managed,
        NotManaged,
        Unknown,
    }

    /// <summary>Null when no device was exported: then the inventory decides nothing.</summary>
    public static IntuneScriptDevices? Of(EntraDirectory directory) => directory.DevicesExported ? new IntuneScriptDevices(directory, anyManagement: false) : null;

    /// <summary>
    /// Every enabled Windows 10/11 device, whatever manages it (each in <c>Managed</c>): where a tool that does not go
    /// through Intune, such as Defender for Endpoint's live response, may run a script. Null when no device was exported.
    /// </summary>
    public static IntuneScriptDevices? AnyManagement(EntraDirectory directory) => directory.DevicesExported ? new IntuneScriptDevices(directory, anyManagement: true) : null;

    /// <summary>The user's devices a script may run on, Intune-managed first, then those whose management is unknown.</summary>
    public (IReadOnlyList<EntraDevice> Managed, IReadOnlyList<EntraDevice> Unknown) DevicesOf(string userId)
    {
        var devices = _byUser.GetValueOrDefault(userId) ?? [];
        return (Sorted(devices, DeviceManagement.Managed), Sorted(devices, DeviceManagement.Unknown));
    }

    /// <summary>Devices a script may run on whose registered owners and users were not exported: anyone may sign in on them, as far as Ward knows.</summary>
    public IReadOnlyList<EntraDevice> Unlisted => _unlisted;

    /// <summary>Device names in backticks, at most three, then how many more.</summary>
    public static string Names(IReadOnlyList<EntraDevice> devices) =>
        string.Join(", ", devices.Take(3).Select(d => $"`{d.Name}`")) + (devices.Count > 3 ? $" and {devices.Count - 3} more" : string.Empty);

    private static List<EntraDevice> Sorted(List<(EntraDevice Device, DeviceManagement Management)> devices, DeviceManagement management) =>
        [.. devices.Where(d => d.Management == management).Select(d => d.Device).OrderBy(d => d.Name, StringComparer.Ordinal).ThenBy(d => d.Id, StringComparer.Ordinal)];

    /// <summary>Intune's own list decides when it was exported (it lists every device Intune manages); else the device's <c>isManaged</c>.</summary>
    private static DeviceManagement ManagementOf(EntraDevice device, List<IntuneManagedDevice> records, bool intuneExported)
    {
        if (intuneExported)
        {
            return records.Exists(r => r.ManagementAgent is null || MdmAgents.Contains(r.ManagementAgent)) ? DeviceManagement.Managed : DeviceManagement.NotManaged;
        }

        return device.IsManaged switch
        {
            true => DeviceManagement.Managed,
            false => DeviceManagement.NotManaged,
            null => DeviceManagement.Unknown,
        };
    }

    /// <summary>Windows, at version 10.0 (Windows 10 and 11 both report it) or with no version exported; Windows Server and older Windows are not.</summary>
    private static bool IsWindows10Or11(EntraDevice device) =>
        string.Equals(device.OperatingSystem, "Windows", StringComparison.OrdinalIgnoreCase)
        && (device.OperatingSystemVersion is null || device.OperatingSystemVersion.StartsWith("10.", StringComparison.Ordinal));
}
