namespace Ward.Cli.Output;

/// <summary>The JSON shape of <c>what-can</c> for an Entra ID service principal or user: its API permissions (docs/cli.md).</summary>
public sealed record EntraWhatCanJson(string Principal, string Name, IReadOnlyList<EntraAppRoleJson> ApplicationPermissions, IReadOnlyList<EntraGrantJson> DelegatedPermissions);

/// <summary>One app role assignment; <c>Effective</c> false with <c>NotIssued</c> saying why it gives no app-only access.</summary>
public sealed record EntraAppRoleJson(string Resource, string ResourceId, string? Permission, string AppRoleId, string Assignment, string? ViaGroup, bool Effective, string? NotIssued);

/// <summary>One delegated grant: its scopes on the resource, for <c>Users</c> (<c>every user</c> or one user principal name).</summary>
public sealed record EntraGrantJson(string Resource, string ResourceId, IReadOnlyList<string> Scopes, string Grant, string ConsentType, string Users, bool Effective, string? NotIssued);
