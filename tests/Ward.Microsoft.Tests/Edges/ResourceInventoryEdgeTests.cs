using Ward.Microsoft.Azure.Rbac;
using Ward.Microsoft.Azure.Resources;
using Ward.Microsoft.Edges;
using Ward.Microsoft.Edges.Checkers;
using Ward.Microsoft.Entra.Directory;
using Ward.Microsoft.Tests.Azure.Testing;

namespace Ward.Microsoft.Tests.Edges;

/// <summary>
/// Techniques that need the resource inventory: user-assigned identities attached to VMs, AKS kubelet identities,
/// deployment scripts. Each with the vulnerable principal and the twin that must not get the edge.
/// </summary>
public sealed class ResourceInventoryEdgeTests
{
    private const string Owner = "8e3af657-a8ff-443c-a75c-2fe8c4bcb635";
    private const string VirtualMachineContributor = "9980e02c-c2be-4d73-94e8-173b1dc7cf3c";
    private const string ClusterAdminRole = "0ab0b1a8-8aac-4efd-b8c2-3ee1fb270be8";
    private const string ClusterUserRole = "4abbcc35-e782-43d8-92c5-2d3f1bd2253f";
    private const string RbacWriter = "a7ffa36f-339b-4b5c-8bdf-e2c188b2c0eb";
    private const string Contributor = "b24988ac-6180-42a0-ab88-20f7382dd24c";
    private const string ManagedIdentityOperator = "f1a07417-d97a-45cb-824c-7a7467783830";
    private const string ScriptWriter = "5a1c3e7f-2b4d-4f6a-8c9e-0d2f4b6a8c1e";
    private const string Deployer = "7c9e1a3b-5d7f-4b2c-9e4a-6f8b0d2c4e61";
    private const string Kubelet = "3e5a7c9b-1d2f-4a6c-8e0b-2d4f6a8c0e13";

    private static readonly DateTimeOffset AsOf = new(2026, 11, 28, 12, 0, 0, TimeSpan.Zero);
    private static readonly string Build = TestEstate.ResourceGroupScope("rg-build");
    private static readonly string IdentityGroup = TestEstate.ResourceGroupScope("rg-identity");
    private static readonly AzureScope Vm = AzureScope.Parse($"{Build}/providers/Microsoft.Compute/virtualMachines/vm-build-01");
    private static readonly AzureScope TwinVm = AzureScope.Parse($"{Build}/providers/Microsoft.Compute/virtualMachines/vm-build-02");
    private static readonly AzureScope Identity = AzureScope.Parse($"{IdentityGroup}/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id-deploy");
    private static readonly AzureScope Cluster = AzureScope.Parse($"{Build}/providers/Microsoft.ContainerService/managedClusters/aks-build");
    private static readonly AzureScope TwinCluster = AzureScope.Parse($"{Build}/providers/Microsoft.ContainerService/managedClusters/aks-locked");

    [Fact]
    public void The_run_command_holder_of_a_VM_acts_as_the_user_assigned_identity_attached_to_it()
    {
        // Given id-deploy, Owner of the subscription, attached to vm-build-01; the user may run commands on that VM only
        var estate = Estate()
            .Role(VirtualMachineContributor, "Virtual Machine Contributor", TestEstate.Actions("Microsoft.Compute/virtualMachines/*"))
            .Assign(TestEstate.User, VirtualMachineContributor, Vm.Value)
            .Build() with { Resources = [VirtualMachine(Vm, Identity), Identified(Identity)] };

        // When the run-command technique is checked
        var edges = new VirtualMachineRunCommandEdgeChecker().Check(Context(estate), targets: null).ToList();

        // Then the user reaches the identity through the VM, and names it
        var edge = Assert.Single(edges, e => e.To == new Ward.Core.Model.PrincipalId(Deployer));
        Assert.Equal(TestEstate.User, edge.From.Value);
        Assert.Contains("user-assigned identity `id-deploy`", edge.Description, StringComparison.Ordinal);
        Assert.False(edge.IsConditional);
    }

    [Fact]
    public void The_run_command_holder_of_a_VM_without_the_attachment_does_not_reach_the_identity()
    {
        // Given the same identity attached to vm-build-01, and the user allowed to run commands only on vm-build-02
        var estate = Estate()
            .Role(VirtualMachineContributor, "Virtual Machine Contributor", TestEstate.Actions("Microsoft.Compute/virtualMachines/*"))
            .Assign(TestEstate.User, VirtualMachineContributor, TwinVm.Value)
            .Build() with { Resources = [VirtualMachine(Vm, Identity), VirtualMachine(TwinVm, attached: null), Identified(Identity)] };

        // When the run-command technique is checked
        var edges = new VirtualMachineRunCommandEdgeChecker().Check(Context(estate), targets: null).ToList();

        // Then no edge leads to the identity
        Assert.DoesNotContain(edges, e => e.To.Value == Deployer);
    }

    [Fact]
    public void Without_an_inventory_the_attachment_is_unknown_and_no_edge_reaches_the_user_assigned_identity()
    {
        // Given the VM holder, and no inventory
        var estate = Estate()
            .Role(VirtualMachineContributor, "Virtual Machine Contributor", TestEstate.Actions("Microsoft.Compute/virtualMachines/*"))
            .Assign(TestEstate.User, VirtualMachineContributor, Vm.Value)
            .Build();

        // When the run-command technique is checked
        // Then nothing is found (the identity's service principal names its own resource, not the VM)
        Assert.Empty(new VirtualMachineRunCommandEdgeChecker().Check(Context(estate), targets: null));
    }

    [Fact]
    public void A_cluster_admin_credential_holder_acts_as_the_kubelet_identity_of_a_cluster_with_local_accounts()
    {
        // Given the kubelet identity, Owner of the subscription; the user holds the cluster admin role on both clusters,
        // one with local accounts enabled, its twin with local accounts disabled
        var estate = Estate()
            .Role(ClusterAdminRole, "Azure Kubernetes Service Cluster Admin Role", TestEstate.Actions("Microsoft.ContainerService/managedClusters/listClusterAdminCredential/action"))
            .Assign(TestEstate.User, ClusterAdminRole, Build)
            .Assign(Kubelet, Owner, TestEstate.SubscriptionScope, principalType: "ServicePrincipal")
            .Build() with { Resources = [ManagedCluster(Cluster, disableLocalAccounts: false), ManagedCluster(TwinCluster, disableLocalAccounts: true)] };

        // When the technique is checked
        var edges = new ManagedClusterAdminEdgeChecker().Check(Context(estate), targets: null).ToList();

        // Then the user has one edge, through the cluster with local accounts, to the kubelet identity
        var edge = Assert.Single(edges, e => e.From.Value == TestEstate.User);
        Assert.Equal((TestEstate.User, Kubelet), (edge.From.Value, edge.To.Value));
        Assert.Equal(Cluster.Value, Assert.Single(edge.Permissions).Resource);
        Assert.Contains("`aks-build`", edge.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_command_yields_the_kubelet_identity_only_without_Entra_ID_integration()
    {
        // Given a user allowed only runCommand on an Entra-integrated cluster with local accounts, and another on a
        // cluster without Entra ID integration
        var entra = ManagedCluster(Cluster, disableLocalAccounts: false) with { Cluster = ManagedCluster(Cluster, false).Cluster! with { EntraManaged = true, EntraIntegrated = true } };
        var estate = Estate()
            .Role(ClusterAdminRole, "Run command", TestEstate.Actions("Microsoft.ContainerService/managedClusters/runCommand/action"))
            .Assign(TestEstate.User, ClusterAdminRole, Cluster.Value)
            .Assign(TestEstate.OtherUser, ClusterAdminRole, TwinCluster.Value)
            .Assign(Kubelet, Owner, TestEstate.SubscriptionScope, principalType: "ServicePrincipal")
            .Build() with { Resources = [entra, ManagedCluster(TwinCluster, disableLocalAccounts: false)] };

        // When the technique is checked
        var edges = new ManagedClusterAdminEdgeChecker().Check(Context(estate), targets: null).ToList();

        // Then only the second user gets the edge (on the Entra-integrated cluster the command runs with the caller's own Kubernetes rights)
        Assert.Equal([TestEstate.OtherUser], edges.Select(e => e.From.Value).Where(u => u is TestEstate.User or TestEstate.OtherUser), StringComparer.Ordinal);
    }

    [Fact]
    public void The_user_credential_is_cluster_admin_only_without_Entra_ID_integration()
    {
        // Given the Azure Kubernetes Service Cluster User Role: the user's on a cluster without Entra ID integration,
        // the other user's on its twin, which has it (both with local accounts)
        var twin = ManagedCluster(TwinCluster, disableLocalAccounts: false);
        var estate = Estate()
            .Role(ClusterUserRole, "Azure Kubernetes Service Cluster User Role", TestEstate.Actions("Microsoft.ContainerService/managedClusters/listClusterUserCredential/action", "Microsoft.ContainerService/managedClusters/read"))
            .Assign(TestEstate.User, ClusterUserRole, Cluster.Value)
            .Assign(TestEstate.OtherUser, ClusterUserRole, TwinCluster.Value)
            .Build() with { Resources = [ManagedCluster(Cluster, disableLocalAccounts: false), twin with { Cluster = twin.Cluster! with { EntraManaged = true, EntraIntegrated = true } }] };

        // When the technique is checked
        var edges = new ManagedClusterAdminEdgeChecker().Check(Context(estate), targets: null).ToList();

        // Then only the user reaches the kubelet identity, through the user credential (the same admin certificate)
        var edge = Assert.Single(edges, e => e.From.Value is TestEstate.User or TestEstate.OtherUser);
        Assert.Equal(TestEstate.User, edge.From.Value);
        Assert.Equal("Microsoft.ContainerService/managedClusters/listClusterUserCredential/action", Assert.Single(edge.Permissions).Action);
        Assert.Contains("without Entra ID integration", edge.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void With_Azure_RBAC_for_Kubernetes_the_pod_data_action_reaches_the_kubelet_identity_even_without_local_accounts()
    {
        // Given an Entra ID cluster with Azure RBAC and local accounts disabled: the user holds a role with the pod data
        // action on it, the other user is Contributor (control-plane actions only, no data action)
        var cluster = ManagedCluster(Cluster, disableLocalAccounts: true);
        var estate = Estate()
            .Role(RbacWriter, "Azure Kubernetes Service RBAC Writer", TestEstate.Block([], dataActions: ["Microsoft.ContainerService/managedClusters/pods/*", "Microsoft.ContainerService/managedClusters/apps/deployments/*"]))
            .Role(Contributor, "Contributor", TestEstate.Block(["*"], notActions: ["Microsoft.Authorization/*/Delete", "Microsoft.Authorization/*/Write", "Microsoft.Authorization/elevateAccess/Action"]))
            .Assign(TestEstate.User, RbacWriter, Cluster.Value)
            .Assign(TestEstate.OtherUser, Contributor, Build)
            .Build() with { Resources = [cluster with { Cluster = cluster.Cluster! with { EntraManaged = true, EntraIntegrated = true, EnableAzureRbac = true } }] };

        // When the technique is checked
        var edges = new ManagedClusterAdminEdgeChecker().Check(Context(estate), targets: null).ToList();

        // Then only the user gets the edge, by the data action: Contributor's admin credential is refused without local accounts
        var edge = Assert.Single(edges, e => e.From.Value is TestEstate.User or TestEstate.OtherUser);
        Assert.Equal((TestEstate.User, Kubelet), (edge.From.Value, edge.To.Value));
        Assert.Equal("Microsoft.ContainerService/managedClusters/pods/write", Assert.Single(edge.Permissions).Action);
    }

    [Fact]
    public void A_deployment_script_writer_who_may_assign_the_identity_acts_as_it()
    {
        // Given the user: script writer in rg-build and Managed Identity Operator on id-deploy; the other user only the writer
        var estate = Estate()
            .Role(ScriptWriter, "Script writer", TestEstate.Actions("Microsoft.Resources/deploymentScripts/*", "Microsoft.ContainerInstance/containerGroups/*", "Microsoft.Storage/storageAccounts/*"))
            .Role(ManagedIdentityOperator, "Managed Identity Operator", TestEstate.Actions("Microsoft.ManagedIdentity/userAssignedIdentities/*/read", "Microsoft.ManagedIdentity/userAssignedIdentities/*/assign/action"))
            .Assign(TestEstate.User, ScriptWriter, Build)
            .Assign(TestEstate.User, ManagedIdentityOperator, Identity.Value)
            .Assign(TestEstate.OtherUser, ScriptWriter, Build)
            .Build() with { Resources = [Identified(Identity)] };

        // When the technique is checked
        var edges = new DeploymentScriptEdgeChecker().Check(Context(estate), targets: null).ToList();

        // Then the user reaches the identity with a script in rg-build; the other user (who may not assign it) does not
        var edge = Assert.Single(edges);
        Assert.Equal((TestEstate.User, Deployer), (edge.From.Value, edge.To.Value));
        Assert.Contains($"`{Build}`", edge.Description, StringComparison.Ordinal);
        Assert.Equal(4, edge.Permissions.Length);
        Assert.Contains(edge.Permissions, p => p.Action == "Microsoft.ManagedIdentity/userAssignedIdentities/*/assign/action" && p.Resource == Identity.Value);
    }

    [Fact]
    public void Assigning_the_identity_without_anywhere_to_create_a_script_is_no_edge()
    {
        // Given a Managed Identity Operator on id-deploy who may create deployment scripts but not the container they run in
        var estate = Estate()
            .Role(ScriptWriter, "Script writer", TestEstate.Actions("Microsoft.Resources/deploymentScripts/*"))
            .Role(ManagedIdentityOperator, "Managed Identity Operator", TestEstate.Actions("Microsoft.ManagedIdentity/userAssignedIdentities/*/assign/action"))
            .Assign(TestEstate.User, ScriptWriter, Build)
            .Assign(TestEstate.User, ManagedIdentityOperator, Identity.Value)
            .Build() with { Resources = [Identified(Identity)] };

        // When the technique is checked
        // Then there is no edge
        Assert.Empty(new DeploymentScriptEdgeChecker().Check(Context(estate), targets: null));
    }

    /// <summary>An estate where id-deploy (as Deployer) is Owner of the subscription.</summary>
    private static TestEstate Estate() => new TestEstate()
        .Role(Owner, "Owner", TestEstate.Actions("*"))
        .Assign(Deployer, Owner, TestEstate.SubscriptionScope, principalType: "ServicePrincipal");

    private static MicrosoftEdgeContext Context(AzureEstate estate) => new(EntraDirectory.Empty, estate, AsOf);

    private static AzureResource VirtualMachine(AzureScope id, AzureScope? attached) => new()
    {
        Id = id,
        Type = AzureResourceTypes.VirtualMachine,
        Name = id.Value[(id.Value.LastIndexOf('/') + 1)..],
        UserAssignedIdentities = attached is null ? [] : [new IdentityAttachment(attached, null, "0f4c8b2a-6e1d-4a3f-9b57-c2d8e0a4f6b1")],
    };

    private static AzureResource Identified(AzureScope id) => new()
    {
        Id = id,
        Type = AzureResourceTypes.UserAssignedIdentity,
        Name = "id-deploy",
        IdentityPrincipalId = Deployer,
    };

    private static AzureResource ManagedCluster(AzureScope id, bool disableLocalAccounts) => new()
    {
        Id = id,
        Type = AzureResourceTypes.ManagedCluster,
        Name = id.Value[(id.Value.LastIndexOf('/') + 1)..],
        Cluster = new ManagedClusterSettings
        {
            EnableRbac = true,
            DisableLocalAccounts = disableLocalAccounts,
            KubeletIdentity = new IdentityAttachment(AzureScope.Parse($"{TestEstate.SubscriptionScope}/resourceGroups/MC_rg-build_{id.Value[(id.Value.LastIndexOf('/') + 1)..]}/providers/Microsoft.ManagedIdentity/userAssignedIdentities/agentpool"), Kubelet, null),
        },
    };
}
