namespace Ward.Microsoft.Azure.Resources;

/// <summary>The resource types Ward reads more than the identity of.</summary>
public static class AzureResourceTypes
{
    public const string VirtualMachine = "Microsoft.Compute/virtualMachines";
    public const string ScaleSet = "Microsoft.Compute/virtualMachineScaleSets";
    public const string KeyVault = "Microsoft.KeyVault/vaults";
    public const string ManagedCluster = "Microsoft.ContainerService/managedClusters";
    public const string WebSite = "Microsoft.Web/sites";
    public const string LogicApp = "Microsoft.Logic/workflows";
    public const string AutomationAccount = "Microsoft.Automation/automationAccounts";
    public const string ContainerGroup = "Microsoft.ContainerInstance/containerGroups";
    public const string ContainerRegistry = "Microsoft.ContainerRegistry/registries";
    public const string UserAssignedIdentity = "Microsoft.ManagedIdentity/userAssignedIdentities";
    public const string UserAssignedIdentityFederatedCredential = "Microsoft.ManagedIdentity/userAssignedIdentities/federatedIdentityCredentials";
    public const string StorageAccount = "Microsoft.Storage/storageAccounts";
}
