using System.Collections.Immutable;
using Ward.Microsoft.Azure.Rbac;

namespace Ward.Microsoft.Azure.Evaluation;

/// <summary>One question: may <see cref="PrincipalId"/> perform <see cref="Action"/> at <see cref="Scope"/>?</summary>
public sealed record AzureRequest
{
    /// <summary>The request attribute the constrained-delegation conditions test on role-assignment writes.</summary>
    public const string RequestedRoleDefinitionAttribute = "@Request[Microsoft.Authorization/roleAssignments:RoleDefinitionId]";

    /// <summary>The same attribute of the existing assignment, tested on role-assignment deletes.</summary>
    public const string ExistingRoleDefinitionAttribute = "@Resource[Microsoft.Authorization/roleAssignments:RoleDefinitionId]";

    public const string RequestedPrincipalTypeAttribute = "@Request[Microsoft.Authorization/roleAssignments:PrincipalType]";

    public const string RequestedPrincipalIdAttribute = "@Request[Microsoft.Authorization/roleAssignments:PrincipalId]";

    /// <summary>The Entra object id of the caller.</summary>
    public required string PrincipalId { get; init; }

    /// <summary>The operation, e.g. <c>Microsoft.Compute/virtualMachines/write</c>.</summary>
    public required string Action { get; init; }

    public required AzureScope Scope { get; init; }

    public AzureActionKind ActionKind { get; init; } = AzureActionKind.Control;

    /// <summary>The sub-operation (e.g. <c>Blob.List</c>) for <c>SubOperationMatches</c>; null: the request has none.</summary>
    public string? SubOperation { get; init; }

    /// <summary>
    /// Values of ABAC attributes, keyed as written in conditions (<c>@Request[…]</c>, <c>@Resource[…]</c>,
    /// <c>@Principal[…]</c>, <c>@Environment[…]</c>), compared case-insensitively. An attribute not given is
    /// unknown: a condition that needs it makes the decision conditional.
    /// </summary>
    public ImmutableDictionary<string, ImmutableArray<string>> Attributes { get; init; } = ImmutableDictionary.Create<string, ImmutableArray<string>>(StringComparer.OrdinalIgnoreCase);

    /// <summary>Decide as if every PIM eligibility of the principal (and its groups) were activated.</summary>
    public bool ActivateEligible { get; init; }

    /// <summary>With <see cref="ActivateEligible"/> or <see cref="Activating"/>: only eligibilities in force at this instant count (null: all).</summary>
    public DateTimeOffset? AsOf { get; init; }

    /// <summary>
    /// Decide as if this one PIM eligibility (of the principal or of one of its groups) were activated, and no other:
    /// what the principal holds after activating it. Null: none (unless <see cref="ActivateEligible"/>).
    /// </summary>
    public EligibleRoleAssignment? Activating { get; init; }

    /// <summary>
    /// Decide as if the principal also held this role (a definition id or GUID) at this scope, assigned to itself
    /// without a condition: the role it would assign itself with <c>roleAssignments/write</c>. Null: none.
    /// </summary>
    public SelfAssignedRole? SelfAssigned { get; init; }

    /// <summary>
    /// Sets the role definition of the assignment being written or deleted (both <see cref="RequestedRoleDefinitionAttribute"/>
    /// and <see cref="ExistingRoleDefinitionAttribute"/>), as a bare GUID.
    /// </summary>
    public AzureRequest WithRoleDefinitionInRequest(string roleDefinitionId)
    {
        var guid = RoleDefinition.GuidOf(roleDefinitionId);
        return WithAttribute(RequestedRoleDefinitionAttribute, guid).WithAttribute(ExistingRoleDefinitionAttribute, guid);
    }

    public AzureRequest WithAttribute(string attribute, params string[] values) =>
        this with { Attributes = Attributes.SetItem(attribute.Replace(" ", string.Empty, StringComparison.Ordinal), [.. values]) };
}
