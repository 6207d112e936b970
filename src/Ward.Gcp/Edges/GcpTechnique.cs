using System.Collections.Immutable;

namespace Ward.Gcp.Edges;

/// <summary>An escalation technique: its stable id, what it is, the permissions it needs, and how to fix it.</summary>
public sealed record GcpTechnique(
    string Id,
    string Name,
    string Description,
    ImmutableArray<string> RequiredPermissions,
    string Remediation,
    ImmutableArray<string> References);
