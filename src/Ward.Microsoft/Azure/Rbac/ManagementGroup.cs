using Ward.Core.Diagnostics;

namespace Ward.Microsoft.Azure.Rbac;

/// <summary>A management group and, when the export says so, its parent.</summary>
public sealed record ManagementGroup
{
    /// <summary>The group's name (the last segment of its id), e.g. the tenant id for the tenant root group.</summary>
    public required string Name { get; init; }

    public required string DisplayName { get; init; }

    /// <summary>The parent group's name; null for the tenant root group, or when the parent is unknown.</summary>
    public string? ParentName { get; init; }

    /// <summary>True for the tenant root group (an export said it has no parent).</summary>
    public bool IsTenantRoot { get; init; }

    /// <summary>Whether the export said where this group sits (a parent, or none because it is the root).</summary>
    public bool ParentKnown => IsTenantRoot || ParentName is not null;

    public AzureScope Scope => AzureScope.ManagementGroup(Name);

    public SourceLocation Location { get; init; } = SourceLocation.None;
}
