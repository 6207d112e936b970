using Ward.Microsoft.Azure.Evaluation;
using Ward.Microsoft.Tests.Azure.Testing;

namespace Ward.Microsoft.Tests.Azure.Evaluation;

public sealed class AzureActionClassifierTests
{
    // Key Vault Contributor and Key Vault Administrator as Microsoft defines them (abridged), and Storage Blob Data Reader.
    private static readonly Microsoft.Azure.Rbac.AzureEstate Estate = new TestEstate()
        .Role("f25e0fa2-a7c8-4377-a976-54943a77a395", "Key Vault Contributor", TestEstate.Block(
            ["Microsoft.Authorization/*/read", "Microsoft.KeyVault/*", "Microsoft.Resources/deployments/*"],
            notActions: ["Microsoft.KeyVault/locations/deletedVaults/purge/action", "Microsoft.KeyVault/hsmPools/*", "Microsoft.KeyVault/managedHsms/*"]))
        .Role("00482a5a-887f-4fb3-b363-3b7fe8e74483", "Key Vault Administrator", TestEstate.Block(
            ["Microsoft.Authorization/*/read", "Microsoft.KeyVault/checkNameAvailability/read", "Microsoft.KeyVault/vaults/*/read"],
            dataActions: ["Microsoft.KeyVault/vaults/*"]))
        .Role("2a2b9908-6ea1-4ae2-8e65-a410df84e7d1", "Storage Blob Data Reader", TestEstate.Block(
            ["Microsoft.Storage/storageAccounts/blobServices/containers/read", "Microsoft.Storage/storageAccounts/blobServices/generateUserDelegationKey/action"],
            dataActions: ["Microsoft.Storage/storageAccounts/blobServices/containers/blobs/read"]))
        .Role("8e3af657-a8ff-443c-a75c-2fe8c4bcb635", "Owner", TestEstate.Actions("*"))
        .Role("acdd72a7-3385-48ef-bd42-f606fba81ae7", "Reader", TestEstate.Actions("*/read"))
        .Build();

    [Theory]
    [InlineData("Microsoft.Storage/storageAccounts/blobServices/containers/blobs/read", AzureActionKind.Data)]
    [InlineData("Microsoft.Storage/storageAccounts/blobServices/containers/read", AzureActionKind.Control)]
    [InlineData("Microsoft.KeyVault/vaults/accessPolicies/write", AzureActionKind.Control)]
    [InlineData("Microsoft.KeyVault/vaults/secrets/getSecret/action", AzureActionKind.Control)]
    [InlineData("Microsoft.Compute/virtualMachines/write", AzureActionKind.Control)]
    public void An_action_is_classified_by_the_most_telling_role_definition_entry(string action, AzureActionKind expected)
    {
        // Given Key Vault Contributor (control wildcard Microsoft.KeyVault/*), Key Vault Administrator (data wildcard
        // Microsoft.KeyVault/vaults/*), Storage Blob Data Reader (exact entries), Owner (*) and Reader (*/read)
        // When the kind of an action is inferred
        // Then exact entries decide; a provider wildcard in actions wins over one in dataActions; * and */read say nothing
        Assert.Equal(expected, AzureActionClassifier.Infer(Estate, action));
    }

    [Fact]
    public void A_data_wildcard_alone_makes_a_data_action_and_an_exact_data_entry_beats_a_control_wildcard()
    {
        // Given only Key Vault Administrator and a role listing getSecret exactly as a data action
        var estate = new TestEstate()
            .Role("00482a5a-887f-4fb3-b363-3b7fe8e74483", "Key Vault Administrator", TestEstate.Block(["Microsoft.KeyVault/vaults/*/read"], dataActions: ["Microsoft.KeyVault/vaults/*"]))
            .Role("f25e0fa2-a7c8-4377-a976-54943a77a395", "Key Vault Contributor", TestEstate.Actions("Microsoft.KeyVault/*"))
            .Role("4633458b-17de-408a-b874-0445c86b69e6", "Key Vault Secrets User", TestEstate.Block([], dataActions: ["Microsoft.KeyVault/vaults/secrets/getSecret/action"]))
            .Build();

        Assert.Equal(AzureActionKind.Data, AzureActionClassifier.Infer(estate, "Microsoft.KeyVault/vaults/secrets/getSecret/action"));
        Assert.Equal(AzureActionKind.Data, AzureActionClassifier.Infer(new TestEstate().Role("00482a5a-887f-4fb3-b363-3b7fe8e74483", "Key Vault Administrator", TestEstate.Block([], dataActions: ["Microsoft.KeyVault/vaults/*"])).Build(), "Microsoft.KeyVault/vaults/keys/sign/action"));
    }
}
