using System.Collections.Immutable;
using Ward.Core.Diagnostics;
using Ward.Core.Graph;
using Ward.Core.Model;
using Ward.Microsoft.Edges;
using Ward.Microsoft.Tests.Testing;
using static Ward.Microsoft.Tests.Testing.GraphBodies;

namespace Ward.Microsoft.Tests.Edges;

/// <summary>
/// <c>entra-pim-group-activate</c>: PIM for Groups eligibility, exported from Microsoft Graph v1.0, as a step towards
/// the directory roles and Azure roles a group holds.
/// </summary>
public sealed class ActivateEligibleGroupEdgeCheckerTests
{
    private const string Technique = "entra-pim-group-activate";
    private const string GlobalAdministrator = "62e90394-69f5-4237-9190-012177145e10";
    private const string Subscription = "a1d5f3c7-84b2-4e69-9f0a-6b3c2d1e7f45";

    private const string Tier0Admins = "5e2a9c41-7b3d-4f68-8a1e-0c9d2b4f6a01";
    private const string ProdOwners = "5e2a9c41-7b3d-4f68-8a1e-0c9d2b4f6a02";
    private const string CafeteriaFans = "5e2a9c41-7b3d-4f68-8a1e-0c9d2b4f6a03";
    private const string ProdDynamic = "5e2a9c41-7b3d-4f68-8a1e-0c9d2b4f6a04";
    private const string OncallTeam = "5e2a9c41-7b3d-4f68-8a1e-0c9d2b4f6a05";

    private const string Ada = "8d4f1b27-3e6a-4c95-b0d8-2a7c5e9f1b01";
    private const string Lee = "8d4f1b27-3e6a-4c95-b0d8-2a7c5e9f1b02";
    private const string Olga = "8d4f1b27-3e6a-4c95-b0d8-2a7c5e9f1b03";
    private const string Priya = "8d4f1b27-3e6a-4c95-b0d8-2a7c5e9f1b04";
    private const string Omar = "8d4f1b27-3e6a-4c95-b0d8-2a7c5e9f1b05";
    private const string Ed = "8d4f1b27-3e6a-4c95-b0d8-2a7c5e9f1b06";
    private const string Cara = "8d4f1b27-3e6a-4c95-b0d8-2a7c5e9f1b07";
    private const string Dina = "8d4f1b27-3e6a-4c95-b0d8-2a7c5e9f1b08";

    private static readonly Lazy<EntitlementGraph> Graph = new(Build);

    [Fact]
    public void An_eligible_member_of_a_role_assignable_group_holding_Global_Administrator_activates_it()
    {
        // Given lee, eligible (PIM for Groups, in force) for membership of Tier0 Admins, which holds Global Administrator
        var edge = Assert.Single(Graph.Value.Outgoing(new PrincipalId(Lee)), e => e.Technique == Technique);

        // Then he has an edge to the group, conditional on the group's activation settings, and is not an administrator yet
        Assert.Equal(Tier0Admins, edge.To.Value);
        Assert.True(edge.IsConditional);
        Assert.Contains("PIM settings", Assert.Single(edge.Requirements), StringComparison.Ordinal);
        Assert.Contains("eligible membership of `Tier0 Admins`", edge.Description, StringComparison.Ordinal);
        Assert.False(Node(Lee).IsAdmin);
        Assert.True(Node(Tier0Admins).IsAdmin);

        // And that one step is his path to an administrator
        Assert.Equal([Technique], PathOf(Lee).Select(e => e.Technique).ToArray());
    }

    [Fact]
    public void An_eligible_owner_activates_ownership_then_adds_itself_as_a_member()
    {
        var edge = Assert.Single(Graph.Value.Outgoing(new PrincipalId(Olga)), e => e.Technique == Technique);

        Assert.Equal(Tier0Admins, edge.To.Value);
        Assert.Contains("eligible ownership of `Tier0 Admins`", edge.Description, StringComparison.Ordinal);
        Assert.Contains("adds itself as a member", edge.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void Eligibility_for_a_group_holding_Owner_of_a_subscription_is_a_path_to_Azure_and_a_group_s_eligibility_is_its_members()
    {
        // Given priya, and the Oncall Team group (member omar), eligible for membership of Prod Owners, Owner of the subscription
        Assert.Equal([Technique], PathOf(Priya).Select(e => e.Technique).ToArray());
        Assert.Equal(ProdOwners, Assert.Single(PathOf(Omar)).To.Value);
        Assert.Contains(Graph.Value.Outgoing(new PrincipalId(OncallTeam)), e => e.Technique == Technique && e.To.Value == ProdOwners);
    }

    [Fact]
    public void Expired_eligibility_a_group_without_privileges_and_ownership_of_a_dynamic_group_give_no_path()
    {
        // Given ed, whose eligibility for Tier0 Admins ended; cara, eligible for Cafeteria Fans, which holds nothing;
        // dina, eligible owner of Prod Dynamic (Owner of the subscription, members by rule)
        foreach (var user in new[] { Ed, Cara, Dina })
        {
            Assert.DoesNotContain(Graph.Value.Outgoing(new PrincipalId(user)), e => e.Technique == Technique);
            Assert.False(Paths.ContainsKey(new PrincipalId(user)));
        }
    }

    [Fact]
    public void Eligibility_schedules_are_read_when_no_instances_were_exported()
    {
        // Given PIM for Groups eligibility schedules (`scheduleInfo` for the dates) instead of instances: lee's in force,
        // ed's expired
        string[] schedules =
        [
            $$"""{"id": "{{Tier0Admins}}_member_{{Lee}}", "principalId": "{{Lee}}", "groupId": "{{Tier0Admins}}", "accessId": "member", "memberType": "Direct", "status": "Provisioned", "createdUsing": "{{Tier0Admins}}_member_{{Lee}}", "createdDateTime": "2026-01-05T10:00:00Z", "modifiedDateTime": null, "scheduleInfo": {"startDateTime": "2026-01-05T10:00:00Z", "recurrence": null, "expiration": {"type": "afterDateTime", "endDateTime": "2027-01-05T10:00:00Z", "duration": null} } }""",
            $$"""{"id": "{{Tier0Admins}}_member_{{Ed}}", "principalId": "{{Ed}}", "groupId": "{{Tier0Admins}}", "accessId": "member", "memberType": "Direct", "status": "Provisioned", "createdUsing": "{{Tier0Admins}}_member_{{Ed}}", "createdDateTime": "2025-06-30T00:00:00Z", "modifiedDateTime": null, "scheduleInfo": {"startDateTime": "2025-06-30T00:00:00Z", "recurrence": null, "expiration": {"type": "afterDateTime", "endDateTime": "2026-06-30T00:00:00Z", "duration": null} } }""",
        ];
        using var folder = new ScratchFolder(
            ("users/page-001.json", Collection("users", string.Join(",\n", User(Lee, "Lee Gu"), User(Ed, "Ed Marsh")))),
            ("groups/page-001.json", Collection("groups", RoleAssignableGroup(Tier0Admins, "Tier0 Admins"))),
            ($"group-members/{Tier0Admins}/page-001.json", Collection("directoryObjects", string.Empty)),
            ("role-definitions/page-001.json", Collection("roleManagement/directory/roleDefinitions", BuiltInRole(GlobalAdministrator, "Global Administrator", "microsoft.directory/users/allProperties/allTasks"))),
            ("role-assignments/page-001.json", Collection("roleManagement/directory/roleAssignments", RoleAssignment(Tier0Admins, GlobalAdministrator))),
            ("pim-group-eligibility-schedules/page-001.json", Collection("identityGovernance/privilegedAccess/group/eligibilitySchedules", string.Join(",\n", schedules))));
        var loaded = MicrosoftEstateLoader.Load([folder.Path], TestContext.Current.CancellationToken);
        Assert.DoesNotContain(loaded.Diagnostics, d => d.Severity >= DiagnosticSeverity.Warning);

        // When the graph is built
        var graph = MicrosoftGraphBuilder.Build(new MicrosoftEdgeContext(loaded.Entra, loaded.Azure, new DateTimeOffset(2026, 11, 28, 12, 0, 0, TimeSpan.Zero)));

        // Then lee's schedule is an edge to the group and ed's is not
        Assert.Equal(Tier0Admins, Assert.Single(graph.Outgoing(new PrincipalId(Lee)), e => e.Technique == Technique).To.Value);
        Assert.DoesNotContain(graph.Outgoing(new PrincipalId(Ed)), e => e.Technique == Technique);
    }

    private static IReadOnlyDictionary<PrincipalId, ImmutableArray<Edge>> Paths => field ??= Graph.Value.ShortestPathsTo(node => node.IsAdmin);

    private static ImmutableArray<Edge> PathOf(string id) => Paths[new PrincipalId(id)];

    private static GraphNode Node(string id) => Graph.Value.Nodes[new PrincipalId(id)];

    private static EntitlementGraph Build()
    {
        var users = new[]
        {
            User(Ada, "Ada Okafor"), User(Lee, "Lee Gu"), User(Olga, "Olga Berg"), User(Priya, "Priya Nair"), User(Omar, "Omar Haddad"),
            User(Ed, "Ed Marsh"), User(Cara, "Cara Lund"), User(Dina, "Dina Kovac"),
        };
        var groups = new[]
        {
            RoleAssignableGroup(Tier0Admins, "Tier0 Admins"), Group(ProdOwners, "Prod Owners"), Group(CafeteriaFans, "Cafeteria Fans"), Group(OncallTeam, "Oncall Team"),
            $$"""{"id": "{{ProdDynamic}}", "displayName": "Prod Dynamic", "isAssignableToRole": false, "groupTypes": ["DynamicMembership"], "membershipRule": "user.department -eq \"Platform\"", "securityEnabled": true, "mailEnabled": false}""",
        };
        var eligibilities = new[]
        {
            Eligibility(Lee, Tier0Admins, "member", "2027-01-05T10:00:00Z"), Eligibility(Olga, Tier0Admins, "owner", null),
            Eligibility(Priya, ProdOwners, "member", "2027-06-30T00:00:00Z"), Eligibility(OncallTeam, ProdOwners, "member", null),
            Eligibility(Ed, Tier0Admins, "member", "2026-06-30T00:00:00Z"), Eligibility(Cara, CafeteriaFans, "member", null),
            Eligibility(Dina, ProdDynamic, "owner", null),
        };
        using var folder = new ScratchFolder(
            ("entra/users/page-001.json", Collection("users", string.Join(",\n", users))),
            ("entra/groups/page-001.json", Collection("groups", string.Join(",\n", groups))),
            ($"entra/group-members/{Tier0Admins}/page-001.json", Collection("directoryObjects", Member("user", Ada))),
            ($"entra/group-members/{OncallTeam}/page-001.json", Collection("directoryObjects", Member("user", Omar))),
            ("entra/role-definitions/page-001.json", Collection("roleManagement/directory/roleDefinitions", BuiltInRole(GlobalAdministrator, "Global Administrator", "microsoft.directory/users/allProperties/allTasks"))),
            ("entra/role-assignments/page-001.json", Collection("roleManagement/directory/roleAssignments", RoleAssignment(Tier0Admins, GlobalAdministrator))),
            ("entra/pim-group-eligibility-schedule-instances/page-001.json", Collection("identityGovernance/privilegedAccess/group/eligibilityScheduleInstances", string.Join(",\n", eligibilities))),
            ("azure/role-definitions.json", OwnerDefinition),
            ("azure/role-assignments.json", $"[{AzureOwner(ProdOwners, "Prod Owners", "1")}, {AzureOwner(ProdDynamic, "Prod Dynamic", "2")}]"));
        var loaded = MicrosoftEstateLoader.Load([folder.Path], TestContext.Current.CancellationToken);
        Assert.DoesNotContain(loaded.Diagnostics, d => d.Severity == DiagnosticSeverity.Error);
        var context = new MicrosoftEdgeContext(loaded.Entra, loaded.Azure, new DateTimeOffset(2026, 11, 28, 12, 0, 0, TimeSpan.Zero));
        return MicrosoftGraphBuilder.Build(context);
    }

    private const string OwnerDefinition =
        $$"""
        [{"assignableScopes": ["/"], "description": "Grants full access to manage all resources, including the ability to assign roles in Azure RBAC.",
          "id": "/subscriptions/{{Subscription}}/providers/Microsoft.Authorization/roleDefinitions/8e3af657-a8ff-443c-a75c-2fe8c4bcb635",
          "name": "8e3af657-a8ff-443c-a75c-2fe8c4bcb635",
          "permissions": [{"actions": ["*"], "condition": null, "conditionVersion": null, "dataActions": [], "notActions": [], "notDataActions": []}],
          "roleName": "Owner", "roleType": "BuiltInRole", "type": "Microsoft.Authorization/roleDefinitions"}]
        """;

    private static string Eligibility(string principal, string group, string access, string? end) =>
        $$"""{"id": "{{group}}_{{access}}_{{principal}}", "principalId": "{{principal}}", "groupId": "{{group}}", "accessId": "{{access}}", "memberType": "Direct", "startDateTime": "2026-01-05T10:00:00Z", "endDateTime": {{(end is null ? "null" : $"\"{end}\"")}}, "eligibilityScheduleId": "{{group}}_{{access}}_{{principal}}_schedule"}""";

    private static string AzureOwner(string principal, string name, string suffix) =>
        $$"""
        {"condition": null, "conditionVersion": null, "id": "/subscriptions/{{Subscription}}/providers/Microsoft.Authorization/roleAssignments/7c0d3f2a-9b4e-4a61-8d57-1e2f3a4b5c6{{suffix}}",
         "name": "7c0d3f2a-9b4e-4a61-8d57-1e2f3a4b5c6{{suffix}}", "principalId": "{{principal}}", "principalName": "{{name}}", "principalType": "Group",
         "roleDefinitionId": "/subscriptions/{{Subscription}}/providers/Microsoft.Authorization/roleDefinitions/8e3af657-a8ff-443c-a75c-2fe8c4bcb635",
         "roleDefinitionName": "Owner", "scope": "/subscriptions/{{Subscription}}", "type": "Microsoft.Authorization/roleAssignments"}
        """;
}
