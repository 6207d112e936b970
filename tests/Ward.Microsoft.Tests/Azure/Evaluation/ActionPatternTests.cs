using Ward.Microsoft.Azure.Evaluation;

namespace Ward.Microsoft.Tests.Azure.Evaluation;

public sealed class ActionPatternTests
{
    [Theory]
    [InlineData("*", "Microsoft.Compute/virtualMachines/write", true)]
    [InlineData("*/read", "Microsoft.Storage/storageAccounts/blobServices/containers/read", true)]
    [InlineData("*/read", "Microsoft.Storage/storageAccounts/write", false)]
    [InlineData("Microsoft.Compute/*", "Microsoft.Compute/virtualMachines/extensions/write", true)]
    [InlineData("Microsoft.Compute/*", "Microsoft.ComputeSchedule/actions/write", false)]
    [InlineData("Microsoft.Authorization/*/Write", "Microsoft.Authorization/roleAssignments/write", true)]
    [InlineData("Microsoft.Authorization/*/Write", "Microsoft.Authorization/roleAssignments/read", false)]
    [InlineData("microsoft.compute/VIRTUALMACHINES/start/ACTION", "Microsoft.Compute/virtualMachines/start/action", true)]
    [InlineData("Microsoft.Compute/virtualMachines/start/action", "Microsoft.Compute/virtualMachines/start/actionX", false)]
    [InlineData("Microsoft.*/*/delete", "Microsoft.Network/virtualNetworks/subnets/delete", true)]
    [InlineData("Microsoft.Storage/storageAccounts/*/read", "Microsoft.Storage/storageAccounts/read", false)]
    public void Star_matches_any_run_including_slashes_and_case_is_ignored(string pattern, string action, bool expected)
    {
        // Given a role definition pattern and an operation
        // When they are matched
        var matches = ActionPattern.Matches(pattern, action);

        // Then `*` spans segments and case does not matter
        Assert.Equal(expected, matches);
    }
}
