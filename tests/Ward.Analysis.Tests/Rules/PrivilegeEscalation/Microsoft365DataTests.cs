using Ward.Analysis.Tests.Testing;
using Ward.Core.Graph;
using Ward.Core.Model;
using Ward.Microsoft.Edges;

namespace Ward.Analysis.Tests.Rules.PrivilegeEscalation;

/// <summary>
/// The tenant's Microsoft 365 data as nodes of the escalation graph (<c>entra-m365-admin-data</c>,
/// <c>entra-m365-app-permission-data</c>) and the <c>entra-path-to-microsoft-365-data</c> rule, on tenants written
/// with <see cref="TestTenant"/> (Graph responses, app role assignments as <c>appRoleAssignedTo</c> lists them).
/// </summary>
public sealed class Microsoft365DataTests
{
    private const string Rule = "entra-path-to-microsoft-365-data";
    private const string MailRead = "810c84a8-4a9e-49e6-bf7d-12d183f40d01";
    private const string FilesReadWriteAll = "75359482-378d-4052-8f01-80520e7db3cd";
    private const string SitesSelected = "883ea226-0bf2-4a8f-9f9d-92c9162a727d";
    private const string RoleManagementReadWriteDirectory = "9e3f62cf-ca93-4989-b6ce-bf83c28f9fe8";
    private const string FullAccessAsApp = "dc890d15-9560-4a4c-9b7f-a736ec74ec40";

    private static readonly string Mailboxes = Microsoft365Data.IdOf(TestTenant.TenantId, Microsoft365Data.Mailboxes);
    private static readonly string Sites = Microsoft365Data.IdOf(TestTenant.TenantId, Microsoft365Data.Sites);

    [Fact]
    public void An_Exchange_Administrator_over_the_tenant_reaches_every_mailbox_and_one_over_an_administrative_unit_does_not()
    {
        // Given an Exchange Administrator over the tenant and one scoped to an administrative unit
        var tenant = new TestTenant();
        tenant.User("exchange-admin");
        tenant.User("unit-exchange-admin");
        tenant.Add("directory/administrativeUnits", new { id = TestTenant.Id("emea"), displayName = "EMEA" });
        tenant.AssignRole("exchange-admin", "Exchange Administrator").AssignRole("unit-exchange-admin", "Exchange Administrator", $"/administrativeUnits/{TestTenant.Id("emea")}");

        var graph = tenant.EscalationGraph();

        // Then the tenant-wide one has a certain edge to the mailboxes node, the scoped one none
        var edge = Assert.Single(DataEdges(graph), e => e.From.Value == TestTenant.Id("exchange-admin"));
        Assert.Equal(("entra-m365-admin-data", Mailboxes, false), (edge.Technique, edge.To.Value, edge.IsConditional));
        Assert.Contains("every Exchange Online mailbox", edge.Description, StringComparison.Ordinal);
        Assert.DoesNotContain(DataEdges(graph), e => e.From.Value == TestTenant.Id("unit-exchange-admin"));
    }

    [Fact]
    public void Data_nodes_are_resources_never_administrators_and_lead_nowhere()
    {
        // Given an Exchange Administrator, who holds no administrator role
        var tenant = new TestTenant();
        tenant.User("exchange-admin");
        tenant.AssignRole("exchange-admin", "Exchange Administrator");

        var graph = tenant.EscalationGraph();
        var result = tenant.Scan();

        // Then the mailboxes node is a resource of the tenant, not an administrator, with no outgoing edge; reaching
        // it is no privilege escalation, and a direct holder is not this rule's either
        var node = graph.Nodes[new PrincipalId(Mailboxes)];
        Assert.Equal((PrincipalKind.Resource, "every Exchange Online mailbox (mail, calendars, mailbox settings)", false), (node.Kind, node.Label, node.IsAdmin));
        Assert.All(Microsoft365Data.All, d => Assert.Empty(graph.Outgoing(new PrincipalId(Microsoft365Data.IdOf(TestTenant.TenantId, d)))));
        Assert.Empty(result.Of("privilege-escalation"));
        Assert.Empty(result.Of(Rule));
    }

    [Theory]
    [InlineData("Teams Administrator", "teams/channels", null)]
    [InlineData("Power Platform Administrator", "power-platform/environments", null)]
    [InlineData("Compliance Administrator", "purview/content-search", "eDiscovery Manager")]
    public void Each_Microsoft_365_administrator_reaches_its_service_data(string role, string path, string? requirement)
    {
        // Given a holder of the role over the tenant
        var tenant = new TestTenant();
        tenant.User("holder");
        tenant.AssignRole("holder", role);

        var edge = Assert.Single(DataEdges(tenant.EscalationGraph()));

        // Then it reaches its service's data node, certainly unless Purview's own roles are needed to read results
        Assert.Equal($"m365://{TestTenant.TenantId}/{path}", edge.To.Value);
        Assert.Equal(role, Assert.Single(edge.Permissions).Action);
        if (requirement is null)
        {
            Assert.False(edge.IsConditional);
        }
        else
        {
            Assert.Contains(requirement, Assert.Single(edge.Requirements), StringComparison.Ordinal);
        }
    }

    [Fact]
    public void A_PIM_eligible_SharePoint_Administrator_reaches_every_site_on_activating_the_role()
    {
        // Given a user eligible for SharePoint Administrator until next year
        var tenant = new TestTenant();
        tenant.User("sharepoint-admin");
        tenant.EligibleRole("sharepoint-admin", "SharePoint Administrator", endInDays: 200);

        var edge = Assert.Single(DataEdges(tenant.EscalationGraph()));

        // Then its edge to the sites node is conditional on the activation
        Assert.Equal((TestTenant.Id("sharepoint-admin"), Sites), (edge.From.Value, edge.To.Value));
        Assert.Contains("PIM settings", Assert.Single(edge.Requirements), StringComparison.Ordinal);
    }

    [Fact]
    public void Mail_permissions_reach_every_mailbox_unless_an_application_access_policy_narrows_them_and_Sites_Selected_reaches_nothing()
    {
        // Given an application holding Graph Mail.Read, one holding Exchange full_access_as_app, one holding
        // Files.ReadWrite.All, one holding only Sites.Selected, and a Microsoft application holding Mail.Read
        var tenant = new TestTenant();
        foreach (var app in new[] { "mail-archiver", "ews-sync", "file-indexer", "site-reader" })
        {
            tenant.ApplicationServicePrincipal(app);
        }

        tenant.ApplicationServicePrincipal("microsoft-app", ownerTenant: TestTenant.MicrosoftTenantId);
        tenant.ServicePrincipalOf("exchange-online", TestTenant.MicrosoftTenantId, appId: TestTenant.ExchangeOnlineAppId, appRoles: ("full_access_as_app", FullAccessAsApp));
        tenant.GrantGraphPermission("mail-archiver", "Mail.Read", MailRead)
            .GrantGraphPermission("file-indexer", "Files.ReadWrite.All", FilesReadWriteAll)
            .GrantGraphPermission("site-reader", "Sites.Selected", SitesSelected)
            .GrantGraphPermission("microsoft-app", "Mail.Read", MailRead)
            .GrantAppRole("ews-sync", "exchange-online", FullAccessAsApp);

        var edges = DataEdges(tenant.EscalationGraph());

        // Then the mail permissions reach the mailboxes conditionally, the file permission the sites for certain, and
        // neither Sites.Selected nor Microsoft's own application is a source
        (string, string, bool)[] expected = [(TestTenant.Id("ews-sync"), Mailboxes, true), (TestTenant.Id("file-indexer"), Sites, false), (TestTenant.Id("mail-archiver"), Mailboxes, true)];
        Assert.Equal(expected.OrderBy(e => e.Item1, StringComparer.Ordinal), edges.Select(e => (e.From.Value, e.To.Value, e.IsConditional)).OrderBy(e => e.Item1, StringComparer.Ordinal));
        Assert.All(edges, e => Assert.Equal("entra-m365-app-permission-data", e.Technique));
        var mail = edges.Single(e => e.From.Value == TestTenant.Id("mail-archiver"));
        Assert.Contains("application access policy", Assert.Single(mail.Requirements), StringComparison.Ordinal);
        Assert.Equal(("Mail.Read", "Microsoft Graph application permission"), (Assert.Single(mail.Permissions).Action, mail.Permissions[0].GrantedBy));
    }

    [Theory]
    [InlineData("Sites.FullControl.All", "a82116e5-55eb-4c41-a434-62fe8a61c773", "sites")]
    [InlineData("Sites.ReadWrite.All", "9492366f-7969-46a4-8d15-ed1a20078fff", "sites")]
    [InlineData("Calendars.ReadWrite", "ef54d2bf-783f-4e0f-bca1-3210c0444d99", "mailboxes")]
    public void A_listed_site_or_calendar_permission_reaches_its_data_and_Sites_Selected_beside_it_reaches_nothing(string permission, string appRoleId, string data)
    {
        // Given an application holding the permission, and its narrowing twin holding Sites.Selected
        var tenant = new TestTenant();
        tenant.ApplicationServicePrincipal("holder");
        tenant.ApplicationServicePrincipal("site-publisher");
        tenant.GrantGraphPermission("holder", permission, appRoleId).GrantGraphPermission("site-publisher", "Sites.Selected", SitesSelected);

        var edge = Assert.Single(DataEdges(tenant.EscalationGraph()));

        // Then the holder alone has an edge: the site permissions to every site for certain, the calendar permission to
        // every mailbox on no Exchange application access policy narrowing it
        var to = data == "sites" ? Sites : Mailboxes;
        Assert.Equal((TestTenant.Id("holder"), to, "entra-m365-app-permission-data"), (edge.From.Value, edge.To.Value, edge.Technique));
        Assert.Equal((permission, "Microsoft Graph application permission"), (Assert.Single(edge.Permissions).Action, edge.Permissions[0].GrantedBy));
        if (data == "sites")
        {
            Assert.False(edge.IsConditional);
        }
        else
        {
            Assert.Contains($"no Exchange Online application access policy limits `{permission}` of `holder` to some mailboxes (the policies are not exported", Assert.Single(edge.Requirements), StringComparison.Ordinal);
        }
    }

    [Fact]
    public void The_owner_of_an_application_holding_Mail_Read_reaches_every_mailbox_in_two_steps()
    {
        // Given a user who owns the service principal of an application holding Graph Mail.Read
        var tenant = new TestTenant();
        tenant.User("app-owner");
        tenant.ApplicationServicePrincipal("mail-archiver");
        tenant.GrantGraphPermission("mail-archiver", "Mail.Read", MailRead).Owners("service-principal-owners", "mail-archiver", "app-owner");

        var result = tenant.Scan();

        // Then the owner adds a secret and reads mail as the application: medium, as the mail permission may be
        // narrowed by an application access policy; the application itself is a direct holder, not reported here
        var finding = Assert.Single(result.Of(Rule));
        Assert.Equal((TestTenant.Id("app-owner"), "entra", Severity.Medium), (finding.Principal, finding.Provider, finding.Severity));
        Assert.Equal(["entra-add-credential", "entra-m365-app-permission-data"], finding.Path.Select(s => s.Technique), StringComparer.Ordinal);
        Assert.Equal(Mailboxes, finding.Path[^1].To);
        Assert.Contains("every Exchange Online mailbox", finding.Title, StringComparison.Ordinal);
        Assert.Empty(result.Of("privilege-escalation"));
    }

    [Fact]
    public void The_owner_of_a_role_assignable_group_holding_SharePoint_Administrator_reaches_every_site_for_certain()
    {
        // Given a user who owns (but is not a member of) a role-assignable group that holds SharePoint Administrator
        var tenant = new TestTenant();
        tenant.User("group-owner");
        tenant.User("sharepoint-admin");
        tenant.Group("sharepoint-admins", roleAssignable: true, "sharepoint-admin");
        tenant.Owners("group-owners", "sharepoint-admins", "group-owner").AssignRole("sharepoint-admins", "SharePoint Administrator");

        var result = tenant.Scan();

        // Then the owner joins the group and holds the role: high, two certain steps; the member holds the role
        // directly and the group is no principal of a finding
        var finding = Assert.Single(result.Of(Rule));
        Assert.Equal((TestTenant.Id("group-owner"), Severity.High), (finding.Principal, finding.Severity));
        Assert.Equal([("entra-add-group-member", TestTenant.Id("sharepoint-admins")), ("entra-m365-admin-data", Sites)], finding.Path.Select(s => (s.Technique, s.To)));
    }

    [Fact]
    public void A_Helpdesk_Administrator_cannot_reset_an_Exchange_Administrator_but_reaches_mail_through_a_user_who_owns_a_mail_application()
    {
        // Given a Helpdesk Administrator, an Exchange Administrator, and a user without a role who owns an
        // application holding Mail.Read
        var tenant = new TestTenant();
        tenant.User("helpdesk");
        tenant.User("exchange-admin");
        tenant.User("app-owner");
        tenant.ApplicationServicePrincipal("mail-archiver");
        tenant.AssignRole("helpdesk", "Helpdesk Administrator").AssignRole("exchange-admin", "Exchange Administrator");
        tenant.GrantGraphPermission("mail-archiver", "Mail.Read", MailRead).Owners("service-principal-owners", "mail-archiver", "app-owner");

        var findings = tenant.Scan().Of(Rule);

        // Then Helpdesk may not reset the Exchange Administrator (not on its reset list), so its path goes through
        // the owner's password: three steps
        var helpdesk = Assert.Single(findings, f => f.Principal == TestTenant.Id("helpdesk"));
        Assert.Equal(
            [("entra-reset-password", TestTenant.Id("app-owner")), ("entra-add-credential", TestTenant.Id("mail-archiver")), ("entra-m365-app-permission-data", Mailboxes)],
            helpdesk.Path.Select(s => (s.Technique, s.To)));
        Assert.Equal([TestTenant.Id("app-owner"), TestTenant.Id("helpdesk")], findings.Select(f => f.Principal).Order(StringComparer.Ordinal), StringComparer.Ordinal);
    }

    [Fact]
    public void A_principal_that_can_become_an_administrator_is_left_to_privilege_escalation()
    {
        // Given a user who owns an application holding Mail.Read and RoleManagement.ReadWrite.Directory
        var tenant = new TestTenant();
        tenant.User("app-owner");
        tenant.ApplicationServicePrincipal("provisioning");
        tenant.GrantGraphPermission("provisioning", "Mail.Read", MailRead)
            .GrantGraphPermission("provisioning", "RoleManagement.ReadWrite.Directory", RoleManagementReadWriteDirectory)
            .Owners("service-principal-owners", "provisioning", "app-owner");

        var result = tenant.Scan();

        // Then the owner's path to administrator is reported, and its path to the mail is not reported again
        Assert.Contains(result.Of("privilege-escalation"), f => f.Principal == TestTenant.Id("app-owner"));
        Assert.Empty(result.Of(Rule));
    }

    private static List<Edge> DataEdges(EntitlementGraph graph) => [.. graph.Edges.Where(e => Microsoft365Data.IsDataNode(e.To))];
}
