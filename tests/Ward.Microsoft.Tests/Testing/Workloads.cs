using Ward.Microsoft.Edges;

namespace Ward.Microsoft.Tests.Testing;

/// <summary>
/// The Tailspin Toys fixture under Fixtures/Azure/workloads, in the formats the exports write: Graph v1.0 for the
/// directory (users, groups and their members, directory roles, service principals, Microsoft Graph's
/// <c>appRoleAssignedTo</c>, the organization's verified domains); <c>az role definition list</c>,
/// <c>az role assignment list</c> and <c>az account list</c> for Azure; and the workloads as <c>az vmss list</c>,
/// <c>az automation account list</c>, <c>az logic workflow list</c> and <c>az container list</c> print them. Each
/// principal holds one grant: the vulnerable ones escalate, their twins (the role at an unrelated scope, a NotActions
/// exclusion, an operator role, a resource without identity, a harmless Graph permission) do not.
/// </summary>
internal static class Workloads
{
    public const string Subscription = "f22ca9ae-dfa0-409d-b2e0-01811ba6fa78";
    public const string SubscriptionScope = "/subscriptions/" + Subscription;

    // Directory roles (azure-elevate-access).
    public const string Gabriel = "e40661d9-2a6f-49bc-8416-e3423e54eb0d"; // Global Administrator
    public const string Gloria = "c2c48415-7528-408e-a366-87461f9c5fb0"; // member of Tier0 Operators (role-assignable, Global Administrator)
    public const string Greta = "daa4fbab-4f83-4818-9680-e208c48cec5f"; // Global Reader

    // Role assignment writers at the subscription (azure-assign-role).
    public const string Uma = "c434e9f2-8942-42fe-a8dd-2b04a16292f9"; // User Access Administrator
    public const string Rory = "db62f17d-c883-48e7-94c6-5f631f396e68"; // Role Based Access Control Administrator, no condition
    public const string Rita = "d247a67a-2480-41de-8f94-10269ee59e65"; // the same, with the condition that excludes Owner, User Access and RBAC Administrator
    public const string Rhea = "1f2e3d4c-5b6a-4978-8695-a4b3c2d1e0f9"; // the same, with a condition allowing Reader and Virtual Machine Contributor only
    public const string Ravi = "0ea86535-7b53-48ac-bf18-a801a4c53c2b"; // the same, with a condition naming the principal assigned (Web Operators)
    public const string Ursula = "e46a8e76-11bf-4c52-931f-d552ca19826c"; // User Access Administrator of rg-web only
    public const string Adrian = "9fa70753-095c-44bb-a765-cc1a5ca5166c"; // custom Access Reviewer: Microsoft.Authorization/*, roleAssignments/write in notActions

    // Workloads.
    public const string Vince = "0c360260-b920-47a7-ba8b-98e79da18086"; // member of Web Operators: Virtual Machine Contributor of rg-web
    public const string Nora = "58a07da1-1527-404c-bfc6-d6d0ee9b160c"; // custom Scale Set Operator of rg-web: run command in notActions
    public const string Abby = "b54c0368-859d-40eb-9340-ee1173d0de8d"; // Automation Contributor of aa-ops
    public const string Otto = "5d923e3f-5107-447f-84c0-b2066604bb5b"; // Automation Operator of aa-ops: starts jobs, writes no runbook
    public const string Lara = "566b22a6-665e-4c66-a1e0-f45155c093bb"; // Logic App Contributor of rg-integration
    public const string Leo = "06bf78ee-a5e8-4d23-b40b-024a98752416"; // Logic App Operator of rg-integration: enables, disables, never writes
    public const string Cody = "f0c43e56-a147-4f2d-ab58-5073eb8a8ef3"; // Contributor of rg-containers
    public const string Sam = "737f218e-eecf-4a81-9611-4f9b78c887f5"; // Contributor of rg-sandbox, whose container group has no identity
    public const string Tess = "77387409-f5e4-4a47-a766-69b72b58db57"; // Reader of rg-containers

    public const string Tier0Operators = "371a2fd2-2e8f-43ed-9f32-8d514fec41aa"; // role-assignable, Global Administrator
    public const string WebOperators = "5f251ba7-35aa-4eda-8fdc-78af0829fc8a"; // security group
    public const string SalesDynamic = "02e200f1-2e68-4254-858c-ea19ab445ab7"; // dynamic membership
    public const string FinanceOperators = "d41c7e0b-6a2f-4f35-9b8e-2c1a7f3e9d54"; // synchronized from on-premises Active Directory

    // Service principals holding Microsoft Graph application permissions.
    public const string AccessBroker = "253a9f85-7d4f-4f9f-b1ab-933a09f4aa7f"; // AppRoleAssignment.ReadWrite.All
    public const string DirectorySyncAgent = "48b6c9fe-32d2-481f-8d27-869dfc3c8fea"; // Directory.ReadWrite.All
    public const string TeamProvisioner = "b6686f41-7f55-42e0-aa6b-995d96b9da73"; // Group.ReadWrite.All
    public const string MembershipBot = "2ec29036-dded-4e34-84ac-57e86e507d77"; // GroupMember.ReadWrite.All
    public const string DomainManager = "5292986d-bf57-4ad5-ab32-265f3dc51c12"; // Domain.ReadWrite.All
    public const string UsageReports = "f67fc047-a2bf-42dd-a1f5-98622d6bb838"; // User.Read.All and Group.Read.All
    public const string InventorySync = "8e0a2c4e-6f1b-4d3a-b5c7-9d1f3b5d7f92"; // Tailspin Directory API's own app role named Directory.ReadWrite.All

    // Service principals owning applications or service principals.
    public const string ReleasePipeline = "2b0dcf3e-4e89-4d03-9dad-e5e178d56023"; // Application.ReadWrite.OwnedBy; owns the Billing Connector application and the Ledger Export service principal
    public const string BuildAgent = "4afc7200-2976-4be7-bb36-7963996b98b7"; // no Graph permission; owns the Reporting Connector application, with Leo
    public const string BillingConnector = "12120c45-ca9d-4f8e-868c-027ff423e2f3";
    public const string ReportingConnector = "17ea6a17-c8ec-41e3-a50b-78c8b36d8f48";
    public const string LedgerExport = "12da97cd-257f-4cc9-b6d9-4eaff9de3cc3";

    // Service principals holding DelegatedPermissionGrant.ReadWrite.All.
    public const string ConsentManager = "6e0b67ae-c043-466b-af45-f5ce959b34e6"; // Gabriel has consented to it (a delegated grant with it as client)
    public const string ConsentAuditor = "21bf78f1-3db1-4cf6-b871-d33bdd70b8d2"; // no user has signed in to it: no delegated grant names it

    // Organization settings (entra-certificate-authority).
    public const string TenantSettingsSync = "9d3c1f0e-7b52-4e8a-a1c4-5f26d8e0b3a7"; // Organization.ReadWrite.All
    public const string OrgProfileReader = "e7a24b91-0c3f-4d58-9b16-2f8e5a7c4d03"; // Organization.Read.All
    public const string PkiTrustSync = "3b8f5c21-9e4d-4a67-b0c2-7d1e6f9a2b48"; // PublicKeyInfrastructure.ReadWrite.All

    // Managed identities.
    public const string ScaleSetIdentity = "432563f5-a44e-408a-a08f-e5b2895d0508"; // vmss-web, system-assigned
    public const string AutomationIdentity = "7bc19e85-22ae-4f89-b579-19b3e7e771ec"; // aa-ops, system-assigned
    public const string RunbooksIdentity = "5f6a80d8-737e-4199-930f-890cfd7d29aa"; // id-runbooks, user-assigned, attached to aa-ops
    public const string LogicAppIdentity = "370f6f36-0277-40d8-8021-c2a9a5fe840a"; // logic-invoices, system-assigned
    public const string ContainerGroupIdentity = "37ebaf4b-557c-40c8-ab69-e7ccf7894c07"; // aci-nightly, system-assigned

    public static readonly DateTimeOffset AsOf = new(2026, 11, 28, 12, 0, 0, TimeSpan.Zero);

    public static string Folder => Path.Combine(AppContext.BaseDirectory, "Fixtures", "Azure", "workloads");

    public static MicrosoftEstates Estates => field ??= MicrosoftEstateLoader.Load([Folder]);

    public static MicrosoftEdgeContext Context => field ??= new MicrosoftEdgeContext(Estates.Entra, Estates.Azure, AsOf);

    public static string Resource(string group, string provider, string name) => $"{SubscriptionScope}/resourceGroups/{group}/providers/{provider}/{name}";

    /// <summary>The techniques that run code on a scale set (equally short paths: which one a path shows is a tie).</summary>
    public static readonly string[] ScaleSetRunCode = ["azure-vmss-run-command", "azure-vmss-extension"];

    /// <summary>Whether the edge's principal first assigns itself a role (its first permission is the role assignment write).</summary>
    public static bool SelfAssigns(Ward.Core.Graph.Edge edge) => edge.Permissions[0].Action == "Microsoft.Authorization/roleAssignments/write";
}
