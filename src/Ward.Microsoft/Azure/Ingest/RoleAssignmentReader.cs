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

        return new RoleAssignment
        {
            Id = id,
            Name = json.String(item, "name") ?? RoleDefinition.GuidOf(id),
            PrincipalId = principalId,
            PrincipalType = json.String(item, "principalType"),
            PrincipalName = json.String(item, "principalName"),
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
