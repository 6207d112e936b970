using Ward.Core.Diagnostics;

namespace Ward.Gcp.Iam;

/// <summary>A tag key (<c>gcloud resource-manager tags keys list --format=json</c>): its id and the namespaced name <c>resource.matchTag</c> uses.</summary>
public sealed record TagKey
{
    /// <summary><c>tagKeys/ID</c>, which <c>resource.matchTagId</c> uses.</summary>
    public required string Name { get; init; }

    /// <summary><c>ORGANIZATION_ID/SHORT_NAME</c> or <c>PROJECT_ID/SHORT_NAME</c>.</summary>
    public string? NamespacedName { get; init; }

    public string? ShortName { get; init; }

    /// <summary>The organization or project that owns the key (<c>organizations/ID</c>, <c>projects/NUMBER</c>).</summary>
    public string? Parent { get; init; }

    public SourceLocation Location { get; init; } = SourceLocation.None;
}
