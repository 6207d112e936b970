using Ward.Core.Graph;
using Ward.Microsoft.Azure.Rbac;
using Ward.Microsoft.Edges.Checkers;
using static Ward.Microsoft.Tests.Testing.VaultsAndStorage;

namespace Ward.Microsoft.Tests.Edges;

/// <summary>
/// <c>azure-function-deployment-storage</c> on the Fabrikam fixture: who can replace the package a Flex Consumption
/// function app loads, with the storage account's keys or by writing blobs, and so act as the app's identities; and
/// the twins an ABAC condition, an account that refuses its keys, or an app whose storage is not exported stop.
/// </summary>
public sealed class FunctionDeploymentStorageEdgeCheckerTests
{
    private static List<Edge> Edges => field ??= [.. new FunctionDeploymentStorageEdgeChecker().Check(Context, targets: null)];

    [Fact]
    public void The_inventory_links_each_Flex_app_to_its_deployment_container_and_reads_whether_accounts_accept_keys()
    {
        var orders = Estates.Azure.FindResource(AzureScope.Parse(Resource("rg-apps", "Microsoft.Web/sites", "func-orders")))!;
        Assert.Equal(("stordersdeploy", "app-package-func-orders"), (orders.DeploymentStorage!.AccountName, orders.DeploymentStorage.ContainerName));
        Assert.Null(Estates.Azure.FindResource(AzureScope.Parse(Resource("rg-apps", "Microsoft.Web/sites", "func-classic")))!.DeploymentStorage);
        Assert.True(Estates.Azure.FindResource(AzureScope.Parse(Resource("rg-apps", "Microsoft.Storage/storageAccounts", "stordersdeploy")))!.StorageAccount!.AllowSharedKeyAccess);
        Assert.False(Estates.Azure.FindResource(AzureScope.Parse(Resource("rg-apps", "Microsoft.Storage/storageAccounts", "stledgerdeploy")))!.StorageAccount!.AllowSharedKeyAccess);
    }

    [Fact]
    public void A_key_operator_of_the_deployment_account_acts_as_every_identity_of_the_app()
    {
        // Given peggy, Storage Account Key Operator of stordersdeploy, where func-orders keeps its package
        var edges = Edges.Where(e => e.From.Value == Peggy).ToList();

        // Then she reaches its system-assigned identity and the user-assigned id-orders, by listing the keys
        Assert.Equal([OrdersFunction, OrdersIdentity], edges.Select(e => e.To.Value).Order(StringComparer.Ordinal), StringComparer.Ordinal);
        var edge = edges[0];
        Assert.Equal("Microsoft.Storage/storageAccounts/listKeys/action", Assert.Single(edge.Permissions).Action);

        // ...once the app starts a new instance, which no export tells
        Assert.Contains("starts a new instance", Assert.Single(edge.Requirements), StringComparison.Ordinal);
    }

    [Fact]
    public void A_blob_writer_whose_condition_allows_the_deployment_container_replaces_the_package()
    {
        // Given sybil, Storage Blob Data Contributor of stordersdeploy under a condition naming app-package-func-orders
        var edges = Edges.Where(e => e.From.Value == Sybil).ToList();

        // Then the condition is decided with the container's name, and holds
        Assert.Equal(2, edges.Count);
        var permission = Assert.Single(edges[0].Permissions);
        Assert.Equal("Microsoft.Storage/storageAccounts/blobServices/containers/blobs/write", permission.Action);
        Assert.EndsWith("/blobServices/default/containers/app-package-func-orders", permission.Resource, StringComparison.Ordinal);
        Assert.Single(edges[0].Requirements);
    }

    [Theory]
    [InlineData(Rupert, "his ABAC condition limits blob writes to container exports")]
    [InlineData(Trent, "stledgerdeploy refuses its keys (allowSharedKeyAccess false)")]
    [InlineData(Victor, "func-classic's storage is in its app settings, which are not exported")]
    [InlineData(Alice, "a key vault role writes no storage")]
    public void The_safe_twins_reach_no_function_identity(string principal, string why)
    {
        Assert.False(Edges.Exists(e => e.From.Value == principal), why);
    }

    [Fact]
    public void No_edge_reaches_the_identities_of_the_app_whose_account_refuses_keys_or_of_the_classic_app()
    {
        Assert.DoesNotContain(Edges, e => e.To.Value is LedgerFunction or ClassicFunction);
    }
}
