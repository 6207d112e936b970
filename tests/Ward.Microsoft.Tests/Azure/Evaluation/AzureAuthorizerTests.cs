using Ward.Core.Decisions;
using Ward.Microsoft.Azure.Evaluation;
using Ward.Microsoft.Azure.Rbac;
using Ward.Microsoft.Tests.Azure.Testing;
using static Ward.Microsoft.Tests.Azure.Testing.TestEstate;

namespace Ward.Microsoft.Tests.Azure.Evaluation;

public sealed partial class AzureAuthorizerTests
{
    private const string VmWrite = "Microsoft.Compute/virtualMachines/write";
    private const string RoleAssignmentWrite = "Microsoft.Authorization/roleAssignments/write";
    private const string BlobRead = "Microsoft.Storage/storageAccounts/blobServices/containers/blobs/read";
    private const string RoleA = "aaaaaaaa-0000-4000-8000-00000000000a";
    private const string RoleB = "bbbbbbbb-0000-4000-8000-00000000000b";

    private static readonly string Vm = ResourceGroupScope("rg-app") + "/providers/Microsoft.Compute/virtualMachines/vm1";

    [Fact]
    public void An_assignment_at_a_subscription_is_inherited_by_a_resource_below_it()
    {
        // Given Contributor-like access at the subscription
        var estate = new TestEstate().Role(RoleA, "Contributor", Block(["*"], ["Microsoft.Authorization/*/Write"])).Assign(User, RoleA, SubscriptionScope).Build();

        // When the user writes a VM in a resource group of it
        var decision = Authorize(estate, VmWrite, Vm);

        // Then it is allowed, and the explanation names the role and where it was inherited from
        Assert.Equal(DecisionKind.Allowed, decision.Kind);
        Assert.Contains($"role `Contributor` inherited from `{SubscriptionScope}`", decision.Explanation.Summary, StringComparison.Ordinal);
        Assert.Contains("actions `*`", decision.Explanation.Summary, StringComparison.Ordinal);
        var layer = Assert.Single(decision.Explanation.Layers);
        Assert.True(layer.Decisive);
        Assert.Equal(LayerOutcome.Allows, layer.Outcome);
    }

    [Fact]
    public void An_assignment_at_a_resource_group_does_not_reach_its_subscription_or_a_sibling()
    {
        // Given access at rg-app only
        var estate = new TestEstate().Role(RoleA, "Owner", Actions("*")).Assign(User, RoleA, ResourceGroupScope("rg-app")).Build();

        // Then a VM in rg-other and the subscription itself are out of reach
        Assert.Equal(DecisionKind.ImplicitDeny, Authorize(estate, VmWrite, ResourceGroupScope("rg-other") + "/providers/Microsoft.Compute/virtualMachines/vm2").Kind);
        Assert.Equal(DecisionKind.ImplicitDeny, Authorize(estate, "Microsoft.Resources/subscriptions/resourceGroups/write", SubscriptionScope).Kind);
        Assert.Equal(DecisionKind.Allowed, Authorize(estate, VmWrite, Vm).Kind);
    }

    [Fact]
    public void A_management_group_assignment_reaches_subscriptions_placed_below_it()
    {
        // Given Reader at `corp`, which holds the subscription
        var estate = new TestEstate().Role(RoleA, "Reader", Actions("*/read"))
            .ManagementGroup("root", null).ManagementGroup("corp", "root").PlaceSubscription(Subscription, "corp")
            .Assign(User, RoleA, "/providers/Microsoft.Management/managementGroups/corp").Build();

        // Then reads in the subscription are allowed by inheritance, writes are not
        var read = Authorize(estate, "Microsoft.Compute/virtualMachines/read", Vm);
        Assert.Equal(DecisionKind.Allowed, read.Kind);
        Assert.Contains("inherited from `/providers/Microsoft.Management/managementGroups/corp`", read.Explanation.Summary, StringComparison.Ordinal);
        Assert.Equal(DecisionKind.ImplicitDeny, Authorize(estate, VmWrite, Vm).Kind);
    }

    [Fact]
    public void Not_actions_subtract_but_never_deny()
    {
        // Given Contributor (which excludes Microsoft.Authorization/*/Write) and a second role granting role assignment writes
        var estate = new TestEstate()
            .Role(RoleA, "Contributor", Block(["*"], ["Microsoft.Authorization/*/Write"]))
            .Role(RoleB, "User Access Administrator", Actions("*/read", "Microsoft.Authorization/*"))
            .Assign(User, RoleA, SubscriptionScope)
            .Assign(User, RoleB, ResourceGroupScope("rg-app"))
            .Build();

        // When the user writes a role assignment in rg-app
        var decision = Authorize(estate, RoleAssignmentWrite, ResourceGroupScope("rg-app"));

        // Then the second role allows it: Contributor's NotActions only removed it from Contributor
        Assert.Equal(DecisionKind.Allowed, decision.Kind);
        Assert.Contains("User Access Administrator", decision.Explanation.Summary, StringComparison.Ordinal);
        var contributor = Assert.Single(decision.Explanation.Layers, l => l.Layer.Contains("Contributor", StringComparison.Ordinal));
        Assert.Equal(LayerOutcome.NoMatchingAllow, contributor.Outcome);
        Assert.Contains("notActions `Microsoft.Authorization/*/Write` removes it", Assert.Single(contributor.Statements).Statement, StringComparison.Ordinal);
    }

    [Fact]
    public void Not_actions_alone_leave_an_implicit_deny_that_names_the_exclusion()
    {
        // Given Contributor only
        var estate = new TestEstate().Role(RoleA, "Contributor", Block(["*"], ["Microsoft.Authorization/*/Write"])).Assign(User, RoleA, SubscriptionScope).Build();

        // When the user writes a role assignment
        var decision = Authorize(estate, RoleAssignmentWrite, SubscriptionScope);

        // Then it is an implicit deny (not explicit), explained by the NotActions pattern
        Assert.Equal(DecisionKind.ImplicitDeny, decision.Kind);
        Assert.Contains("notActions `Microsoft.Authorization/*/Write` removes it", decision.Explanation.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public void Not_actions_act_only_within_their_own_block()
    {
        // Given one role with two blocks: the first excludes VM writes, the second grants them
        var estate = new TestEstate()
            .Role(RoleA, "Split", Block(["Microsoft.Compute/*"], ["Microsoft.Compute/virtualMachines/write"]), Actions("Microsoft.Compute/virtualMachines/write"))
            .Assign(User, RoleA, SubscriptionScope).Build();

        // Then the second block allows the write
        var decision = Authorize(estate, VmWrite, Vm);
        Assert.Equal(DecisionKind.Allowed, decision.Kind);
        Assert.Contains("permissions[1]", decision.Explanation.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public void Data_actions_are_decided_only_against_data_actions()
    {
        // Given Owner (`*` in actions only) and a blob data reader role, assigned to two users
        var estate = new TestEstate()
            .Role(RoleA, "Owner", Actions("*"))
            .Role(RoleB, "Storage Blob Data Reader", Block(["Microsoft.Storage/storageAccounts/blobServices/containers/read"], dataActions: [BlobRead]))
            .Assign(User, RoleA, SubscriptionScope)
            .Assign(OtherUser, RoleB, SubscriptionScope).Build();

        // When each reads a blob as a data action
        var owner = Authorize(estate, BlobRead, SubscriptionScope, AzureActionKind.Data);
        var reader = Authorize(estate, BlobRead, SubscriptionScope, AzureActionKind.Data, OtherUser);

        // Then Owner's `*` does not reach the data plane, the data role does
        Assert.Equal(DecisionKind.ImplicitDeny, owner.Kind);
        Assert.Contains("no dataActions pattern matches", owner.Explanation.Layers[0].Statements[0].Statement, StringComparison.Ordinal);
        Assert.Equal(DecisionKind.Allowed, reader.Kind);
        Assert.Contains("dataActions `" + BlobRead + "`", reader.Explanation.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public void Data_actions_do_not_grant_the_same_operation_as_a_control_action()
    {
        // Given a role with the blob read in dataActions only
        var estate = new TestEstate().Role(RoleA, "Data only", Block([], dataActions: [BlobRead])).Assign(User, RoleA, SubscriptionScope).Build();

        // Then asked as a control action, it is not granted
        Assert.Equal(DecisionKind.ImplicitDeny, Authorize(estate, BlobRead, SubscriptionScope, AzureActionKind.Control).Kind);
    }

    [Fact]
    public void Not_data_actions_subtract_from_data_actions()
    {
        // Given a role with every blob data action except delete
        var estate = new TestEstate()
            .Role(RoleA, "Blob Contributor", Block([], dataActions: ["Microsoft.Storage/storageAccounts/blobServices/containers/blobs/*"], notDataActions: ["Microsoft.Storage/storageAccounts/blobServices/containers/blobs/delete"]))
            .Assign(User, RoleA, SubscriptionScope).Build();

        // Then write is allowed and delete is not
        Assert.Equal(DecisionKind.Allowed, Authorize(estate, "Microsoft.Storage/storageAccounts/blobServices/containers/blobs/write", SubscriptionScope, AzureActionKind.Data).Kind);
        Assert.Equal(DecisionKind.ImplicitDeny, Authorize(estate, "Microsoft.Storage/storageAccounts/blobServices/containers/blobs/delete", SubscriptionScope, AzureActionKind.Data).Kind);
    }

    [Fact]
    public void Wildcards_span_slashes_and_matching_ignores_case()
    {
        // Given `Microsoft.Compute/*` assigned at a resource group written in lower case
        var estate = new TestEstate().Role(RoleA, "Compute", Actions("Microsoft.Compute/*")).Assign(User, RoleA, ResourceGroupScope("rg-app").ToLowerInvariant()).Build();

        // When a nested extension write is asked in another casing, at a scope in another casing
        var decision = Authorize(estate, "MICROSOFT.COMPUTE/virtualMachines/extensions/WRITE", Vm.ToUpperInvariant());

        // Then it is allowed
        Assert.Equal(DecisionKind.Allowed, decision.Kind);
    }

    [Fact]
    public void A_deny_assignment_for_everyone_wins_over_owner()
    {
        // Given Owner at the subscription and a managed application's deny on its resource group
        var estate = new TestEstate()
            .Role(RoleA, "Owner", Actions("*"))
            .Assign(User, RoleA, SubscriptionScope)
            .Deny("managed app lock", ResourceGroupScope("rg-managed"), Block(["*"], ["*/read"]), Everyone).Build();

        // When the owner writes inside that group, and reads there
        var write = Authorize(estate, VmWrite, ResourceGroupScope("rg-managed") + "/providers/Microsoft.Compute/virtualMachines/fw");
        var read = Authorize(estate, "Microsoft.Compute/virtualMachines/read", ResourceGroupScope("rg-managed"));

        // Then the write is explicitly denied by the deny assignment, the read (excluded from it) is allowed
        Assert.Equal(DecisionKind.ExplicitDeny, write.Kind);
        Assert.Contains("deny assignment `managed app lock`", write.Explanation.Summary, StringComparison.Ordinal);
        Assert.Contains("applies to everyone", write.Explanation.Summary, StringComparison.Ordinal);
        Assert.True(Assert.Single(write.Explanation.Layers, l => l.Outcome == LayerOutcome.Denies).Decisive);
        Assert.Equal(DecisionKind.Allowed, read.Kind);
    }

    [Fact]
    public void An_excluded_principal_is_not_denied()
    {
        // Given a deny for everyone that excludes the user
        var estate = new TestEstate()
            .Role(RoleA, "Owner", Actions("*"))
            .Assign(User, RoleA, SubscriptionScope)
            .Assign(OtherUser, RoleA, SubscriptionScope)
            .Deny("lock", SubscriptionScope, Actions("*"), Everyone, excluded: [new DenyPrincipal(User, "User")]).Build();

        // Then the excluded user is allowed and the other denied
        Assert.Equal(DecisionKind.Allowed, Authorize(estate, VmWrite, Vm).Kind);
        Assert.Equal(DecisionKind.ExplicitDeny, Authorize(estate, VmWrite, Vm, principal: OtherUser).Kind);
    }

    [Fact]
    public void A_deny_that_does_not_apply_to_child_scopes_stops_at_its_scope()
    {
        // Given a deployment stack deny on deletes at the subscription only
        var estate = new TestEstate()
            .Role(RoleA, "Owner", Actions("*"))
            .Assign(User, RoleA, SubscriptionScope)
            .Deny("stack", SubscriptionScope, Actions("*/delete"), [new DenyPrincipal(User, "User")], doNotApplyToChildScopes: true).Build();

        // Then deleting at the subscription is denied, deleting a VM below it is not
        Assert.Equal(DecisionKind.ExplicitDeny, Authorize(estate, "Microsoft.Resources/subscriptions/delete", SubscriptionScope).Kind);
        Assert.Equal(DecisionKind.Allowed, Authorize(estate, "Microsoft.Compute/virtualMachines/delete", Vm).Kind);
    }

    [Fact]
    public void Group_assignments_and_group_denies_apply_to_members()
    {
        // Given Owner for a group at the subscription, and a deny on deletes for the same group in rg-app
        var estate = new TestEstate()
            .Role(RoleA, "Owner", Actions("*"))
            .Assign(Group, RoleA, SubscriptionScope, principalName: "Platform Engineers", principalType: "Group")
            .Deny("no deletes", ResourceGroupScope("rg-app"), Actions("*/delete"), [new DenyPrincipal(Group, "Group")]).Build();
        var membership = GroupMembership.FromDirectMembers([(Group, User)]);

        // When a member writes and deletes a VM in rg-app
        var write = Authorize(estate, VmWrite, Vm, groups: membership);
        var delete = Authorize(estate, "Microsoft.Compute/virtualMachines/delete", Vm, groups: membership);

        // Then the group's role allows the write (named via the group), and the group's deny wins on delete
        Assert.Equal(DecisionKind.Allowed, write.Kind);
        Assert.Contains($"via group `Platform Engineers` ({Group})", write.Explanation.Summary, StringComparison.Ordinal);
        Assert.Equal(DecisionKind.ExplicitDeny, delete.Kind);
        Assert.Contains($"through group `{Group}`", delete.Explanation.Summary, StringComparison.Ordinal);

        // And without membership data the user holds nothing
        Assert.Equal(DecisionKind.ImplicitDeny, Authorize(estate, VmWrite, Vm).Kind);
    }

    [Fact]
    public void Nested_group_membership_is_followed()
    {
        // Given a role for an outer group, and the user in an inner group nested in it
        var inner = "1a2b3c4d-0000-4000-8000-0000000000b2";
        var estate = new TestEstate().Role(RoleA, "Owner", Actions("*")).Assign(Group, RoleA, SubscriptionScope, principalType: "Group").Build();
        var membership = GroupMembership.FromDirectMembers([(Group, inner), (inner, User)]);

        // Then the user is allowed through both
        Assert.Equal(DecisionKind.Allowed, Authorize(estate, VmWrite, Vm, groups: membership).Kind);
    }

    [Fact]
    public void An_assignment_at_the_root_scope_reaches_every_subscription()
    {
        // Given User Access Administrator at `/` (elevated access) and no hierarchy at all
        var estate = new TestEstate().Role(RoleA, "User Access Administrator", Actions("*/read", "Microsoft.Authorization/*")).Assign(User, RoleA, "/").Build();

        // Then it reaches a resource group of any subscription
        Assert.Equal(DecisionKind.Allowed, Authorize(estate, RoleAssignmentWrite, ResourceGroupScope("rg-app")).Kind);
    }

    [Fact]
    public void A_missing_role_definition_makes_the_decision_indeterminate()
    {
        // Given an assignment of a role the export lacks
        var estate = new TestEstate().Role(RoleA, "Reader", Actions("*/read")).Assign(User, RoleB, SubscriptionScope).Build();

        // When the user writes a VM
        var decision = Authorize(estate, VmWrite, Vm);

        // Then Ward refuses to guess
        var indeterminate = Assert.IsType<Indeterminate>(decision);
        Assert.Contains($"role definition `/providers/Microsoft.Authorization/roleDefinitions/{RoleB}` is not in the export", indeterminate.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_role_definition_cannot_change_a_definite_allow_or_deny()
    {
        // Given a missing role next to a known one that allows, and a deny for another action
        var estate = new TestEstate()
            .Role(RoleA, "Owner", Actions("*"))
            .Assign(User, RoleB, SubscriptionScope)
            .Assign(User, RoleA, SubscriptionScope)
            .Deny("no deletes", SubscriptionScope, Actions("*/delete"), Everyone).Build();

        // Then the allow and the deny stand
        Assert.Equal(DecisionKind.Allowed, Authorize(estate, VmWrite, Vm).Kind);
        Assert.Equal(DecisionKind.ExplicitDeny, Authorize(estate, "Microsoft.Compute/virtualMachines/delete", Vm).Kind);
    }

    [Fact]
    public void A_deny_naming_a_group_whose_members_are_unknown_makes_the_decision_indeterminate()
    {
        // Given Owner, and a deny of VM writes to a group
        var estate = new TestEstate()
            .Role(RoleA, "Owner", Actions("*")).Assign(User, RoleA, SubscriptionScope)
            .Deny("contractors may not write VMs", SubscriptionScope, Actions("Microsoft.Compute/virtualMachines/write"), [new DenyPrincipal(Group, "Group")]).Build();

        // When nobody says who is in the group, the write is indeterminate, naming the group
        var unknown = Assert.IsType<Indeterminate>(Authorize(estate, VmWrite, Vm));
        Assert.Contains($"names group `{Group}`, whose members are not in the export", unknown.Reason, StringComparison.Ordinal);

        // Then with the group's members known (someone else), it is allowed; with the user in it, denied
        Assert.Equal(DecisionKind.Allowed, Authorize(estate, VmWrite, Vm, groups: GroupMembership.FromDirectMembers([(Group, OtherUser)])).Kind);
        Assert.Equal(DecisionKind.ExplicitDeny, Authorize(estate, VmWrite, Vm, groups: GroupMembership.FromDirectMembers([(Group, User)])).Kind);
    }

    [Fact]
    public void A_deny_excluding_a_group_whose_members_are_unknown_makes_the_decision_indeterminate()
    {
        // Given Owner, and a deny of VM writes to everyone except a group
        var estate = new TestEstate()
            .Role(RoleA, "Owner", Actions("*")).Assign(User, RoleA, SubscriptionScope)
            .Deny("only operators write VMs", SubscriptionScope, Actions("Microsoft.Compute/virtualMachines/write"), Everyone, excluded: [new DenyPrincipal(Group, "Group")]).Build();

        // Then unknown membership is indeterminate, known membership without the user denies
        Assert.IsType<Indeterminate>(Authorize(estate, VmWrite, Vm));
        Assert.Equal(DecisionKind.ExplicitDeny, Authorize(estate, VmWrite, Vm, groups: GroupMembership.FromDirectMembers([(Group, OtherUser)])).Kind);
    }

    [Fact]
    public void A_management_group_assignment_over_an_unplaced_subscription_is_indeterminate()
    {
        // Given Owner at a management group, and a subscription the hierarchy does not place
        var estate = new TestEstate().Role(RoleA, "Owner", Actions("*")).ManagementGroup("corp", null).Assign(User, RoleA, "/providers/Microsoft.Management/managementGroups/corp").Build();

        // Then whether it reaches the subscription is unknown
        var decision = Assert.IsType<Indeterminate>(Authorize(estate, VmWrite, Vm));
        Assert.Contains("is not placed in the management-group hierarchy", decision.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Eligible_assignments_are_not_active_until_asked()
    {
        // Given an eligible Owner assignment that ends in mid-2025
        var estate = new TestEstate().Role(RoleA, "Owner", Actions("*"))
            .Eligible(User, RoleA, SubscriptionScope, new DateTimeOffset(2024, 7, 1, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2025, 7, 1, 0, 0, 0, TimeSpan.Zero)).Build();
        var authorizer = new AzureAuthorizer(estate);
        var request = Request(VmWrite, Vm);

        // Then it grants nothing as is, grants once activated, and not outside its window
        Assert.Equal(DecisionKind.ImplicitDeny, authorizer.Authorize(request).Kind);
        var activated = authorizer.Authorize(request with { ActivateEligible = true });
        Assert.Equal(DecisionKind.Allowed, activated.Kind);
        Assert.Contains("eligible, counted as activated", activated.Explanation.Summary, StringComparison.Ordinal);
        Assert.Equal(DecisionKind.ImplicitDeny, authorizer.Authorize(request with { ActivateEligible = true, AsOf = new DateTimeOffset(2025, 8, 1, 0, 0, 0, TimeSpan.Zero) }).Kind);
    }

    [Fact]
    public void A_conditional_deny_makes_an_allow_conditional_on_it_not_holding()
    {
        // Given Owner and a deny on blob reads of one container
        var estate = new TestEstate()
            .Role(RoleA, "Data Owner", Block([], dataActions: ["*"]))
            .Assign(User, RoleA, SubscriptionScope)
            .Deny("payroll", SubscriptionScope, Block([], dataActions: [BlobRead]), Everyone, condition: "@Resource[Microsoft.Storage/storageAccounts/blobServices/containers:name] StringEquals 'payroll'").Build();

        // When a blob is read without saying which container
        var decision = Authorize(estate, BlobRead, SubscriptionScope, AzureActionKind.Data);

        // Then it is allowed only if the deny's condition does not hold; otherwise explicitly denied
        var conditional = Assert.IsType<Conditional>(decision);
        Assert.Equal(DecisionKind.ExplicitDeny, conditional.Otherwise);
        Assert.Contains("payroll", Assert.Single(conditional.Requirements), StringComparison.Ordinal);
    }

    private static Decision Authorize(AzureEstate estate, string action, string scope, AzureActionKind kind = AzureActionKind.Control, string principal = User, IGroupMembership? groups = null) =>
        new AzureAuthorizer(estate, groups).Authorize(Request(action, scope, kind, principal));

    private static AzureRequest Request(string action, string scope, AzureActionKind kind = AzureActionKind.Control, string principal = User) =>
        new() { PrincipalId = principal, Action = action, Scope = AzureScope.Parse(scope), ActionKind = kind };
}
