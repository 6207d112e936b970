using Ward.Core.Diagnostics;

namespace Ward.Gcp.Iam;

/// <summary>
/// A policy binding of kind <c>PRINCIPAL_ACCESS_BOUNDARY</c> (<c>gcloud iam policy-bindings list</c>): it applies a
/// principal access boundary policy to every principal of a principal set for which its condition, if any, holds.
/// </summary>
public sealed record PolicyBinding
{
    /// <summary><c>organizations/ORG/locations/global/policyBindings/ID</c> (or under a folder or project).</summary>
    public required string Name { get; init; }

    /// <summary><c>target.principalSet</c>: <c>//cloudresourcemanager.googleapis.com/organizations/ORG</c>, a folder's or project's, a workforce or workload identity pool, or a Google Workspace customer.</summary>
    public required string PrincipalSet { get; init; }

    /// <summary>The principal access boundary policy's name.</summary>
    public required string Policy { get; init; }

    /// <summary>A condition on <c>principal.type</c> and <c>principal.subject</c>: the policy applies when it holds (or Google cannot evaluate it).</summary>
    public BindingCondition? Condition { get; init; }

    public SourceLocation Location { get; init; } = SourceLocation.None;

    /// <summary>The binding's id, the last segment of its name.</summary>
    public string Id => Name[(Name.LastIndexOf('/') + 1)..];
}
