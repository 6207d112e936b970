using Ward.Core.Diagnostics;
using Ward.Core.Graph;
using Ward.Core.Model;
using Ward.Microsoft.Edges;
using Ward.Microsoft.Edges.Checkers;
using Ward.Microsoft.Tests.Testing;
using static Ward.Microsoft.Tests.Testing.GraphBodies;

namespace Ward.Microsoft.Tests.Edges;

/// <summary>
/// <c>entra-rewrite-membership-rule</c> on a tenant exported from Microsoft Graph v1.0, with the built-in role
/// definitions' group actions: Finance Owners and Paused Finance are dynamic security groups (the second's rule
/// processing paused). gwen is a Groups Administrator (<c>groups/dynamicMembershipRule/update</c>,
/// <c>groups/groupType/update</c>); ian an Intune Administrator, whose <c>groups.security</c> actions do not touch a
/// rule; the application group-writer holds Microsoft Graph Group.ReadWrite.All, member-writer GroupMember.ReadWrite.All.
/// </summary>
public sealed class RewriteMembershipRuleEdgeCheckerTests
{
    private const string Technique = "entra-rewrite-membership-rule";
    private const string GroupsAdministrator = "fdd7a751-b60b-444a-984c-02652fe8fa1c";
    private const string IntuneAdministrator = "3a2c62db-5318-420d-8d74-23affee5d9d5";
    private const string GraphServicePrincipal = "4c5d6e7f-8a9b-4c0d-9e1f-2a3b4c5d6e01";
    private const string GroupReadWriteAll = "62a82d76-70ea-41e2-9197-370581804d09";
    private const string GroupMemberReadWriteAll = "dbaae8cf-10b5-4b86-a4a1-f871c94c6695";

    private const string Gwen = "4c5d6e7f-8a9b-4c0d-9e1f-2a3b4c5d6e11";
    private const string Ian = "4c5d6e7f-8a9b-4c0d-9e1f-2a3b4c5d6e12";
    private const string Fay = "4c5d6e7f-8a9b-4c0d-9e1f-2a3b4c5d6e13";
    private const string FinanceOwners = "4c5d6e7f-8a9b-4c0d-9e1f-2a3b4c5d6e21";
    private const string PausedFinance = "4c5d6e7f-8a9b-4c0d-9e1f-2a3b4c5d6e22";
    private const string GroupWriter = "4c5d6e7f-8a9b-4c0d-9e1f-2a3b4c5d6e31";
    private const string MemberWriter = "4c5d6e7f-8a9b-4c0d-9e1f-2a3b4c5d6e32";

    private static readonly Lazy<MicrosoftEdgeContext> Context = new(Build);

    [Fact]
    public void A_Groups_Administrator_rewrites_a_dynamic_groups_rule_to_take_itself_in()
    {
        var edges = Edges();

        var gwen = Assert.Single(edges, e => e.From.Value == Gwen && e.To.Value == FinanceOwners);
        Assert.False(gwen.IsConditional);
        Assert.Contains($"rewrites the membership rule of the dynamic group `Finance Owners` with its directory role to take itself in (`user.objectId -eq \"{Gwen}\"`)", gwen.Description, StringComparison.Ordinal);
        Assert.Equal("microsoft.directory/groups/dynamicMembershipRule/update", Assert.Single(gwen.Permissions).Action);

        // Joining it is a path to the subscription Finance Owners owns
        Assert.DoesNotContain(new AddGroupMemberEdgeChecker().Check(Context.Value, targets: null), e => e.To.Value == FinanceOwners);
    }

    [Fact]
    public void A_paused_rule_makes_the_rewrite_conditional_on_its_processing()
    {
        var gwen = Assert.Single(Edges(), e => e.From.Value == Gwen && e.To.Value == PausedFinance);

        Assert.Contains("`membershipRuleProcessingState` is `Paused`", Assert.Single(gwen.Requirements), StringComparison.Ordinal);
    }

    [Fact]
    public void A_role_without_the_rule_permission_rewrites_nothing()
    {
        Assert.DoesNotContain(Edges(), e => e.From.Value == Ian);
    }

    [Fact]
    public void Group_ReadWrite_All_turns_the_group_into_an_assigned_one_and_GroupMember_ReadWrite_All_does_not()
    {
        var edges = Edges();

        var writer = Assert.Single(edges, e => e.From.Value == GroupWriter && e.To.Value == FinanceOwners);
        Assert.StartsWith("turns the dynamic group `Finance Owners` into a group of assigned members with Microsoft Graph Group.ReadWrite.All", writer.Description, StringComparison.Ordinal);
        Assert.DoesNotContain(edges, e => e.From.Value == MemberWriter);
    }

    [Fact]
    public void The_technique_is_listed_and_leads_to_the_groups_Azure_role()
    {
        Assert.Contains(MicrosoftEdgeCheckers.All, c => c.TechniqueId == Technique);
        var graph = MicrosoftGraphBuilder.Build(Context.Value);
        Assert.Equal(Technique, graph.ShortestPathsTo(node => node.IsAdmin)[new PrincipalId(Gwen)][0].Technique);
    }

    private static List<Edge> Edges() => [.. new RewriteMembershipRuleEdgeChecker().Check(Context.Value, targets: null)];

    private static MicrosoftEdgeContext Build()
    {
        var servicePrincipals = new[]
        {
            $$"""{"id": "{{GraphServicePrincipal}}", "appId": "00000003-0000-0000-c000-000000000000", "displayName": "Microsoft Graph", "servicePrincipalType": "Application", "appOwnerOrganizationId": "f8cdef31-a31e-4b4a-93e4-5f571e91255a", "accountEnabled": true, "appRoles": [{{AppRole(GroupReadWriteAll, "Group.ReadWrite.All")}}, {{AppRole(GroupMemberReadWriteAll, "GroupMember.ReadWrite.All")}}], "oauth2PermissionScopes": [], "passwordCredentials": [], "keyCredentials": [], "alternativeNames": []}""",
            App(GroupWriter, "1", "group-writer"), App(MemberWriter, "2", "member-writer"),
        };
        using var folder = new ScratchFolder(
            ("entra/users/page-001.json", Collection("users", string.Join(",\n", User(Gwen, "Gwen Groups"), User(Ian, "Ian Intune"), User(Fay, "Fay Finance")))),
            ("entra/groups/page-001.json", Collection("groups", $"{Dynamic(FinanceOwners, "Finance Owners", "On")},\n{Dynamic(PausedFinance, "Paused Finance", "Paused")}")),
            ($"entra/group-members/{FinanceOwners}/page-001.json", Collection("directoryObjects", Member("user", Fay))),
            ($"entra/group-members/{PausedFinance}/page-001.json", Collection("directoryObjects", string.Empty)),
            ("entra/service-principals/page-001.json", Collection("servicePrincipals", string.Join(",\n", servicePrincipals))),
            ($"entra/app-role-assigned-to/{GraphServicePrincipal}/page-001.json", Collection($"servicePrincipals('{GraphServicePrincipal}')/appRoleAssignedTo", $"{Grant(GroupWriter, GroupReadWriteAll, "group-writer")},\n{Grant(MemberWriter, GroupMemberReadWriteAll, "member-writer")}")),
            ("entra/role-definitions/page-001.json", Collection("roleManagement/directory/roleDefinitions", string.Join(",\n",
                BuiltInRole(GroupsAdministrator, "Groups Administrator", "microsoft.directory/groups/assignLicense", "microsoft.directory/groups/basic/update", "microsoft.directory/groups/classification/update", "microsoft.directory/groups/create", "microsoft.directory/groups/delete", "microsoft.directory/groups/dynamicMembershipRule/update", "microsoft.directory/groups/groupType/update", "microsoft.directory/groups/members/update", "microsoft.directory/groups/owners/update", "microsoft.directory/groups/restore", "microsoft.directory/groups/settings/update", "microsoft.directory/groups/visibility/update"),
                BuiltInRole(IntuneAdministrator, "Intune Administrator", "microsoft.directory/groups.security/basic/update", "microsoft.directory/groups.security/create", "microsoft.directory/groups.security/members/update", "microsoft.directory/groups.security/owners/update", "microsoft.intune/allEntities/allTasks")))),
            ("entra/role-assignments/page-001.json", Collection("roleManagement/directory/roleAssignments", $"{RoleAssignment(Gwen, GroupsAdministrator)},\n{RoleAssignment(Ian, IntuneAdministrator)}")),
            ("azure/role-definitions.json", """[{"assignableScopes": ["/"], "description": "Grants full access to manage all resources.", "id": "/subscriptions/b1e2c3d4-5f6a-4b7c-8d9e-0f1a2b3c4d5e/providers/Microsoft.Authorization/roleDefinitions/8e3af657-a8ff-443c-a75c-2fe8c4bcb635", "name": "8e3af657-a8ff-443c-a75c-2fe8c4bcb635", "permissions": [{"actions": ["*"], "dataActions": [], "notActions": [], "notDataActions": []}], "roleName": "Owner", "roleType": "BuiltInRole", "type": "Microsoft.Authorization/roleDefinitions"}]"""),
            ("azure/subscriptions.json", """[{"cloudName": "AzureCloud", "homeTenantId": "11111111-1111-1111-1111-111111111111", "id": "b1e2c3d4-5f6a-4b7c-8d9e-0f1a2b3c4d5e", "isDefault": true, "managedByTenants": [], "name": "finance", "state": "Enabled", "tenantId": "11111111-1111-1111-1111-111111111111"}]"""),
            ("azure/finance/role-assignments.json", $$"""[{"condition": null, "conditionVersion": null, "id": "/subscriptions/b1e2c3d4-5f6a-4b7c-8d9e-0f1a2b3c4d5e/providers/Microsoft.Authorization/roleAssignments/5a6b7c8d-9e0f-4a1b-8c2d-3e4f5a6b7c8d", "name": "5a6b7c8d-9e0f-4a1b-8c2d-3e4f5a6b7c8d", "principalId": "{{FinanceOwners}}", "principalName": "Finance Owners", "principalType": "Group", "roleDefinitionId": "/subscriptions/b1e2c3d4-5f6a-4b7c-8d9e-0f1a2b3c4d5e/providers/Microsoft.Authorization/roleDefinitions/8e3af657-a8ff-443c-a75c-2fe8c4bcb635", "roleDefinitionName": "Owner", "scope": "/subscriptions/b1e2c3d4-5f6a-4b7c-8d9e-0f1a2b3c4d5e", "type": "Microsoft.Authorization/roleAssignments"}]"""));
        var loaded = MicrosoftEstateLoader.Load([folder.Path], TestContext.Current.CancellationToken);
        Assert.DoesNotContain(loaded.Diagnostics, d => d.Severity == DiagnosticSeverity.Error);
        return new MicrosoftEdgeContext(loaded.Entra, loaded.Azure, new DateTimeOffset(2026, 11, 28, 12, 0, 0, TimeSpan.Zero));
    }

    private static string Dynamic(string id, string name, string processing) =>
        $$"""{"id": "{{id}}", "displayName": "{{name}}", "isAssignableToRole": false, "groupTypes": ["DynamicMembership"], "membershipRule": "(user.department -eq \"Finance\")", "membershipRuleProcessingState": "{{processing}}", "securityEnabled": true, "mailEnabled": false}""";

    private static string AppRole(string id, string value) =>
        $$"""{"allowedMemberTypes": ["Application"], "description": "{{value}}", "displayName": "{{value}}", "id": "{{id}}", "isEnabled": true, "origin": "Application", "value": "{{value}}"}""";

    private static string App(string id, string suffix, string name) =>
        $$"""{"id": "{{id}}", "appId": "f6a8b0c2-3d4e-4f5a-8b6c-7d8e9f0a1b2{{suffix}}", "displayName": "{{name}}", "servicePrincipalType": "Application", "appOwnerOrganizationId": "4a7c8e1b-2f3d-4b6a-9c8e-1d2f3a4b5c6d", "accountEnabled": true, "appRoles": [], "oauth2PermissionScopes": [], "passwordCredentials": [], "keyCredentials": [], "alternativeNames": []}""";

    private static string Grant(string principal, string appRole, string name) =>
        $$"""{"id": "{{principal[..8]}}{{appRole[..8]}}", "deletedDateTime": null, "appRoleId": "{{appRole}}", "createdDateTime": "2025-06-30T12:05:10Z", "principalDisplayName": "{{name}}", "principalId": "{{principal}}", "principalType": "ServicePrincipal", "resourceDisplayName": "Microsoft Graph", "resourceId": "{{GraphServicePrincipal}}"}""";
}
