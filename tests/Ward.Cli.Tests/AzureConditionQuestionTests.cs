using System.Text.Json;

namespace Ward.Cli.Tests;

/// <summary>
/// <c>ward can</c> on Azure role assignment conditions, over the az CLI exports of
/// tests/Ward.Microsoft.Tests/Fixtures/Azure/conditions: the "all roles except" delegation, a conditional grant beside a
/// deny on a group whose members are not exported, and a container-name condition decided from the scope or from
/// <c>--context</c>.
/// </summary>
public sealed class AzureConditionQuestionTests
{
    private const string Subscription = "/subscriptions/11111111-1111-1111-1111-111111111111";
    private const string Account = Subscription + "/resourceGroups/rg1/providers/Microsoft.Storage/storageAccounts/sa1";
    private const string BlobRead = "Microsoft.Storage/storageAccounts/blobServices/containers/blobs/read";
    private const string ContainerName = "@Resource[Microsoft.Storage/storageAccounts/blobServices/containers:name]";
    private const string User1 = "aaaaaaaa-0000-0000-0000-000000000001";
    private const string User2 = "aaaaaaaa-0000-0000-0000-000000000002";

    private static readonly string Cases = Path.Combine(Repository.Root, "tests", "Ward.Microsoft.Tests", "Fixtures", "Azure", "conditions");

    [Fact]
    public void Assigning_owner_under_all_roles_except_with_for_any_of_any_values_is_conditional_not_allowed()
    {
        // Given U1, RBAC Administrator under `ForAnyOfAnyValues:GuidNotEquals {Owner, RBAC Administrator, UAA}`
        // When we ask whether U1 may assign Owner
        var result = Can("delegation-except-roles", User1, "Microsoft.Authorization/roleAssignments/write", Subscription, "--assigned-role", "Owner");

        // Then the answer names the two readings of the operator instead of allowing
        Assert.Equal("Conditional", Kind(result));
        Assert.Contains("is read two ways", result.GetProperty("summary").GetString()!, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(User1, "Reader", "Allowed")]
    [InlineData(User2, "Owner", "ImplicitDeny")]
    [InlineData(User2, "Reader", "Allowed")]
    public void All_roles_except_is_decided_where_its_readings_agree(string principal, string role, string expected)
    {
        // Given U1 (ForAnyOfAnyValues) and U2 (ForAnyOfAllValues, Microsoft's current example)
        var result = Can("delegation-except-roles", principal, "Microsoft.Authorization/roleAssignments/write", Subscription, "--assigned-role", role);

        // Then a role outside the list is allowed, and U2 may not assign Owner
        Assert.Equal(expected, Kind(result));
    }

    [Theory]
    [InlineData(User1)]
    [InlineData(User2)]
    public void A_deny_on_a_group_whose_members_are_not_exported_is_named_beside_a_conditional_grant(string principal)
    {
        // Given U1 (container-limited Storage Blob Data Reader) and U2 (the same role without a condition), and a deny
        // of blob reads on sa1 to a group the Entra export lists no members of
        // When either reads blobs of the account
        var result = Can("deny-on-unlisted-group", principal, BlobRead, Account);

        // Then both are Indeterminate, for the deny
        Assert.Equal("Indeterminate", Kind(result));
        Assert.Contains("names group `bbbbbbbb-0000-0000-0000-000000000009`, whose members are not in the export", result.GetProperty("reason").GetString()!, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/blobServices/default/containers/secrets", "ImplicitDeny")]
    [InlineData("/blobServices/default/containers/logs", "Allowed")]
    [InlineData("", "Conditional")]
    public void A_container_condition_is_decided_by_the_container_in_the_scope(string below, string expected)
    {
        // Given U1, Storage Blob Data Reader on sa1 for container `logs` only
        var result = Can("container-condition", User1, BlobRead, Account + below);

        // Then a container scope decides, the account scope leaves it conditional
        Assert.Equal(expected, Kind(result));
    }

    [Theory]
    [InlineData("secrets", "ImplicitDeny")]
    [InlineData("logs", "Allowed")]
    public void Context_gives_the_container_a_scope_above_it_does_not_name(string container, string expected)
    {
        // When we ask at the account and give the container with -c
        var result = Can("container-condition", User1, BlobRead, Account, "-c", $"{ContainerName}={container}");

        // Then the condition is decided from it
        Assert.Equal(expected, Kind(result));
    }

    [Fact]
    public void Context_that_agrees_with_the_scope_is_accepted()
    {
        var result = Can("container-condition", User1, BlobRead, Account + "/blobServices/default/containers/secrets", "-c", $"{ContainerName}=secrets");

        Assert.Equal("ImplicitDeny", Kind(result));
    }

    [Fact]
    public void Context_that_contradicts_the_scope_is_an_error()
    {
        // When -c names another container than the scope
        var (exitCode, output) = WardRunner.Run("can", "-i", Path.Combine(Cases, "container-condition"), User1, BlobRead, Account + "/blobServices/default/containers/secrets", "-c", $"{ContainerName}=logs");

        // Then Ward does not answer another question than the one asked
        Assert.Equal(2, exitCode);
        Assert.Contains("makes it `secrets`", output.ReplaceLineEndings(string.Empty), StringComparison.Ordinal);
    }

    [Fact]
    public void Context_key_azure_conditions_cannot_test_is_an_error()
    {
        // When -c gives an AWS context key for an Azure operation
        var (exitCode, output) = WardRunner.Run("can", "-i", Path.Combine(Cases, "container-condition"), User1, BlobRead, Account, "-c", "aws:SourceIp=203.0.113.7");

        // Then it is reported, not ignored
        Assert.Equal(2, exitCode);
        Assert.Contains("is not an attribute Azure conditions test", output.ReplaceLineEndings(string.Empty), StringComparison.Ordinal);
    }

    [Fact]
    public void What_can_refuses_a_context_it_would_not_use()
    {
        // When -c is given to what-can, which lists conditions without deciding them
        var (exitCode, output) = WardRunner.Run("what-can", "-i", Path.Combine(Cases, "container-condition"), User1, "-c", $"{ContainerName}=secrets");

        // Then it is reported, not ignored
        Assert.Equal(2, exitCode);
        Assert.Contains("--context applies to `can` and `who-can`", output.ReplaceLineEndings(string.Empty), StringComparison.Ordinal);
    }

    [Fact]
    public void Who_can_takes_the_context_too()
    {
        // When we ask who can read blobs of the account, in container `secrets`
        var (exitCode, output) = WardRunner.Run("who-can", "-i", Path.Combine(Cases, "container-condition"), BlobRead, Account, "-c", $"{ContainerName}=secrets", "--all", "--format", "json");

        // Then U1's grant does not hold there
        Assert.Equal(0, exitCode);
        var principals = JsonDocument.Parse(output).RootElement.GetProperty("principals").EnumerateArray().ToList();
        Assert.Equal("ImplicitDeny", Kind(principals.Single(p => p.GetProperty("principal").GetString() == User1).GetProperty("result")));
    }

    private static JsonElement Can(string fixture, string principal, string action, string scope, params string[] more)
    {
        var (exitCode, output, messages) = WardRunner.RunWithMessagesApart(["can", "-i", Path.Combine(Cases, fixture), principal, action, scope, "--format", "json", .. more]);
        Assert.True(exitCode is 0 or 2, messages);
        return JsonDocument.Parse(output).RootElement.GetProperty("result");
    }

    private static string? Kind(JsonElement result) => result.GetProperty("decision").GetString();
}
