using Ward.Core.Diagnostics;
using Ward.Core.Graph;
using Ward.Core.Model;
using Ward.Microsoft.Edges;
using Ward.Microsoft.Tests.Testing;
using static Ward.Microsoft.Tests.Testing.GraphBodies;
using static Ward.Microsoft.Tests.Testing.PimPolicyBodies;
using static Ward.Microsoft.Tests.Testing.ArmBodies;

namespace Ward.Microsoft.Tests.Edges;

/// <summary>
/// <c>entra-pim-activate</c> for the members of an eligible group: PIM lets the members of a group that is eligible
/// for a role activate it. Tier0 Standby (role-assignable; nina and kim) is eligible for Global Administrator;
/// Subscription Admins (priya and raj) for User Access Administrator of the subscription. Each member gets the edge,
/// decided for it by the role's PIM policy: certain without approval, conditional on the approvers, on another one for
/// a member that is the only approver. The twins: Former Admins (lee), whose eligibility has ended; raj, named by a
/// deny assignment on role assignment writes, which keeps User Access Administrator from making him anything.
/// </summary>
public sealed class EligibleGroupMemberActivationTests
{
    private const string Activate = "entra-pim-activate";
    private const string GlobalAdministrator = "62e90394-69f5-4237-9190-012177145e10";
    private const string UserAccessAdministrator = "18d7d88d-d35e-4fb5-a5c3-7773c20a72d9";
    private const string Subscription = "/subscriptions/a1d5f3c7-84b2-4e69-9f0a-6b3c2d1e7f45";

    private const string Nina = "5d2f8b31-0e4c-4a69-b7f3-2c1d0e9f8a01";
    private const string Kim = "5d2f8b31-0e4c-4a69-b7f3-2c1d0e9f8a02";
    private const string Lee = "5d2f8b31-0e4c-4a69-b7f3-2c1d0e9f8a03";
    private const string Priya = "5d2f8b31-0e4c-4a69-b7f3-2c1d0e9f8a04";
    private const string Raj = "5d2f8b31-0e4c-4a69-b7f3-2c1d0e9f8a05";
    private const string Tier0Standby = "7b3c4d5e-6f7a-4b8c-9d0e-1f2a3b4c5d01";
    private const string FormerAdmins = "7b3c4d5e-6f7a-4b8c-9d0e-1f2a3b4c5d02";
    private const string SubscriptionAdmins = "7b3c4d5e-6f7a-4b8c-9d0e-1f2a3b4c5d03";
    private const string PimApprovers = "7b3c4d5e-6f7a-4b8c-9d0e-1f2a3b4c5d04";

    private static readonly DateTimeOffset AsOf = new(2026, 11, 28, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_member_of_a_group_eligible_for_a_directory_role_activates_it()
    {
        // Given Tier0 Standby eligible for Global Administrator, whose PIM policy requires no approval
        var graph = Build(directoryApproval: false, azureApproval: false, deny: false);

        // Then each member activates it, for certain: one step to an administrator
        foreach (var member in new[] { Nina, Kim })
        {
            var edge = EdgeOf(graph, member);
            Assert.False(edge.IsConditional);
            Assert.True(edge.GrantsAdmin && edge.IsSelfEscalation);
            Assert.StartsWith("activates the directory role Global Administrator its group `Tier0 Standby` is eligible for (the role's PIM policy requires no approval", edge.Description, StringComparison.Ordinal);
            Assert.Equal(Activate, Assert.Single(graph.ShortestPathsTo(node => node.IsAdmin)[new(member)]).Technique);
        }
    }

    [Fact]
    public void A_member_that_is_the_only_approver_needs_another_one()
    {
        // Given Global Administrator's policy requiring the approval of PIM Approvers, whose only member is nina
        var graph = Build(directoryApproval: true, azureApproval: false, deny: false);

        // Then nina needs another approver, while kim is approved by nina
        Assert.Contains("an approver other than the principal", Assert.Single(EdgeOf(graph, Nina).Requirements), StringComparison.Ordinal);
        Assert.StartsWith("an approver named by the role's PIM policy approves the activation (group `PIM Approvers`)", Assert.Single(EdgeOf(graph, Kim).Requirements), StringComparison.Ordinal);
    }

    [Fact]
    public void A_member_of_a_group_whose_eligibility_has_ended_activates_nothing()
    {
        var graph = Build(directoryApproval: false, azureApproval: false, deny: false);

        Assert.DoesNotContain(graph.Outgoing(new PrincipalId(Lee)), e => e.Technique == Activate);
        Assert.False(graph.ShortestPathsTo(node => node.IsAdmin).ContainsKey(new(Lee)));
        Assert.True(graph.ShortestPathsTo(node => node.IsAdmin).ContainsKey(new(Nina)), "Tier0 Standby's eligibility is in force");
    }

    [Fact]
    public void A_member_of_a_group_eligible_for_an_Azure_administrator_role_activates_it()
    {
        // Given Subscription Admins eligible for User Access Administrator of the subscription, without approval
        var graph = Build(directoryApproval: false, azureApproval: false, deny: false);

        foreach (var member in new[] { Priya, Raj })
        {
            var edge = EdgeOf(graph, member);
            Assert.False(edge.IsConditional);
            Assert.StartsWith($"activates the Azure role User Access Administrator at `{Subscription}` its group `Subscription Admins` is eligible for", edge.Description, StringComparison.Ordinal);
            var permission = Assert.Single(edge.Permissions);
            Assert.Equal(("Microsoft.Authorization/roleAssignmentScheduleRequests/write", Subscription), (permission.Action, permission.Resource));
        }

        // And with approval required, each member's activation is conditional on the approvers
        var approved = Build(directoryApproval: false, azureApproval: true, deny: false);
        Assert.Contains("group `PIM Approvers`", Assert.Single(EdgeOf(approved, Priya).Requirements), StringComparison.Ordinal);
    }

    [Fact]
    public void A_deny_assignment_naming_a_member_keeps_that_member_from_the_group_s_eligibility()
    {
        // Given a deny assignment on role assignment writes at the subscription that names raj, not the group
        var graph = Build(directoryApproval: false, azureApproval: false, deny: true);

        // Then raj activates nothing that makes him an administrator; priya still does
        Assert.DoesNotContain(graph.Outgoing(new PrincipalId(Raj)), e => e.Technique == Activate);
        Assert.False(EdgeOf(graph, Priya).IsConditional);
    }

    private static Edge EdgeOf(EntitlementGraph graph, string principal) =>
        Assert.Single(graph.Outgoing(new PrincipalId(principal)), e => e.Technique == Activate);

    private static EntitlementGraph Build(bool directoryApproval, bool azureApproval, bool deny)
    {
        var users = new[] { User(Nina, "Nina Ortiz"), User(Kim, "Kim Larsen"), User(Lee, "Lee Gu"), User(Priya, "Priya Nair"), User(Raj, "Raj Patel") };
        var groups = new[] { RoleAssignableGroup(Tier0Standby, "Tier0 Standby"), RoleAssignableGroup(FormerAdmins, "Former Admins"), Group(SubscriptionAdmins, "Subscription Admins"), Group(PimApprovers, "PIM Approvers") };
        var eligibilities = new[] { RoleEligibility(Tier0Standby, end: null), RoleEligibility(FormerAdmins, end: "2026-06-30T00:00:00Z") };
        using var folder = new ScratchFolder(
            ("entra/users/page-001.json", Collection("users", string.Join(",\n", users))),
            ("entra/groups/page-001.json", Collection("groups", string.Join(",\n", groups))),
            ($"entra/group-members/{Tier0Standby}/page-001.json", Collection("directoryObjects", $"{Member("user", Nina)}, {Member("user", Kim)}")),
            ($"entra/group-members/{FormerAdmins}/page-001.json", Collection("directoryObjects", Member("user", Lee))),
            ($"entra/group-members/{SubscriptionAdmins}/page-001.json", Collection("directoryObjects", $"{Member("user", Priya)}, {Member("user", Raj)}")),
            ($"entra/group-members/{PimApprovers}/page-001.json", Collection("directoryObjects", Member("user", Nina))),
            ("entra/role-definitions/page-001.json", Collection("roleManagement/directory/roleDefinitions", BuiltInRole(GlobalAdministrator, "Global Administrator", "microsoft.directory/users/allProperties/allTasks"))),
            ("entra/role-eligibility-schedule-instances/page-001.json", Collection("roleManagement/directory/roleEligibilityScheduleInstances", string.Join(",\n", eligibilities))),
            ("entra/role-management-policy-assignments/page-001.json", Collection(GraphContext,
                GraphAssignment("DirectoryRole", "/", GlobalAdministrator, directoryApproval, directoryApproval ? GraphGroupApprover(PimApprovers, "PIM Approvers") : ""))),
            ("azure/role-definitions.json", File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "Azure", "estate", "role-definitions.json"))),
            ("azure/role-eligibility-1.json", $$$"""{"value": [{{{AzureEligibility(SubscriptionAdmins)}}}]}"""),
            ("azure/role-management-policy-assignments-1.json", $$$"""{"value": [{{{ArmAssignment(Subscription, UserAccessAdministrator, "0b1c2d3e-4f5a-4b6c-8d7e-9f0a1b2c3d05",
                ArmRules(azureApproval, azureApproval ? ArmApprover(PimApprovers, "PIM Approvers", "Group") : ""))}}}]}"""));
        if (deny)
        {
            folder.Write("azure/deny-assignments.json", DenyAssignments(Subscription, "5a7c9e1b-3d5f-4a7c-9e1b-3d5f7a9c1e3c", "Deny assignment created by Deployment Stack 'stack-access'", "Keeps role assignments of the subscription as the stack deploys them.", ["Microsoft.Authorization/roleAssignments/write"], Principal(Raj)));
        }

        var loaded = MicrosoftEstateLoader.Load([folder.Path], TestContext.Current.CancellationToken);
        Assert.DoesNotContain(loaded.Diagnostics, d => d.Severity >= DiagnosticSeverity.Warning);
        return MicrosoftGraphBuilder.Build(new MicrosoftEdgeContext(loaded.Entra, loaded.Azure, AsOf));
    }

    /// <summary>A Graph roleEligibilityScheduleInstances entry for Global Administrator held by a group.</summary>
    private static string RoleEligibility(string group, string? end) =>
        $$$"""{"id": "{{{GlobalAdministrator}}}_{{{group}}}", "principalId": "{{{group}}}", "roleDefinitionId": "{{{GlobalAdministrator}}}", "directoryScopeId": "/", "appScopeId": null, "startDateTime": "2026-01-05T10:00:00Z", "endDateTime": {{{(end is null ? "null" : $"\"{end}\"")}}}, "memberType": "Direct", "roleEligibilityScheduleId": "{{{GlobalAdministrator}}}_{{{group}}}_schedule"}""";

    /// <summary>An ARM roleEligibilityScheduleInstances entry for User Access Administrator of the subscription held by a group.</summary>
    private static string AzureEligibility(string group) =>
        $$$"""
        {"properties": {"scope": "{{{Subscription}}}", "roleDefinitionId": "{{{Subscription}}}/providers/Microsoft.Authorization/roleDefinitions/{{{UserAccessAdministrator}}}", "principalId": "{{{group}}}", "principalType": "Group",
          "status": "Provisioned", "roleEligibilityScheduleId": "{{{Subscription}}}/providers/Microsoft.Authorization/roleEligibilitySchedules/c1e7a4d2-5f8b-4a39-b6e0-8d2c4f7a1e91",
          "startDateTime": "2026-01-05T10:00:00.0000000Z", "endDateTime": null, "memberType": "Direct", "createdOn": "2026-01-05T10:00:03.7170000Z", "condition": null, "conditionVersion": null},
         "name": "d2f8b5e3-6a9c-4b4a-c7f1-9e3d5a8b2f01", "id": "{{{Subscription}}}/providers/Microsoft.Authorization/roleEligibilityScheduleInstances/d2f8b5e3-6a9c-4b4a-c7f1-9e3d5a8b2f01",
         "type": "Microsoft.Authorization/roleEligibilityScheduleInstances"}
        """;
}
