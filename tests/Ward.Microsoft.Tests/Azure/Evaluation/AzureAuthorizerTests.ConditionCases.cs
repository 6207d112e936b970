using Ward.Core.Decisions;
using Ward.Microsoft.Azure.Evaluation;
using Ward.Microsoft.Azure.Ingest;
using Ward.Microsoft.Azure.Rbac;
using Ward.Microsoft.Tests.Azure.Testing;
using static Ward.Microsoft.Tests.Azure.Testing.TestEstate;

namespace Ward.Microsoft.Tests.Azure.Evaluation;

/// <summary>
/// Conditions on exports in the az CLI's shapes (Fixtures/Azure/conditions): the "all roles except" delegation written
/// with either quantifier, a conditional grant beside a deny on a group whose members are not exported, and a
/// container-name condition decided from the scope.
/// </summary>
public sealed partial class AzureAuthorizerTests
{
    private const string CaseSubscription = "/subscriptions/11111111-1111-1111-1111-111111111111";
    private const string ExceptRolesAnyOfAny = "aaaaaaaa-0000-0000-0000-000000000001";
    private const string ExceptRolesAnyOfAll = "aaaaaaaa-0000-0000-0000-000000000002";
    private const string CaseUser = "aaaaaaaa-0000-0000-0000-000000000001";
    private const string CaseUnconditionedUser = "aaaaaaaa-0000-0000-0000-000000000002";
    private const string ContainerLogsOnly = "((!(ActionMatches{'Microsoft.Storage/storageAccounts/blobServices/containers/blobs/read'})) OR (@Resource[Microsoft.Storage/storageAccounts/blobServices/containers:name] StringEquals 'logs'))";
    private const string StorageAccountSa1 = CaseSubscription + "/resourceGroups/rg1/providers/Microsoft.Storage/storageAccounts/sa1";

    private static AzureAuthorizer CaseAuthorizer(string name) =>
        new(AzureEstateLoader.Load([Path.Combine(AppContext.BaseDirectory, "Fixtures", "Azure", "conditions", name)]));

    private static AzureRequest AssignmentWrite(string principal, string role) =>
        new AzureRequest { PrincipalId = principal, Action = RoleAssignmentWrite, Scope = AzureScope.Parse(CaseSubscription) }.WithRoleDefinitionInRequest(role);

    [Fact]
    public void All_roles_except_written_with_for_any_of_any_values_is_conditional_on_owner_and_names_the_two_readings()
    {
        // Given RBAC Administrator under `ForAnyOfAnyValues:GuidNotEquals {Owner, RBAC Administrator, UAA}`, the operator
        // an earlier version of Microsoft's "allow all roles except" example used
        var authorizer = CaseAuthorizer("delegation-except-roles");

        // When the holder assigns Owner
        var decision = authorizer.Authorize(AssignmentWrite(ExceptRolesAnyOfAny, AzureFixtures.Owner));

        // Then neither reading is reported as fact: Conditional, naming both
        var conditional = Assert.IsType<Conditional>(decision);
        Assert.Equal(DecisionKind.ImplicitDeny, conditional.Otherwise);
        Assert.Contains("is read two ways for `8e3af657-a8ff-443c-a75c-2fe8c4bcb635`", decision.Explanation.Summary, StringComparison.Ordinal);
        Assert.Contains("pair by pair", decision.Explanation.Summary, StringComparison.Ordinal);
        Assert.Contains("none of these", decision.Explanation.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public void All_roles_except_written_with_for_any_of_any_values_still_allows_a_role_outside_the_list()
    {
        // Given the same delegation: for Reader both readings agree
        var authorizer = CaseAuthorizer("delegation-except-roles");

        // Then assigning Reader is allowed, and deleting a User Access Administrator assignment is as undecided as assigning one
        Assert.Equal(DecisionKind.Allowed, authorizer.Authorize(AssignmentWrite(ExceptRolesAnyOfAny, AzureFixtures.Reader)).Kind);
        var delete = AssignmentWrite(ExceptRolesAnyOfAny, AzureFixtures.UserAccessAdministrator) with { Action = "Microsoft.Authorization/roleAssignments/delete" };
        Assert.Equal(DecisionKind.Conditional, authorizer.Authorize(delete).Kind);
    }

    [Theory]
    [InlineData(AzureFixtures.Owner, DecisionKind.ImplicitDeny)]
    [InlineData(AzureFixtures.UserAccessAdministrator, DecisionKind.ImplicitDeny)]
    [InlineData(AzureFixtures.Reader, DecisionKind.Allowed)]
    public void All_roles_except_written_with_for_any_of_all_values_refuses_the_listed_roles(string role, DecisionKind expected)
    {
        // Given the same delegation as Microsoft's example writes it today (ForAnyOfAllValues:GuidNotEquals)
        var authorizer = CaseAuthorizer("delegation-except-roles");

        // Then the listed roles are refused and others allowed, with no ambiguity
        Assert.Equal(expected, authorizer.Authorize(AssignmentWrite(ExceptRolesAnyOfAll, role)).Kind);
    }

    [Fact]
    public void A_conditional_grant_beside_a_deny_on_an_unlisted_group_is_indeterminate()
    {
        // Given Storage Blob Data Reader on sa1 limited to container `logs`, and a deny of blob reads on sa1 to a group
        // whose members are not exported
        var authorizer = CaseAuthorizer("deny-on-unlisted-group");
        var read = new AzureRequest { PrincipalId = CaseUser, Action = BlobRead, Scope = AzureScope.Parse(StorageAccountSa1), ActionKind = AzureActionKind.Data };

        // When the holder reads blobs of the account (which container is not said, so the grant is conditional)
        var decision = authorizer.Authorize(read);

        // Then the deny that may apply is not left out: Indeterminate, naming the deny and the grant's condition
        var indeterminate = Assert.IsType<Indeterminate>(decision);
        Assert.Contains("deny assignment `deny-unlisted-group` names group `bbbbbbbb-0000-0000-0000-000000000009`", indeterminate.Reason, StringComparison.Ordinal);
        Assert.Contains("otherwise allowed only if the assignment condition holds", decision.Explanation.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unconditioned_grant_beside_the_same_deny_is_indeterminate_too()
    {
        // Given the twin holder of the same role without a condition
        var authorizer = CaseAuthorizer("deny-on-unlisted-group");
        var read = new AzureRequest { PrincipalId = CaseUnconditionedUser, Action = BlobRead, Scope = AzureScope.Parse(StorageAccountSa1), ActionKind = AzureActionKind.Data };

        // Then the answer is the same kind, for the same reason
        var indeterminate = Assert.IsType<Indeterminate>(authorizer.Authorize(read));
        Assert.Contains("whose members are not in the export", indeterminate.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_conditional_grant_with_the_groups_members_known_stays_conditional()
    {
        // Given a blob-read deny on a group whose members are known and do not include the user, and a conditional grant
        var estate = new TestEstate()
            .Role(AzureFixtures.StorageBlobDataReader, "Storage Blob Data Reader", Block([], dataActions: [BlobRead]))
            .Assign(User, AzureFixtures.StorageBlobDataReader, SubscriptionScope, condition: ContainerLogsOnly)
            .Deny("readers elsewhere", SubscriptionScope, Block([], dataActions: [BlobRead]), [new DenyPrincipal(Group, "Group")]).Build();

        // Then the deny does not apply and the grant's condition is the only requirement
        var decision = Authorize(estate, BlobRead, SubscriptionScope, AzureActionKind.Data, groups: GroupMembership.FromDirectMembers([(Group, OtherUser)]));
        Assert.Equal(DecisionKind.Conditional, decision.Kind);
    }

    [Fact]
    public void A_conditional_grant_from_a_management_group_over_an_unplaced_subscription_is_indeterminate()
    {
        // Given a container-limited blob reader at a management group, and a subscription the hierarchy does not place
        var estate = new TestEstate()
            .Role(AzureFixtures.StorageBlobDataReader, "Storage Blob Data Reader", Block([], dataActions: [BlobRead]))
            .ManagementGroup("corp", null)
            .Assign(User, AzureFixtures.StorageBlobDataReader, "/providers/Microsoft.Management/managementGroups/corp", condition: ContainerLogsOnly).Build();

        // Then "allowed only if the condition holds" would hide that the assignment may not reach it at all
        var decision = Assert.IsType<Indeterminate>(Authorize(estate, BlobRead, SubscriptionScope, AzureActionKind.Data));
        Assert.Contains("is not placed in the management-group hierarchy", decision.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/blobServices/default/containers/secrets", DecisionKind.ImplicitDeny)]
    [InlineData("/blobServices/default/containers/logs", DecisionKind.Allowed)]
    [InlineData("", DecisionKind.Conditional)]
    public void A_container_name_condition_is_decided_from_a_scope_at_the_container(string below, DecisionKind expected)
    {
        // Given Storage Blob Data Reader on sa1 under `containers:name StringEquals 'logs'`
        var authorizer = CaseAuthorizer("container-condition");

        // When the holder reads blobs at a container, or at the account (which names no container)
        var decision = authorizer.Authorize(new AzureRequest { PrincipalId = CaseUser, Action = BlobRead, Scope = AzureScope.Parse(StorageAccountSa1 + below), ActionKind = AzureActionKind.Data });

        // Then the container in the scope decides the condition; the account leaves it conditional
        Assert.Equal(expected, decision.Kind);
    }

    [Fact]
    public void A_container_name_given_by_the_request_is_not_overridden_by_the_scope()
    {
        // Given the same grant, asked at the account with the container given as an attribute
        var authorizer = CaseAuthorizer("container-condition");
        var read = new AzureRequest { PrincipalId = CaseUser, Action = BlobRead, Scope = AzureScope.Parse(StorageAccountSa1), ActionKind = AzureActionKind.Data };

        // Then the attribute decides
        Assert.Equal(DecisionKind.ImplicitDeny, authorizer.Authorize(read.WithAttribute(ScopeAttributes.ContainerName, "secrets")).Kind);
        Assert.Equal(DecisionKind.Allowed, authorizer.Authorize(read.WithAttribute(ScopeAttributes.ContainerName, "logs")).Kind);
    }
}
