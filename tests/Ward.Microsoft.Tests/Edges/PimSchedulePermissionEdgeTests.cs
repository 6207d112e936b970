using Ward.Core.Diagnostics;
using Ward.Core.Graph;
using Ward.Microsoft.Azure.Rbac;
using Ward.Microsoft.Edges;
using Ward.Microsoft.Edges.Checkers;
using Ward.Microsoft.Entra.Ingest;
using Ward.Microsoft.Tests.Testing;
using static Ward.Microsoft.Tests.Testing.GraphBodies;

namespace Ward.Microsoft.Tests.Edges;

/// <summary>
/// Microsoft Graph's PIM schedule permissions as application permissions: <c>RoleEligibilitySchedule.ReadWrite.Directory</c>
/// in <c>entra-assign-role</c>, the PIM for Groups ones in <c>entra-add-group-member</c>, on a tenant exported from
/// Graph v1.0.
/// </summary>
public sealed class PimSchedulePermissionEdgeTests
{
    private const string GraphServicePrincipal = "5f1c2d3e-4a5b-4c6d-8e7f-9a0b1c2d3e4f";
    private const string RoleEligibilityScheduleReadWrite = "fee28b28-e1f3-4841-818e-2704dc62245f";
    private const string PrivilegedAssignmentScheduleReadWrite = "41202f2c-f7ab-45be-b001-85c9728b9d69";
    private const string PrivilegedEligibilityScheduleReadWrite = "618b6020-bca8-4de6-99f6-ef445fa4d857";
    private const string PrivilegedAccessReadWrite = "2f6817f8-7b12-4f0f-bc18-eeaf60705a9e";
    private const string GroupReadWriteAll = "62a82d76-70ea-41e2-9197-370581804d09";
    private const string DirectoryReadAll = "7ab1d382-f21e-4acd-a863-ba3e13f7da61";

    private const string EligibilityBot = "b7e2c4a9-1d3f-4e58-9a6b-0c2d4e6f8a01";
    private const string GroupAssignmentBot = "b7e2c4a9-1d3f-4e58-9a6b-0c2d4e6f8a02";
    private const string GroupEligibilityBot = "b7e2c4a9-1d3f-4e58-9a6b-0c2d4e6f8a03";
    private const string GroupWriter = "b7e2c4a9-1d3f-4e58-9a6b-0c2d4e6f8a04";
    private const string DirectoryReader = "b7e2c4a9-1d3f-4e58-9a6b-0c2d4e6f8a05";

    private const string Tier0Admins = "e4a1c7f3-2b9d-4d6e-8f0a-1b3c5d7e9f01";
    private const string SalesTeam = "e4a1c7f3-2b9d-4d6e-8f0a-1b3c5d7e9f02";
    private const string AllPlatform = "e4a1c7f3-2b9d-4d6e-8f0a-1b3c5d7e9f03";

    private static readonly Lazy<MicrosoftEdgeContext> Context = new(Build);

    [Fact]
    public void RoleEligibilitySchedule_ReadWrite_Directory_makes_itself_eligible_for_Global_Administrator_on_condition_it_can_activate()
    {
        var edge = Assert.Single(new AssignDirectoryRoleEdgeChecker().Check(Context.Value, targets: null), e => e.From.Value == EligibilityBot);

        Assert.Equal(EligibilityBot, edge.To.Value);
        Assert.True(edge.GrantsAdmin);
        Assert.Contains("eligible for Global Administrator", edge.Description, StringComparison.Ordinal);
        Assert.Contains("activate", Assert.Single(edge.Requirements), StringComparison.Ordinal);
    }

    [Fact]
    public void PIM_for_Groups_assignment_permissions_reach_role_assignable_groups_on_condition_the_service_principal_is_accepted()
    {
        var edges = GroupEdges();

        // An active assignment: one requirement (a service principal as the assignment's principal)
        var assigned = Assert.Single(edges, e => e.From.Value == GroupAssignmentBot && e.To.Value == Tier0Admins);
        Assert.Contains("PrivilegedAssignmentSchedule.ReadWrite.AzureADGroup", assigned.Description, StringComparison.Ordinal);
        Assert.Single(assigned.Requirements);

        // An eligibility: that, and activation
        var eligible = Assert.Single(edges, e => e.From.Value == GroupEligibilityBot && e.To.Value == Tier0Admins);
        Assert.Equal(2, eligible.Requirements.Length);
        Assert.Contains("then activates it", eligible.Description, StringComparison.Ordinal);

        // A group whose members follow a rule takes no one through PIM either
        Assert.DoesNotContain(edges, e => e.To.Value == AllPlatform);
    }

    [Fact]
    public void A_certain_way_into_a_group_is_kept_over_the_conditional_PIM_one_and_read_permissions_give_nothing()
    {
        var edges = GroupEdges();

        // Group.ReadWrite.All beside PrivilegedAccess.ReadWrite.AzureADGroup: certain into Sales Team, conditional into Tier0 Admins
        var sales = Assert.Single(edges, e => e.From.Value == GroupWriter && e.To.Value == SalesTeam);
        Assert.False(sales.IsConditional);
        Assert.Contains("Group.ReadWrite.All", sales.Description, StringComparison.Ordinal);
        var tier0 = Assert.Single(edges, e => e.From.Value == GroupWriter && e.To.Value == Tier0Admins);
        Assert.True(tier0.IsConditional);
        Assert.Contains("PrivilegedAccess.ReadWrite.AzureADGroup", tier0.Description, StringComparison.Ordinal);

        // Directory.Read.All reaches nothing
        Assert.DoesNotContain(edges, e => e.From.Value == DirectoryReader);
        Assert.DoesNotContain(new AssignDirectoryRoleEdgeChecker().Check(Context.Value, targets: null), e => e.From.Value != EligibilityBot);
    }

    private static List<Edge> GroupEdges() => [.. new AddGroupMemberEdgeChecker().Check(Context.Value, targets: null)];

    private static MicrosoftEdgeContext Build()
    {
        var graphRoles = new[]
        {
            AppRole(RoleEligibilityScheduleReadWrite, "RoleEligibilitySchedule.ReadWrite.Directory"), AppRole(PrivilegedAssignmentScheduleReadWrite, "PrivilegedAssignmentSchedule.ReadWrite.AzureADGroup"),
            AppRole(PrivilegedEligibilityScheduleReadWrite, "PrivilegedEligibilitySchedule.ReadWrite.AzureADGroup"), AppRole(PrivilegedAccessReadWrite, "PrivilegedAccess.ReadWrite.AzureADGroup"),
            AppRole(GroupReadWriteAll, "Group.ReadWrite.All"), AppRole(DirectoryReadAll, "Directory.Read.All"),
        };
        var servicePrincipals = new[]
        {
            $$"""{"id": "{{GraphServicePrincipal}}", "appId": "00000003-0000-0000-c000-000000000000", "displayName": "Microsoft Graph", "servicePrincipalType": "Application", "appOwnerOrganizationId": "f8cdef31-a31e-4b4a-93e4-5f571e91255a", "accountEnabled": true, "appRoles": [{{string.Join(", ", graphRoles)}}], "oauth2PermissionScopes": [], "passwordCredentials": [], "keyCredentials": [], "alternativeNames": []}""",
            App(EligibilityBot, "1", "pim-eligibility-bot"), App(GroupAssignmentBot, "2", "group-pim-bot"), App(GroupEligibilityBot, "3", "group-eligibility-bot"),
            App(GroupWriter, "4", "group-writer"), App(DirectoryReader, "5", "directory-reader"),
        };
        var assignments = new[]
        {
            Grant(EligibilityBot, RoleEligibilityScheduleReadWrite, "pim-eligibility-bot"), Grant(GroupAssignmentBot, PrivilegedAssignmentScheduleReadWrite, "group-pim-bot"),
            Grant(GroupEligibilityBot, PrivilegedEligibilityScheduleReadWrite, "group-eligibility-bot"), Grant(GroupWriter, GroupReadWriteAll, "group-writer"),
            Grant(GroupWriter, PrivilegedAccessReadWrite, "group-writer"), Grant(DirectoryReader, DirectoryReadAll, "directory-reader"),
        };
        var groups = new[]
        {
            RoleAssignableGroup(Tier0Admins, "Tier0 Admins"), Group(SalesTeam, "Sales Team"),
            $$"""{"id": "{{AllPlatform}}", "displayName": "All Platform", "isAssignableToRole": false, "groupTypes": ["DynamicMembership"], "membershipRule": "user.department -eq \"Platform\"", "securityEnabled": true, "mailEnabled": false}""",
        };
        using var folder = new ScratchFolder(
            ("groups/page-001.json", Collection("groups", string.Join(",\n", groups))),
            ("service-principals/page-001.json", Collection("servicePrincipals", string.Join(",\n", servicePrincipals))),
            ($"app-role-assigned-to/{GraphServicePrincipal}/page-001.json", Collection($"servicePrincipals('{GraphServicePrincipal}')/appRoleAssignedTo", string.Join(",\n", assignments))),
            ("role-definitions/page-001.json", Collection("roleManagement/directory/roleDefinitions", BuiltInRole("62e90394-69f5-4237-9190-012177145e10", "Global Administrator", "microsoft.directory/users/allProperties/allTasks"))),
            ("role-assignments/page-001.json", Collection("roleManagement/directory/roleAssignments", RoleAssignment(Tier0Admins, "62e90394-69f5-4237-9190-012177145e10"))));
        var directory = EntraDirectoryLoader.Load([folder.Path], TestContext.Current.CancellationToken);
        Assert.DoesNotContain(directory.Diagnostics, d => d.Severity == DiagnosticSeverity.Error);
        return new MicrosoftEdgeContext(directory, AzureEstate.Empty, new DateTimeOffset(2026, 11, 28, 12, 0, 0, TimeSpan.Zero));
    }

    private static string AppRole(string id, string value) =>
        $$"""{"allowedMemberTypes": ["Application"], "description": "{{value}}", "displayName": "{{value}}", "id": "{{id}}", "isEnabled": true, "origin": "Application", "value": "{{value}}"}""";

    private static string App(string id, string suffix, string name) =>
        $$"""{"id": "{{id}}", "appId": "c3d5e7f9-0a1b-4c2d-8e3f-4a5b6c7d8e9{{suffix}}", "displayName": "{{name}}", "servicePrincipalType": "Application", "appOwnerOrganizationId": "4a7c8e1b-2f3d-4b6a-9c8e-1d2f3a4b5c6d", "accountEnabled": true, "appRoles": [], "oauth2PermissionScopes": [], "passwordCredentials": [], "keyCredentials": [], "alternativeNames": []}""";

    private static string Grant(string principal, string appRole, string name) =>
        $$"""{"id": "{{principal[..8]}}{{appRole[..8]}}", "deletedDateTime": null, "appRoleId": "{{appRole}}", "createdDateTime": "2025-06-30T12:05:10Z", "principalDisplayName": "{{name}}", "principalId": "{{principal}}", "principalType": "ServicePrincipal", "resourceDisplayName": "Microsoft Graph", "resourceId": "{{GraphServicePrincipal}}"}""";
}
