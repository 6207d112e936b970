namespace Ward.Cli.Output;

/// <summary>
/// The JSON shape of <c>what-can</c> for an Azure principal (docs/cli.md); <c>ApiPermissions</c> holds a service
/// principal's or user's API permissions when the Entra ID export was read too.
/// </summary>
public sealed record AzureWhatCanJson(string Principal, string Name, IReadOnlyList<string> Groups, IReadOnlyList<AzureScopeAccessJson> Scopes, IReadOnlyList<AzureDenyJson> Denies, EntraWhatCanJson? ApiPermissions = null);

public sealed record AzureScopeAccessJson(string Scope, IReadOnlyList<AzureGrantJson> Roles, IReadOnlyList<AzurePatternJson> Actions, IReadOnlyList<AzurePatternJson> DataActions);

public sealed record AzureGrantJson(string Role, string RoleDefinitionId, string? ViaGroup, bool Eligible, string? Condition, bool DefinitionMissing);

public sealed record AzurePatternJson(string Pattern, IReadOnlyList<string> Except, IReadOnlyList<string> GrantedBy, bool OnlyConditionally);

public sealed record AzureDenyJson(string Name, string Scope);
