using Ward.Microsoft.Azure.Ingest;
using Ward.Microsoft.Azure.Rbac;

namespace Ward.Microsoft.Tests.Azure.Testing;

/// <summary>The sample Contoso estate under Fixtures/Azure (az CLI and ARM REST outputs) and its well-known ids.</summary>
internal static class AzureFixtures
{
    public const string Tenant = "8f4c1b2e-6d3a-4e7b-9a51-2c0d7e3f9b14";
    public const string Production = "a1d5f3c7-84b2-4e69-9f0a-6b3c2d1e7f45";
    public const string Platform = "3b7e6c91-2f84-4d0a-b5e3-9c1a7d2f6e08";
    public const string Sandbox = "e7c2a9d4-1b6f-4a83-8d5e-0f9b3c7a2e61";

    public const string Alice = "6b1e9d42-3c7a-4f85-a0d2-8e5b1c9f7a36";
    public const string Bob = "2f8a4c6e-9d1b-4e73-b5a0-7c3e6f2d8b19";
    public const string PlatformEngineers = "9c4e2a7f-5b1d-4386-a9e0-3f7d6c2b8e54";
    public const string Pipeline = "d3a7f1c9-6e2b-4b58-8c04-1a9e5f3d7b62";
    public const string Carol = "5e9b3d1f-7a2c-4c64-b8e1-0d6f4a2c9e73";
    public const string Dave = "8a2d6f4b-1e9c-4a37-9b50-6c3e8d1f2a95";
    public const string Erin = "4c7f2b9e-8d3a-4e15-a6c0-2b9d5f1e8a74";
    public const string Frank = "7d1a5c3e-2b8f-4d96-a4e7-5f0c9b2d6a18";

    public const string Owner = "8e3af657-a8ff-443c-a75c-2fe8c4bcb635";
    public const string Contributor = "b24988ac-6180-42a0-ab88-20f7382dd24c";
    public const string Reader = "acdd72a7-3385-48ef-bd42-f606fba81ae7";
    public const string UserAccessAdministrator = "18d7d88d-d35e-4fb5-a5c3-7773c20a72d9";
    public const string StorageBlobDataReader = "2a2b9908-6ea1-4ae2-8e65-a410df84e7d1";

    public static string EstateFolder => Path.Combine(AppContext.BaseDirectory, "Fixtures", "Azure", "estate");

    public static string FormsFolder => Path.Combine(AppContext.BaseDirectory, "Fixtures", "Azure", "forms");

    public static AzureEstate Estate => field ??= AzureEstateLoader.Load([EstateFolder]);

    public static AzureScope ProductionScope => AzureScope.Subscription(Production);

    public static AzureScope ResourceGroup(string subscription, string name) => AzureScope.Parse($"/subscriptions/{subscription}/resourceGroups/{name}");

    public static AzureScope StorageAccount => AzureScope.Parse($"/subscriptions/{Production}/resourceGroups/rg-data/providers/Microsoft.Storage/storageAccounts/stcontosodata");

    public static AzureScope VirtualMachine => AzureScope.Parse($"/subscriptions/{Production}/resourceGroups/rg-app/providers/Microsoft.Compute/virtualMachines/vm-web-01");
}
