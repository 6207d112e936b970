using System.Text.Json;
using Ward.Core.Diagnostics;
using Ward.Microsoft.Azure.Rbac;

namespace Ward.Microsoft.Azure.Ingest;

/// <summary>
/// Reads one PIM eligibility on Azure resources: an entry of the REST <c>roleEligibilityScheduleInstances</c> or
/// <c>roleEligibilitySchedules</c> list (or the same fields flat).
/// </summary>
internal static class EligibilityReader
{
    public static EligibleRoleAssignment? Read(ArmItem item, ArmJson json)
    {
        json.CheckFields(item, "role eligibility", KnownFields.Eligibility);
        var id = json.String(item, "id", required: true);
        var principalId = json.String(item, "principalId", required: true);
        var roleDefinitionId = json.String(item, "roleDefinitionId", required: true);
        var scope = json.Scope(item, "scope", "role eligibility");
        if (id is null || principalId is null || roleDefinitionId is null || scope is null)
        {
            return null;
        }

        string? principalName = null;
        if (item.TryGet("expandedProperties", out var expanded) && expanded.ValueKind == JsonValueKind.Object
            && expanded.TryGetProperty("principal", out var principal) && principal.ValueKind == JsonValueKind.Object
            && principal.TryGetProperty("displayName", out var displayName) && displayName.ValueKind == JsonValueKind.String)
        {
            principalName = displayName.GetString();
        }

        var start = json.Date(item, "startDateTime");
        var end = json.Date(item, "endDateTime");
        if (start is not null && end is not null && end < start)
        {
            json.Report(AzureDiagnosticCodes.WrongShape, DiagnosticSeverity.Warning, $"eligibility ends (`{end:O}`) before it starts (`{start:O}`); it is never in force", item.Path);
        }

        return new EligibleRoleAssignment
        {
            Id = id,
            PrincipalId = principalId,
            PrincipalType = json.String(item, "principalType"),
            PrincipalName = principalName,
            RoleDefinitionId = roleDefinitionId,
            Scope = scope,
            StartDateTime = start,
            EndDateTime = end,
            MemberType = json.String(item, "memberType"),
            Status = json.String(item, "status"),
            Condition = RoleAssignmentReader.NullIfBlank(json.String(item, "condition")),
            ConditionVersion = json.String(item, "conditionVersion"),
            Location = json.At(item.Path),
        };
    }
}
