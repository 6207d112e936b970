using Ward.Core.Diagnostics;
using Ward.Microsoft.Azure.Rbac;

namespace Ward.Microsoft.Azure.Ingest;

/// <summary>
/// Reads one entry of <c>az role assignment list</c> (flat, with the CLI's added <c>principalName</c> and
/// <c>roleDefinitionName</c>) or of the REST <c>roleAssignments</c> list (under <c>properties</c>).
/// </summary>
internal static class RoleAssignmentReader
{
    public static RoleAssignment? Read(ArmItem item, ArmJson json)
    {
        json.CheckFields(item, "role assignment", KnownFields.RoleAssignment);
        var id = json.String(item, "id", required: true);
        var principalId = json.String(item, "principalId", required: true);
        var roleDefinitionId = json.String(item, "roleDefinitionId", required: true);
        var scope = json.Scope(item, "scope", "role assignment");
        if (id is null || principalId is null || roleDefinitionId is null || scope is null)
        {
            return null;
        }

        if (!Guid.TryParse(principalId, out _))
        {
            json.Report(AzureDiagnosticCodes.WrongShape, DiagnosticSeverity.Warning, $"`principalId` `{principalId}` is not an Entra object id (a GUID); the assignment is kept", item.Path);
        }

        // Azure keeps the assignments of a deleted principal, and reports its type as `Unknown`.
        var principalType = json.String(item, "principalType");
        if (string.Equals(principalType, "Unknown", StringComparison.OrdinalIgnoreCase))
        {
            json.Report(AzureDiagnosticCodes.DeletedPrincipal, DiagnosticSeverity.Info, $"role assignment `{id}` is of principal `{principalId}`, whose type Azure reports as `Unknown`: the principal was deleted (its assignments stay until removed); kept by id, and nobody can act as it", item.Path);
        }

        return new RoleAssignment
        {
            Id = id,
            Name = json.String(item, "name") ?? RoleDefinition.GuidOf(id),
            PrincipalId = principalId,
            PrincipalType = principalType,

            // The CLI writes an empty name for a principal it could not look up (a foreign group, a deleted one).
            PrincipalName = json.String(item, "principalName") is { Length: > 0 } principalName ? principalName : null,
            RoleDefinitionId = roleDefinitionId,
            RoleDefinitionName = json.String(item, "roleDefinitionName"),
            Scope = scope,
            Condition = NullIfBlank(json.String(item, "condition")),
            ConditionVersion = json.String(item, "conditionVersion"),
            Description = json.String(item, "description"),
            Location = json.At(item.Path),
        };
    }

    internal static string? NullIfBlank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text;
}
