using Ward.Core.Graph;
using Ward.Microsoft.Edges.Checkers;
using static Ward.Microsoft.Tests.Testing.Workloads;

namespace Ward.Microsoft.Tests.Edges;

/// <summary>
/// Microsoft Graph application permissions on the Tailspin fixture, held as app role assignments of Microsoft
/// Graph's service principal (its <c>appRoleAssignedTo</c>, by app role id): <c>AppRoleAssignment.ReadWrite.All</c>
/// (<c>entra-assign-role</c>), <c>Directory.ReadWrite.All</c>, <c>Group.ReadWrite.All</c> and
/// <c>GroupMember.ReadWrite.All</c> (<c>entra-add-group-member</c>), <c>Domain.ReadWrite.All</c>
/// (<c>entra-federate-domain</c>); and the twins: Usage Reports, whose <c>User.Read.All</c> and <c>Group.Read.All</c>
/// give nothing, and Inventory Sync, holding an app role of another API that is also named <c>Directory.ReadWrite.All</c>.
/// </summary>
public sealed class GraphApplicationPermissionEdgeTests
{
    private static readonly string[] ServicePrincipals = [AccessBroker, DirectorySyncAgent, TeamProvisioner, MembershipBot, DomainManager, UsageReports, InventorySync];

    private static List<Edge> AssignRole => field ??= [.. new AssignDirectoryRoleEdgeChecker().Check(Context, targets: null).Where(e => ServicePrincipals.Contains(e.From.Value))];

    private static List<Edge> AddMember => field ??= [.. new AddGroupMemberEdgeChecker().Check(Context, targets: null).Where(e => ServicePrincipals.Contains(e.From.Value))];

    private static List<Edge> Federate => field ??= [.. new FederateDomainEdgeChecker().Check(Context, targets: null).Where(e => ServicePrincipals.Contains(e.From.Value))];

    [Fact]
    public void No_one_joins_a_group_synchronized_from_on_premises_Active_Directory()
    {
        // Given Finance Operators, a security group synchronized from on-premises, and principals that write the
        // members of the tenant's other security groups (by Graph permission, role or ownership)
        var everyEdge = new AddGroupMemberEdgeChecker().Check(Context, targets: null).ToList();
        Assert.Contains(everyEdge, e => e.To.Value == WebOperators);

        // Then none joins it: its members are managed in Active Directory, and Entra ID refuses changes to them
        Assert.DoesNotContain(everyEdge, e => e.To.Value == FinanceOperators);
    }

    [Fact]
    public void The_app_role_ids_are_read_as_the_permissions_they_name()
    {
        Assert.Equal(["AppRoleAssignment.ReadWrite.All"], Context.GraphPermissions[AccessBroker], StringComparer.Ordinal);
        Assert.Equal(["Group.Read.All", "User.Read.All"], Context.GraphPermissions[UsageReports].Order(StringComparer.Ordinal), StringComparer.Ordinal);
    }

    [Fact]
    public void AppRoleAssignment_ReadWrite_All_grants_itself_role_management_and_assigns_itself_Global_Administrator()
    {
        // Given Access Broker, holding AppRoleAssignment.ReadWrite.All
        var edge = Assert.Single(AssignRole);

        // Then it escalates itself, for certain, to Global Administrator
        Assert.Equal(("entra-assign-role", AccessBroker, AccessBroker, false), (edge.Technique, edge.From.Value, edge.To.Value, edge.IsConditional));
        Assert.True(edge.GrantsAdmin && edge.IsSelfEscalation);
        var permission = Assert.Single(edge.Permissions);
        Assert.Equal(("AppRoleAssignment.ReadWrite.All", "Microsoft Graph application permission"), (permission.Action, permission.GrantedBy));
        Assert.Contains("grants itself RoleManagement.ReadWrite.Directory", edge.Description, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(DirectorySyncAgent, "Directory.ReadWrite.All")]
    [InlineData(TeamProvisioner, "Group.ReadWrite.All")]
    [InlineData(MembershipBot, "GroupMember.ReadWrite.All")]
    public void A_group_writing_permission_adds_its_holder_to_a_security_group(string servicePrincipal, string permission)
    {
        // Given a service principal with one of the permissions that write group members
        var edges = AddMember.Where(e => e.From.Value == servicePrincipal).ToList();

        // Then it joins Web Operators (Virtual Machine Contributor of rg-web), for certain
        var edge = Assert.Single(edges);
        Assert.Equal(("entra-add-group-member", WebOperators, false), (edge.Technique, edge.To.Value, edge.IsConditional));
        var granted = Assert.Single(edge.Permissions);
        Assert.Equal((permission, WebOperators, "Microsoft Graph application permission"), (granted.Action, granted.Resource, granted.GrantedBy));
        Assert.Contains("`Web Operators`", edge.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void Group_writing_permissions_reach_neither_a_role_assignable_nor_a_dynamic_group()
    {
        // Tier0 Operators is role-assignable (these permissions cannot change it), Sales (dynamic) takes no one by hand
        Assert.DoesNotContain(AddMember, e => e.To.Value is Tier0Operators or SalesDynamic);
    }

    [Fact]
    public void Domain_ReadWrite_All_federates_the_custom_domain_and_signs_in_as_its_users()
    {
        // Given Domain Manager, holding Domain.ReadWrite.All, and the verified domains tailspintoys.com and the initial tailspintoys.onmicrosoft.com
        var users = Context.Directory.Users.Where(u => u.UserPrincipalName!.EndsWith("@tailspintoys.com", StringComparison.Ordinal)).Select(u => u.Id).Order(StringComparer.Ordinal).ToList();

        // Then it reaches every user of the custom domain, each conditionally on Entra ID accepting the forged sign-in
        Assert.Equal(users, Federate.Select(e => e.To.Value).Order(StringComparer.Ordinal), StringComparer.Ordinal);
        Assert.All(Federate, edge =>
        {
            Assert.Equal(("entra-federate-domain", DomainManager, true), (edge.Technique, edge.From.Value, edge.IsConditional));
            var permission = Assert.Single(edge.Permissions);
            Assert.Equal(("Domain.ReadWrite.All", "tailspintoys.com"), (permission.Action, permission.Resource));
        });
        Assert.Contains("is synchronized", Assert.Single(Federate.Single(e => e.To.Value == Sam).Requirements), StringComparison.Ordinal);
        Assert.Contains("cloud-only", Assert.Single(Federate.Single(e => e.To.Value == Uma).Requirements), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(Gabriel)]
    [InlineData(Tess)]
    public void Users_of_the_initial_domain_cannot_be_federated(string user)
    {
        Assert.DoesNotContain(Federate, e => e.To.Value == user);
    }

    [Fact]
    public void Each_permission_gives_only_its_own_technique()
    {
        // Access Broker joins no group and federates nothing; the group writers assign no role and federate nothing;
        // Domain Manager joins no group and assigns no role
        Assert.Equal([AccessBroker], AssignRole.Select(e => e.From.Value), StringComparer.Ordinal);
        Assert.Equal([MembershipBot, DirectorySyncAgent, TeamProvisioner], AddMember.Select(e => e.From.Value).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal), StringComparer.Ordinal);
        Assert.Equal([DomainManager], Federate.Select(e => e.From.Value).Distinct(StringComparer.Ordinal), StringComparer.Ordinal);
    }

    [Fact]
    public void Harmless_read_permissions_give_no_edge()
    {
        // Given Usage Reports, holding User.Read.All and Group.Read.All
        var all = AssignRole.Concat(AddMember).Concat(Federate)
            .Concat(new AddCredentialEdgeChecker().Check(Context, targets: null))
            .Concat(new TemporaryAccessPassEdgeChecker().Check(Context, targets: null));

        // Then no technique starts from it
        Assert.DoesNotContain(all, e => e.From.Value == UsageReports);
    }

    [Fact]
    public void An_app_role_of_another_API_named_like_a_Graph_permission_gives_nothing()
    {
        // Given Inventory Sync, holding Tailspin Directory API's app role whose value is Directory.ReadWrite.All
        // Then it is no Microsoft Graph permission: no group membership, no role, no domain
        Assert.False(Context.GraphPermissions.ContainsKey(InventorySync));
        Assert.DoesNotContain(AssignRole.Concat(AddMember).Concat(Federate), e => e.From.Value == InventorySync);
    }
}
