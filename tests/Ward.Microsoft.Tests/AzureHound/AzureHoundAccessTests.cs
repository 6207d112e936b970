using Ward.Core.Decisions;
using Ward.Microsoft.Azure.Evaluation;
using Ward.Microsoft.Azure.Queries;
using Ward.Microsoft.Azure.Rbac;

namespace Ward.Microsoft.Tests.AzureHound;

/// <summary>End to end: AzureHound output plus role definitions, decided by the Azure authorizer with the directory's group membership.</summary>
public sealed class AzureHoundAccessTests
{
    private const string RoleAssignmentWrite = "Microsoft.Authorization/roleAssignments/write";

    [Fact]
    public void A_member_of_a_nested_group_holding_User_Access_Administrator_may_assign_Owner()
    {
        // Given the tenant file and the built-in role definitions; Dana is in "Cloud Ops Contractors", nested in
        // "Cloud Ops", which holds User Access Administrator on the subscription
        var loaded = MicrosoftEstateLoader.Load([AzureHoundFixtures.Tenant, AzureHoundFixtures.RoleDefinitions], TestContext.Current.CancellationToken);
        var queries = new AzureAccessQueries(loaded.Azure, new DirectoryGroupMembership(loaded.Entra));

        // When we ask whether she may assign Owner in the resource group, and whether Frank (Finance only) may
        var dana = queries.Can(Request(AzureHoundFixtures.Dana));
        var frank = queries.Can(Request(AzureHoundFixtures.Frank));

        // Then she may, through the group, and he may not
        Assert.Equal(DecisionKind.Allowed, dana.Decision.Kind);
        Assert.Equal(DecisionKind.ImplicitDeny, frank.Decision.Kind);
    }

    [Fact]
    public void Without_role_definitions_an_Owner_assignment_decides_nothing()
    {
        // Given the tenant file alone, where Alice holds Owner on the northwind-prod management group
        var loaded = MicrosoftEstateLoader.Load([AzureHoundFixtures.Tenant], TestContext.Current.CancellationToken);
        var queries = new AzureAccessQueries(loaded.Azure, new DirectoryGroupMembership(loaded.Entra));

        // When we ask whether she may assign roles on the subscription
        var alice = queries.Can(Request(AzureHoundFixtures.Alice));

        // Then the answer is indeterminate: AzureHound does not say what Owner grants
        Assert.Equal(DecisionKind.Indeterminate, alice.Decision.Kind);
    }

    private static AzureRequest Request(string principal) => new AzureRequest
    {
        PrincipalId = principal,
        Action = RoleAssignmentWrite,
        Scope = AzureScope.Parse(AzureHoundFixtures.ResourceGroup),
    }.WithRoleDefinitionInRequest(AzureHoundFixtures.Owner);
}
