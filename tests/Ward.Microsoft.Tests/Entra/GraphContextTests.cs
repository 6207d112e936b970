using Ward.Microsoft.Entra.Ingest;

namespace Ward.Microsoft.Tests.Entra;

/// <summary>Parsing <c>@odata.context</c>: version, resource path with keys, and $select/$expand lists dropped.</summary>
public sealed class GraphContextTests
{
    public static TheoryData<string, string, string, string?, bool> Contexts => new()
    {
        { "https://graph.microsoft.com/v1.0/$metadata#users(id,displayName,signInActivity)", "v1.0", "users", null, false },
        { "https://graph.microsoft.com/beta/$metadata#roleManagement/directory/roleAssignments(principal())", "beta", "roleManagement/directory/roleAssignments", null, false },
        { "https://graph.microsoft.com/v1.0/$metadata#servicePrincipals('5F1C2D3E-4A5B-4C6D-8E7F-9A0B1C2D3E4F')/appRoleAssignedTo", "v1.0", "servicePrincipals/{}/appRoleAssignedTo", "5f1c2d3e-4a5b-4c6d-8e7f-9a0b1c2d3e4f", false },
        { "https://graph.microsoft.com/v1.0/$metadata#policies/authorizationPolicy/$entity", "v1.0", "policies/authorizationPolicy", null, true },
        { "https://graph.microsoft.us/v1.0/$metadata#directoryObjects", "v1.0", "directoryObjects", null, false },
    };

    [Theory]
    [MemberData(nameof(Contexts))]
    public void A_context_is_parsed_into_version_path_key_and_entity(string text, string version, string path, string? key, bool isEntity)
    {
        var context = GraphContext.Parse(text)!;

        Assert.Equal((version, path, key, isEntity), (context.Version, context.Path, context.Key, context.IsEntity));
    }

    [Fact]
    public void A_string_without_metadata_is_not_a_context() => Assert.Null(GraphContext.Parse("https://management.azure.com/subscriptions"));

    [Fact]
    public void Paths_are_matched_to_collections_ignoring_case()
    {
        Assert.Equal(GraphCollection.GroupEligibilityScheduleInstances, GraphContext.Parse("https://graph.microsoft.com/v1.0/$metadata#identityGovernance/privilegedAccess/group/eligibilityScheduleInstances")!.Collection);
        Assert.Equal(GraphCollection.AdministrativeUnits, GraphContext.Parse("https://graph.microsoft.com/v1.0/$metadata#directory/administrativeUnits")!.Collection);
        Assert.Equal(GraphCollection.Devices, GraphContext.Parse("https://graph.microsoft.com/v1.0/$metadata#Devices(id,deviceId)")!.Collection);
        Assert.Null(GraphContext.Parse("https://graph.microsoft.com/v1.0/$metadata#contacts")!.Collection);
    }
}
