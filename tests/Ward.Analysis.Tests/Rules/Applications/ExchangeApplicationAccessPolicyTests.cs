using Ward.Analysis.Tests.Testing;
using Ward.Core.Graph;
using Ward.Microsoft.Edges;

namespace Ward.Analysis.Tests.Rules.Applications;

/// <summary>
/// Mail application permissions decided by the Exchange Online application access policies when they are exported
/// (<c>Get-ApplicationAccessPolicy | ConvertTo-Json</c> beside the Graph export): the <c>entra-m365-app-permission-data</c>
/// edge, <c>high-risk-application-permission</c> and <c>entra-path-to-microsoft-365-data</c>.
/// </summary>
public sealed class ExchangeApplicationAccessPolicyTests
{
    private const string MailRead = "810c84a8-4a9e-49e6-bf7d-12d183f40d01";
    private const string HighRisk = "high-risk-application-permission";
    private const string PathToData = "entra-path-to-microsoft-365-data";

    private static readonly string Mailboxes = Microsoft365Data.IdOf(TestTenant.TenantId, Microsoft365Data.Mailboxes);

    [Fact]
    public void A_RestrictAccess_policy_takes_the_tenant_wide_mail_edge_away_and_its_twin_without_a_policy_reaches_every_mailbox_for_certain()
    {
        // Given two applications holding Mail.Read, each owned by a user; the policies are exported, and one
        // application is restricted to the mail-enabled security group Sales Mailboxes (alice and bob)
        var tenant = Tenant();
        tenant.ApplicationAccessPolicies(TestTenant.AccessPolicy("crm-sync", "RestrictAccess", "Sales Mailboxes"));

        var edges = DataEdges(tenant.EveryEdge());
        var result = tenant.Scan();

        // Then the restricted application has no edge to every mailbox, and its twin's edge is certain
        var edge = Assert.Single(edges);
        Assert.Equal((TestTenant.Id("mail-archiver"), Mailboxes, false), (edge.From.Value, edge.To.Value, edge.IsConditional));
        Assert.Contains("it reaches every mailbox (no application access policy names the application)", edge.Description, StringComparison.Ordinal);

        // And the restricted application's finding says whose mailboxes it reaches, medium; its twin's stays high
        var restricted = Assert.Single(result.Of(HighRisk), f => f.Principal == TestTenant.Id("crm-sync"));
        Assert.Equal(Severity.Medium, restricted.Severity);
        Assert.Contains(
            "`Mail.Read` reaches only the members of group `Sales Mailboxes` (2 users: `alice@fabrikam.example`, `bob@fabrikam.example`), by the application access policy RestrictAccess to `Sales Mailboxes`",
            restricted.Explanation,
            StringComparison.Ordinal);
        var twin = Assert.Single(result.Of(HighRisk), f => f.Principal == TestTenant.Id("mail-archiver"));
        Assert.Equal(Severity.High, twin.Severity);
        Assert.Contains("`Mail.Read` reaches every mailbox (no application access policy names the application)", twin.Explanation, StringComparison.Ordinal);

        // And only the twin's owner reaches every mailbox in two steps, high as both steps are certain
        var path = Assert.Single(result.Of(PathToData));
        Assert.Equal((TestTenant.Id("archiver-owner"), Severity.High), (path.Principal, path.Severity));
    }

    [Fact]
    public void Without_the_policies_exported_both_mail_edges_stay_conditional()
    {
        // Given the same tenant with no Exchange Online output
        var tenant = Tenant();

        var edges = DataEdges(tenant.EveryEdge());
        var result = tenant.Scan();

        // Then both applications reach every mailbox on the condition that no policy narrows them, and both owners'
        // paths are medium
        Assert.Equal(2, edges.Count);
        Assert.All(edges, e => Assert.Contains("the policies are not exported", Assert.Single(e.Requirements), StringComparison.Ordinal));
        Assert.All(result.Of(HighRisk), f => Assert.Equal(Severity.High, f.Severity));
        Assert.Equal([Severity.Medium, Severity.Medium], result.Of(PathToData).Select(f => f.Severity));
    }

    [Fact]
    public void DenyAccess_policies_leave_every_other_mailbox_for_certain_naming_the_exclusion()
    {
        // Given an application denied the Executives group's mailboxes, and its twin without a policy
        var tenant = Tenant();
        tenant.User("ceo");
        tenant.Group("Executives", false, "ceo");
        tenant.ApplicationAccessPolicies(TestTenant.AccessPolicy("crm-sync", "DenyAccess", "Executives"));

        var edges = DataEdges(tenant.EveryEdge());
        var finding = Assert.Single(tenant.Scan().Of(HighRisk), f => f.Principal == TestTenant.Id("crm-sync"));

        // Then both reach the mailboxes node for certain; the denied one's edge and finding name the exclusion
        Assert.Equal(2, edges.Count);
        Assert.All(edges, e => Assert.False(e.IsConditional));
        var denied = Assert.Single(edges, e => e.From.Value == TestTenant.Id("crm-sync"));
        Assert.Contains("it reaches every mailbox except the members of group `Executives` (1 user: `ceo@fabrikam.example`), by the application access policy DenyAccess on `Executives`", denied.Description, StringComparison.Ordinal);
        Assert.Equal(Severity.High, finding.Severity);
    }

    [Fact]
    public void A_RestrictAccess_and_a_DenyAccess_policy_of_one_application_combine_and_a_scope_not_exported_still_narrows()
    {
        // Given an application restricted to a group the export does not hold and denied one user's mailbox
        var tenant = Tenant();
        tenant.User("carol");
        tenant.ApplicationAccessPolicies(TestTenant.AccessPolicy("crm-sync", "RestrictAccess", "EMEA Sales"), TestTenant.AccessPolicy("crm-sync", "DenyAccess", "carol"));

        var edges = DataEdges(tenant.EveryEdge());
        var finding = Assert.Single(tenant.Scan().Of(HighRisk), f => f.Principal == TestTenant.Id("crm-sync"));

        // Then it has no tenant-wide edge, and its finding says the scope is unknown and the user is left out
        Assert.DoesNotContain(edges, e => e.From.Value == TestTenant.Id("crm-sync"));
        Assert.Contains(
            $"reaches only `EMEA Sales` (object `{TestTenant.Id("EMEA Sales")}`, not among the exported groups and users: who is in it is unknown), less the mailbox of `carol@fabrikam.example`, by the application access policies RestrictAccess to `EMEA Sales`, DenyAccess on `carol`",
            finding.Explanation,
            StringComparison.Ordinal);
    }

    [Fact]
    public void An_empty_policy_list_under_its_documented_name_says_no_application_is_limited()
    {
        // Given the policies exported as an empty array (a tenant with none)
        var tenant = Tenant();
        tenant.ApplicationAccessPolicies();

        // Then both applications reach every mailbox for certain
        var edges = DataEdges(tenant.EveryEdge());
        Assert.Equal(2, edges.Count);
        Assert.All(edges, e => Assert.False(e.IsConditional));
    }

    [Fact]
    public void A_policy_whose_access_right_is_a_number_keeps_its_application_conditional()
    {
        // Given the policy written without -EnumsAsStrings (AccessRight a number, whose meaning is not documented)
        var tenant = Tenant();
        var policy = TestTenant.AccessPolicy("crm-sync", "RestrictAccess", "Sales Mailboxes");
        policy["AccessRight"] = 1;
        tenant.ApplicationAccessPolicies(policy);

        // Then the application's edge is conditional on the policy, its twin's certain
        var edges = DataEdges(tenant.EveryEdge());
        var undecided = Assert.Single(edges, e => e.From.Value == TestTenant.Id("crm-sync"));
        Assert.Contains("unless the application access policy (unreadable access right) to `Sales Mailboxes`, whose access right cannot be read, restricts it", Assert.Single(undecided.Requirements), StringComparison.Ordinal);
        Assert.False(Assert.Single(edges, e => e.From.Value == TestTenant.Id("mail-archiver")).IsConditional);
    }

    [Fact]
    public void Another_tenants_application_restricted_by_a_policy_says_whose_mailboxes_it_reaches()
    {
        // Given a vendor's application holding Mail.Read, restricted to Sales Mailboxes
        var tenant = Tenant();
        tenant.ApplicationServicePrincipal("vendor-crm", ownerTenant: TestTenant.OtherTenantId);
        tenant.GrantGraphPermission("vendor-crm", "Mail.Read", MailRead);
        tenant.ApplicationAccessPolicies(TestTenant.AccessPolicy("vendor-crm", "RestrictAccess", "Sales Mailboxes"));

        var finding = Assert.Single(tenant.Scan().Of("third-party-app-high-risk-permission"));

        // Then its finding says the policy leaves it only the group's mailboxes
        Assert.Equal(TestTenant.Id("vendor-crm"), finding.Principal);
        Assert.EndsWith(
            "With the Exchange Online application access policies exported, `Mail.Read` reaches only the members of group `Sales Mailboxes` (2 users: `alice@fabrikam.example`, `bob@fabrikam.example`), by the application access policy RestrictAccess to `Sales Mailboxes`.",
            finding.Explanation,
            StringComparison.Ordinal);
    }

    /// <summary>Two applications holding Graph Mail.Read, crm-sync and mail-archiver, owned by crm-owner and archiver-owner; Sales Mailboxes holds alice and bob.</summary>
    private static TestTenant Tenant()
    {
        var tenant = new TestTenant();
        foreach (var user in new[] { "alice", "bob", "crm-owner", "archiver-owner" })
        {
            tenant.User(user);
        }

        tenant.Group("Sales Mailboxes", false, "alice", "bob");
        tenant.ApplicationServicePrincipal("crm-sync");
        tenant.ApplicationServicePrincipal("mail-archiver");
        tenant.GrantGraphPermission("crm-sync", "Mail.Read", MailRead).GrantGraphPermission("mail-archiver", "Mail.Read", MailRead)
            .Owners("service-principal-owners", "crm-sync", "crm-owner").Owners("service-principal-owners", "mail-archiver", "archiver-owner");
        return tenant;
    }

    private static List<Edge> DataEdges(IEnumerable<Edge> edges) => [.. edges.Where(e => Microsoft365Data.IsDataNode(e.To))];
}
