using System.Collections.Frozen;

namespace Ward.Microsoft.AzureHound;

/// <summary>The <c>kind</c> strings of AzureHound records, grouped by how Ward reads them.</summary>
internal static class AzureHoundKinds
{
    /// <summary>Kinds whose records hold ARM role assignments (raw lists and the role-filtered kinds of <c>azurehound list</c>).</summary>
    public static readonly FrozenSet<string> RoleAssignmentKinds = new[]
    {
        "AZManagementGroupRoleAssignment", "AZSubscriptionRoleAssignment", "AZResourceGroupRoleAssignment", "AZVMRoleAssignment",
        "AZKeyVaultRoleAssignment", "AZFunctionAppRoleAssignment", "AZWebAppRoleAssignment", "AZLogicAppRoleAssignment",
        "AZAutomationAccountRoleAssignment", "AZContainerRegistryRoleAssignment", "AZManagedClusterRoleAssignment",
        "AZVMScaleSetRoleAssignment", "AZStorageAccountRoleAssignment",
    }.Concat(DerivedList()).ToFrozenSet(StringComparer.Ordinal);

    /// <summary>The role-filtered kinds: only a few built-in roles survive in them.</summary>
    public static readonly FrozenSet<string> DerivedRoleAssignmentKinds = DerivedList().ToFrozenSet(StringComparer.Ordinal);

    /// <summary>Kinds whose records are ARM resources, read into the resource inventory.</summary>
    public static readonly FrozenSet<string> ResourceKinds = new[]
    {
        "AZVM", "AZVMScaleSet", "AZKeyVault", "AZFunctionApp", "AZWebApp", "AZLogicApp", "AZAutomationAccount", "AZContainerRegistry", "AZManagedCluster",
        "AZStorageAccount",
    }.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>Kinds Ward reads without analysing them yet: reported once per kind, never dropped silently.</summary>
    public static readonly FrozenDictionary<string, string> NotAnalysed = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["AZResourceGroup"] = "resource groups (their assignments are read; the groups themselves are not kept)",
        ["AZStorageContainer"] = "blob containers (no analysis reads a container apart from its storage account)",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    private static string[] DerivedList() =>
    [
        "AZManagementGroupOwner", "AZManagementGroupUserAccessAdmin", "AZManagementGroupContributor",
        "AZSubscriptionOwner", "AZSubscriptionUserAccessAdmin", "AZSubscriptionContributor",
        "AZResourceGroupOwner", "AZResourceGroupUserAccessAdmin", "AZResourceGroupContributor",
        "AZKeyVaultOwner", "AZKeyVaultUserAccessAdmin", "AZKeyVaultContributor", "AZKeyVaultKVContributor",
        "AZVMOwner", "AZVMAvereContributor", "AZVMContributor", "AZVMAdminLogin", "AZVMUserAccessAdmin", "AZVMVMContributor",
    ];
}
