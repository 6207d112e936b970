using Ward.Core.Decisions;
using Ward.Microsoft.Azure.Evaluation;
using Ward.Microsoft.Tests.Azure.Testing;

namespace Ward.Microsoft.Tests.Azure.Evaluation;

/// <summary>ABAC conditions on the sample estate: Carol's constrained delegation and Erin's container condition.</summary>
public sealed partial class AzureAuthorizerTests
{
    private static readonly AzureAuthorizer Sample = new(AzureFixtures.Estate);

    [Fact]
    public void Constrained_delegation_allows_assigning_a_role_outside_the_privileged_set()
    {
        // Given Carol, Role Based Access Control Administrator with the "not Owner, UAA or RBAC Administrator" condition
        var request = CarolWrites().WithRoleDefinitionInRequest(AzureFixtures.Reader);

        // When she assigns Reader
        var decision = Sample.Authorize(request);

        // Then the condition is decided and holds
        Assert.Equal(DecisionKind.Allowed, decision.Kind);
        Assert.Contains("Role Based Access Control Administrator", decision.Explanation.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public void Constrained_delegation_refuses_assigning_owner()
    {
        // Given the same delegation
        var request = CarolWrites().WithRoleDefinitionInRequest($"/subscriptions/{AzureFixtures.Production}/providers/Microsoft.Authorization/roleDefinitions/{AzureFixtures.Owner}");

        // When she assigns Owner
        var decision = Sample.Authorize(request);

        // Then the condition fails: an implicit deny that quotes the condition
        Assert.Equal(DecisionKind.ImplicitDeny, decision.Kind);
        Assert.Contains("the condition does not hold for this request", decision.Explanation.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public void Constrained_delegation_without_the_requested_role_is_conditional_on_the_condition()
    {
        // Given the same delegation and no role named in the request
        var decision = Sample.Authorize(CarolWrites());

        // Then the decision is Conditional, with the condition text as the requirement
        var conditional = Assert.IsType<Conditional>(decision);
        Assert.Equal(DecisionKind.ImplicitDeny, conditional.Otherwise);
        Assert.StartsWith("((!(ActionMatches{'Microsoft.Authorization/roleAssignments/write'}))", Assert.Single(conditional.Requirements), StringComparison.Ordinal);
    }

    [Fact]
    public void A_condition_that_does_not_name_the_action_does_not_restrict_it()
    {
        // Given the same delegation
        // When Carol reads a VM (the condition constrains role assignment writes and deletes only)
        var decision = Sample.Authorize(new AzureRequest { PrincipalId = AzureFixtures.Carol, Action = "Microsoft.Compute/virtualMachines/read", Scope = AzureFixtures.VirtualMachine });

        // Then it is allowed outright
        Assert.Equal(DecisionKind.Allowed, decision.Kind);
    }

    [Fact]
    public void Deleting_an_assignment_is_decided_from_the_existing_assignments_role()
    {
        // Given the same delegation, whose delete clause tests @Resource[…RoleDefinitionId]
        var delete = CarolWrites() with { Action = "Microsoft.Authorization/roleAssignments/delete" };

        // Then deleting a User Access Administrator assignment is refused, deleting a Reader one allowed
        Assert.Equal(DecisionKind.ImplicitDeny, Sample.Authorize(delete.WithAttribute(AzureRequest.ExistingRoleDefinitionAttribute, AzureFixtures.UserAccessAdministrator)).Kind);
        Assert.Equal(DecisionKind.Allowed, Sample.Authorize(delete.WithAttribute(AzureRequest.ExistingRoleDefinitionAttribute, AzureFixtures.Reader)).Kind);
    }

    [Fact]
    public void A_container_condition_is_decided_when_the_container_is_given()
    {
        // Given Erin, Storage Blob Data Reader on the account with "only container `invoices`"
        var read = new AzureRequest { PrincipalId = AzureFixtures.Erin, Action = "Microsoft.Storage/storageAccounts/blobServices/containers/blobs/read", Scope = AzureFixtures.StorageAccount, ActionKind = AzureActionKind.Data };
        const string Container = "@Resource[Microsoft.Storage/storageAccounts/blobServices/containers:name]";

        // Then reading from invoices is allowed, from payroll denied, and without the container conditional
        Assert.Equal(DecisionKind.Allowed, Sample.Authorize(read.WithAttribute(Container, "invoices")).Kind);
        Assert.Equal(DecisionKind.ImplicitDeny, Sample.Authorize(read.WithAttribute(Container, "payroll")).Kind);
        Assert.Equal(DecisionKind.Conditional, Sample.Authorize(read).Kind);

        // And listing (the Blob.List sub-operation) is not restricted
        Assert.Equal(DecisionKind.Allowed, Sample.Authorize(read with { SubOperation = "Blob.List" }).Kind);
    }

    [Fact]
    public void A_condition_that_does_not_parse_makes_the_decision_conditional_not_allowed()
    {
        // Given an assignment whose condition is malformed
        var estate = new TestEstate().Role(RoleA, "Owner", TestEstate.Actions("*")).Assign(TestEstate.User, RoleA, TestEstate.SubscriptionScope, condition: "((ActionMatches{'x'} OR").Build();

        // Then Ward does not guess
        var decision = Authorize(estate, VmWrite, Vm);
        Assert.Equal(DecisionKind.Conditional, decision.Kind);
        var layer = Assert.Single(decision.Explanation.Layers);
        Assert.Equal(LayerOutcome.Undecided, layer.Outcome);
        Assert.Contains(layer.Statements, s => s.Statement.Contains("could not be parsed", StringComparison.Ordinal));
    }

    private static AzureRequest CarolWrites() => new()
    {
        PrincipalId = AzureFixtures.Carol,
        Action = "Microsoft.Authorization/roleAssignments/write",
        Scope = AzureFixtures.ResourceGroup(AzureFixtures.Production, "rg-app"),
    };

    [Fact]
    public void A_block_whose_condition_fails_does_not_hide_another_block_that_grants()
    {
        // Given a role with two blocks that both match VM writes: one conditioned to everything but VM writes, one plain
        var notVmWrites = "((!(ActionMatches{'Microsoft.Compute/virtualMachines/write'})))";
        var conditioned = TestEstate.Actions("Microsoft.Compute/*") with { Condition = notVmWrites, ConditionVersion = "2.0" };
        var estate = new TestEstate().Role(RoleA, "Two blocks", conditioned, TestEstate.Actions("Microsoft.Compute/virtualMachines/*")).Assign(TestEstate.User, RoleA, TestEstate.SubscriptionScope).Build();
        var reversed = new TestEstate().Role(RoleA, "Two blocks", TestEstate.Actions("Microsoft.Compute/virtualMachines/*"), conditioned).Assign(TestEstate.User, RoleA, TestEstate.SubscriptionScope).Build();

        // When the user writes a VM
        // Then the plain block grants, whichever comes first; with the conditioned block alone it is refused
        Assert.Equal(DecisionKind.Allowed, Authorize(estate, VmWrite, Vm).Kind);
        Assert.Equal(DecisionKind.Allowed, Authorize(reversed, VmWrite, Vm).Kind);
        var alone = new TestEstate().Role(RoleA, "One block", conditioned).Assign(TestEstate.User, RoleA, TestEstate.SubscriptionScope).Build();
        var refused = Authorize(alone, VmWrite, Vm);
        Assert.Equal(DecisionKind.ImplicitDeny, refused.Kind);
        Assert.Contains("its condition does not hold for this request", refused.Explanation.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public void A_deny_block_whose_condition_fails_does_not_hide_another_deny_block()
    {
        // Given Owner, and a deny with a conditioned block that spares VM writes and a plain block that denies them
        var spareVmWrites = TestEstate.Actions("Microsoft.Compute/*") with { Condition = "((!(ActionMatches{'Microsoft.Compute/virtualMachines/write'})))", ConditionVersion = "2.0" };
        var estate = new TestEstate().Role(RoleA, "Owner", TestEstate.Actions("*")).Assign(TestEstate.User, RoleA, TestEstate.SubscriptionScope).Build();
        estate = estate with
        {
            DenyAssignments =
            [
                new Microsoft.Azure.Rbac.DenyAssignment
                {
                    Id = TestEstate.SubscriptionScope + "/providers/Microsoft.Authorization/denyAssignments/d1",
                    Name = "d1",
                    DenyAssignmentName = "two blocks",
                    Permissions = [spareVmWrites, TestEstate.Actions("Microsoft.Compute/virtualMachines/write")],
                    Scope = Microsoft.Azure.Rbac.AzureScope.Parse(TestEstate.SubscriptionScope),
                    Principals = TestEstate.Everyone,
                },
            ],
        };

        // Then the plain block denies the VM write
        Assert.Equal(DecisionKind.ExplicitDeny, Authorize(estate, VmWrite, Vm).Kind);
    }
}
