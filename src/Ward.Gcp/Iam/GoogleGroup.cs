using System.Collections.Immutable;
using Ward.Core.Diagnostics;

namespace Ward.Gcp.Iam;

/// <summary>A Google group of Cloud Identity or Google Workspace (<c>gcloud identity groups search</c>).</summary>
public sealed record GoogleGroup
{
    /// <summary>The group's id, the <c>GROUP_ID</c> of its resource name <c>groups/GROUP_ID</c>.</summary>
    public required string Id { get; init; }

    /// <summary>The group's email (<c>groupKey.id</c>), as <c>group:</c> members name it.</summary>
    public required string Email { get; init; }

    public string? DisplayName { get; init; }

    /// <summary>The label keys (<c>cloudidentity.googleapis.com/groups.discussion_forum</c>, <c>…/groups.security</c>).</summary>
    public ImmutableArray<string> Labels { get; init; } = [];

    public required SourceLocation Location { get; init; }

    public string Name => "groups/" + Id;
}
