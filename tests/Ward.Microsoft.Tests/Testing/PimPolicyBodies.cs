namespace Ward.Microsoft.Tests.Testing;

/// <summary>
/// PIM role management policies in the shapes Microsoft Graph v1.0 (<c>policies/roleManagementPolicyAssignments</c>
/// with <c>$expand=policy($expand=rules)</c>) and Azure Resource Manager (<c>roleManagementPolicyAssignments</c>,
/// <c>roleManagementPolicies</c>, api-version 2020-10-01) return them.
/// </summary>
internal static class PimPolicyBodies
{
    public const string GraphContext = "policies/roleManagementPolicyAssignments(policy(rules()))";

    /// <summary>A Graph <c>singleUser</c> approver.</summary>
    public static string GraphUserApprover(string id, string name) => $$$"""{"@odata.type": "#microsoft.graph.singleUser", "userId": "{{{id}}}", "description": "{{{name}}}"}""";

    /// <summary>A Graph <c>groupMembers</c> approver.</summary>
    public static string GraphGroupApprover(string id, string name) => $$$"""{"@odata.type": "#microsoft.graph.groupMembers", "groupId": "{{{id}}}", "description": "{{{name}}}"}""";

    /// <summary>An ARM approver (<c>userType</c> <c>User</c> or <c>Group</c>).</summary>
    public static string ArmApprover(string id, string name, string userType) => $$$"""{"id": "{{{id}}}", "description": "{{{name}}}", "isBackup": false, "userType": "{{{userType}}}"}""";

    /// <summary>
    /// A policy assignment with its expanded policy, as Graph lists it: scope type <c>DirectoryRole</c> (scope
    /// <c>/</c>, a role definition id) or <c>Group</c> (the group's id, <c>member</c> or <c>owner</c>).
    /// </summary>
    public static string GraphAssignment(string scopeType, string scopeId, string roleDefinitionId, bool approval, string approvers = "", string enabledRules = "\"MultiFactorAuthentication\", \"Justification\"")
    {
        var policyId = $"{scopeType}_3f1c2d4e-8b7a-4c6d-9e0f-1a2b3c4d5e6f_{Guid.NewGuid()}";
        return $$$"""
            {
              "id": "{{{policyId}}}_{{{roleDefinitionId}}}", "policyId": "{{{policyId}}}", "scopeId": "{{{scopeId}}}", "scopeType": "{{{scopeType}}}", "roleDefinitionId": "{{{roleDefinitionId}}}",
              "policy": {
                "id": "{{{policyId}}}", "displayName": "{{{scopeType}}}", "description": "{{{scopeType}}}", "isOrganizationDefault": false, "scopeId": "{{{scopeId}}}", "scopeType": "{{{scopeType}}}",
                "lastModifiedDateTime": null, "lastModifiedBy": {"displayName": null, "id": null},
                "rules": [
                  {"@odata.type": "#microsoft.graph.unifiedRoleManagementPolicyExpirationRule", "id": "Expiration_Admin_Eligibility", "isExpirationRequired": false, "maximumDuration": "P365D",
                   "target": {"caller": "Admin", "operations": ["all"], "level": "Eligibility", "inheritableSettings": [], "enforcedSettings": []}},
                  {"@odata.type": "#microsoft.graph.unifiedRoleManagementPolicyEnablementRule", "id": "Enablement_Admin_Assignment", "enabledRules": ["Justification"],
                   "target": {"caller": "Admin", "operations": ["all"], "level": "Assignment", "inheritableSettings": [], "enforcedSettings": []}},
                  {"@odata.type": "#microsoft.graph.unifiedRoleManagementPolicyExpirationRule", "id": "Expiration_EndUser_Assignment", "isExpirationRequired": true, "maximumDuration": "PT8H",
                   "target": {"caller": "EndUser", "operations": ["all"], "level": "Assignment", "inheritableSettings": [], "enforcedSettings": []}},
                  {"@odata.type": "#microsoft.graph.unifiedRoleManagementPolicyEnablementRule", "id": "Enablement_EndUser_Assignment", "enabledRules": [{{{enabledRules}}}],
                   "target": {"caller": "EndUser", "operations": ["all"], "level": "Assignment", "inheritableSettings": [], "enforcedSettings": []}},
                  {"@odata.type": "#microsoft.graph.unifiedRoleManagementPolicyApprovalRule", "id": "Approval_EndUser_Assignment",
                   "target": {"caller": "EndUser", "operations": ["all"], "level": "Assignment", "inheritableSettings": [], "enforcedSettings": []},
                   "setting": {"isApprovalRequired": {{{(approval ? "true" : "false")}}}, "isApprovalRequiredForExtension": false, "isRequestorJustificationRequired": true, "approvalMode": "SingleStage",
                     "approvalStages": [{"approvalStageTimeOutInDays": 1, "isApproverJustificationRequired": true, "escalationTimeInMinutes": 0, "isEscalationEnabled": false,
                       "primaryApprovers": [{{{approvers}}}], "escalationApprovers": []}]}},
                  {"@odata.type": "#microsoft.graph.unifiedRoleManagementPolicyAuthenticationContextRule", "id": "AuthenticationContext_EndUser_Assignment", "isEnabled": false, "claimValue": null,
                   "target": {"caller": "EndUser", "operations": ["all"], "level": "Assignment", "inheritableSettings": [], "enforcedSettings": []}},
                  {"@odata.type": "#microsoft.graph.unifiedRoleManagementPolicyNotificationRule", "id": "Notification_Approver_EndUser_Assignment", "notificationType": "Email", "recipientType": "Approver",
                   "notificationLevel": "All", "isDefaultRecipientsEnabled": true, "notificationRecipients": [],
                   "target": {"caller": "EndUser", "operations": ["all"], "level": "Assignment", "inheritableSettings": [], "enforcedSettings": []}}
                ]
              }
            }
            """;
    }

    /// <summary>The end-user activation rules as ARM writes them (<c>ruleType</c>, approvers with <c>userType</c>).</summary>
    public static string ArmRules(bool approval, string approvers = "", string enabledRules = "\"MultiFactorAuthentication\", \"Justification\", \"Ticketing\"") =>
        $$$"""
        [
          {"isExpirationRequired": true, "maximumDuration": "P90D", "id": "Expiration_Admin_Eligibility", "ruleType": "RoleManagementPolicyExpirationRule",
           "target": {"caller": "Admin", "operations": ["All"], "level": "Eligibility", "targetObjects": null, "inheritableSettings": null, "enforcedSettings": null}},
          {"setting": {"isApprovalRequired": {{{(approval ? "true" : "false")}}}, "isApprovalRequiredForExtension": false, "isRequestorJustificationRequired": true, "approvalMode": "SingleStage",
             "approvalStages": [{"approvalStageTimeOutInDays": 1, "isApproverJustificationRequired": true, "escalationTimeInMinutes": 0, "primaryApprovers": [{{{approvers}}}], "isEscalationEnabled": false, "escalationApprovers": null}]},
           "id": "Approval_EndUser_Assignment", "ruleType": "RoleManagementPolicyApprovalRule",
           "target": {"caller": "EndUser", "operations": ["All"], "level": "Assignment", "targetObjects": null, "inheritableSettings": null, "enforcedSettings": null}},
          {"isEnabled": false, "claimValue": "", "id": "AuthenticationContext_EndUser_Assignment", "ruleType": "RoleManagementPolicyAuthenticationContextRule",
           "target": {"caller": "EndUser", "operations": ["All"], "level": "Assignment", "targetObjects": null, "inheritableSettings": null, "enforcedSettings": null}},
          {"enabledRules": [{{{enabledRules}}}], "id": "Enablement_EndUser_Assignment", "ruleType": "RoleManagementPolicyEnablementRule",
           "target": {"caller": "EndUser", "operations": ["All"], "level": "Assignment", "targetObjects": null, "inheritableSettings": null, "enforcedSettings": null}},
          {"isExpirationRequired": true, "maximumDuration": "PT8H", "id": "Expiration_EndUser_Assignment", "ruleType": "RoleManagementPolicyExpirationRule",
           "target": {"caller": "EndUser", "operations": ["All"], "level": "Assignment", "targetObjects": null, "inheritableSettings": null, "enforcedSettings": null}}
        ]
        """;

    /// <summary>An ARM role management policy assignment at a scope; with <paramref name="effectiveRules"/> null, it carries none (its policy's rules are listed apart).</summary>
    public static string ArmAssignment(string scope, string roleGuid, string policyGuid, string? effectiveRules) =>
        $$$"""
        {
          "properties": {
            "scope": "{{{scope}}}",
            "roleDefinitionId": "{{{scope}}}/providers/Microsoft.Authorization/roleDefinitions/{{{roleGuid}}}",
            "policyId": "{{{scope}}}/providers/Microsoft.Authorization/roleManagementPolicies/{{{policyGuid}}}",{{{(effectiveRules is null ? string.Empty : $"\n    \"effectiveRules\": {effectiveRules},")}}}
            "policyAssignmentProperties": {
              "scope": {"id": "{{{scope}}}", "displayName": "Northwind Production", "type": "subscription"},
              "roleDefinition": {"id": "{{{scope}}}/providers/Microsoft.Authorization/roleDefinitions/{{{roleGuid}}}", "displayName": "", "type": "BuiltInRole"},
              "policy": {"id": "{{{scope}}}/providers/Microsoft.Authorization/roleManagementPolicies/{{{policyGuid}}}", "lastModifiedBy": {"id": null, "displayName": "Admin", "type": null, "email": null}, "lastModifiedDateTime": null}
            }
          },
          "name": "{{{policyGuid}}}_{{{roleGuid}}}",
          "id": "{{{scope}}}/providers/Microsoft.Authorization/roleManagementPolicyAssignment/{{{policyGuid}}}_{{{roleGuid}}}",
          "type": "Microsoft.Authorization/RoleManagementPolicyAssignment"
        }
        """;

    /// <summary>An ARM role management policy with its rules.</summary>
    public static string ArmPolicy(string scope, string policyGuid, string rules) =>
        $$$"""
        {
          "properties": {
            "scope": "{{{scope}}}", "displayName": "Default", "isOrganizationDefault": false,
            "lastModifiedBy": {"id": null, "displayName": "Admin", "type": null, "email": null}, "lastModifiedDateTime": null,
            "rules": {{{rules}}},
            "effectiveRules": {{{rules}}},
            "policyProperties": {"scope": {"id": "{{{scope}}}", "displayName": "Northwind Production", "type": "subscription"}}
          },
          "name": "{{{policyGuid}}}",
          "id": "{{{scope}}}/providers/Microsoft.Authorization/roleManagementPolicies/{{{policyGuid}}}",
          "type": "Microsoft.Authorization/RoleManagementPolicies"
        }
        """;
}
