using Ward.Microsoft.Azure.Rbac;

namespace Ward.Microsoft.Tests.Azure.Rbac;

public sealed class AzureScopeTests
{
    [Theory]
    [InlineData("/", AzureScopeKind.Root)]
    [InlineData("/providers/Microsoft.Management/managementGroups/corp", AzureScopeKind.ManagementGroup)]
    [InlineData("/subscriptions/a1d5f3c7-84b2-4e69-9f0a-6b3c2d1e7f45", AzureScopeKind.Subscription)]
    [InlineData("/subscriptions/a1d5f3c7-84b2-4e69-9f0a-6b3c2d1e7f45/resourceGroups/rg-app", AzureScopeKind.ResourceGroup)]
    [InlineData("/subscriptions/a1d5f3c7-84b2-4e69-9f0a-6b3c2d1e7f45/resourcegroups/rg-app/providers/Microsoft.Compute/virtualMachines/vm-web-01", AzureScopeKind.Resource)]
    [InlineData("/subscriptions/a1d5f3c7-84b2-4e69-9f0a-6b3c2d1e7f45/providers/Microsoft.Security/pricings/VirtualMachines", AzureScopeKind.Resource)]
    public void Each_level_is_recognised(string text, AzureScopeKind kind)
    {
        // Given a scope of each level
        // When it is parsed
        var parsed = AzureScope.TryParse(text, out var scope, out var problem);

        // Then its kind is recognised
        Assert.True(parsed, problem);
        Assert.Equal(kind, scope!.Kind);
    }

    [Theory]
    [InlineData("")]
    [InlineData("subscriptions/a1d5f3c7-84b2-4e69-9f0a-6b3c2d1e7f45")]
    [InlineData("/subscriptions")]
    [InlineData("/subscriptions/a1d5f3c7-84b2-4e69-9f0a-6b3c2d1e7f45/resourceGroups")]
    [InlineData("/subscriptions/a1d5f3c7-84b2-4e69-9f0a-6b3c2d1e7f45/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines")]
    [InlineData("/tenants/8f4c1b2e-6d3a-4e7b-9a51-2c0d7e3f9b14")]
    [InlineData("/subscriptions//resourceGroups/rg")]
    public void Malformed_scopes_are_refused_with_a_reason(string text)
    {
        // Given a string that is not an Azure scope
        // When it is parsed
        var parsed = AzureScope.TryParse(text, out _, out var problem);

        // Then it is refused and the reason is given
        Assert.False(parsed);
        Assert.False(string.IsNullOrWhiteSpace(problem));
    }

    [Fact]
    public void A_nested_resource_lies_in_its_parent_resource_then_its_resource_group()
    {
        // Given a blob container of a storage account
        var container = AzureScope.Parse("/subscriptions/a1d5f3c7-84b2-4e69-9f0a-6b3c2d1e7f45/resourceGroups/rg-data/providers/Microsoft.Storage/storageAccounts/st1/blobServices/default/containers/invoices");

        // When its structural parents are followed
        var parents = new List<string>();
        for (var scope = container.Parent; scope is not null; scope = scope.Parent)
        {
            parents.Add(scope.Value);
        }

        // Then it goes service, account, resource group, subscription
        Assert.Equal(
            [
                "/subscriptions/a1d5f3c7-84b2-4e69-9f0a-6b3c2d1e7f45/resourceGroups/rg-data/providers/Microsoft.Storage/storageAccounts/st1/blobServices/default",
                "/subscriptions/a1d5f3c7-84b2-4e69-9f0a-6b3c2d1e7f45/resourceGroups/rg-data/providers/Microsoft.Storage/storageAccounts/st1",
                "/subscriptions/a1d5f3c7-84b2-4e69-9f0a-6b3c2d1e7f45/resourceGroups/rg-data",
                "/subscriptions/a1d5f3c7-84b2-4e69-9f0a-6b3c2d1e7f45",
            ],
            parents,
            StringComparer.Ordinal);
        Assert.Equal("rg-data", container.ResourceGroup);
    }

    [Fact]
    public void An_extension_resource_lies_in_the_resource_it_extends()
    {
        // Given a diagnostic setting on a web app
        var setting = AzureScope.Parse("/subscriptions/a1d5f3c7-84b2-4e69-9f0a-6b3c2d1e7f45/resourceGroups/rg-app/providers/Microsoft.Web/sites/app1/providers/Microsoft.Insights/diagnosticSettings/to-law");

        // Then its parent is the web app
        Assert.Equal("/subscriptions/a1d5f3c7-84b2-4e69-9f0a-6b3c2d1e7f45/resourceGroups/rg-app/providers/Microsoft.Web/sites/app1", setting.Parent!.Value);
    }

    [Fact]
    public void Scopes_compare_case_insensitively()
    {
        // Given the same resource group written in two casings, with a trailing slash
        var a = AzureScope.Parse("/subscriptions/A1D5F3C7-84B2-4E69-9F0A-6B3C2D1E7F45/RESOURCEGROUPS/RG-App/");
        var b = AzureScope.Parse("/subscriptions/a1d5f3c7-84b2-4e69-9f0a-6b3c2d1e7f45/resourceGroups/rg-app");

        // Then they are equal and hash alike
        Assert.Equal(a, b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
        Assert.Equal(AzureScopeKind.ResourceGroup, a.Kind);
    }
}
