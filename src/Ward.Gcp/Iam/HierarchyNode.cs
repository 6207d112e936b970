using System.Collections.Immutable;
using Ward.Core.Diagnostics;

namespace Ward.Gcp.Iam;

/// <summary>An organization, folder or project. Names are compared exactly, as Google compares resource names.</summary>
public sealed record HierarchyNode
{
    /// <summary>The full resource name, e.g. <c>//cloudresourcemanager.googleapis.com/folders/456</c>.</summary>
    public required string Name { get; init; }

    public required HierarchyNodeKind Kind { get; init; }

    /// <summary>The display name (a project's name, a folder's or organization's display name); the relative name when none was given.</summary>
    public required string DisplayName { get; init; }

    /// <summary>A project's id (<c>my-project</c>), which <c>projectOwner:</c> members and service account emails use; null for folders and organizations.</summary>
    public string? ProjectId { get; init; }

    /// <summary>The parent's relative name (<c>folders/456</c>, <c>organizations/789</c>); null for an organization or when not exported.</summary>
    public string? Parent { get; init; }

    /// <summary>The ancestry path as relative names, this node first, the organization last (Cloud Asset Inventory's <c>ancestors</c>).</summary>
    public ImmutableArray<string> Ancestors { get; init; } = [];

    /// <summary>An organization's Google Workspace or Cloud Identity customer id (<c>owner.directoryCustomerId</c>), when exported.</summary>
    public string? DirectoryCustomerId { get; init; }

    /// <summary>The lifecycle state as exported (<c>ACTIVE</c>, <c>DELETE_REQUESTED</c>), when given.</summary>
    public string? State { get; init; }

    public SourceLocation Location { get; init; } = SourceLocation.None;

    /// <summary>The relative name: <c>projects/123</c>, <c>folders/456</c>, <c>organizations/789</c>.</summary>
    public string RelativeName => ResourceNames.Relative(Name);
}
