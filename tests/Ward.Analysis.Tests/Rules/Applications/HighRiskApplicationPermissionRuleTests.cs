using Ward.Analysis.Tests.Testing;

namespace Ward.Analysis.Tests.Rules.Applications;

public sealed class HighRiskApplicationPermissionRuleTests
{
    private const string Rule = "high-risk-application-permission";
    private const string RoleManagementReadWriteDirectory = "9e3f62cf-ca93-4989-b6ce-bf83c28f9fe8";
    private const string MailRead = "810c84a8-4a9e-49e6-bf7d-12d183f40d01";
    private const string FilesReadWriteAll = "75359482-378d-4052-8f01-80520e7db3cd";
    private const string SitesSelected = "883ea226-0bf2-4a8f-9f9d-92c9162a727d";
    private const string UserReadAll = "df021288-bdef-4463-88db-98f22de89214";
    private const string FullAccessAsApp = "dc890d15-9560-4a4c-9b7f-a736ec74ec40";

    [Fact]
    public void A_tenant_takeover_permission_is_critical_and_a_read_only_directory_permission_is_not_reported()
    {
        // Given an application holding RoleManagement.ReadWrite.Directory and User.Read.All, and one holding User.Read.All only
        var tenant = new TestTenant();
        tenant.ServicePrincipalOf("provisioning");
        tenant.ServicePrincipalOf("directory-reader");
        tenant.GrantGraphPermission("provisioning", "RoleManagement.ReadWrite.Directory", RoleManagementReadWriteDirectory)
            .GrantGraphPermission("provisioning", "User.Read.All", UserReadAll)
            .GrantGraphPermission("directory-reader", "User.Read.All", UserReadAll);

        var finding = Assert.Single(tenant.Scan().Of(Rule));

        // Then the first is critical, listing the takeover permission (not the read-only one) and why
        Assert.Equal(TestTenant.Id("provisioning"), finding.Principal);
        Assert.Equal(Severity.Critical, finding.Severity);
        Assert.Equal("`provisioning` holds RoleManagement.ReadWrite.Directory", finding.Title);
        Assert.Contains($"(an application of this tenant, appId `{TestTenant.AppIdOf("provisioning")}`)", finding.Explanation, StringComparison.Ordinal);
        Assert.Contains("`RoleManagement.ReadWrite.Directory` of `Microsoft Graph`, which assigns any directory role, Global Administrator included", finding.Explanation, StringComparison.Ordinal);
        Assert.DoesNotContain("User.Read.All", finding.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void Mail_permissions_are_taken_as_tenant_wide_with_the_Exchange_caveat_and_Sites_Selected_is_not_reported()
    {
        // Given an application holding Mail.Read, and one holding Sites.Selected (granted site by site)
        var tenant = new TestTenant();
        tenant.ServicePrincipalOf("mail-archiver");
        tenant.ServicePrincipalOf("site-publisher");
        tenant.GrantGraphPermission("mail-archiver", "Mail.Read", MailRead).GrantGraphPermission("site-publisher", "Sites.Selected", SitesSelected);

        var finding = Assert.Single(tenant.Scan().Of(Rule));

        // Then Mail.Read is high, with the note that an application access policy, not exported, may narrow it
        Assert.Equal(TestTenant.Id("mail-archiver"), finding.Principal);
        Assert.Equal(Severity.High, finding.Severity);
        Assert.Contains("Exchange Online can limit `Mail.Read` to some mailboxes with an application access policy; the policies are not in the input (`Get-ApplicationAccessPolicy`), so it is taken as reaching every mailbox", finding.Explanation, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Sites.FullControl.All", "a82116e5-55eb-4c41-a434-62fe8a61c773", "has full control of every SharePoint site, its permissions included", false)]
    [InlineData("Sites.ReadWrite.All", "9492366f-7969-46a4-8d15-ed1a20078fff", "reads and writes the content of every SharePoint site", false)]
    [InlineData("Calendars.ReadWrite", "ef54d2bf-783f-4e0f-bca1-3210c0444d99", "reads and changes every calendar", true)]
    public void A_listed_Microsoft_365_data_permission_is_high_and_Sites_Selected_beside_it_is_not_reported(string permission, string appRoleId, string why, bool exchangeCanNarrow)
    {
        // Given an application holding the permission (Microsoft Graph's app role id), and its narrowing twin holding
        // Sites.Selected (granted site by site)
        var tenant = new TestTenant();
        tenant.ServicePrincipalOf("holder");
        tenant.ServicePrincipalOf("site-publisher");
        tenant.GrantGraphPermission("holder", permission, appRoleId).GrantGraphPermission("site-publisher", "Sites.Selected", SitesSelected);

        var finding = Assert.Single(tenant.Scan().Of(Rule));

        // Then the holder alone is reported, high (data, not takeover), with what the permission reaches; only the
        // calendar permission carries the note that Exchange Online may narrow it
        Assert.Equal(TestTenant.Id("holder"), finding.Principal);
        Assert.Equal(Severity.High, finding.Severity);
        Assert.Equal($"`holder` holds {permission}", finding.Title);
        Assert.Contains($"`{permission}` of `Microsoft Graph`, which {why}", finding.Explanation, StringComparison.Ordinal);
        Assert.Equal(exchangeCanNarrow, finding.Explanation.Contains($"Exchange Online can limit `{permission}` to some mailboxes", StringComparison.Ordinal));
    }

    [Fact]
    public void A_managed_identity_is_reported_but_Microsoft_applications_other_tenants_applications_and_disabled_ones_are_left_out()
    {
        // Given Files.ReadWrite.All held by a managed identity, by a Microsoft application, by another tenant's
        // application and by a disabled application of this tenant
        var tenant = new TestTenant();
        tenant.ManagedIdentityAt("func-invoices", $"{TestTenant.Subscription}/resourceGroups/rg/providers/Microsoft.Web/sites/func-invoices");
        tenant.ServicePrincipalOf("microsoft-first-party", ownerTenant: TestTenant.MicrosoftTenantId);
        tenant.ServicePrincipalOf("vendor-backup", ownerTenant: TestTenant.OtherTenantId);
        tenant.ServicePrincipalOf("switched-off", enabled: false);
        foreach (var holder in new[] { "func-invoices", "microsoft-first-party", "vendor-backup", "switched-off" })
        {
            tenant.GrantGraphPermission(holder, "Files.ReadWrite.All", FilesReadWriteAll);
        }

        var finding = Assert.Single(tenant.Scan().Of(Rule));

        // Then only the managed identity is reported here (the vendor is third-party-app-high-risk-permission's)
        Assert.Equal(TestTenant.Id("func-invoices"), finding.Principal);
        Assert.Contains("(a managed identity,", finding.Explanation, StringComparison.Ordinal);
        Assert.Contains("Whoever can run code on the resource the identity belongs to", finding.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_Microsoft_Graph_in_the_export_the_well_known_app_role_id_names_the_permission()
    {
        // Given an application's app role assignment on Microsoft Graph, whose service principal was not exported
        var tenant = new TestTenant();
        tenant.ServicePrincipalOf("provisioning");
        tenant.GrantGraphAppRoleWithoutGraph("provisioning", RoleManagementReadWriteDirectory);

        var finding = Assert.Single(tenant.Scan().Of(Rule));

        // Then RoleManagement.ReadWrite.Directory is recognised by its id
        Assert.Equal("`provisioning` holds RoleManagement.ReadWrite.Directory", finding.Title);
    }

    [Fact]
    public void Exchange_full_access_as_app_is_recognised_and_an_app_role_named_like_a_Graph_permission_on_another_API_is_not()
    {
        // Given Exchange Online's service principal with full_access_as_app, and a line-of-business API that defines its
        // own app role called Mail.Read (with Graph's Mail.Read id, as ids may repeat across resources)
        var tenant = new TestTenant();
        tenant.ServicePrincipalOf("Office 365 Exchange Online", ownerTenant: TestTenant.MicrosoftTenantId, appId: TestTenant.ExchangeOnlineAppId, appRoles: ("full_access_as_app", FullAccessAsApp));
        tenant.ServicePrincipalOf("orders-api", appRoles: ("Mail.Read", MailRead));
        tenant.ServicePrincipalOf("ews-archiver");
        tenant.ServicePrincipalOf("orders-client");
        tenant.GrantAppRole("ews-archiver", "Office 365 Exchange Online", FullAccessAsApp).GrantAppRole("orders-client", "orders-api", MailRead);

        var finding = Assert.Single(tenant.Scan().Of(Rule));

        // Then only the EWS archiver is reported
        Assert.Equal(TestTenant.Id("ews-archiver"), finding.Principal);
        Assert.Contains("`full_access_as_app` of `Office 365 Exchange Online`, which reads, writes and sends as every mailbox through Exchange Web Services", finding.Explanation, StringComparison.Ordinal);
        Assert.Contains("Exchange Online can limit `full_access_as_app`", finding.Explanation, StringComparison.Ordinal);
    }
}
