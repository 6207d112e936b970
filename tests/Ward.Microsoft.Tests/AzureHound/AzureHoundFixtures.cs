namespace Ward.Microsoft.Tests.AzureHound;

/// <summary>The AzureHound fixtures (tenant "Northwind Traders", docs/formats/azurehound.md) and the ids they use, lower-cased as Ward keeps them.</summary>
internal static class AzureHoundFixtures
{
    public static string Directory { get; } = Path.Combine(AppContext.BaseDirectory, "Fixtures", "AzureHound");

    public static string Tenant { get; } = Path.Combine(Directory, "azurehound-tenant.json");

    public static string ArmRoleAssignments { get; } = Path.Combine(Directory, "azurehound-arm-role-assignments.json");

    public static string Legacy { get; } = Path.Combine(Directory, "azurehound-v1-legacy.json");

    public static string Bad { get; } = Path.Combine(Directory, "azurehound-bad.json");

    /// <summary>What <c>azurehound list oauth2-permission-grants</c> and <c>list appfics</c> write for the tenant, in one envelope.</summary>
    public static string ConsentAndFederation { get; } = Path.Combine(Directory, "azurehound-consent-and-federation.json");

    /// <summary>The same grants and federated credentials as Graph returns them (<c>oauth2PermissionGrants</c>, <c>applications/{id}/federatedIdentityCredentials</c>).</summary>
    public static string GraphConsentAndFederation { get; } = Path.Combine(Directory, "graph-consent-and-federation");

    /// <summary>
    /// What <c>azurehound list storage-accounts</c> writes for the storage accounts of the Fabrikam fixture (Fixtures/Azure/vaults-and-storage):
    /// <c>allowSharedKeyAccess</c> is written for stclassic (true) only, since AzureHound leaves out false and unset alike.
    /// </summary>
    public static string StorageAccounts { get; } = Path.Combine(Directory, "azurehound-storage-accounts.json");

    /// <summary>Azure's built-in role definitions (Owner, Contributor, Reader, User Access Administrator...), as <c>az role definition list</c> writes them.</summary>
    public static string RoleDefinitions { get; } = Path.Combine(AppContext.BaseDirectory, "Fixtures", "Azure", "estate", "role-definitions.json");

    public const string TenantId = "3f1c2d4e-8b7a-4c6d-9e0f-1a2b3c4d5e6f";
    public const string Alice = "a1000001-0c1e-4d2b-8f3a-000000000001";
    public const string Priya = "a1000002-0c1e-4d2b-8f3a-000000000002";
    public const string Henry = "a1000003-0c1e-4d2b-8f3a-000000000003";
    public const string Gina = "a1000004-0c1e-4d2b-8f3a-000000000004";
    public const string Oscar = "a1000005-0c1e-4d2b-8f3a-000000000005";
    public const string Dana = "a1000006-0c1e-4d2b-8f3a-000000000006";
    public const string Frank = "a1000007-0c1e-4d2b-8f3a-000000000007";
    public const string Tier0RoleAdmins = "b2000001-5e6f-4a7b-9c8d-000000000001";
    public const string CloudOps = "b2000002-5e6f-4a7b-9c8d-000000000002";
    public const string CloudOpsContractors = "b2000003-5e6f-4a7b-9c8d-000000000003";
    public const string ProvisioningApplication = "c3000001-7a8b-4c9d-8e0f-000000000001";
    public const string BuildAgentApplication = "c3000002-7a8b-4c9d-8e0f-000000000002";
    public const string HrPortalApplication = "c3000003-7a8b-4c9d-8e0f-000000000003";
    public const string HrPortalServicePrincipal = "e5000003-2a3b-4c4d-8e5f-000000000003";
    public const string BuildAgentServicePrincipal = "e5000002-2a3b-4c4d-8e5f-000000000002";
    public const string GraphServicePrincipal = "e5000005-2a3b-4c4d-8e5f-000000000005";
    public const string BuildAgentAppId = "d4000002-1f2e-4d3c-9b4a-000000000002";
    public const string ApplicationAdministrator = "9b895d92-2cd3-44c7-9d02-a6ac2d5ea5c3";
    public const string UserAdministrator = "fe930be7-5e62-47db-91af-98c3a49a38b1";
    public const string Subscription = "/subscriptions/7d3c1f5a-2b4e-4c8d-9a6f-0e1d2c3b4a59";
    public const string ResourceGroup = Subscription + "/resourceGroups/rg-northwind-app";
    public const string Owner = "8e3af657-a8ff-443c-a75c-2fe8c4bcb635";
    public const string UserAccessAdministrator = "18d7d88d-d35e-4fb5-a5c3-7773c20a72d9";
}
