using System.Collections.Immutable;
using Ward.Core.Diagnostics;

namespace Ward.Gcp.Iam;

/// <summary>
/// A principal access boundary policy (<c>gcloud iam principal-access-boundary-policies describe</c>): the resources
/// the principals it is bound to are eligible to access. It grants nothing; it can only block, and only the
/// permissions its enforcement version covers.
/// </summary>
public sealed record PrincipalAccessBoundaryPolicy
{
    /// <summary><c>organizations/ORG/locations/global/principalAccessBoundaryPolicies/ID</c>.</summary>
    public required string Name { get; init; }

    public string? DisplayName { get; init; }

    /// <summary>The rules' resources: the organizations, folders and projects (full names) the principals may access, with everything below them.</summary>
    public required ImmutableArray<PrincipalAccessBoundaryRule> Rules { get; init; }

    /// <summary><c>details.enforcementVersion</c> as exported: a number (<c>"3"</c>), <c>latest</c>, or null when absent.</summary>
    public string? EnforcementVersion { get; init; }

    public SourceLocation Location { get; init; } = SourceLocation.None;

    /// <summary>The policy's id, the last segment of its name.</summary>
    public string Id => Name[(Name.LastIndexOf('/') + 1)..];
}

/// <summary>One <c>ALLOW</c> rule of a principal access boundary policy.</summary>
public sealed record PrincipalAccessBoundaryRule
{
    /// <summary>Full Resource Manager names: <c>//cloudresourcemanager.googleapis.com/organizations/123</c>, <c>…/folders/…</c>, <c>…/projects/…</c>.</summary>
    public required ImmutableArray<string> Resources { get; init; }

    public string? Description { get; init; }

    /// <summary>Where the rule is (<c>$[0].details.rules[1]</c>), for explanations.</summary>
    public string Path { get; init; } = string.Empty;
}
