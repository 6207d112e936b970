using System.Collections.Frozen;

namespace Ward.Microsoft.Azure.Ingest;

/// <summary>
/// The fields each entry kind may carry, in either form (az CLI flat or ARM REST with <c>properties</c>). Audit
/// fields (<c>createdOn</c>, <c>updatedBy</c>, …) are known and ignored.
/// </summary>
internal static class KnownFields
{
    private static readonly string[] Envelope = ["id", "name", "type", "properties", "systemData"];
    private static readonly string[] Audit = ["createdBy", "createdOn", "updatedBy", "updatedOn", "description"];

    public static readonly FrozenSet<string> RoleDefinition = Of(["roleName", "roleType", "assignableScopes", "permissions", "isServiceRole"]);

    public static readonly FrozenSet<string> RoleAssignment = Of(
        ["principalId", "principalName", "principalType", "roleDefinitionId", "roleDefinitionName", "scope", "condition", "conditionVersion", "delegatedManagedIdentityResourceId", "resourceGroup"]);

    public static readonly FrozenSet<string> DenyAssignment = Of(
        ["denyAssignmentName", "permissions", "scope", "doNotApplyToChildScopes", "principals", "excludePrincipals", "isSystemProtected", "condition", "conditionVersion"]);

    public static readonly FrozenSet<string> Eligibility = Of(
        ["scope", "roleDefinitionId", "principalId", "principalType", "status", "roleEligibilityScheduleId", "roleEligibilityScheduleRequestId", "linkedRoleEligibilityScheduleId",
         "startDateTime", "endDateTime", "memberType", "condition", "conditionVersion", "expandedProperties"]);

    public static readonly FrozenSet<string> RoleManagementPolicyAssignment = Of(["scope", "roleDefinitionId", "policyId", "effectiveRules", "policyAssignmentProperties"]);

    public static readonly FrozenSet<string> RoleManagementPolicy = Of(
        ["scope", "displayName", "isOrganizationDefault", "lastModifiedBy", "lastModifiedDateTime", "rules", "effectiveRules", "policyProperties"]);

    public static readonly FrozenSet<string> AssignmentScheduleInstance = Of(
        ["scope", "roleDefinitionId", "principalId", "principalType", "status", "roleAssignmentScheduleId", "originRoleAssignmentId", "linkedRoleEligibilityScheduleId",
         "linkedRoleEligibilityScheduleInstanceId", "assignmentType", "startDateTime", "endDateTime", "memberType", "condition", "conditionVersion", "expandedProperties"]);

    public static readonly FrozenSet<string> ManagementGroup = Of(
        ["displayName", "tenantId", "details", "children", "parent", "permissions", "inheritedPermissions", "parentDisplayNameChain", "parentNameChain",
         "numberOfDescendants", "numberOfChildren", "numberOfChildGroups"]);

    public static readonly FrozenSet<string> Subscription = Of(
        ["subscriptionId", "displayName", "state", "tenantId", "homeTenantId", "cloudName", "isDefault", "managedByTenants", "tenantDefaultDomain", "tenantDisplayName",
         "user", "subscriptionPolicies", "authorizationSource", "tags", "parent", "permissions", "inheritedPermissions", "parentDisplayNameChain", "parentNameChain",
         "numberOfDescendants", "numberOfChildren", "numberOfChildGroups", "children"]);

    /// <summary>The REST form's <c>emailAddress</c> and <c>role</c>, or the az CLI's role-assignment-shaped rows.</summary>
    public static readonly FrozenSet<string> ClassicAdministrator = Of(["emailAddress", "role", "principalId", "principalName", "roleDefinitionId", "roleDefinitionName", "scope"]);

    public static readonly FrozenSet<string> PermissionBlock = FrozenSet.ToFrozenSet(["actions", "notActions", "dataActions", "notDataActions", "condition", "conditionVersion"], StringComparer.Ordinal);

    private static FrozenSet<string> Of(string[] fields) => FrozenSet.ToFrozenSet(Envelope.Concat(Audit).Concat(fields), StringComparer.Ordinal);
}
