using System.Collections.Immutable;
using Ward.Core.Diagnostics;
using Ward.Microsoft.Azure.Rbac;

namespace Ward.Microsoft.Azure.Resources;

/// <summary>
/// One Azure resource from an inventory (<c>az resource list</c>, <c>az graph query</c>, <c>az vm list</c>, …, or
/// AzureHound): where it is, and the managed identities Azure attached to it. Key vaults, storage accounts and AKS
/// clusters carry the settings that decide who reaches their contents; Flex Consumption function apps, where their
/// code is kept.
/// </summary>
public sealed record AzureResource
{
    /// <summary>The ARM resource id, as a scope (role assignments at it or above apply to the resource).</summary>
    public required AzureScope Id { get; init; }

    /// <summary>The resource type as written (<c>Microsoft.Compute/virtualMachines</c>; Resource Graph writes it in lower case).</summary>
    public required string Type { get; init; }

    public required string Name { get; init; }

    /// <summary>The Azure region (ARM <c>location</c>).</summary>
    public string? Region { get; init; }

    public string? SubscriptionId => Id.SubscriptionId;

    public string? ResourceGroup => Id.ResourceGroup;

    /// <summary>The object id of the system-assigned identity's service principal (<c>identity.principalId</c>); null when it has none.</summary>
    public string? SystemAssignedPrincipalId { get; init; }

    /// <summary>The user-assigned identities attached to the resource (<c>identity.userAssignedIdentities</c>).</summary>
    public ImmutableArray<IdentityAttachment> UserAssignedIdentities { get; init; } = [];

    /// <summary>For a user-assigned identity itself: its service principal's object id (<c>properties.principalId</c>).</summary>
    public string? IdentityPrincipalId { get; init; }

    /// <summary>For a user-assigned identity itself: its client id, the application id of its service principal (<c>properties.clientId</c>).</summary>
    public string? IdentityClientId { get; init; }

    /// <summary>For a key vault: how access to its data is decided; null for other resources, or when the export left the properties out.</summary>
    public KeyVaultSettings? KeyVault { get; init; }

    /// <summary>For an AKS cluster: its Kubernetes authentication and the kubelet identity; null for other resources, or when the export left them out.</summary>
    public ManagedClusterSettings? Cluster { get; init; }

    /// <summary>For a storage account: whether it accepts its keys; null for other resources, or when the export left its properties out (<c>az resource list</c>).</summary>
    public StorageAccountSettings? StorageAccount { get; init; }

    /// <summary>For a Flex Consumption function app: the blob container its code is loaded from; null otherwise, or when the export left it out.</summary>
    public DeploymentStorage? DeploymentStorage { get; init; }

    /// <summary>
    /// For a scale set: its upgrade policy's <c>upgradePolicy.mode</c> (<c>Automatic</c>, <c>Rolling</c> or
    /// <c>Manual</c>), which decides whether a change to its model reaches the running instances unasked; null for
    /// other resources, or when the export left it out (<c>az resource list</c>).
    /// </summary>
    public string? UpgradePolicyMode { get; init; }

    /// <summary>Where the export lists it (the first place, when several do).</summary>
    public SourceLocation Location { get; init; } = SourceLocation.None;

    public bool IsOfType(string type) => string.Equals(Type, type, StringComparison.OrdinalIgnoreCase);

    /// <summary>The object ids of every identity attached to the resource (system-assigned first), where the export gave them.</summary>
    public IEnumerable<string> AttachedPrincipalIds =>
        UserAssignedIdentities.Select(u => u.PrincipalId).Prepend(SystemAssignedPrincipalId).OfType<string>();
}
