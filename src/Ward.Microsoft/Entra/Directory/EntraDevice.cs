using System.Collections.Immutable;
using Ward.Core.Diagnostics;

namespace Ward.Microsoft.Entra.Directory;

/// <summary>
/// A device registered in Entra ID (an item of <c>GET /devices</c>, or AzureHound's <c>AZDevice</c>) with its registered
/// owners and users as far as they were exported: a null relation was not exported (unknown), an empty one is empty.
/// </summary>
public sealed record EntraDevice
{
    /// <summary>The device's object id (what relations and <c>/devices/{id}</c> name).</summary>
    public required string Id { get; init; }

    /// <summary>The id the Device Registration Service gave it (what Intune's <c>azureADDeviceId</c> names).</summary>
    public string? DeviceId { get; init; }

    public string? DisplayName { get; init; }

    /// <summary>As Graph writes it: <c>Windows</c>, <c>MacMDM</c>, <c>iOS</c>, <c>AndroidForWork</c> …</summary>
    public string? OperatingSystem { get; init; }

    public string? OperatingSystemVersion { get; init; }

    /// <summary>Null when not exported.</summary>
    public bool? AccountEnabled { get; init; }

    /// <summary>Whether an MDM (Intune, or another MDM for Windows) manages the device; null when not exported.</summary>
    public bool? IsManaged { get; init; }

    public bool? IsCompliant { get; init; }

    /// <summary><c>AzureAd</c> (joined), <c>ServerAd</c> (hybrid joined) or <c>Workplace</c> (registered).</summary>
    public string? TrustType { get; init; }

    /// <summary>Beta only: <c>MDM</c>, <c>EAS</c>, <c>ConfigurationManagerClientMdm</c> …; null when not exported.</summary>
    public string? ManagementType { get; init; }

    public DateTimeOffset? ApproximateLastSignIn { get; init; }

    /// <summary>Registered owners (<c>GET /devices/{id}/registeredOwners</c>); null when not exported.</summary>
    public ImmutableArray<DirectoryObjectReference>? RegisteredOwners { get; init; }

    /// <summary>Registered users (<c>GET /devices/{id}/registeredUsers</c>); null when not exported.</summary>
    public ImmutableArray<DirectoryObjectReference>? RegisteredUsers { get; init; }

    public SourceLocation Location { get; init; } = SourceLocation.None;

    /// <summary>The name to show: the display name, else the object id.</summary>
    public string Name => DisplayName ?? Id;
}
