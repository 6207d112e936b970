using System.Text.Json;

namespace Ward.Cli.Tests;

/// <summary>
/// <c>ward scan</c> on the Northwind tenant with PIM role management policies added: ben.carter's eligibility for
/// Privileged Role Administrator and for Owner of nw-prod, conditional without the policies, is a certain path when
/// the policies require no approval (User Access Administrator's, which requires approval, is read beside them).
/// </summary>
public sealed class PimActivationPolicyScanTests
{
    private const string Ben = "318aa01b-f7fa-44cf-b0e3-24b0e2ff79b4";
    private const string NwProd = "/subscriptions/a5b8fe33-478f-43a4-875d-8b54854e9704";
    private const string PrivilegedRoleAdministrator = "e8611ab8-c189-46e8-94e1-60213ab1f814";
    private const string Owner = "8e3af657-a8ff-443c-a75c-2fe8c4bcb635";
    private const string UserAccessAdministrator = "18d7d88d-d35e-4fb5-a5c3-7773c20a72d9";
    private const string ApproverGroup = "9d1e2f3a-4b5c-4d6e-8f70-8192a3b4c5d6";

    private static readonly string[] Samples = [.. new[] { "entra", "azure", "azurehound" }.Select(s => Path.Combine(Repository.Root, "samples", s))];

    [Fact]
    public void Policies_without_approval_make_an_eligible_administrator_s_path_certain()
    {
        // Given the sample as it is: ben's path is conditional (medium)
        Assert.Equal("medium", Escalation(Scan(), Ben).GetProperty("severity").GetString());

        // When the role management policies are exported too
        var folder = Path.Combine(AppContext.BaseDirectory, $"pim-policies-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        try
        {
            File.WriteAllText(Path.Combine(folder, "role-management-policy-assignments.json"), $$$"""
                {"@odata.context": "https://graph.microsoft.com/v1.0/$metadata#policies/roleManagementPolicyAssignments(policy(rules()))", "value": [
                  {"id": "DirectoryRole_x_{{{PrivilegedRoleAdministrator}}}", "policyId": "DirectoryRole_x", "scopeId": "/", "scopeType": "DirectoryRole", "roleDefinitionId": "{{{PrivilegedRoleAdministrator}}}",
                   "policy": {"id": "DirectoryRole_x", "displayName": "DirectoryRole", "description": "DirectoryRole", "isOrganizationDefault": false, "scopeId": "/", "scopeType": "DirectoryRole",
                     "lastModifiedDateTime": null, "lastModifiedBy": {"displayName": null, "id": null}, "rules": [
                       {"@odata.type": "#microsoft.graph.unifiedRoleManagementPolicyEnablementRule", "id": "Enablement_EndUser_Assignment", "enabledRules": ["MultiFactorAuthentication", "Justification"],
                        "target": {"caller": "EndUser", "operations": ["all"], "level": "Assignment", "inheritableSettings": [], "enforcedSettings": []}},
                       {"@odata.type": "#microsoft.graph.unifiedRoleManagementPolicyApprovalRule", "id": "Approval_EndUser_Assignment",
                        "target": {"caller": "EndUser", "operations": ["all"], "level": "Assignment", "inheritableSettings": [], "enforcedSettings": []},
                        "setting": {"isApprovalRequired": false, "isApprovalRequiredForExtension": false, "isRequestorJustificationRequired": true, "approvalMode": "SingleStage",
                          "approvalStages": [{"approvalStageTimeOutInDays": 1, "isApproverJustificationRequired": true, "escalationTimeInMinutes": 0, "isEscalationEnabled": false, "primaryApprovers": [], "escalationApprovers": []}]}}]}}]}
                """);
            File.WriteAllText(Path.Combine(folder, "azure-role-management-policy-assignments.json"), $$$"""
                {"value": [{{{ArmAssignment(Owner, "1", approval: false)}}}, {{{ArmAssignment(UserAccessAdministrator, "2", approval: true)}}}]}
                """);
            var findings = Scan(folder);

            // Then ben's path is one certain step (critical), saying what he supplies himself
            var ben = Escalation(findings, Ben);
            Assert.Equal("critical", ben.GetProperty("severity").GetString());
            var step = Assert.Single(ben.GetProperty("path").EnumerateArray());
            Assert.Empty(step.GetProperty("requirements").EnumerateArray());
            Assert.Contains("requires no approval; it supplies MFA and a justification itself", step.GetProperty("description").GetString(), StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static string ArmAssignment(string role, string suffix, bool approval)
    {
        var approvers = approval ? $$$"""{"id": "{{{ApproverGroup}}}", "description": "Northwind PIM Approvers", "isBackup": false, "userType": "Group"}""" : string.Empty;
        return $$$"""
        {"properties": {"scope": "{{{NwProd}}}", "roleDefinitionId": "{{{NwProd}}}/providers/Microsoft.Authorization/roleDefinitions/{{{role}}}",
          "policyId": "{{{NwProd}}}/providers/Microsoft.Authorization/roleManagementPolicies/5d4c3b2a-1f0e-4d9c-8b7a-6f5e4d3c2b1{{{suffix}}}",
          "effectiveRules": [
            {"setting": {"isApprovalRequired": {{{(approval ? "true" : "false")}}}, "isApprovalRequiredForExtension": false, "isRequestorJustificationRequired": true, "approvalMode": "SingleStage",
              "approvalStages": [{"approvalStageTimeOutInDays": 1, "isApproverJustificationRequired": true, "escalationTimeInMinutes": 0,
                "primaryApprovers": [{{{approvers}}}],
                "isEscalationEnabled": false, "escalationApprovers": null}]},
             "id": "Approval_EndUser_Assignment", "ruleType": "RoleManagementPolicyApprovalRule",
             "target": {"caller": "EndUser", "operations": ["All"], "level": "Assignment", "targetObjects": null, "inheritableSettings": null, "enforcedSettings": null}},
            {"enabledRules": ["MultiFactorAuthentication", "Justification"], "id": "Enablement_EndUser_Assignment", "ruleType": "RoleManagementPolicyEnablementRule",
             "target": {"caller": "EndUser", "operations": ["All"], "level": "Assignment", "targetObjects": null, "inheritableSettings": null, "enforcedSettings": null}}]},
         "name": "5d4c3b2a-1f0e-4d9c-8b7a-6f5e4d3c2b1{{{suffix}}}_{{{role}}}",
         "id": "{{{NwProd}}}/providers/Microsoft.Authorization/roleManagementPolicyAssignment/5d4c3b2a-1f0e-4d9c-8b7a-6f5e4d3c2b1{{{suffix}}}_{{{role}}}",
         "type": "Microsoft.Authorization/RoleManagementPolicyAssignment"}
        """;
    }

    private static JsonElement Escalation(List<JsonElement> findings, string principal) =>
        Assert.Single(findings, f => f.GetProperty("ruleId").GetString() == "privilege-escalation" && f.GetProperty("principal").GetString() == principal);

    private static List<JsonElement> Scan(params string[] extra)
    {
        var (exitCode, _, json) = WardRunner.RunCapturingStandardOutput(["scan", .. Samples, .. extra, "--as-of", "2026-11-28T12:00:00Z", "--format", "json"]);
        Assert.Equal(0, exitCode);
        return [.. JsonDocument.Parse(json).RootElement.GetProperty("findings").EnumerateArray().Select(f => f.Clone())];
    }
}
