using Ward.Microsoft.Azure.Rbac;

namespace Ward.Analysis.Rules;

/// <summary>Azure scopes as explanations name them: the display name the export gives, and the scope id.</summary>
internal static class AzureScopeNames
{
    /// <summary><c>subscription `nw-prod` (`/subscriptions/…`)</c>, <c>management group `Platform` (`/providers/…`)</c>, <c>the root scope `/`</c>, or the id.</summary>
    public static string Describe(AzureEstate azure, AzureScope scope) => scope.Kind switch
    {
        AzureScopeKind.Root => "the root scope `/`",
        AzureScopeKind.ManagementGroup => $"management group {Named(azure.Hierarchy.FindManagementGroup(scope.ManagementGroupId!)?.DisplayName, scope)}",
        AzureScopeKind.Subscription => $"subscription {Named(azure.Hierarchy.FindSubscription(scope.SubscriptionId!)?.DisplayName, scope)}",
        AzureScopeKind.ResourceGroup => $"resource group `{scope.Value}`",
        _ => $"`{scope.Value}`",
    };

    /// <summary>The display name of a subscription or management group, when the export gives one other than its id.</summary>
    public static string? DisplayName(AzureEstate azure, AzureScope scope)
    {
        var name = scope.Kind switch
        {
            AzureScopeKind.ManagementGroup => azure.Hierarchy.FindManagementGroup(scope.ManagementGroupId!)?.DisplayName,
            AzureScopeKind.Subscription => azure.Hierarchy.FindSubscription(scope.SubscriptionId!)?.DisplayName,
            _ => null,
        };
        return name is null || string.Equals(name, scope.ManagementGroupId ?? scope.SubscriptionId, StringComparison.OrdinalIgnoreCase) ? null : name;
    }

    private static string Named(string? displayName, AzureScope scope) =>
        displayName is null || scope.Value.EndsWith("/" + displayName, StringComparison.OrdinalIgnoreCase) ? $"`{scope.Value}`" : $"`{displayName}` (`{scope.Value}`)";
}
