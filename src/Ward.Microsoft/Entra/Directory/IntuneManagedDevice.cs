using Ward.Core.Diagnostics;

namespace Ward.Microsoft.Entra.Directory;

/// <summary>A device Intune manages (an item of <c>GET /deviceManagement/managedDevices</c>).</summary>
public sealed record IntuneManagedDevice
{
    public required string Id { get; init; }

    /// <summary>The Entra ID device's <c>deviceId</c> (not its object id); null or empty when the device is not registered in Entra ID.</summary>
    public string? AzureADDeviceId { get; init; }

    public string? DeviceName { get; init; }

    /// <summary>The object id of the device's primary user; null when it has none.</summary>
    public string? UserId { get; init; }

    public string? UserPrincipalName { get; init; }

    public string? OperatingSystem { get; init; }

    /// <summary><c>mdm</c>, <c>configurationManagerClientMdm</c> (co-managed), <c>msSense</c> …; null when not exported.</summary>
    public string? ManagementAgent { get; init; }

    public SourceLocation Location { get; init; } = SourceLocation.None;
}
