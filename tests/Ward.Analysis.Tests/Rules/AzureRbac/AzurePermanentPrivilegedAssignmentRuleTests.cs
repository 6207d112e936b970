using Ward.Analysis.Tests.Testing;

namespace Ward.Analysis.Tests.Rules.AzureRbac;

public sealed class AzurePermanentPrivilegedAssignmentRuleTests
{
    private const string Rule = "azure-permanent-privileged-assignment";
    private static readonly string Platform = TestTenant.ManagementGroupScope("platform");
    private const string OtherSubscription = "/subscriptions/99999999-2222-4333-8444-555555555555";
    private const string AssignRoles = "Microsoft.Authorization/roleAssignments/write";
    private const string KeyVaultDataAccessAdministrator = "8b54135c-b56d-4d72-a534-26097cfdc8d8";

    // Key Vault Data Access Administrator's actions, and its permission block's condition: it may assign (and remove)
    // only the Key Vault data roles.
    private static readonly string[] KeyVaultDataAccessAdministratorActions = ["Microsoft.Authorization/roleAssignments/write", "Microsoft.Authorization/roleAssignments/delete", "Microsoft.Authorization/*/read", "Microsoft.Resources/deployments/*", "Microsoft.Resources/subscriptions/resourceGroups/read", "Microsoft.Resources/subscriptions/read", "Microsoft.Management/managementGroups/read", "Microsoft.Support/*", "Microsoft.KeyVault/vaults/*/read"];
    private const string KeyVaultRolesOnlyCondition = "((!(ActionMatches{'Microsoft.Authorization/roleAssignments/write'})) OR (@Request[Microsoft.Authorization/roleAssignments:RoleDefinitionId] ForAnyOfAnyValues:GuidEquals{00482a5a-887f-4fb3-b363-3b7fe8e74483, a4417e6f-fecd-4de8-b567-7b0420556985, 14b46e9e-c2b7-41b4-b07b-48a6ebf60603, e147488a-f6f5-4113-8e2d-b22465e65bf6, 12338af0-0e69-4776-bea7-57ae8d297424, 21090545-7ca7-4776-b22c-e363652d74d2, b86a8fe4-44ce-4948-aee5-eccb2c155cd7, 4633458b-17de-408a-b874-0445c86b69e6})) AND ((!(ActionMatches{'Microsoft.Authorization/roleAssignments/delete'})) OR (@Resource[Microsoft.Authorization/roleAssignments:RoleDefinitionId] ForAnyOfAnyValues:GuidEquals{00482a5a-887f-4fb3-b363-3b7fe8e74483, a4417e6f-fecd-4de8-b567-7b0420556985, 14b46e9e-c2b7-41b4-b07b-48a6ebf60603, e147488a-f6f5-4113-8e2d-b22465e65bf6, 12338af0-0e69-4776-bea7-57ae8d297424, 21090545-7ca7-4776-b22c-e363652d74d2, b86a8fe4-44ce-4948-aee5-eccb2c155cd7, 4633458b-17de-408a-b874-0445c86b69e6}))";

    // Constrained delegation conditions as the portal writes them: one role allowed, one refused, the privileged administrator roles refused.
    private const string OnlyUserAccessAdministratorCondition = "((!(ActionMatches{'Microsoft.Authorization/roleAssignments/write'})) OR (@Request[Microsoft.Authorization/roleAssignments:RoleDefinitionId] ForAnyOfAnyValues:GuidEquals {18d7d88dd35e4fb5a5c37773c20a72d9}))";
    private const string AnythingButOwnerCondition = "((!(ActionMatches{'Microsoft.Authorization/roleAssignments/write'})) OR (@Request[Microsoft.Authorization/roleAssignments:RoleDefinitionId] ForAnyOfAllValues:GuidNotEquals {8e3af657a8ff443ca75c2fe8c4bcb635}))";
    private const string AllButPrivilegedAdministratorsCondition = "((!(ActionMatches{'Microsoft.Authorization/roleAssignments/write'})) OR (@Request[Microsoft.Authorization/roleAssignments:RoleDefinitionId] ForAnyOfAllValues:GuidNotEquals {8e3af657a8ff443ca75c2fe8c4bcb635, 18d7d88dd35e4fb5a5c37773c20a72d9, f58310d9a9f6439a9e8df62e7b41a168})) AND ((!(ActionMatches{'Microsoft.Authorization/roleAssignments/delete'})) OR (@Resource[Microsoft.Authorization/roleAssignments:RoleDefinitionId] ForAnyOfAllValues:GuidNotEquals {8e3af657a8ff443ca75c2fe8c4bcb635, 18d7d88dd35e4fb5a5c37773c20a72d9, f58310d9a9f6439a9e8df62e7b41a168}))";

    [Fact]
    public void A_standing_Owner_of_a_subscription_is_reported_from_its_schedule_instance()
    {
        // Given an Owner of the subscription whose schedule instance is Assigned with no end
        var tenant = Platformed();
        tenant.User("owner");
        tenant.AssignAzureRole("owner", "User", TestTenant.Owner, TestTenant.Subscription);
        tenant.AzureAssignmentScheduleInstance("owner", "User", TestTenant.Owner, TestTenant.Subscription);

        var finding = Assert.Single(tenant.Scan().Of(Rule));

        // Then it is reported, high, on the user, saying what the instance shows
        Assert.Equal((Severity.High, "azure", TestTenant.Id("owner")), (finding.Severity, finding.Provider, finding.Principal));
        Assert.Equal($"`owner@fabrikam.example` holds Owner of subscription `fabrikam-prod` (`{TestTenant.Subscription}`) permanently", finding.Title);
        Assert.Contains("is `Assigned` with no end date: a standing assignment, not a PIM activation", finding.Explanation, StringComparison.Ordinal);
        Assert.Contains("full control of every resource there", finding.Explanation, StringComparison.Ordinal);
        Assert.DoesNotContain("cannot be told apart", finding.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void A_PIM_activation_and_a_time_bound_assignment_are_not_reported()
    {
        // Given three Owners of the subscription: one activated through PIM for eight hours, one assigned for 30 days,
        // and one standing
        var tenant = Platformed();
        foreach (var (key, type, end) in new (string, string, double?)[] { ("activated", "Activated", 8.0 / 24), ("time-bound", "Assigned", 30), ("standing", "Assigned", null) })
        {
            tenant.User(key);
            tenant.AssignAzureRole(key, "User", TestTenant.Owner, TestTenant.Subscription);
            tenant.AzureAssignmentScheduleInstance(key, "User", TestTenant.Owner, TestTenant.Subscription, type, end);
        }

        // Then only the standing one is reported
        Assert.Equal([TestTenant.Id("standing")], tenant.Scan().Of(Rule).Select(f => f.Principal), StringComparer.Ordinal);
    }

    [Fact]
    public void Reader_constrained_delegation_and_resource_group_owners_are_not_reported()
    {
        // Given standing assignments: Reader of the subscription, a Role Based Access Control Administrator limited to
        // Reader, Contributor (it may not assign roles), an Owner of one resource group, and a User Access
        // Administrator of the platform management group; no schedule instances exported
        var tenant = Platformed();
        foreach (var key in new[] { "reader", "delegate", "contributor", "rg-owner", "uaa" })
        {
            tenant.User(key);
        }

        tenant.AssignAzureRole("reader", "User", TestTenant.Reader, TestTenant.Subscription);
        tenant.AssignAzureRole("delegate", "User", TestTenant.RoleBasedAccessControlAdministrator, TestTenant.Subscription, TestTenant.ReaderOnlyCondition);
        tenant.AssignAzureRole("contributor", "User", TestTenant.Contributor, TestTenant.Subscription);
        tenant.AssignAzureRole("rg-owner", "User", TestTenant.Owner, TestTenant.Subscription + "/resourceGroups/rg-web");
        tenant.AssignAzureRole("uaa", "User", TestTenant.UserAccessAdministrator, Platform);

        // Then only the User Access Administrator of the management group is reported
        var finding = Assert.Single(tenant.Scan().Of(Rule));
        Assert.Equal(TestTenant.Id("uaa"), finding.Principal);
        Assert.Contains($"User Access Administrator of management group `{Platform}`", finding.Explanation, StringComparison.Ordinal);
        Assert.Contains("it may assign any role there, Owner included", finding.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_schedule_instances_the_explanation_says_activations_cannot_be_told_apart()
    {
        // Given an Owner of the root management group, and no schedule instances in the export
        var tenant = Platformed();
        tenant.User("root-owner");
        tenant.AssignAzureRole("root-owner", "User", TestTenant.Owner, TestTenant.ManagementGroupScope(TestTenant.RootGroup));

        var finding = Assert.Single(tenant.Scan().Of(Rule));

        // Then it is reported, saying that a PIM activation would look the same
        Assert.Equal(Severity.High, finding.Severity);
        Assert.Contains("The export has no PIM assignment schedule instances (`roleAssignmentScheduleInstances`)", finding.Explanation, StringComparison.Ordinal);
        Assert.Contains("only the instances tell them apart from a permanent one", finding.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void An_assignment_whose_scope_exported_no_instance_is_reported_as_undecided()
    {
        // Given instances exported for the subscription only, and an Owner of the platform management group
        var tenant = Platformed();
        tenant.User("sub-owner");
        tenant.User("group-owner");
        tenant.AssignAzureRole("sub-owner", "User", TestTenant.Owner, TestTenant.Subscription);
        tenant.AzureAssignmentScheduleInstance("sub-owner", "User", TestTenant.Owner, TestTenant.Subscription, "Activated", 0.25);
        tenant.AssignAzureRole("group-owner", "User", TestTenant.Owner, Platform);

        // Then the group's Owner is reported, saying its instance is missing
        var finding = Assert.Single(tenant.Scan().Of(Rule));
        Assert.Equal(TestTenant.Id("group-owner"), finding.Principal);
        Assert.Contains("no PIM assignment schedule instance for this assignment (none was exported at its scope)", finding.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void An_assignment_without_an_instance_among_others_of_its_scope_is_not_said_to_have_none_exported_there()
    {
        // Given instances exported for the subscription (one Owner's activation), and a second Owner of the
        // subscription whose own instance is missing from the export
        var tenant = Platformed();
        tenant.User("sub-owner");
        tenant.User("other-owner");
        tenant.AssignAzureRole("sub-owner", "User", TestTenant.Owner, TestTenant.Subscription);
        tenant.AzureAssignmentScheduleInstance("sub-owner", "User", TestTenant.Owner, TestTenant.Subscription, "Activated", 0.25);
        tenant.AssignAzureRole("other-owner", "User", TestTenant.Owner, TestTenant.Subscription);

        // Then the second Owner is reported, saying its scope has instances for other assignments, not that it has none
        var finding = Assert.Single(tenant.Scan().Of(Rule));
        Assert.Equal(TestTenant.Id("other-owner"), finding.Principal);
        Assert.Contains("no PIM assignment schedule instance for this assignment (it has some for other assignments at its scope, not for this one)", finding.Explanation, StringComparison.Ordinal);
        Assert.DoesNotContain("none was exported at its scope", finding.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void A_group_lists_its_members_and_a_managed_identity_is_left_to_its_own_rule()
    {
        // Given a group of two that is standing Owner of the subscription, and a VM's managed identity that is too
        var tenant = Platformed();
        tenant.User("ana");
        tenant.User("ben");
        tenant.Group("sub-owners", roleAssignable: false, "ana", "ben");
        tenant.AssignAzureRole("sub-owners", "Group", TestTenant.Owner, TestTenant.Subscription);
        tenant.ManagedIdentityAt("vm-identity", TestTenant.Subscription + "/resourceGroups/rg-build/providers/Microsoft.Compute/virtualMachines/vm-build01");
        tenant.AssignAzureRole("vm-identity", "ServicePrincipal", TestTenant.Owner, TestTenant.Subscription);

        var result = tenant.Scan();

        // Then the group is reported with its members; the identity only by azure-managed-identity-privileged-role
        var finding = Assert.Single(result.Of(Rule));
        Assert.Equal(TestTenant.Id("sub-owners"), finding.Principal);
        Assert.Contains("is assigned to the group `sub-owners`", finding.Explanation, StringComparison.Ordinal);
        Assert.Contains("Every member holds it the same way: `ana@fabrikam.example`, `ben@fabrikam.example`.", finding.Explanation, StringComparison.Ordinal);
        Assert.Contains(result.Of("azure-managed-identity-privileged-role"), f => f.Principal == TestTenant.Id("vm-identity"));
    }

    [Fact]
    public void A_custom_role_that_may_write_role_assignments_counts_as_Owner_like()
    {
        // Given standing assignments of two custom roles at the subscription: one granting Microsoft.Authorization/*,
        // one granting everything but Microsoft.Authorization writes
        var tenant = Platformed();
        var delegator = tenant.AzureCustomRole("delegator", "Access Delegator", ["Microsoft.Authorization/*", "*/read"]);
        var operator_ = tenant.AzureCustomRole("operator", "Platform Operator", ["*"], ["Microsoft.Authorization/*/Write", "Microsoft.Authorization/*/Delete"]);
        tenant.User("delegating");
        tenant.User("operating");
        tenant.AssignAzureRole("delegating", "User", delegator, TestTenant.Subscription);
        tenant.AssignAzureRole("operating", "User", operator_, TestTenant.Subscription);

        // Then only the role that may assign roles is reported
        var finding = Assert.Single(tenant.Scan().Of(Rule));
        Assert.Equal(TestTenant.Id("delegating"), finding.Principal);
        Assert.Contains("`delegating@fabrikam.example` holds Access Delegator of subscription", finding.Title, StringComparison.Ordinal);
    }

    [Fact]
    public void A_condition_that_still_lets_a_delegate_assign_a_role_that_assigns_Owner_is_reported()
    {
        // Given standing delegates of the subscription: a Role Based Access Control Administrator whose condition allows
        // only User Access Administrator, a User Access Administrator whose condition refuses only Owner, and a Role
        // Based Access Control Administrator limited to Reader
        var tenant = Platformed();
        foreach (var key in new[] { "only-uaa", "not-owner", "reader-only" })
        {
            tenant.User(key);
        }

        tenant.AssignAzureRole("only-uaa", "User", TestTenant.RoleBasedAccessControlAdministrator, TestTenant.Subscription, OnlyUserAccessAdministratorCondition);
        tenant.AssignAzureRole("not-owner", "User", TestTenant.UserAccessAdministrator, TestTenant.Subscription, AnythingButOwnerCondition);
        tenant.AssignAzureRole("reader-only", "User", TestTenant.RoleBasedAccessControlAdministrator, TestTenant.Subscription, TestTenant.ReaderOnlyCondition);

        var findings = tenant.Scan().Of(Rule).ToDictionary(f => f.Principal, StringComparer.Ordinal);

        // Then the first two are reported (each may assign User Access Administrator, which assigns Owner), as the
        // escalation graph finds them, and the Reader-only delegate is not
        Assert.Equal([TestTenant.Id("not-owner"), TestTenant.Id("only-uaa")], findings.Keys.Order(StringComparer.Ordinal), StringComparer.Ordinal);
        Assert.Contains("its condition lets it assign `User Access Administrator` there, to anyone (itself too), and that role may assign Owner", findings[TestTenant.Id("only-uaa")].Explanation, StringComparison.Ordinal);
        Assert.Contains(tenant.EscalationGraph().Edges, e => e.Technique == "azure-assign-role" && e.From.Value == TestTenant.Id("only-uaa"));
    }

    [Fact]
    public void A_built_in_role_whose_own_condition_limits_the_roles_it_assigns_is_not_reported()
    {
        // Given a standing Key Vault Data Access Administrator of the subscription (its permission block's condition
        // allows assigning only the Key Vault data roles), and a custom role with the same actions and no condition
        var tenant = Platformed();
        tenant.User("vault-admin");
        tenant.User("vault-delegator");
        var keyVaultDataAccessAdministrator = tenant.AzureBuiltInRole("8b54135c-b56d-4d72-a534-26097cfdc8d8", "Key Vault Data Access Administrator", KeyVaultDataAccessAdministratorActions, KeyVaultRolesOnlyCondition);
        var unconstrained = tenant.AzureCustomRole("vault-delegator", "Vault Access Delegator", KeyVaultDataAccessAdministratorActions);
        tenant.AssignAzureRole("vault-admin", "User", keyVaultDataAccessAdministrator, TestTenant.Subscription);
        tenant.AssignAzureRole("vault-delegator", "User", unconstrained, TestTenant.Subscription);

        // Then only the custom role, which may assign Owner, is reported
        Assert.Equal(TestTenant.Id("vault-delegator"), Assert.Single(tenant.Scan().Of(Rule)).Principal);
    }

    [Fact]
    public void A_role_that_may_write_role_definitions_counts_as_Owner_like()
    {
        // Given standing assignments at the subscription of a custom role granting everything but role assignment
        // writes (it keeps role definition writes), and of one granting everything but Microsoft.Authorization writes
        var tenant = Platformed();
        var allButAssignments = tenant.AzureCustomRole("all-but-assignments", "Almost Owner", ["*"], ["Microsoft.Authorization/roleAssignments/write"]);
        var contributorLike = tenant.AzureCustomRole("contributor-like", "Platform Operator", ["*"], ["Microsoft.Authorization/*/Write", "Microsoft.Authorization/*/Delete"]);
        tenant.User("almost");
        tenant.User("operating");
        tenant.AssignAzureRole("almost", "User", allButAssignments, TestTenant.Subscription);
        tenant.AssignAzureRole("operating", "User", contributorLike, TestTenant.Subscription);

        // Then the first is reported (its holder rewrites the role to `*`), the Contributor-like one is not
        var finding = Assert.Single(tenant.Scan().Of(Rule));
        Assert.Equal(TestTenant.Id("almost"), finding.Principal);
        Assert.Contains("it may rewrite the role's actions to `*` (`Microsoft.Authorization/roleDefinitions/write`)", finding.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void User_Access_Administrator_is_not_cleared_by_a_condition_on_role_ids_alone()
    {
        // Given standing delegates of the subscription with the portal's "all roles except privileged administrator
        // roles" condition: a User Access Administrator (it may also write role definitions, so it may create a role
        // granting `*` and assign it) and a Role Based Access Control Administrator (it may not); and a User Access
        // Administrator limited to Reader
        var tenant = Platformed();
        foreach (var key in new[] { "uaa-portal", "rbac-portal", "uaa-reader" })
        {
            tenant.User(key);
        }

        tenant.AssignAzureRole("uaa-portal", "User", TestTenant.UserAccessAdministrator, TestTenant.Subscription, AllButPrivilegedAdministratorsCondition);
        tenant.AssignAzureRole("rbac-portal", "User", TestTenant.RoleBasedAccessControlAdministrator, TestTenant.Subscription, AllButPrivilegedAdministratorsCondition);
        tenant.AssignAzureRole("uaa-reader", "User", TestTenant.UserAccessAdministrator, TestTenant.Subscription, TestTenant.ReaderOnlyCondition);

        // Then only the User Access Administrator with the portal's condition is reported
        var finding = Assert.Single(tenant.Scan().Of(Rule));
        Assert.Equal(TestTenant.Id("uaa-portal"), finding.Principal);
        Assert.Contains("it may create a custom role granting `*` (`Microsoft.Authorization/roleDefinitions/write`), which its condition cannot name, and assign it there", finding.Explanation, StringComparison.Ordinal);

        // And the escalation graph agrees: the same User Access Administrator creates such a role and assigns it to itself
        var edges = tenant.EscalationGraph().Edges.Where(e => e.Technique == "azure-assign-role").ToList();
        var created = Assert.Single(edges);
        Assert.Equal(TestTenant.Id("uaa-portal"), created.From.Value);
        Assert.True(created.GrantsAdmin && created.IsSelfEscalation && !created.IsConditional);
        Assert.Equal($"creates a custom role granting `*`, assignable at `{TestTenant.Subscription}`, and assigns it to itself there", created.Description);
    }

    [Fact]
    public void At_the_root_the_created_role_is_assigned_at_the_tenant_root_management_group()
    {
        // Given a standing User Access Administrator of the root scope with the portal's "all roles except privileged
        // administrator roles" condition
        var tenant = Platformed();
        tenant.User("uaa-root");
        tenant.AssignAzureRole("uaa-root", "User", TestTenant.UserAccessAdministrator, "/", AllButPrivilegedAdministratorsCondition);

        // Then it is reported, and the role it would create is assigned where a custom role can be: not at `/`
        var finding = Assert.Single(tenant.Scan().Of(Rule), f => f.Principal == TestTenant.Id("uaa-root"));
        Assert.Contains("assign it at the tenant root management group (a custom role cannot be assignable at `/`)", finding.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void A_delegate_limited_to_a_role_whose_own_condition_assigns_only_Key_Vault_roles_is_not_reported()
    {
        // Given standing Role Based Access Control Administrators of the subscription: one whose condition lets it
        // assign only Key Vault Data Access Administrator (whose own permission block's condition lets it assign only
        // the Key Vault data roles), one whose condition lets it assign only a custom role with the same actions and
        // no condition
        var tenant = Platformed();
        tenant.User("vault-delegate");
        tenant.User("custom-delegate");
        var keyVaultDataAccessAdministrator = tenant.AzureBuiltInRole(KeyVaultDataAccessAdministrator, "Key Vault Data Access Administrator", KeyVaultDataAccessAdministratorActions, KeyVaultRolesOnlyCondition);
        var unconstrained = tenant.AzureCustomRole("vault-delegator", "Vault Access Delegator", KeyVaultDataAccessAdministratorActions);
        tenant.AssignAzureRole("vault-delegate", "User", TestTenant.RoleBasedAccessControlAdministrator, TestTenant.Subscription, OnlyRoleCondition(keyVaultDataAccessAdministrator));
        tenant.AssignAzureRole("custom-delegate", "User", TestTenant.RoleBasedAccessControlAdministrator, TestTenant.Subscription, OnlyRoleCondition(unconstrained));

        // Then only the second is reported (the role it may assign may assign Owner), and the escalation graph agrees
        var finding = Assert.Single(tenant.Scan().Of(Rule));
        Assert.Equal(TestTenant.Id("custom-delegate"), finding.Principal);
        Assert.Contains("its condition lets it assign `Vault Access Delegator` there, to anyone (itself too), and that role may assign Owner", finding.Explanation, StringComparison.Ordinal);
        var edge = Assert.Single(tenant.EscalationGraph().Edges, e => e.Technique == "azure-assign-role");
        Assert.Equal(TestTenant.Id("custom-delegate"), edge.From.Value);
        Assert.Contains("assigns itself `Vault Access Delegator` (which may assign Owner)", edge.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void A_role_that_may_write_role_definitions_is_Owner_like_only_where_its_holder_may_update_it()
    {
        // Given custom roles granting everything but role assignment writes: one assignable at the management group
        // above the subscription, held by a user at the subscription and by another at the management group; one
        // assignable at the subscription and another subscription, held by a third user at the subscription
        var tenant = Platformed();
        var atGroup = tenant.AzureCustomRole("at-group", "Platform Almost Owner", ["*"], [AssignRoles], [Platform]);
        var twoSubscriptions = tenant.AzureCustomRole("two-subscriptions", "Shared Almost Owner", ["*"], [AssignRoles], [TestTenant.Subscription, OtherSubscription]);
        foreach (var key in new[] { "below-group", "at-group", "one-of-two" })
        {
            tenant.User(key);
        }

        tenant.AssignAzureRole("below-group", "User", atGroup, TestTenant.Subscription);
        tenant.AssignAzureRole("at-group", "User", atGroup, Platform);
        tenant.AssignAzureRole("one-of-two", "User", twoSubscriptions, TestTenant.Subscription);

        // Then only the holder at the management group is reported: updating a custom role takes the write on every
        // scope it is assignable at; and the escalation graph finds it alone rewriting its role
        var finding = Assert.Single(tenant.Scan().Of(Rule));
        Assert.Equal(TestTenant.Id("at-group"), finding.Principal);
        Assert.Contains("it may rewrite the role's actions to `*`", finding.Explanation, StringComparison.Ordinal);
        var rewrite = Assert.Single(tenant.EscalationGraph().Edges, e => e.Technique == "azure-rewrite-custom-role");
        Assert.Equal(TestTenant.Id("at-group"), rewrite.From.Value);
    }

    [Fact]
    public void A_condition_on_a_role_that_may_rewrite_itself_is_decided_for_the_role_definition_write()
    {
        // Given standing holders of the subscription of a custom role granting everything but role assignment writes:
        // one whose assignment condition refuses role definition writes, one whose condition constrains only which
        // role assignments it deletes
        var tenant = Platformed();
        var almostOwner = tenant.AzureCustomRole("all-but-assignments", "Almost Owner", ["*"], [AssignRoles]);
        tenant.User("no-definitions");
        tenant.User("deletes-readers");
        tenant.AssignAzureRole("no-definitions", "User", almostOwner, TestTenant.Subscription, "((!(ActionMatches{'Microsoft.Authorization/roleDefinitions/write'})))");
        tenant.AssignAzureRole("deletes-readers", "User", almostOwner, TestTenant.Subscription, "((!(ActionMatches{'Microsoft.Authorization/roleAssignments/delete'})) OR (@Resource[Microsoft.Authorization/roleAssignments:RoleDefinitionId] ForAnyOfAnyValues:GuidEquals {acdd72a7338548efbd42f606fba81ae7}))");

        // Then only the second, which may rewrite the role, is reported
        var finding = Assert.Single(tenant.Scan().Of(Rule));
        Assert.Equal(TestTenant.Id("deletes-readers"), finding.Principal);
        Assert.Contains("it may rewrite the role's actions to `*`", finding.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void A_real_role_with_the_all_zero_id_does_not_stand_for_a_role_its_holder_would_create()
    {
        // Given an export holding a custom role with the all-zero GUID (the placeholder of Microsoft's examples) that
        // only reads, and standing User Access Administrators of the subscription: one whose condition lets it assign
        // only that role, one with the portal's "all roles except privileged administrator roles" condition
        var tenant = Platformed();
        var zero = tenant.AzureCustomRole("zero", "Example Reader", ["*/read"], guid: "00000000-0000-0000-0000-000000000000");
        tenant.User("uaa-zero");
        tenant.User("uaa-portal");
        tenant.AssignAzureRole("uaa-zero", "User", TestTenant.UserAccessAdministrator, TestTenant.Subscription, OnlyRoleCondition(zero));
        tenant.AssignAzureRole("uaa-portal", "User", TestTenant.UserAccessAdministrator, TestTenant.Subscription, AllButPrivilegedAdministratorsCondition);

        // Then only the second is reported: a role the first would create gets a GUID its condition does not name; the
        // escalation graph agrees
        var finding = Assert.Single(tenant.Scan().Of(Rule));
        Assert.Equal(TestTenant.Id("uaa-portal"), finding.Principal);
        var created = Assert.Single(tenant.EscalationGraph().Edges, e => e.Technique == "azure-assign-role");
        Assert.Equal(TestTenant.Id("uaa-portal"), created.From.Value);
    }

    [Fact]
    public void A_role_created_from_the_root_scope_is_assignable_at_the_tenant_root_management_group()
    {
        // Given a standing User Access Administrator of the root scope with the portal's "all roles except privileged
        // administrator roles" condition
        var tenant = Platformed();
        tenant.User("uaa-root");
        tenant.AssignAzureRole("uaa-root", "User", TestTenant.UserAccessAdministrator, "/", AllButPrivilegedAdministratorsCondition);

        // Then the escalation graph's custom role is assignable at the tenant root management group (a custom role
        // cannot be assignable at `/`), and it is assigned there
        var created = Assert.Single(tenant.EscalationGraph().Edges, e => e.Technique == "azure-assign-role");
        Assert.Equal($"creates a custom role granting `*`, assignable at the tenant root management group `{TestTenant.ManagementGroupScope(TestTenant.RootGroup)}`, and assigns it to itself there", created.Description);
        Assert.All(created.Permissions, p => Assert.Equal(TestTenant.ManagementGroupScope(TestTenant.RootGroup), p.Resource));
    }

    [Fact]
    public void A_managed_identity_named_only_by_the_resource_inventory_is_left_to_its_own_rule()
    {
        // Given no directory export of service principals, and a VM (az vm list) whose system-assigned identity is
        // standing Owner of the subscription
        var tenant = Platformed();
        tenant.AzureVirtualMachine("vm-build", systemAssignedKey: "vm-build-identity");
        tenant.AssignAzureRole("vm-build-identity", "ServicePrincipal", TestTenant.Owner, TestTenant.Subscription);

        var result = tenant.Scan();

        // Then it is not reported here as a service principal that PIM could make eligible, but as a managed identity
        Assert.Empty(result.Of(Rule));
        Assert.Contains(result.Of("azure-managed-identity-privileged-role"), f => f.Principal == TestTenant.Id("vm-build-identity"));
    }

    private static string OnlyRoleCondition(string roleGuid) =>
        $"((!(ActionMatches{{'Microsoft.Authorization/roleAssignments/write'}})) OR (@Request[Microsoft.Authorization/roleAssignments:RoleDefinitionId] ForAnyOfAnyValues:GuidEquals {{{roleGuid.Replace("-", string.Empty, StringComparison.Ordinal)}}}))";

    private static TestTenant Platformed() => new TestTenant().AzureManagementGroup("platform").AzureSubscriptionIn("platform");
}
