using System.Collections.Immutable;
using Ward.Core.Diagnostics;

namespace Ward.Gcp.Iam;

/// <summary>The IAM allow policy set directly on one resource.</summary>
public sealed record IamPolicy
{
    /// <summary>The full resource name, e.g. <c>//cloudresourcemanager.googleapis.com/projects/123</c>.</summary>
    public required string Resource { get; init; }

    /// <summary>The asset type of the resource, e.g. <c>cloudresourcemanager.googleapis.com/Project</c>.</summary>
    public required string AssetType { get; init; }

    public required ImmutableArray<Binding> Bindings { get; init; }

    /// <summary>
    /// The resource's ancestors as relative names, as the export gave them: from a Cloud Asset Inventory export the
    /// ancestry path, closest first, starting with the resource itself when it is a project, folder or organization;
    /// from a policy search the project, then the folders as listed, then the organization.
    /// </summary>
    public ImmutableArray<string> Ancestors { get; init; } = [];

    public string? Etag { get; init; }

    public int? Version { get; init; }

    public SourceLocation Location { get; init; } = SourceLocation.None;
}
