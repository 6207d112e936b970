using Ward.Microsoft.Azure.Rbac;
using Ward.Microsoft.Tests.Azure.Testing;

namespace Ward.Microsoft.Tests.Azure.Rbac;

public sealed class AzureHierarchyTests
{
    private static readonly AzureHierarchy Hierarchy = new TestEstate()
        .ManagementGroup("root", null)
        .ManagementGroup("corp", "root")
        .PlaceSubscription(TestEstate.Subscription, "corp")
        .Build().Hierarchy;

    [Fact]
    public void A_management_group_reaches_a_resource_in_a_subscription_below_it()
    {
        // Given a resource in a subscription under corp
        var resource = AzureScope.Parse(TestEstate.ResourceGroupScope("rg") + "/providers/Microsoft.KeyVault/vaults/kv1");

        // Then corp, root and `/` reach it by inheritance, and the resource itself at scope
        Assert.Equal(ScopeReach.Inherited, Hierarchy.Reach(AzureScope.ManagementGroup("corp"), resource));
        Assert.Equal(ScopeReach.Inherited, Hierarchy.Reach(AzureScope.ManagementGroup("root"), resource));
        Assert.Equal(ScopeReach.Inherited, Hierarchy.Reach(AzureScope.Root, resource));
        Assert.Equal(ScopeReach.AtScope, Hierarchy.Reach(resource, resource));
    }

    [Fact]
    public void A_scope_below_does_not_reach_a_scope_above_or_beside_it()
    {
        // Given a resource group and the subscription above it
        var group = AzureScope.Parse(TestEstate.ResourceGroupScope("rg-a"));

        // Then the group reaches neither its subscription nor a sibling group
        Assert.Equal(ScopeReach.No, Hierarchy.Reach(group, AzureScope.Subscription(TestEstate.Subscription)));
        Assert.Equal(ScopeReach.No, Hierarchy.Reach(group, AzureScope.Parse(TestEstate.ResourceGroupScope("rg-b"))));
        Assert.Equal(ScopeReach.No, Hierarchy.Reach(AzureScope.ManagementGroup("other"), group));
    }

    [Fact]
    public void Exact_scope_only_stops_inheritance()
    {
        // Given something assigned at the subscription that applies there only
        var subscription = AzureScope.Subscription(TestEstate.Subscription);

        // Then it applies at the subscription, not at a group below it
        Assert.Equal(ScopeReach.AtScope, Hierarchy.Reach(subscription, subscription, exactScopeOnly: true));
        Assert.Equal(ScopeReach.No, Hierarchy.Reach(subscription, AzureScope.Parse(TestEstate.ResourceGroupScope("rg")), exactScopeOnly: true));
    }

    [Fact]
    public void An_unplaced_subscription_leaves_management_group_reach_unknown()
    {
        // Given a subscription the hierarchy does not place
        var unplaced = AzureScope.Subscription("99999999-9999-4999-8999-999999999999");

        // Then a management group's reach is unknown, while `/` still reaches it
        Assert.Equal(ScopeReach.Unknown, Hierarchy.Reach(AzureScope.ManagementGroup("corp"), unplaced));
        Assert.Equal(ScopeReach.Inherited, Hierarchy.Reach(AzureScope.Root, unplaced));
        Assert.False(Hierarchy.Ancestors(unplaced).Complete);
    }

    [Fact]
    public void A_parent_cycle_ends_the_chain_with_a_gap()
    {
        // Given two groups that name each other as parent
        var hierarchy = new TestEstate().ManagementGroup("a", "b").ManagementGroup("b", "a").Build().Hierarchy;

        // Then walking up stops and says why
        var chain = hierarchy.Ancestors(AzureScope.ManagementGroup("a"));
        Assert.Contains("cycle", chain.Gap, StringComparison.Ordinal);
        Assert.Equal(2, chain.Scopes.Length);
    }
}
