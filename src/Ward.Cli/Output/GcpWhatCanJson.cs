namespace Ward.Cli.Output;

public sealed record GcpWhatCanJson(string Principal, string Note, IReadOnlyList<GcpGrantJson> Bindings);

public sealed record GcpGrantJson(string Resource, string Role, string Member, string? How, string? Requirement, string? Problem, int PermissionCount, IReadOnlyList<string> Permissions);
