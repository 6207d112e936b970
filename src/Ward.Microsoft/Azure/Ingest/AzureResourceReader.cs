using System.Collections.Immutable;
using System.Text.Json;
using Ward.Core.Diagnostics;
using Ward.Microsoft.Azure.Rbac;
using Ward.Microsoft.Azure.Resources;

namespace Ward.Microsoft.Azure.Ingest;

/// <summary>
/// Reads one resource of an inventory, in any of the shapes that list resources: <c>az resource list</c> and the ARM
/// REST list (settings under <c>properties</c>), <c>az graph query</c> rows (lower-case types), and the flat objects
/// of <c>az vm list</c>, <c>az keyvault show</c>, <c>az aks list</c> or <c>az webapp list</c>. The ARM schemas name
/// some settings differently from the az CLI (<c>enableRBAC</c> and <c>enableRbac</c>), so those are matched without
/// regard to case. Unknown fields are not reported: every resource type has its own.
/// </summary>
internal static class AzureResourceReader
{
    /// <summary>The documented values of a scale set's <c>upgradePolicy.mode</c>.</summary>
    private static readonly string[] UpgradeModes = ["Automatic", "Rolling", "Manual"];

    public static AzureResource? Read(ArmItem item, ArmJson json)
    {
        var id = json.Scope(item, "id", "resource");
        var type = json.String(item, "type", required: true);
        if (id is null || type is null)
        {
            return null;
        }

        var (systemAssigned, userAssigned) = Identity(item, json);
        return new AzureResource
        {
            Id = id,
            Type = type,
            Name = json.String(item, "name") ?? id.Value[(id.Value.LastIndexOf('/') + 1)..],
            Region = json.String(item, "location"),
            SystemAssignedPrincipalId = systemAssigned,
            UserAssignedIdentities = userAssigned,
            IdentityPrincipalId = string.Equals(type, AzureResourceTypes.UserAssignedIdentity, StringComparison.OrdinalIgnoreCase) ? ObjectId(item, json, "principalId") : null,
            IdentityClientId = string.Equals(type, AzureResourceTypes.UserAssignedIdentity, StringComparison.OrdinalIgnoreCase) ? ObjectId(item, json, "clientId") : null,
            KeyVault = string.Equals(type, AzureResourceTypes.KeyVault, StringComparison.OrdinalIgnoreCase) ? KeyVault(item, json) : null,
            Cluster = string.Equals(type, AzureResourceTypes.ManagedCluster, StringComparison.OrdinalIgnoreCase) ? Cluster(item, json) : null,
            StorageAccount = string.Equals(type, AzureResourceTypes.StorageAccount, StringComparison.OrdinalIgnoreCase) ? StorageAccount(item, json) : null,
            DeploymentStorage = string.Equals(type, AzureResourceTypes.WebSite, StringComparison.OrdinalIgnoreCase) ? DeploymentStorage(item, json) : null,
            UpgradePolicyMode = string.Equals(type, AzureResourceTypes.ScaleSet, StringComparison.OrdinalIgnoreCase) ? UpgradePolicyMode(item, json) : null,
            Location = json.At(item.Path),
        };
    }

    /// <summary>The top-level <c>identity</c> block: the system-assigned principal and each user-assigned identity (keyed by its resource id).</summary>
    private static (string? SystemAssigned, ImmutableArray<IdentityAttachment> UserAssigned) Identity(ArmItem item, ArmJson json)
    {
        if (!item.Element.TryGetProperty("identity", out var identity) || identity.ValueKind == JsonValueKind.Null)
        {
            return (null, []);
        }

        var path = JsonPath.Property(item.Path, "identity");
        if (identity.ValueKind != JsonValueKind.Object)
        {
            json.Report(AzureDiagnosticCodes.WrongShape, DiagnosticSeverity.Error, $"`identity` must be an object, found {ArmJson.Describe(identity.ValueKind)}; the resource's identities are not known", path);
            return (null, []);
        }

        var identityItem = new ArmItem(identity, path);
        var systemAssigned = ObjectId(identityItem, json, "principalId");
        if (!identity.TryGetProperty("userAssignedIdentities", out var map) || map.ValueKind == JsonValueKind.Null)
        {
            return (systemAssigned, []);
        }

        var mapPath = JsonPath.Property(path, "userAssignedIdentities");
        if (map.ValueKind != JsonValueKind.Object)
        {
            json.Report(AzureDiagnosticCodes.WrongShape, DiagnosticSeverity.Error, $"`userAssignedIdentities` must be an object keyed by identity resource id, found {ArmJson.Describe(map.ValueKind)}; skipped", mapPath);
            return (systemAssigned, []);
        }

        var attached = ImmutableArray.CreateBuilder<IdentityAttachment>();
        foreach (var entry in map.EnumerateObject())
        {
            var entryPath = JsonPath.Property(mapPath, entry.Name);
            if (!AzureScope.TryParse(entry.Name, out var identityId, out var problem) || identityId.Kind != AzureScopeKind.Resource)
            {
                json.Report(AzureDiagnosticCodes.InvalidScope, DiagnosticSeverity.Error, $"user-assigned identity skipped: {problem ?? $"`{entry.Name}` is not a resource id"}", entryPath);
                continue;
            }

            var details = entry.Value.ValueKind == JsonValueKind.Object ? new ArmItem(entry.Value, entryPath) : (ArmItem?)null;
            attached.Add(new IdentityAttachment(identityId, details is { } d ? ObjectId(d, json, "principalId") : null, details is { } c ? json.String(c, "clientId") : null));
        }

        return (systemAssigned, attached.ToImmutable());
    }

    /// <summary>An object id, in lower case; a value that is not a GUID is reported and read as absent.</summary>
    private static string? ObjectId(ArmItem item, ArmJson json, string name)
    {
        var text = json.String(item, name);
        if (text is null || text.Length == 0)
        {
            return null;
        }

        if (Guid.TryParse(text, out var guid))
        {
            return guid.ToString();
        }

        var path = item.PathOf(name);
        json.Report(AzureDiagnosticCodes.WrongShape, DiagnosticSeverity.Warning, $"`{name}` is not an object id: `{text}`; ignored", path);
        return null;
    }

    /// <summary>The vault's authorization mode and access policies; null when the export left them out (<c>az keyvault list</c>).</summary>
    private static KeyVaultSettings? KeyVault(ArmItem item, ArmJson json)
    {
        if (!item.Has("enableRbacAuthorization") && !item.Has("accessPolicies"))
        {
            return null;
        }

        var policies = ImmutableArray.CreateBuilder<KeyVaultAccessPolicy>();
        foreach (var (policy, path) in json.Objects(item, "accessPolicies"))
        {
            if (ReadAccessPolicy(new ArmItem(policy, path), json) is { } read)
            {
                policies.Add(read);
            }
        }

        return new KeyVaultSettings { EnableRbacAuthorization = json.Boolean(item, "enableRbacAuthorization"), AccessPolicies = policies.ToImmutable() };
    }

    /// <summary>One access policy (<c>objectId</c>, <c>applicationId</c>, <c>permissions</c>); null, reported, without an object id.</summary>
    public static KeyVaultAccessPolicy? ReadAccessPolicy(ArmItem policy, ArmJson json)
    {
        var objectId = ObjectId(policy, json, "objectId");
        if (objectId is null)
        {
            json.Report(AzureDiagnosticCodes.MissingField, DiagnosticSeverity.Error, "a key vault access policy without an `objectId` names nobody; skipped", policy.Path);
            return null;
        }

        var permissions = Field(policy.Element, "permissions", policy.Path) is { } p && p.Value.ValueKind == JsonValueKind.Object ? p : ((JsonElement, string)?)null;
        return new KeyVaultAccessPolicy
        {
            ObjectId = objectId,
            ApplicationId = ObjectId(policy, json, "applicationId"),
            Keys = Permissions(permissions, "keys", json),
            Secrets = Permissions(permissions, "secrets", json),
            Certificates = Permissions(permissions, "certificates", json),
            Storage = Permissions(permissions, "storage", json),
        };
    }

    private static ImmutableArray<string> Permissions((JsonElement Value, string Path)? permissions, string name, ArmJson json) =>
        permissions is { } p ? json.Strings(p.Value, name, p.Path) : [];

    /// <summary>
    /// Whether the account accepts its keys: <c>allowSharedKeyAccess</c> false refuses them, absent or null is Azure's
    /// default (true). Null when the export has none of the account's properties (<c>az resource list</c>), told by
    /// <c>primaryEndpoints</c>, which every form that has them carries.
    /// </summary>
    private static StorageAccountSettings? StorageAccount(ArmItem item, ArmJson json)
    {
        var written = item.Properties.TryGetProperty("allowSharedKeyAccess", out _) || item.Element.TryGetProperty("allowSharedKeyAccess", out _);
        if (!written && !item.Has("primaryEndpoints"))
        {
            return null;
        }

        return new StorageAccountSettings { AllowSharedKeyAccess = !item.Has("allowSharedKeyAccess") || json.Boolean(item, "allowSharedKeyAccess") };
    }

    /// <summary>
    /// A scale set's <c>upgradePolicy.mode</c> (flat in <c>az vmss list</c>, under <c>properties</c> in the ARM and
    /// Resource Graph forms); null when the export has none, or a value that is no documented mode (reported).
    /// </summary>
    private static string? UpgradePolicyMode(ArmItem item, ArmJson json)
    {
        if (!item.TryGet("upgradePolicy", out var policy, out var policyPath) || Field(policy, "mode", policyPath) is not { } mode)
        {
            return null;
        }

        if (mode.Value.ValueKind == JsonValueKind.String && mode.Value.GetString() is { } text
            && UpgradeModes.FirstOrDefault(m => string.Equals(m, text, StringComparison.OrdinalIgnoreCase)) is { } known)
        {
            return known;
        }

        json.Report(AzureDiagnosticCodes.WrongShape, DiagnosticSeverity.Warning, $"the upgrade policy mode is not `Automatic`, `Rolling` or `Manual` ({(mode.Value.ValueKind == JsonValueKind.String ? $"`{mode.Value.GetString()}`" : ArmJson.Describe(mode.Value.ValueKind))}); how a model change reaches the instances is not known", mode.Path);
        return null;
    }

    /// <summary>A Flex Consumption app's <c>functionAppConfig.deployment.storage</c> of type <c>blobContainer</c>; null for other apps.</summary>
    private static DeploymentStorage? DeploymentStorage(ArmItem item, ArmJson json)
    {
        if (!item.TryGet("functionAppConfig", out var config, out var configPath)
            || Field(config, "deployment", configPath) is not { } deployment
            || Field(deployment.Value, "storage", deployment.Path) is not { } storage
            || storage.Value.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        var storageItem = new ArmItem(storage.Value, storage.Path);
        var type = json.String(storageItem, "type");
        var url = json.String(storageItem, "value");
        if (url is null || (type is not null && !string.Equals(type, "blobContainer", StringComparison.OrdinalIgnoreCase)))
        {
            return null;
        }

        if (Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttps
            && uri.Host.Contains(".blob.", StringComparison.OrdinalIgnoreCase)
            && uri.AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries) is [var container])
        {
            return new DeploymentStorage(url, uri.Host[..uri.Host.IndexOf('.', StringComparison.Ordinal)], Uri.UnescapeDataString(container));
        }

        var path = storageItem.PathOf("value");
        json.Report(AzureDiagnosticCodes.WrongShape, DiagnosticSeverity.Warning, $"the deployment storage `{url}` is not a blob container URL (`https://{{account}}.blob.core.windows.net/{{container}}`); where the app's code is kept is not known", path);
        return null;
    }

    /// <summary>The cluster's Kubernetes authentication and kubelet identity; null when the export has none of them.</summary>
    private static ManagedClusterSettings? Cluster(ArmItem item, ArmJson json)
    {
        var holder = item.Properties;
        var holderPath = item.PropertiesPath;
        var enableRbac = Field(holder, "enableRBAC", holderPath);
        var aad = Field(holder, "aadProfile", holderPath);
        var disableLocal = Field(holder, "disableLocalAccounts", holderPath);
        var kubelet = Field(holder, "identityProfile", holderPath) is { } profile && profile.Value.ValueKind == JsonValueKind.Object ? Field(profile.Value, "kubeletidentity", profile.Path) : null;
        if (enableRbac is null && aad is null && disableLocal is null && kubelet is null)
        {
            return null;
        }

        var aadObject = aad is { } a && a.Value.ValueKind == JsonValueKind.Object ? a : ((JsonElement, string)?)null;
        return new ManagedClusterSettings
        {
            EnableRbac = Flag(enableRbac, json),
            EntraManaged = Flag(aadObject is { } m ? Field(m.Item1, "managed", m.Item2) : null, json),
            EntraIntegrated = aadObject is not null,
            EnableAzureRbac = Flag(aadObject is { } r ? Field(r.Item1, "enableAzureRBAC", r.Item2) : null, json),
            DisableLocalAccounts = Flag(disableLocal, json),
            KubeletIdentity = KubeletIdentity(kubelet, json),
        };
    }

    private static IdentityAttachment? KubeletIdentity((JsonElement Value, string Path)? kubelet, ArmJson json)
    {
        if (kubelet is not { } k || k.Value.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        var item = new ArmItem(k.Value, k.Path);
        var resourceId = json.String(item, "resourceId");
        if (resourceId is null || !AzureScope.TryParse(resourceId, out var scope, out var problem) || scope.Kind != AzureScopeKind.Resource)
        {
            json.Report(AzureDiagnosticCodes.InvalidScope, DiagnosticSeverity.Warning, $"the kubelet identity names no identity resource ({(resourceId is null ? "no `resourceId`" : $"`{resourceId}`")}); it is not known", k.Path);
            return null;
        }

        return new IdentityAttachment(scope, ObjectId(item, json, "objectId"), json.String(item, "clientId"));
    }

    /// <summary>A field matched without regard to case (the ARM schema and the az CLI spell some differently); null when absent or null.</summary>
    private static (JsonElement Value, string Path)? Field(JsonElement parent, string name, string parentPath)
    {
        if (parent.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        foreach (var property in parent.EnumerateObject())
        {
            if (string.Equals(property.Name, name, StringComparison.OrdinalIgnoreCase) && property.Value.ValueKind != JsonValueKind.Null)
            {
                return (property.Value, JsonPath.Property(parentPath, property.Name));
            }
        }

        return null;
    }

    private static bool Flag((JsonElement Value, string Path)? field, ArmJson json)
    {
        if (field is not { } f)
        {
            return false;
        }

        if (f.Value.ValueKind is JsonValueKind.True or JsonValueKind.False)
        {
            return f.Value.ValueKind == JsonValueKind.True;
        }

        json.Report(AzureDiagnosticCodes.WrongShape, DiagnosticSeverity.Error, $"expected true or false, found {ArmJson.Describe(f.Value.ValueKind)}; read as false", f.Path);
        return false;
    }
}
