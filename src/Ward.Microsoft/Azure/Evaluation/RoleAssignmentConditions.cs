using Ward.Microsoft.Azure.Rbac;

namespace Ward.Microsoft.Azure.Evaluation;

/// <summary>What a condition on a role assignment that writes role assignments (constrained delegation) lets its holder assign.</summary>
public static class RoleAssignmentConditions
{
    /// <summary>
    /// Whether the condition may let its holder write an assignment of the role (by GUID): false only when it
    /// certainly refuses it, as the portal's "all roles except privileged administrator roles" refuses Owner. A
    /// condition on what it cannot know here (the principal assigned) may, and so does one that Microsoft's
    /// documentation reads two ways (<c>ForAnyOfAnyValues:GuidNotEquals {Owner, …}</c>, see <see cref="AbacCondition"/>):
    /// <c>ward can</c> answers Conditional for it, and an edge that may exist is kept.
    /// </summary>
    public static bool MayAssign(string condition, string roleDefinitionGuid) =>
        AbacCondition.Parse(condition).Evaluate(
            new AzureRequest { PrincipalId = string.Empty, Action = "Microsoft.Authorization/roleAssignments/write", Scope = AzureScope.Parse("/") }
                .WithRoleDefinitionInRequest(roleDefinitionGuid)) != AbacCondition.Truth.False;

    /// <summary>
    /// Whether the condition (of an assignment or of a permission block) may hold for a request of the action that
    /// carries no attribute: false only when it certainly refuses it (<c>ActionMatches</c> alone decides most of them).
    /// </summary>
    public static bool MayAllow(string condition, string action) =>
        AbacCondition.Parse(condition).Evaluate(new AzureRequest { PrincipalId = string.Empty, Action = action, Scope = AzureScope.Parse("/") }) != AbacCondition.Truth.False;
}
