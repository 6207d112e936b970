using Ward.Microsoft.Azure.Evaluation;
using Ward.Microsoft.Azure.Rbac;

namespace Ward.Microsoft.Tests.Azure.Evaluation;

public sealed class ScopeAttributesTests
{
    private const string Account = "/subscriptions/11111111-1111-1111-1111-111111111111/resourceGroups/rg1/providers/Microsoft.Storage/storageAccounts/sa1";

    [Fact]
    public void A_container_scope_names_its_account_and_container()
    {
        // Given a container's id
        var attributes = ScopeAttributes.Of(AzureScope.Parse(Account + "/blobServices/default/containers/logs"));

        // Then both names are known
        Assert.Equal("sa1", attributes[ScopeAttributes.StorageAccountName]);
        Assert.Equal("logs", attributes[ScopeAttributes.ContainerName]);
    }

    [Fact]
    public void A_scope_above_the_container_does_not_name_one()
    {
        // Given the account, its resource group and its blob service
        // Then no container name is known (the account name only at or below the account)
        Assert.False(ScopeAttributes.Of(AzureScope.Parse(Account)).ContainsKey(ScopeAttributes.ContainerName));
        Assert.False(ScopeAttributes.Of(AzureScope.Parse(Account + "/blobServices/default")).ContainsKey(ScopeAttributes.ContainerName));
        Assert.Empty(ScopeAttributes.Of(AzureScope.Parse("/subscriptions/11111111-1111-1111-1111-111111111111/resourceGroups/rg1")));
    }

    [Fact]
    public void A_queue_scope_names_its_queue()
    {
        var attributes = ScopeAttributes.Of(AzureScope.Parse(Account + "/queueServices/default/queues/orders"));

        Assert.Equal("orders", attributes[ScopeAttributes.QueueName]);
        Assert.False(attributes.ContainsKey(ScopeAttributes.ContainerName));
    }
}
