namespace Ward.Microsoft.Azure.Rbac;

/// <summary>The level of an Azure scope, from the root of the tenant down to one resource.</summary>
public enum AzureScopeKind
{
    /// <summary><c>/</c>: above the tenant root management group (where elevated access is assigned).</summary>
    Root,
    ManagementGroup,
    Subscription,
    ResourceGroup,

    /// <summary>A resource, a child resource or an extension resource; also resources directly under a subscription or management group.</summary>
    Resource,
}
