using System.Collections.Frozen;
using System.Text.Json;
using Ward.Microsoft.Entra.Directory;

namespace Ward.Microsoft.Entra.Ingest;

/// <summary>Reads Entra ID devices (<c>GET /devices</c>, AzureHound's <c>AZDevice</c>) and Intune's managed devices.</summary>
internal static class DeviceReader
{
    // Fields read, plus the other properties of a device (v1.0 and beta) and what AzureHound writes, so they are not reported.
    private static readonly FrozenSet<string> DeviceFields = new[]
    {
        "id", "deviceId", "displayName", "operatingSystem", "operatingSystemVersion", "accountEnabled", "isManaged", "isCompliant", "trustType",
        "managementType", "approximateLastSignInDateTime", "deletedDateTime", "alternativeSecurityIds", "complianceExpirationDateTime", "createdDateTime",
        "deviceCategory", "deviceMetadata", "deviceOwnership", "deviceVersion", "enrollmentProfileName", "enrollmentType", "extensionAttributes",
        "isManagementRestricted", "isRooted", "manufacturer", "mdmAppId", "model", "onPremisesExtensionAttributes", "onPremisesLastSyncDateTime",
        "onPremisesSecurityIdentifier", "onPremisesSyncEnabled", "physicalIds", "profileType", "registrationDateTime", "systemLabels", "domainName",
        "kind", "name", "platform", "status",
    }.ToFrozenSet(StringComparer.Ordinal);

    private static readonly FrozenSet<string> ManagedDeviceFields = new[]
    {
        "id", "azureADDeviceId", "deviceName", "userId", "userPrincipalName", "operatingSystem", "managementAgent", "osVersion", "userDisplayName",
        "emailAddress", "managedDeviceOwnerType", "enrolledDateTime", "lastSyncDateTime", "complianceState", "jailBroken", "azureADRegistered",
        "deviceEnrollmentType", "deviceRegistrationState", "managedDeviceName", "model", "manufacturer", "serialNumber", "deviceCategoryDisplayName",
        "isEncrypted", "isSupervised", "exchangeAccessState", "exchangeAccessStateReason", "remoteAssistanceSessionUrl", "remoteAssistanceSessionErrorDetails",
        "easActivated", "easDeviceId", "easActivationDateTime", "complianceGracePeriodExpirationDateTime", "phoneNumber", "androidSecurityPatchLevel",
        "configurationManagerClientEnabledFeatures", "wiFiMacAddress", "deviceHealthAttestationState", "subscriberCarrier", "meid", "totalStorageSpaceInBytes",
        "freeStorageSpaceInBytes", "partnerReportedThreatState", "requireUserEnrollmentApproval", "iccid", "udid", "notes", "ethernetMacAddress",
        "physicalMemoryInBytes", "enrollmentProfileName", "imei", "deviceActionResults", "managementCertificateExpirationDate",
    }.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>
    /// A device. AzureHound writes a false boolean as nothing (Go's <c>omitempty</c>), so from it an absent
    /// <c>accountEnabled</c> or <c>isManaged</c> is false; in a Graph response an absent one was not selected (unknown),
    /// and <c>isManaged</c> null means no MDM ever set it (Graph: "otherwise, false").
    /// </summary>
    public static EntraDevice? Device(JsonElement item, string path, GraphJson json, bool fromAzureHound)
    {
        json.CheckFields(item, path, "a device", DeviceFields);
        if (json.Id(item, "id", path, required: true) is not { } id)
        {
            return null;
        }

        return new EntraDevice
        {
            Id = id,
            DeviceId = json.String(item, "deviceId", path)?.ToLowerInvariant(),
            DisplayName = json.String(item, "displayName", path),
            OperatingSystem = json.String(item, "operatingSystem", path),
            OperatingSystemVersion = json.String(item, "operatingSystemVersion", path),
            AccountEnabled = Flag(item, "accountEnabled", path, json, fromAzureHound, nullIsFalse: false),
            IsManaged = Flag(item, "isManaged", path, json, fromAzureHound, nullIsFalse: true),
            IsCompliant = Flag(item, "isCompliant", path, json, fromAzureHound, nullIsFalse: true),
            TrustType = json.String(item, "trustType", path),
            ManagementType = json.String(item, "managementType", path),
            ApproximateLastSignIn = json.Date(item, "approximateLastSignInDateTime", path),
            Location = json.At(path),
        };
    }

    public static IntuneManagedDevice? ManagedDevice(JsonElement item, string path, GraphJson json)
    {
        json.CheckFields(item, path, "an Intune managed device", ManagedDeviceFields);
        if (json.String(item, "id", path, required: true) is not { } id)
        {
            return null;
        }

        // Intune writes the all-zero GUID, or nothing, for a device not registered in Entra ID.
        var azureADDeviceId = json.String(item, "azureADDeviceId", path)?.ToLowerInvariant();
        return new IntuneManagedDevice
        {
            Id = id.ToLowerInvariant(),
            AzureADDeviceId = azureADDeviceId is null or "" || (Guid.TryParse(azureADDeviceId, out var guid) && guid == Guid.Empty) ? null : azureADDeviceId,
            DeviceName = json.String(item, "deviceName", path),
            UserId = NonEmptyId(item, "userId", path, json),
            UserPrincipalName = json.String(item, "userPrincipalName", path),
            OperatingSystem = json.String(item, "operatingSystem", path),
            ManagementAgent = json.String(item, "managementAgent", path),
            Location = json.At(path),
        };
    }

    private static bool? Flag(JsonElement item, string name, string path, GraphJson json, bool fromAzureHound, bool nullIsFalse)
    {
        if (!item.TryGetProperty(name, out var value))
        {
            return fromAzureHound ? false : null;
        }

        return value.ValueKind == JsonValueKind.Null ? (nullIsFalse ? false : null) : json.Boolean(item, name, path);
    }

    // A device without a primary user has `userId` empty, not absent.
    private static string? NonEmptyId(JsonElement item, string name, string path, GraphJson json) =>
        item.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && value.GetString()!.Length == 0 ? null : json.Id(item, name, path);
}
