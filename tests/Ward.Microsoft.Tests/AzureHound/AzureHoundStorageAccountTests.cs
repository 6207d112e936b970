using Ward.Core.Graph;
using Ward.Microsoft.AzureHound;
using Ward.Microsoft.Azure.Resources;
using Ward.Microsoft.Edges;
using Ward.Microsoft.Edges.Checkers;
using Ward.Microsoft.Tests.Testing;
using static Ward.Microsoft.Tests.Testing.VaultsAndStorage;

namespace Ward.Microsoft.Tests.AzureHound;

/// <summary>
/// AZStorageAccount records read into the resource inventory. AzureHound writes <c>allowSharedKeyAccess</c> only when
/// true, so an account without it may refuse its keys or accept them by default: Ward does not know which.
/// </summary>
public sealed class AzureHoundStorageAccountTests
{
    [Fact]
    public void Storage_accounts_are_resources_and_only_a_written_shared_key_setting_is_known()
    {
        // Given what `azurehound list storage-accounts` writes for Fabrikam's three accounts
        var loaded = MicrosoftEstateLoader.Load([AzureHoundFixtures.StorageAccounts], TestContext.Current.CancellationToken);

        // Then they are in the inventory; stclassic, written with allowSharedKeyAccess true, accepts its keys; for the
        // two AzureHound wrote without it (one unset, one false in Azure) the setting is unknown
        var accounts = loaded.Azure.ResourcesOfType(AzureResourceTypes.StorageAccount).ToDictionary(a => a.Name, StringComparer.Ordinal);
        Assert.Equal(["stclassic", "stledgerdeploy", "stordersdeploy"], accounts.Keys.Order(StringComparer.Ordinal), StringComparer.Ordinal);
        Assert.True(accounts["stclassic"].StorageAccount!.AllowSharedKeyAccess);
        Assert.Null(accounts["stordersdeploy"].StorageAccount);
        Assert.Null(accounts["stledgerdeploy"].StorageAccount);
        Assert.Equal(Resource("rg-apps", "Microsoft.Storage/storageAccounts", "stclassic").ToLowerInvariant(), accounts["stclassic"].Id.Value);
        Assert.DoesNotContain(loaded.Diagnostics, d => d.Code == AzureHoundDiagnosticCodes.NotAnalysed);
    }

    [Fact]
    public void AzureHound_storage_accounts_give_the_deployment_storage_edges_on_condition_that_the_account_accepts_its_keys()
    {
        // Given the Fabrikam fixture with its storage accounts from AzureHound instead of `az storage account list`
        using var folder = new ScratchFolder();
        folder.CopyFrom(Folder);
        folder.Delete(Path.Combine("azure", "storage-accounts.json"));
        folder.Write(Path.Combine("azure", "azurehound-storage-accounts.json"), File.ReadAllText(AzureHoundFixtures.StorageAccounts));
        var estates = MicrosoftEstateLoader.Load([folder.Path], TestContext.Current.CancellationToken);
        var edges = new FunctionDeploymentStorageEdgeChecker().Check(new MicrosoftEdgeContext(estates.Entra, estates.Azure, AsOf), targets: null).ToList();

        // Then peggy, key operator of stordersdeploy, still reaches func-orders' identities by listing the keys, now on
        // condition that the account accepts them
        var peggy = edges.Where(e => e.From.Value == Peggy).ToList();
        Assert.Equal([OrdersFunction, OrdersIdentity], peggy.Select(e => e.To.Value).Order(StringComparer.Ordinal), StringComparer.Ordinal);
        Assert.All(peggy, e => Assert.Contains("storage account `stordersdeploy` accepts its keys", e.Requirements[0], StringComparison.Ordinal));

        // And trent, key operator of stledgerdeploy, which refuses its keys in Azure, is no longer told apart: his edge
        // stands on the same condition, where `az storage account list` showed the refusal
        var trent = Assert.Single(edges, e => e.From.Value == Trent);
        Assert.Equal(LedgerFunction, trent.To.Value);
        Assert.Contains("storage account `stledgerdeploy` accepts its keys", trent.Requirements[0], StringComparison.Ordinal);
        Assert.DoesNotContain(Edges(Estates), e => e.From.Value == Trent);

        // And the blob writer's edge, which needs no key, is as from the az CLI export
        Assert.Equal(Describe(Edges(Estates).Where(e => e.From.Value == Sybil)), Describe(edges.Where(e => e.From.Value == Sybil)));
    }

    private static List<Edge> Edges(MicrosoftEstates estates) =>
        [.. new FunctionDeploymentStorageEdgeChecker().Check(new MicrosoftEdgeContext(estates.Entra, estates.Azure, AsOf), targets: null)];

    private static List<string> Describe(IEnumerable<Edge> edges) =>
        [.. edges.Select(e => $"{e.From.Value} {e.To.Value} {e.Description} {string.Join(" | ", e.Requirements)}").Order(StringComparer.Ordinal)];
}
