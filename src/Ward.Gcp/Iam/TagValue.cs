using Ward.Core.Diagnostics;

namespace Ward.Gcp.Iam;

/// <summary>A tag value (<c>gcloud resource-manager tags values list --format=json</c>): its id, its key and its namespaced name.</summary>
public sealed record TagValue
{
    /// <summary><c>tagValues/ID</c>.</summary>
    public required string Name { get; init; }

    /// <summary>The key it is a value of, <c>tagKeys/ID</c>.</summary>
    public string? Parent { get; init; }

    /// <summary><c>ORGANIZATION_ID/KEY_SHORT_NAME/SHORT_NAME</c> (or with a project id).</summary>
    public string? NamespacedName { get; init; }

    /// <summary>The value's own name (<c>prod</c>), the second argument of <c>resource.matchTag</c>.</summary>
    public string? ShortName { get; init; }

    public SourceLocation Location { get; init; } = SourceLocation.None;
}
