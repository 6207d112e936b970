namespace Ward.Cli.Output;

public sealed record GcpWhatCanJson(string Principal, string Note, IReadOnlyList<GcpGrantJson> Bindings);

public sealed record GcpGrantJson(string Resource, string Role, string Member, string? How, string? Requirement, string? Problem, int PermissionCount, IReadOnlyList<string> Permissions, IReadOnlyList<GcpDenialJson> Denials, IReadOnlyList<GcpBoundaryBlockJson> Blocks);

public sealed record GcpDenialJson(string Permission, string DenyPolicy, int Rule, string? OnlyBelow, string? Requirement);

public sealed record GcpBoundaryBlockJson(string Permission, string? Requirement);
