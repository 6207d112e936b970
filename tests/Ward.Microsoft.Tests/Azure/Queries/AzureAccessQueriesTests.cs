using Ward.Core.Decisions;
using Ward.Microsoft.Azure.Evaluation;
using Ward.Microsoft.Azure.Queries;
using Ward.Microsoft.Tests.Azure.Testing;

namespace Ward.Microsoft.Tests.Azure.Queries;

public sealed class AzureAccessQueriesTests
{
    private const string RoleAssignmentWrite = "Microsoft.Authorization/roleAssignments/write";
    private static readonly GroupMembership Membership = GroupMembership.FromDirectMembers([(AzureFixtures.PlatformEngineers, AzureFixtures.Frank)]);
    private static readonly AzureAccessQueries Queries = new(AzureFixtures.Estate, Membership);

    [Fact]
    public void A_principal_is_found_by_object_id_or_by_the_name_on_its_assignments()
    {
        // Given the sample estate
        // Then bob's sign-in name and his object id both resolve, and an unknown name does not
        Assert.Equal(AzureFixtures.Bob, Queries.FindPrincipal("BOB@contoso.com", out var problem));
        Assert.Null(problem);
        Assert.Equal(AzureFixtures.Bob, Queries.FindPrincipal(AzureFixtures.Bob.ToUpperInvariant(), out _));
        Assert.Null(Queries.FindPrincipal("mallory@contoso.com", out problem));
        Assert.Contains("mallory@contoso.com", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Can_infers_a_data_action_from_the_role_definitions()
    {
        // Given the sample estate
        // Then a blob read is a data action and a VM write a control action
        Assert.Equal(AzureActionKind.Data, Queries.InferActionKind("Microsoft.Storage/storageAccounts/blobServices/containers/blobs/read"));
        Assert.Equal(AzureActionKind.Data, Queries.InferActionKind("Microsoft.KeyVault/vaults/secrets/getSecret/action"));
        Assert.Equal(AzureActionKind.Control, Queries.InferActionKind("Microsoft.Compute/virtualMachines/write"));
    }

    [Fact]
    public void Can_reports_what_an_eligibility_would_change()
    {
        // Given Dave, eligible for Owner on the production subscription
        var answer = Queries.Can(AzureFixtures.Dave, "Microsoft.Compute/virtualMachines/write", AzureFixtures.VirtualMachine);

        // Then he is not allowed now, but would be once activated
        Assert.Equal(DecisionKind.ImplicitDeny, answer.Decision.Kind);
        Assert.Equal(DecisionKind.Allowed, answer.EligibleDecision!.Kind);
        Assert.True(answer.IsAllowedOnlyIfActivated);
        Assert.Equal("Dave Okafor", answer.PrincipalName);
    }

    [Fact]
    public void Can_through_a_deny_assignment_of_a_managed_application()
    {
        // Given Bob (Contributor on production) and the pipeline (excluded from the managed application's deny)
        var scope = AzureFixtures.ResourceGroup(AzureFixtures.Production, "rg-managed-app");

        // Then Bob's write there is explicitly denied and the pipeline's allowed
        Assert.Equal(DecisionKind.ExplicitDeny, Queries.Can(AzureFixtures.Bob, "Microsoft.Network/azureFirewalls/write", scope).Decision.Kind);
        Assert.Equal(DecisionKind.Allowed, Queries.Can(AzureFixtures.Pipeline, "Microsoft.Network/azureFirewalls/write", scope).Decision.Kind);
    }

    [Fact]
    public void Who_can_write_role_assignments_lists_allowed_conditional_and_eligible_principals()
    {
        // Given the sample estate
        // When asked who can write role assignments in rg-app of production
        var answers = Queries.WhoCan(RoleAssignmentWrite, AzureFixtures.ResourceGroup(AzureFixtures.Production, "rg-app"));
        var byId = answers.ToDictionary(a => a.PrincipalId, StringComparer.OrdinalIgnoreCase);

        // Then the pipeline (UAA) and the elevated root admin are allowed, Carol conditionally, Dave once activated
        Assert.Equal(DecisionKind.Allowed, byId[AzureFixtures.Pipeline].Decision.Kind);
        Assert.Equal(DecisionKind.Allowed, byId["0f1e2d3c-4b5a-4968-8776-a5b4c3d2e1f0"].Decision.Kind);
        Assert.Equal(DecisionKind.Conditional, byId[AzureFixtures.Carol].Decision.Kind);
        Assert.True(byId[AzureFixtures.Dave].IsAllowedOnlyIfActivated);

        // And Bob (Contributor: NotActions) and Alice (Reader) are not listed
        Assert.False(byId.ContainsKey(AzureFixtures.Bob));
        Assert.False(byId.ContainsKey(AzureFixtures.Alice));
    }

    [Fact]
    public void Who_can_expands_group_members_when_membership_is_known()
    {
        // Given Platform Engineers (Virtual Machine Contributor on rg-app) with Frank as a member
        var answers = Queries.WhoCan("Microsoft.Compute/virtualMachines/start/action", AzureFixtures.VirtualMachine);

        // Then the group and Frank are both listed, Frank through the group
        Assert.Contains(answers, a => a.PrincipalId == AzureFixtures.PlatformEngineers && a.PrincipalType == "Group" && a.Decision.IsAllowed);
        var frank = Assert.Single(answers, a => a.PrincipalId == AzureFixtures.Frank);
        Assert.Contains("via group `Platform Engineers`", frank.Decision.Explanation.Summary, StringComparison.Ordinal);

        // And with denied principals included, Alice (Reader) appears as denied
        var all = Queries.WhoCan("Microsoft.Compute/virtualMachines/start/action", AzureFixtures.VirtualMachine, includeDenied: true);
        Assert.Equal(DecisionKind.ImplicitDeny, Assert.Single(all, a => a.PrincipalId == AzureFixtures.Alice).Decision.Kind);
    }

    [Fact]
    public void What_can_groups_roles_by_scope_with_effective_patterns()
    {
        // Given Bob: Contributor on production and the custom VM operator role on rg-app
        var access = Queries.WhatCan(AzureFixtures.Bob);

        // Then there is one entry per scope, broadest first
        Assert.Equal([AzureFixtures.ProductionScope, AzureFixtures.ResourceGroup(AzureFixtures.Production, "rg-app")], access.Scopes.Select(s => s.Scope));
        var subscription = access.Scopes[0];
        var star = Assert.Single(subscription.Actions);
        Assert.Equal("*", star.Pattern);
        Assert.Contains("Microsoft.Authorization/*/Write", star.Except, StringComparer.Ordinal);
        Assert.Equal(["Contributor"], star.GrantedBy, StringComparer.Ordinal);
        Assert.Contains(access.Scopes[1].Actions, p => p.Pattern == "Microsoft.Compute/virtualMachines/start/action" && p.GrantedBy.Contains("Contoso VM Operator", StringComparer.Ordinal));
        Assert.Empty(access.Denies.Where(d => !d.Principals.Any(p => p.IsEveryone)));
    }

    [Fact]
    public void What_can_counts_group_roles_and_marks_eligible_ones()
    {
        // Given Frank (only through Platform Engineers) and Dave (only eligible)
        var frank = Queries.WhatCan(AzureFixtures.Frank);
        var dave = Queries.WhatCan(AzureFixtures.Dave);

        // Then Frank's roles come via the group, with its name; the stack deny on the group applies to him
        Assert.Equal([AzureFixtures.PlatformEngineers], frank.Groups, StringComparer.Ordinal);
        Assert.All(frank.Scopes.SelectMany(s => s.Grants), g => Assert.Equal(AzureFixtures.PlatformEngineers, g.ViaGroupId));
        Assert.Contains(frank.Scopes.SelectMany(s => s.Grants), g => g.ViaGroupName == "Platform Engineers");
        Assert.Contains(frank.Denies, d => d.DoNotApplyToChildScopes);

        // And Dave's Owner is listed as eligible, its patterns only conditionally held; without eligibilities he has none
        var owner = Assert.Single(Assert.Single(dave.Scopes).Grants);
        Assert.True(owner.IsEligible);
        Assert.True(Assert.Single(dave.Scopes[0].Actions).OnlyConditionally);
        Assert.Empty(Queries.WhatCan(AzureFixtures.Dave, includeEligible: false).Scopes);
    }
}
