using Ward.Microsoft.Edges;

namespace Ward.Microsoft.Tests.Testing;

/// <summary>
/// The Fabrikam fixture under Fixtures/Azure/vaults-and-storage: key vaults holding certificates of service
/// principals and secrets that name applications, and Flex Consumption function apps with their deployment storage,
/// in the formats the export scripts write (Graph v1.0; az role definition / assignment list, deny assignments REST,
/// az resource list, az keyvault show, az keyvault certificate list and show, az keyvault secret list, Key Vault
/// REST, az functionapp list, az storage account list). Each user holds one grant: the vulnerable ones reach a
/// service principal or a function app's identity, their twins do not.
/// </summary>
internal static class VaultsAndStorage
{
    public const string Subscription = "f2427c5b-4633-48db-b65f-298bf013d294";

    // Key vault kv-rbac (RBAC mode): certificates billing-export (Billing Export's credential, exportability not
    // exported), legacy-reporter (Legacy Reporter's expired credential), tls-www (nobody's).
    public const string Alice = "04fc5b25-f684-484c-9dcc-a4fada15c861"; // Key Vault Crypto User
    public const string Bob = "d3281ea4-59af-4f37-87ed-9bdb83a6244e"; // Key Vault Secrets User
    public const string Carol = "58debdd1-977f-4440-9463-c8ef28fabc68"; // Key Vault Crypto User, denied by the Blueprint deny assignment
    public const string Dave = "f5a9e277-9ebd-495e-b0a8-a3af16609941"; // custom role: vaults/* data actions, sign and getSecret in notDataActions
    public const string Erin = "d942c8d8-b86f-44c1-9425-38b807e385b5"; // Key Vault Crypto User on the key tls-www only
    public const string Frank = "c55cb174-0b71-41e1-97c6-f49aab8e7f1f"; // Key Vault Crypto User on another resource group
    public const string Grace = "d34e3df9-1bd7-4eb3-862e-530d8351f0e2"; // Key Vault Contributor (RBAC mode: control plane only)
    public const string Uma = "8a3e5c17-2f9b-4d06-a41c-7b6e0d93f2a5"; // Key Vault Secrets User, denied by the Blueprint deny assignment

    // kv-rbac secrets (az keyvault secret list): crm-sync-<CRM Sync's appId> (current), crm-sync-previous (disabled),
    // crm-sync-2025 (expired), report-mailer-<Report Mailer's appId> (whose only client secret expired),
    // smtp-relay-password (tagged `application: CRM`, not CRM Sync's whole name), ledger-export-key (tagged
    // `application: Ledger Export`, the name of two applications). kv-policies secrets (Key Vault REST):
    // crm-client-secret (tagged `application: CRM Sync`), payroll-connector (the certificate's managed secret, tagged
    // the same).

    // Key vault kv-policies (access-policy mode): certificate payroll-connector (Payroll Connector's credential, not exportable).
    public const string Heidi = "df126a78-bc8f-4a39-a118-d9cff95a8c91"; // access policy: secrets get, list
    public const string Ivan = "5eede2b4-b209-4463-83bb-35c75df5c8a8"; // access policy: keys get, list, sign
    public const string Judy = "2debdad1-e347-41d6-b297-1b478946a19b"; // Key Vault Crypto User (an RBAC role, which access-policy mode ignores)
    public const string Mallory = "98766b93-e546-403f-bf21-f414b120748d"; // Key Vault Contributor
    public const string Niaj = "19499a5e-2277-46e8-90df-e0c581cf1de8"; // Key Vault Contributor, denied by the Blueprint deny assignment

    // Key vault kv-archive (only in az resource list: its permission model is unknown): billing-export again, in the REST form.
    public const string Oscar = "90b073c4-de50-404e-b28f-d94d1e133a85"; // Key Vault Crypto User

    // Function apps: func-orders (Flex, deploys from stordersdeploy/app-package-func-orders), func-ledger (Flex,
    // stledgerdeploy, which refuses its keys), func-classic (not Flex; its storage account stclassic is not linked).
    public const string Peggy = "738763ab-4349-4e41-bf5c-3fe1382c450b"; // Storage Account Key Operator on stordersdeploy
    public const string Rupert = "6d910b23-e488-4883-9e94-5efeba68e736"; // Storage Blob Data Contributor on stordersdeploy, writes limited to container exports
    public const string Sybil = "1a0cd4c4-11aa-4a6d-b71e-d8f13cd454b7"; // the same, limited to container app-package-func-orders
    public const string Trent = "2f0a4caa-76e4-44ce-aa74-26b4b1df5c3d"; // Storage Account Key Operator on stledgerdeploy
    public const string Victor = "178095ae-092e-4bdb-80a8-5dcd510466cc"; // Contributor on stclassic

    public const string BillingExport = "3b74a7b3-3996-4665-b651-94bebf82cf24";
    public const string PayrollConnector = "c179392e-f8fd-4369-94b3-eb4a49424b30";
    public const string LegacyReporter = "e9bdf309-6529-4bb3-9f6e-1056db741e17";
    public const string CrmSync = "b82e6f13-5d4a-4c97-8e21-0a9d47f3c6e8";
    public const string CrmSyncAppId = "6c8f2d41-93b7-4e5a-a0d2-7f1e38c9b564";
    public const string ReportMailer = "4f9d2b70-8c15-4e3a-b6d4-91a0e7c25f38";
    public const string OrdersFunction = "a378f4f2-397f-471d-8855-6311932a8a0b";
    public const string OrdersIdentity = "e591a540-757e-410a-8997-ecb3d98d87cd";
    public const string LedgerFunction = "7fd7159a-c091-49a6-ba39-a1d2ce96bb93";
    public const string ClassicFunction = "c491b0df-6ce6-4e78-9546-64c8801027f0";

    public static readonly DateTimeOffset AsOf = new(2026, 11, 28, 12, 0, 0, TimeSpan.Zero);

    public static string Folder => Path.Combine(AppContext.BaseDirectory, "Fixtures", "Azure", "vaults-and-storage");

    public static MicrosoftEstates Estates => field ??= MicrosoftEstateLoader.Load([Folder]);

    public static MicrosoftEdgeContext Context => field ??= new MicrosoftEdgeContext(Estates.Entra, Estates.Azure, AsOf);

    public static string Resource(string group, string provider, string name) => $"/subscriptions/{Subscription}/resourceGroups/{group}/providers/{provider}/{name}";
}
