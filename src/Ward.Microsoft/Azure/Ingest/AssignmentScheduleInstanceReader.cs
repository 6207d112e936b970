using Ward.Core.Diagnostics;
using Ward.Microsoft.Azure.Rbac;

namespace Ward.Microsoft.Azure.Ingest;

/// <summary>Reads one entry of the REST <c>roleAssignmentScheduleInstances</c> list (or the same fields flat).</summary>
internal static class AssignmentScheduleInstanceReader
{
    public static AssignmentScheduleInstance? Read(ArmItem item, ArmJson json)
    {
        json.CheckFields(item, "role assignment schedule instance", KnownFields.AssignmentScheduleInstance);
        var id = json.String(item, "id", required: true);
        var principalId = json.String(item, "principalId", required: true);
        var roleDefinitionId = json.String(item, "roleDefinitionId", required: true);
        var scope = json.Scope(item, "scope", "role assignment schedule instance");
        if (id is null || principalId is null || roleDefinitionId is null || scope is null)
        {
            return null;
        }

        var assignmentType = json.String(item, "assignmentType");
        if (assignmentType is not null && !assignmentType.Equals("Assigned", StringComparison.OrdinalIgnoreCase) && !assignmentType.Equals("Activated", StringComparison.OrdinalIgnoreCase))
        {
            json.Report(AzureDiagnosticCodes.WrongShape, DiagnosticSeverity.Warning, $"`assignmentType` `{assignmentType}` is neither `Assigned` nor `Activated`; the instance is kept, and does not tell how its assignment is held", item.Path);
        }

        return new AssignmentScheduleInstance
        {
            Id = id,
            PrincipalId = principalId,
            PrincipalType = json.String(item, "principalType"),
            RoleDefinitionId = roleDefinitionId,
            Scope = scope,
            AssignmentType = assignmentType,
            MemberType = json.String(item, "memberType"),
            StartDateTime = json.Date(item, "startDateTime"),
            EndDateTime = json.Date(item, "endDateTime"),
            OriginRoleAssignmentId = json.String(item, "originRoleAssignmentId"),
            LinkedRoleEligibilityScheduleInstanceId = json.String(item, "linkedRoleEligibilityScheduleInstanceId"),
            Condition = RoleAssignmentReader.NullIfBlank(json.String(item, "condition")),
            Location = json.At(item.Path),
        };
    }
}
