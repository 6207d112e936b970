using Ward.Core.Decisions;
using Ward.Microsoft.Entra.Directory;
using Ward.Microsoft.Entra.Evaluation;
using Ward.Microsoft.Entra.Ingest;
using Ward.Microsoft.Tests.Testing;

namespace Ward.Microsoft.Tests.Entra;

/// <summary>
/// Changes to a role-assignable group asked through <c>groups/…</c>: only <c>groupsAssignableToRoles</c> reaches such a
/// group ("By default, only Global Administrators and Privileged Role Administrators can manage the membership of a
/// role-assignable group"), besides its owners. The export (Fixtures/Entra/role-assignable-group): groups-admin holds
/// Groups Administrator; rag-member is a member of the role-assignable RAG UserAdmins, which holds User Administrator;
/// rag-owner owns it; role-admin holds Privileged Role Administrator; plain group is an ordinary security group.
/// </summary>
public sealed class RoleAssignableGroupChangeTests
{
    private const string AddMember = "microsoft.directory/groups/members/update";
    private const string RagUserAdmins = "dddddddd-0000-0000-0000-000000000001";
    private const string PlainGroup = "dddddddd-0000-0000-0000-000000000002";
    private const string RagMember = "cccccccc-0000-0000-0000-000000000001";
    private const string RagOwner = "cccccccc-0000-0000-0000-000000000004";
    private const string GroupsAdmin = "cccccccc-0000-0000-0000-000000000005";
    private const string RoleAdmin = "cccccccc-0000-0000-0000-000000000006";

    private static readonly EntraDirectory Directory = EntraDirectoryLoader.Load([Path.Combine(EntraFixtures.Directory, "role-assignable-group")]);
    private static readonly EntraRoleAuthorizer Authorizer = new(Directory);

    [Fact]
    public void A_Groups_Administrator_may_not_change_the_members_of_a_role_assignable_group()
    {
        // When groups-admin adds a member to RAG UserAdmins through groups/members/update
        var decision = Authorizer.Authorize(GroupsAdmin, AddMember, RagUserAdmins, ownership: true);

        // Then it is denied, and the answer names the entity that would reach it
        Assert.Equal(DecisionKind.ImplicitDeny, decision.Kind);
        Assert.Contains("Groups Administrator at `/` grants `microsoft.directory/groups/members/update`, but `RAG UserAdmins` is a role-assignable group, which only `microsoft.directory/groupsAssignableToRoles/members/update` reaches", decision.Explanation.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public void A_User_Administrator_through_the_group_may_not_change_it_either()
    {
        var decision = Authorizer.Authorize(RagMember, AddMember, RagUserAdmins, ownership: true);

        Assert.Equal(DecisionKind.ImplicitDeny, decision.Kind);
        Assert.Contains("User Administrator at `/` through group `RAG UserAdmins`", decision.Explanation.Summary, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("microsoft.directory/groups/owners/update")]
    [InlineData("microsoft.directory/groups/basic/update")]
    [InlineData("microsoft.directory/groups/delete")]
    public void Other_changes_through_groups_do_not_reach_it(string action) =>
        Assert.Equal(DecisionKind.ImplicitDeny, Authorizer.Authorize(GroupsAdmin, action, RagUserAdmins, ownership: true).Kind);

    [Fact]
    public void The_same_roles_still_change_an_ordinary_group()
    {
        Assert.Equal(DecisionKind.Allowed, Authorizer.Authorize(GroupsAdmin, AddMember, PlainGroup, ownership: true).Kind);
        Assert.Equal(DecisionKind.Allowed, Authorizer.Authorize(RagMember, AddMember, PlainGroup, ownership: true).Kind);
    }

    [Fact]
    public void A_Privileged_Role_Administrator_changes_it_through_groupsAssignableToRoles()
    {
        var decision = Authorizer.Authorize(RoleAdmin, AddMember, RagUserAdmins, ownership: true);

        Assert.Equal(DecisionKind.Allowed, decision.Kind);
        Assert.Contains("grants `microsoft.directory/groupsAssignableToRoles/allProperties/update`", decision.Explanation.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public void The_owner_of_the_role_assignable_group_changes_its_members()
    {
        var decision = Authorizer.Authorize(RagOwner, AddMember, RagUserAdmins, ownership: true);

        Assert.Equal(DecisionKind.Allowed, decision.Kind);
        Assert.Contains("is an owner of group `RAG UserAdmins`", decision.Explanation.Summary, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("microsoft.directory/groups/members/update", "microsoft.directory/groupsAssignableToRoles/members/update")]
    [InlineData("microsoft.directory/groups.security/owners/update", "microsoft.directory/groupsAssignableToRoles/owners/update")]
    [InlineData("microsoft.directory/groups.unified.assignedMembership/members/update", "microsoft.directory/groupsAssignableToRoles/members/update")]
    [InlineData("microsoft.directory/groups/standard/read", null)]
    [InlineData("microsoft.directory/groupsAssignableToRoles/members/update", null)]
    [InlineData("microsoft.directory/users/password/update", null)]
    public void Changes_through_a_groups_entity_are_asked_of_groupsAssignableToRoles(string action, string? expected)
    {
        Assert.Equal(expected, GroupResourceActions.RoleAssignableForm(action, Directory.FindGroup(RagUserAdmins)));
        Assert.Null(GroupResourceActions.RoleAssignableForm(action, Directory.FindGroup(PlainGroup)));
    }
}
