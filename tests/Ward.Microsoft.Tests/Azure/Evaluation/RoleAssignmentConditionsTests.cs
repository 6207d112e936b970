using Ward.Microsoft.Azure.Evaluation;

namespace Ward.Microsoft.Tests.Azure.Evaluation;

public sealed class RoleAssignmentConditionsTests
{
    private const string Owner = "8e3af657-a8ff-443c-a75c-2fe8c4bcb635";
    private const string Reader = "acdd72a7-3385-48ef-bd42-f606fba81ae7";

    private static string AllRolesExcept(string quantifier) =>
        $"((!(ActionMatches{{'Microsoft.Authorization/roleAssignments/write'}})) OR (@Request[Microsoft.Authorization/roleAssignments:RoleDefinitionId] {quantifier}:GuidNotEquals {{8e3af657-a8ff-443c-a75c-2fe8c4bcb635, f58310d9-a9f6-439a-9e8d-f62e7b41a168, 18d7d88d-d35e-4fb5-a5c3-7773c20a72d9}}))";

    [Fact]
    public void All_roles_except_with_for_any_of_all_values_certainly_refuses_owner()
    {
        Assert.False(RoleAssignmentConditions.MayAssign(AllRolesExcept("ForAnyOfAllValues"), Owner));
        Assert.True(RoleAssignmentConditions.MayAssign(AllRolesExcept("ForAnyOfAllValues"), Reader));
    }

    [Fact]
    public void All_roles_except_with_for_any_of_any_values_may_assign_owner()
    {
        // Given the form Microsoft's documentation reads two ways: `ward can` answers Conditional, and the edge stays
        Assert.True(RoleAssignmentConditions.MayAssign(AllRolesExcept("ForAnyOfAnyValues"), Owner));
        Assert.True(RoleAssignmentConditions.MayAssign(AllRolesExcept("ForAnyOfAnyValues"), Reader));
    }
}
