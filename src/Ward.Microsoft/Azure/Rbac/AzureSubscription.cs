using Ward.Core.Diagnostics;

namespace Ward.Microsoft.Azure.Rbac;

/// <summary>A subscription and, when the hierarchy export says so, the management group it sits in.</summary>
public sealed record AzureSubscription
{
    /// <summary>The subscription id (a GUID).</summary>
    public required string Id { get; init; }

    public required string DisplayName { get; init; }

    /// <summary><c>Enabled</c>, <c>Disabled</c>, <c>Warned</c>, <c>PastDue</c> or <c>Deleted</c>, when exported.</summary>
    public string? State { get; init; }

    public string? TenantId { get; init; }

    /// <summary>The management group the subscription sits in; null when the hierarchy export does not place it.</summary>
    public string? ManagementGroupName { get; init; }

    public AzureScope Scope => AzureScope.Subscription(Id);

    public SourceLocation Location { get; init; } = SourceLocation.None;
}
