using Ward.Microsoft.Edges;

namespace Ward.Microsoft.Tests.Testing;

/// <summary>
/// The Woodgrove Bank fixture under Fixtures/Entra/woodgrove-devices, a Graph v1.0 export with its device inventory:
/// Ines holds Intune Administrator, Gary and Nina Global Administrator; the others own or use one kind of device each (devices, their registered owners
/// and users, and Intune's managed devices, as the export script writes them). Fixtures/AzureHound/azurehound-devices.json
/// holds the same tenant as AzureHound writes it (AZDevice, AZDeviceOwner; no registered users nor Intune list).
/// </summary>
internal static class WoodgroveDevices
{
    public const string Ines = "d1000001-4b2c-4d3e-9f40-000000000001"; // Intune Administrator
    public const string Gary = "d1000002-4b2c-4d3e-9f40-000000000002"; // Global Administrator; DESKTOP-GARY: Windows 11, Entra joined, managed by Intune
    public const string Mia = "d1000003-4b2c-4d3e-9f40-000000000003"; // MBP-MIA: macOS, managed by Intune
    public const string Uma = "d1000004-4b2c-4d3e-9f40-000000000004"; // LAPTOP-UMA: Windows 10, registered, not managed
    public const string Nina = "d1000005-4b2c-4d3e-9f40-000000000005"; // Global Administrator; no device
    public const string Dora = "d1000006-4b2c-4d3e-9f40-000000000006"; // DESKTOP-DORA: managed Windows 11, disabled
    public const string Hugo = "d1000007-4b2c-4d3e-9f40-000000000007"; // LAB-PC-01 to 04: managed Windows 11 (LAB-PC-02 co-managed), owner only
    public const string Tom = "d1000008-4b2c-4d3e-9f40-000000000008"; // DESKTOP-TOM: isManaged true, but not in Intune's list (another MDM)

    public const string DesktopGary = "e2000001-5c3d-4e4f-8a51-000000000001";

    public static readonly DateTimeOffset AsOf = new(2026, 11, 28, 12, 0, 0, TimeSpan.Zero);

    public static string Folder { get; } = Path.Combine(AppContext.BaseDirectory, "Fixtures", "Entra", "woodgrove-devices");

    public static string AzureHoundFile { get; } = Path.Combine(AppContext.BaseDirectory, "Fixtures", "AzureHound", "azurehound-devices.json");

    /// <summary>The export's folders and files, but those named.</summary>
    public static string[] Without(params string[] names) =>
        [.. Directory.EnumerateFileSystemEntries(Folder).Where(p => !names.Contains(Path.GetFileName(p), StringComparer.Ordinal)).Order(StringComparer.Ordinal)];

    public static MicrosoftEdgeContext Context(params string[] paths)
    {
        var estates = MicrosoftEstateLoader.Load(paths);
        return new MicrosoftEdgeContext(estates.Entra, estates.Azure, AsOf);
    }
}
