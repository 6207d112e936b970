using Ward.Microsoft.Entra.Evaluation;

namespace Ward.Microsoft.Tests.Entra;

public sealed class ApiPermissionsTests
{
    [Theory]
    [InlineData("Mail.Read")]
    [InlineData("User.ReadWrite.All")]
    [InlineData("full_access_as_app")]
    [InlineData("Office 365 Exchange Online/full_access_as_app")]
    [InlineData("00000003-0000-0000-c000-000000000000/Mail.Read")]
    [InlineData("EWS.AccessAsUser.All")]
    [InlineData("offline_access")]
    [InlineData("Northwind/Orders.Read")]
    [InlineData("Orders API/orders.read")]
    public void Permission_names_and_qualified_permissions_are_API_permissions(string text) =>
        Assert.True(ApiPermissions.LooksLikePermission(text));

    [Theory]
    [InlineData("Microsoft.Compute/virtualMachines/read")]
    [InlineData("Microsoft.Authorization/roleAssignments/write")]
    [InlineData("Microsoft.Support/register")]
    [InlineData("s3:GetObject")]
    [InlineData("microsoft.directory/users/password/update")]
    [InlineData("Microsoft.Compute")]
    [InlineData("storage.buckets")]
    [InlineData("GetObject")]
    [InlineData("openid")]
    [InlineData("Graph/")]
    [InlineData("/Mail.Read")]
    public void Azure_operations_AWS_actions_directory_actions_and_names_of_no_Microsoft_form_are_not(string text) =>
        Assert.False(ApiPermissions.LooksLikePermission(text));
}
