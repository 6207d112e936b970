using System.Collections.Immutable;

namespace Ward.Gcp.Policy.Conditions;

/// <summary>
/// The effective tags of the resource a condition is asked about (<c>resource.matchTag</c>, <c>matchTagId</c>,
/// <c>hasTagKey</c>, <c>hasTagKeyId</c>), or why Ward does not know them.
/// </summary>
public sealed record ResourceTags
{
    /// <summary>The resource, as messages name it (<c>projects/123</c>).</summary>
    public required string Resource { get; init; }

    /// <summary>Its tags; when <see cref="UnknownBecause"/> is set, only those known for certain (a tag supposed bound to it), and it may have others.</summary>
    public ImmutableArray<ResourceTag> Tags { get; init; } = [];

    /// <summary>Why the tags are not known (all of them, or all but <see cref="Tags"/>), or null.</summary>
    public string? UnknownBecause { get; init; }

    /// <summary>The tag a question supposes unbound from the resource (<c>gcp-tag-unbinding</c>), which its absence is then said of; or null.</summary>
    public ResourceTag? Unbound { get; init; }

    public static ResourceTags Unknown(string resource, string why) => new() { Resource = resource, UnknownBecause = why };
}
