using System.Collections.Immutable;
using Ward.Core.Graph;
using Ward.Core.Model;
using Ward.Microsoft.Edges;
using Ward.Microsoft.Entra.Directory;

namespace Ward.Microsoft.Tests.Edges;

/// <summary>
/// Escalation edges and paths on the bundled Northwind Microsoft sample (samples/microsoft.md lists its seeded risks
/// and the traps that must not become paths).
/// </summary>
public sealed class MicrosoftGraphBuilderTests
{
    private static readonly DateTimeOffset AsOf = new(2026, 11, 28, 12, 0, 0, TimeSpan.Zero);
    private static readonly Lazy<(MicrosoftEdgeContext Context, EntitlementGraph Graph)> Sample = new(Build);

    private static MicrosoftEdgeContext Context => Sample.Value.Context;

    private static EntraDirectory Directory => Context.Directory;

    private static EntitlementGraph Graph => Sample.Value.Graph;

    private static IReadOnlyDictionary<PrincipalId, ImmutableArray<Edge>> Paths => field ??= Graph.ShortestPathsTo(node => node.IsAdmin);

    [Fact]
    public void Administrators_are_marked_with_the_role_that_makes_them_one()
    {
        // Then ada (Global Administrator), frank (Owner of nw-prod through Prod Owners) and hana (User Access
        // Administrator of a management group) are administrators, and jo is not
        Assert.Contains("Global Administrator", Node("ada.okafor@northwindtraders.com").AdminReason, StringComparison.Ordinal);
        Assert.Contains("through group `Prod Owners`", Node("frank.osei@northwindtraders.com").AdminReason, StringComparison.Ordinal);
        Assert.Contains("User Access Administrator", Node("hana.sato@northwindtraders.com").AdminReason, StringComparison.Ordinal);
        Assert.False(Node("jo.martin@northwindtraders.com").IsAdmin);
    }

    [Fact]
    public void An_application_owner_takes_over_its_service_principal_which_assigns_itself_Global_Administrator()
    {
        // Given ivan, owner of Northwind Provisioning, whose service principal holds RoleManagement.ReadWrite.Directory
        var ivan = new PrincipalId(UserId("ivan.petrov@northwindtraders.com"));
        var provisioning = new PrincipalId(ServicePrincipal("Northwind Provisioning"));

        // Then he can add a secret to the app and act as its service principal, which can assign itself Global Administrator
        var takeover = Assert.Single(Graph.Outgoing(ivan), e => e.To == provisioning);
        Assert.Equal("entra-add-credential", takeover.Technique);
        Assert.False(takeover.IsConditional);
        var assign = Assert.Single(Graph.Outgoing(provisioning), e => e.Technique == "entra-assign-role");
        Assert.True(assign.GrantsAdmin && assign.IsSelfEscalation);
        Assert.Contains("RoleManagement.ReadWrite.Directory", assign.Description, StringComparison.Ordinal);

        // ...and that certain path is his, though a shorter one exists: activating his eligible User Access
        // Administrator role, which depends on the role's activation settings
        var activation = Assert.Single(Graph.Outgoing(ivan), e => e.Technique == "entra-pim-activate");
        Assert.True(activation.IsConditional);
        Assert.Equal(["entra-add-credential", "entra-assign-role"], PathOf("ivan.petrov@northwindtraders.com").Select(e => e.Technique).ToArray());
    }

    [Fact]
    public void The_guest_reaches_Global_Administrator_through_two_applications()
    {
        // Given the Contoso guest, owner of Northwind Sync, whose service principal holds Application.ReadWrite.All
        var path = PathOf("priya_contoso.com#EXT#@northwindtraders.onmicrosoft.com");

        // Then: Sync (owner), Provisioning (Application.ReadWrite.All adds a secret), Global Administrator
        Assert.Equal(["entra-add-credential", "entra-add-credential", "entra-assign-role"], path.Select(e => e.Technique).ToArray());
        Assert.Equal(ServicePrincipal("Northwind Sync"), path[0].To.Value);
        Assert.Contains("Application.ReadWrite.All", path[1].Description, StringComparison.Ordinal);
    }

    [Fact]
    public void A_helpdesk_administrator_resets_the_password_of_a_subscription_owner_but_not_of_a_Global_Administrator()
    {
        // Given dana (Helpdesk Administrator), frank (no directory role; Owner of nw-prod through Prod Owners) and ada
        // (Global Administrator, member of the role-assignable Tier0 Admins)
        var dana = new PrincipalId(UserId("dana.ruiz@northwindtraders.com"));
        var resets = Graph.Outgoing(dana).Where(e => e.Technique == "entra-reset-password").Select(e => e.To.Value).ToList();

        // Then she can reset frank's password, an administrator of Azure, and not ada's
        Assert.Contains(UserId("frank.osei@northwindtraders.com"), resets, StringComparer.Ordinal);
        Assert.True(Node("frank.osei@northwindtraders.com").IsAdmin);
        Assert.DoesNotContain(UserId("ada.okafor@northwindtraders.com"), resets, StringComparer.Ordinal);
        Assert.Single(PathOf("dana.ruiz@northwindtraders.com"), e => e.Technique == "entra-reset-password");
    }

    [Fact]
    public void A_groups_administrator_joins_a_group_that_owns_a_subscription_but_not_a_role_assignable_one()
    {
        // Given nina (Groups Administrator of the tenant), Prod Owners (Owner of nw-prod) and Tier0 Admins
        // (role-assignable, holds Privileged Authentication Administrator)
        var nina = new PrincipalId(UserId("nina.kowalski@northwindtraders.com"));
        var joins = Graph.Outgoing(nina).Where(e => e.Technique == "entra-add-group-member").Select(e => Directory.FindGroup(e.To.Value)!.DisplayName).ToList();

        // Then she may join Prod Owners (a path to Owner), never Tier0 Admins, and no dynamic group
        Assert.Contains("Prod Owners", joins, StringComparer.Ordinal);
        Assert.DoesNotContain("Tier0 Admins", joins, StringComparer.Ordinal);
        Assert.DoesNotContain("Dev Team", joins, StringComparer.Ordinal);
        Assert.Equal("Prod Owners", Directory.FindGroup(Assert.Single(PathOf("nina.kowalski@northwindtraders.com")).To.Value)!.DisplayName);
    }

    [Fact]
    public void A_groups_administrator_scoped_to_a_unit_beside_a_role_assignable_group_joins_only_a_group_that_grants_nothing()
    {
        // Given eve, Groups Administrator scoped to Head Office Groups, whose members are Tier0 Admins (role-assignable)
        // and All Staff (a Microsoft 365 group holding nothing)
        var eve = new PrincipalId(UserId("eve.lindqvist@northwindtraders.com"));
        var joins = new Ward.Microsoft.Edges.Checkers.AddGroupMemberEdgeChecker().Check(Context, targets: null).Where(e => e.From == eve).ToList();

        // Then her role reaches All Staff alone (not Tier0 Admins beside it, nor the groups outside her unit), and
        // she has no path
        var join = Assert.Single(joins);
        Assert.Equal("All Staff", Directory.FindGroup(join.To.Value)!.DisplayName);
        Assert.False(Paths.ContainsKey(eve));
    }

    [Fact]
    public void An_Exchange_administrator_joins_the_Microsoft_365_group_only_which_leads_nowhere()
    {
        // Given olivia (Exchange Administrator: groups.unified/members/update), All Staff (a Microsoft 365 group
        // holding nothing) and the security groups, Prod Owners (Owner of nw-prod) among them
        var olivia = new PrincipalId(UserId("olivia.brandt@northwindtraders.com"));
        var joins = new Ward.Microsoft.Edges.Checkers.AddGroupMemberEdgeChecker().Check(Context, targets: null).Where(e => e.From == olivia).ToList();

        // Then she may join All Staff and no security group; All Staff grants nothing, so the graph (edges on paths
        // only) leaves the join out, and her only edge is her role's, to the mailboxes: no path to an administrator
        var join = Assert.Single(joins);
        Assert.Equal("All Staff", Directory.FindGroup(join.To.Value)!.DisplayName);
        Assert.Equal("microsoft.directory/groups.unified/members/update", Assert.Single(join.Permissions).Action);
        Assert.Equal("entra-m365-admin-data", Assert.Single(Graph.Outgoing(olivia)).Technique);
        Assert.False(Paths.ContainsKey(olivia));
    }

    [Fact]
    public void The_Microsoft_365_data_holders_of_the_sample_reach_their_data_nodes()
    {
        // Given olivia (Exchange Administrator), sam (SharePoint Administrator, PIM-eligible) and Contoso Mail
        // Archiver (another tenant's application holding Mail.Read)
        var data = Graph.Edges.Where(e => Microsoft365Data.IsDataNode(e.To)).Select(e => (e.From.Value, e.To.Value, e.IsConditional)).ToList();
        string Data(Microsoft365DataSet set) => Microsoft365Data.IdOf(Directory.TenantId, set);

        // Then each has its edge, olivia's certain, sam's on activating the role, the archiver's on no application
        // access policy narrowing Mail.Read; nobody else holds Microsoft 365 data
        (string, string, bool)[] expected =
        [
            (UserId("olivia.brandt@northwindtraders.com"), Data(Microsoft365Data.Mailboxes), false),
            (UserId("sam.okoro@northwindtraders.com"), Data(Microsoft365Data.Sites), true),
            (ServicePrincipal("Contoso Mail Archiver"), Data(Microsoft365Data.Mailboxes), true),
        ];
        Assert.Equal(expected.Order(), data.Order());
        Assert.All(Microsoft365Data.All, d => Assert.False(Graph.Nodes[new PrincipalId(Data(d))].IsAdmin));
    }

    [Theory]
    [InlineData("chen.wei@northwindtraders.com")]
    [InlineData("eve.lindqvist@northwindtraders.com")]
    [InlineData("gus.mensah@northwindtraders.com")]
    [InlineData("kim.larsen@northwindtraders.com")]
    [InlineData("lena.vogel@northwindtraders.com")]
    public void The_seeded_traps_have_no_path(string userPrincipalName)
    {
        // chen's Helpdesk role is scoped to an administrative unit whose members hold nothing; eve's Groups
        // Administrator role to a unit holding a role-assignable group and a group that grants nothing; gus's Cloud
        // Application Administrator role to an application that holds no permission; kim may assign Reader and
        // Storage Blob Data Reader only, and manages a key vault whose data is Azure RBAC's
        Assert.False(Paths.ContainsKey(new PrincipalId(UserId(userPrincipalName))), userPrincipalName);
    }

    [Fact]
    public void A_scoped_application_administrator_adds_a_credential_to_its_application_only()
    {
        // Given gus: Cloud Application Administrator scoped to Cafeteria Menu (which holds no permission)
        var gus = new PrincipalId(UserId("gus.mensah@northwindtraders.com"));
        var credentials = new Ward.Microsoft.Edges.Checkers.AddCredentialEdgeChecker().Check(Context, targets: null).Where(e => e.From == gus).ToList();

        // Then his role adds a credential to Cafeteria Menu alone, which leads nowhere: the graph (edges on paths only)
        // keeps none of his edges
        Assert.Equal([ServicePrincipal("Cafeteria Menu")], credentials.Select(e => e.To.Value).Distinct(StringComparer.Ordinal), StringComparer.Ordinal);
        Assert.Empty(Graph.Outgoing(gus));
    }

    [Fact]
    public void A_network_administrator_rewrites_a_vault_that_holds_an_applications_certificate()
    {
        // Given omar: Contributor of rg-platform-network through Network Admins, where kv-nw-network (access-policy
        // mode, Network Admins may only see certificates) keeps Northwind Sync's sign-in certificate
        var omar = new PrincipalId(UserId("omar.haddad@northwindtraders.com"));
        var path = PathOf("omar.haddad@northwindtraders.com");

        // Then the vault is his way: he gives himself an access policy, uses the certificate as Northwind Sync, whose
        // Application.ReadWrite.All takes over Provisioning
        Assert.Equal(["azure-key-vault-access-policy", "entra-add-credential", "entra-assign-role"], path.Select(e => e.Technique).ToArray());
        Assert.Equal(ServicePrincipal("Northwind Sync"), path[0].To.Value);
        Assert.False(path[0].IsConditional);
        Assert.Contains("certificate `northwind-sync` of key vault `kv-nw-network`", path[0].Description, StringComparison.Ordinal);
        Assert.DoesNotContain(new Ward.Microsoft.Edges.Checkers.KeyVaultCertificateEdgeChecker().Check(Context, targets: null), e => e.From == omar);
    }

    [Fact]
    public void Northwind_Provisionings_certificate_in_the_shared_vault_is_out_of_reach()
    {
        // Given kv-nw-prod-shared (RBAC mode) holding Northwind Provisioning's certificate, generated with a key that
        // cannot be exported; Northwind Orders is Key Vault Secrets User of the vault, kim Key Vault Contributor
        var edges = new Ward.Microsoft.Edges.Checkers.KeyVaultCertificateEdgeChecker().Check(Context, targets: null)
            .Concat(new Ward.Microsoft.Edges.Checkers.KeyVaultAccessPolicyEdgeChecker().Check(Context, targets: null))
            .ToList();

        // Then no key vault edge leads to Provisioning (the secret holds no private key, and managing an RBAC vault reads
        // nothing in it); every one leads to Northwind Sync (the network vault's TLS certificate is nobody's credential)
        Assert.NotEmpty(edges);
        Assert.All(edges, e => Assert.Equal(ServicePrincipal("Northwind Sync"), e.To.Value));
        Assert.DoesNotContain(edges, e => e.From.Value == ServicePrincipal("Northwind Orders") || e.From.Value == UserId("kim.larsen@northwindtraders.com"));
    }

    [Fact]
    public void An_eligible_administrator_role_is_a_conditional_path()
    {
        // Given ben, eligible for Privileged Role Administrator and for Owner of nw-prod
        var edge = Assert.Single(PathOf("ben.carter@northwindtraders.com"));

        // Then activating one is his path, conditional on PIM settings the exports do not hold
        Assert.Equal("entra-pim-activate", edge.Technique);
        Assert.True(edge.IsConditional);
    }

    [Fact]
    public void A_virtual_machine_contributor_runs_code_as_the_machine_identity()
    {
        // Given jo, Virtual Machine Contributor of rg-build through Build Operators, and vm-build-01 there, whose
        // system-assigned identity is Contributor of nw-prod
        // (the checkers are asked directly; the graph keeps these edges too, since the AzureHound inventory attaches the
        // deployment identity to the same VM and the machine's identity reaches an administrator through it)
        var identity = new PrincipalId(ServicePrincipal("vm-build-01"));
        var edges = new Ward.Microsoft.Edges.Checkers.VirtualMachineRunCommandEdgeChecker().Check(Context, targets: null)
            .Concat(new Ward.Microsoft.Edges.Checkers.VirtualMachineExtensionEdgeChecker().Check(Context, targets: null))
            .Where(e => e.To == identity)
            .ToList();
        var runners = edges.Where(e => e.Technique == "azure-vm-run-command").Select(e => e.From.Value).ToList();

        // Then jo (and the owners of nw-prod) can run a command on it and act as its identity; kim (Reader) cannot
        Assert.Contains(UserId("jo.martin@northwindtraders.com"), runners, StringComparer.Ordinal);
        Assert.Contains(UserId("frank.osei@northwindtraders.com"), runners, StringComparer.Ordinal);
        Assert.DoesNotContain(UserId("kim.larsen@northwindtraders.com"), runners, StringComparer.Ordinal);
        Assert.Contains(edges, e => e.Technique == "azure-vm-extension" && e.From.Value == UserId("jo.martin@northwindtraders.com"));
        Assert.Contains(Graph.Incoming(identity), e => e.Technique == "azure-vm-run-command");
    }

    [Fact]
    public void A_managed_identity_contributor_takes_over_the_deployment_identity_that_owns_a_management_group()
    {
        // Given jo, Managed Identity Contributor of rg-platform-identity through Build Operators, where the user-assigned
        // identity id-landingzone-deploy (Owner of mg-landingzones) lives; and omar, Contributor of another resource group
        var identity = new PrincipalId(ServicePrincipal("id-landingzone-deploy"));
        var writers = Graph.Incoming(identity).Where(e => e.Technique == "azure-uami-federated-credential").Select(e => e.From.Value).ToList();

        // Then jo can add a federated credential to it and sign in as it; omar cannot
        Assert.Contains(UserId("jo.martin@northwindtraders.com"), writers, StringComparer.Ordinal);
        Assert.DoesNotContain(UserId("omar.haddad@northwindtraders.com"), writers, StringComparer.Ordinal);
        Assert.True(Graph.Nodes[identity].IsAdmin);
    }

    [Fact]
    public void The_AzureHound_inventory_attaches_the_deployment_identity_to_the_build_VM()
    {
        // Given AzureHound's record of vm-build-01, which carries id-landingzone-deploy (Owner of mg-landingzones) as a
        // user-assigned identity besides its own; and vm-analytics-01 in the guest's resource group, with no identity
        var identity = new PrincipalId(ServicePrincipal("id-landingzone-deploy"));
        var runners = Graph.Incoming(identity).Where(e => e.Technique == "azure-vm-run-command").Select(e => e.From.Value).ToList();

        // Then jo (Virtual Machine Contributor of rg-build) reaches the deployment identity by a run command too, and the
        // VM's own identity (Contributor of nw-prod) by installing an extension on its VM: a new path to an administrator
        Assert.Contains(UserId("jo.martin@northwindtraders.com"), runners, StringComparer.Ordinal);
        var deploymentScripts = new Ward.Microsoft.Edges.Checkers.DeploymentScriptEdgeChecker().Check(Context, targets: null).Where(e => e.To == identity).Select(e => e.From.Value).ToList();
        Assert.DoesNotContain(UserId("jo.martin@northwindtraders.com"), deploymentScripts, StringComparer.Ordinal);
        var vm = new PrincipalId(ServicePrincipal("vm-build-01"));
        Assert.Contains(Graph.Outgoing(vm), e => e.To == identity && e.Technique == "azure-vm-extension");
        Assert.True(Paths.ContainsKey(vm));

        // But not by a deployment script (Managed Identity Contributor does not assign the identity); and the guest
        // (Contributor of rg-analytics) reaches no identity: the VM there has none
        Assert.DoesNotContain(Graph.Outgoing(new PrincipalId(UserId("priya_contoso.com#EXT#@northwindtraders.onmicrosoft.com"))), e => e.Technique.StartsWith("azure-vm", StringComparison.Ordinal));
    }

    [Fact]
    public void The_dev_cluster_with_local_accounts_gives_its_kubelet_identity_to_its_resource_group_contributor()
    {
        // Given aks-nw-dev (local accounts enabled) in rg-sandbox, where frank is Contributor, and aks-nw-prod (Entra ID
        // integrated, local accounts disabled) in nw-prod, where frank is Owner
        var edges = new Ward.Microsoft.Edges.Checkers.ManagedClusterAdminEdgeChecker().Check(Context, targets: null).Where(e => e.From.Value == UserId("frank.osei@northwindtraders.com")).ToList();

        // Then frank reaches the dev cluster's kubelet identity only (which holds no role, so it is on no path)
        var edge = Assert.Single(edges);
        Assert.Contains("`aks-nw-dev`", edge.Description, StringComparison.Ordinal);
        Assert.Equal("Microsoft.ContainerService/managedClusters/listClusterAdminCredential/action", Assert.Single(edge.Permissions).Action);
        Assert.DoesNotContain(Graph.Edges, e => e.Technique == "azure-aks-cluster-admin");
    }

    [Fact]
    public void A_first_party_or_managed_identity_service_principal_is_never_a_credential_target()
    {
        // Then no edge adds a credential to Microsoft Graph or to a managed identity
        var targets = Graph.Edges.Where(e => e.Technique == "entra-add-credential").Select(e => Directory.FindServicePrincipal(e.To.Value)!).ToList();
        Assert.NotEmpty(targets);
        Assert.DoesNotContain(targets, t => t.AppId == MicrosoftEdgeContext.MicrosoftGraphAppId);
        Assert.DoesNotContain(targets, t => t.ServicePrincipalType == ServicePrincipalType.ManagedIdentity);
    }

    private static ImmutableArray<Edge> PathOf(string userPrincipalName)
    {
        Assert.True(Paths.TryGetValue(new PrincipalId(UserId(userPrincipalName)), out var path), $"no path from {userPrincipalName}");
        return path;
    }

    private static GraphNode Node(string userPrincipalName) => Graph.Nodes[new PrincipalId(UserId(userPrincipalName))];

    [Fact]
    public void Administrators_and_principals_eligible_for_an_administrator_role_start_no_fan_out_edges()
    {
        // An active Global Administrator of the sample, and the user PIM-eligible for Privileged Role Administrator over
        // the tenant (not an administrator until it activates the role): neither needs an edge to every user
        const string GlobalAdministrator = "8dd8fb99-dfc9-4af1-82a5-17bf292636dc";
        const string EligiblePrivilegedRoleAdministrator = "318aa01b-f7fa-44cf-b0e3-24b0e2ff79b4";
        Assert.True(Context.Administrators.ContainsKey(GlobalAdministrator));
        Assert.False(Context.Administrators.ContainsKey(EligiblePrivilegedRoleAdministrator));

        Assert.False(Context.StartsPaths(GlobalAdministrator));
        Assert.False(Context.StartsPaths(EligiblePrivilegedRoleAdministrator));
        Assert.True(Context.StartsPaths(UserId("eve.lindqvist@northwindtraders.com")));
    }

    private static string UserId(string userPrincipalName) =>
        Directory.Users.Single(u => string.Equals(u.UserPrincipalName, userPrincipalName, StringComparison.OrdinalIgnoreCase)).Id;

    private static string ServicePrincipal(string displayName) => Directory.ServicePrincipals.Single(s => s.DisplayName == displayName).Id;

    private static (MicrosoftEdgeContext, EntitlementGraph) Build()
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "Ward.slnx")))
        {
            root = root.Parent;
        }

        var samples = Path.Combine(root!.FullName, "samples");
        var estates = MicrosoftEstateLoader.Load([Path.Combine(samples, "entra"), Path.Combine(samples, "azure"), Path.Combine(samples, "azurehound")]);
        var context = new MicrosoftEdgeContext(estates.Entra, estates.Azure, AsOf);
        return (context, MicrosoftGraphBuilder.Build(context));
    }
}
