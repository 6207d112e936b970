using Ward.Core.Diagnostics;
using Ward.Microsoft.Azure.Rbac;
using Ward.Microsoft.Pim;

namespace Ward.Microsoft.Azure.Ingest;

/// <summary>
/// Reads PIM settings on Azure resources: an entry of <c>roleManagementPolicyAssignments</c> (the role and scope,
/// with the policy's <c>effectiveRules</c>) or of <c>roleManagementPolicies</c> (the rules, by policy id).
/// </summary>
internal static class ActivationPolicyReader
{
    public static AzureActivationPolicy? Assignment(ArmItem item, ArmJson json)
    {
        json.CheckFields(item, "role management policy assignment", KnownFields.RoleManagementPolicyAssignment);
        var id = json.String(item, "id", required: true);
        var role = json.String(item, "roleDefinitionId", required: true);
        var scope = json.Scope(item, "scope", "role management policy assignment");
        if (id is null || role is null || scope is null)
        {
            return null;
        }

        var policyId = json.String(item, "policyId");
        return new AzureActivationPolicy
        {
            Id = id,
            Scope = scope,
            RoleDefinitionId = role,
            PolicyId = policyId,
            Policy = Rules(item, policyId ?? id, json, required: false),
            Location = json.At(item.Path),
        };
    }

    /// <summary>A <c>roleManagementPolicies</c> entry: its id and activation rules (null when they cannot be read).</summary>
    public static (string Id, ActivationPolicy? Policy)? Policy(ArmItem item, ArmJson json)
    {
        json.CheckFields(item, "role management policy", KnownFields.RoleManagementPolicy);
        var id = json.String(item, "id", required: true);
        return id is null ? null : (id, Rules(item, id, json, required: true));
    }

    private static ActivationPolicy? Rules(ArmItem item, string policyId, ArmJson json, bool required)
    {
        // The effective rules are the policy's rules with what the scope above enforces; a policy's own `rules` otherwise.
        var name = item.Has("effectiveRules") ? "effectiveRules" : item.Has("rules") ? "rules" : null;
        if (name is null)
        {
            if (required)
            {
                json.Report(AzureDiagnosticCodes.MissingField, DiagnosticSeverity.Warning, "a role management policy without `rules` nor `effectiveRules`: its activation settings are not known", item.Path);
            }

            return null;
        }

        item.TryGet(name, out var rules, out var path);
        return ActivationRulesReader.Read(policyId, rules, path, json.At(item.Path), (message, at) => json.Report(AzureDiagnosticCodes.WrongShape, DiagnosticSeverity.Warning, message, at));
    }
}
