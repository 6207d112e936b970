using System.Collections.Immutable;

namespace Ward.Aws.Edges;

public sealed record TechniqueReference(string Title, string Url);

/// <summary>An escalation technique: its stable id, what it is, and how to fix it.</summary>
public sealed record AwsTechnique(
    string Id,
    string Name,
    string Category,
    string Description,
    ImmutableArray<string> RequiredPermissions,
    string Remediation,
    ImmutableArray<TechniqueReference> References);
