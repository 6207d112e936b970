using Ward.Core.Diagnostics;
using Ward.Microsoft.Pim;

namespace Ward.Microsoft.Azure.Rbac;

/// <summary>
/// A PIM role management policy assignment on Azure resources (<c>Microsoft.Authorization/roleManagementPolicyAssignments</c>):
/// the activation settings of one role at one scope, which govern eligibilities of that role at that scope.
/// </summary>
public sealed record AzureActivationPolicy
{
    public required string Id { get; init; }

    public required AzureScope Scope { get; init; }

    public required string RoleDefinitionId { get; init; }

    /// <summary>The policy's id, which names the <c>roleManagementPolicies</c> entry its rules come from when the assignment carries none.</summary>
    public string? PolicyId { get; init; }

    /// <summary>The activation rules (the assignment's <c>effectiveRules</c>, or its policy's rules); null when neither was exported.</summary>
    public ActivationPolicy? Policy { get; init; }

    public SourceLocation Location { get; init; } = SourceLocation.None;

    public string RoleDefinitionGuid => RoleDefinition.GuidOf(RoleDefinitionId);
}
