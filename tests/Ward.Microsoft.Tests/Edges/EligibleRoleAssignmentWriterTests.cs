using System.Text.Json;
using System.Text.Json.Nodes;
using Ward.Core.Graph;
using Ward.Microsoft.Edges;
using Ward.Microsoft.Edges.Checkers;
using Ward.Microsoft.Tests.Testing;
using static Ward.Microsoft.Tests.Testing.Workloads;
using static Ward.Microsoft.Tests.Testing.ArmBodies;

namespace Ward.Microsoft.Tests.Edges;

/// <summary>
/// <c>azure-assign-role</c> for PIM-eligible writers of role assignments other than Owner and User Access
/// Administrator, on the Tailspin fixture: pia, eligible for Role Based Access Control Administrator (or a custom role
/// that writes role assignments) of the subscription and holding no active role, activates it and assigns herself
/// Owner there. Decided by the Azure authorizer with the eligibility activated, so its condition (constrained
/// delegation, as rita's and rhea's active ones) and deny assignments count, and the activation by the role's PIM
/// policy. An eligible User Access Administrator whose condition keeps Owner out is no administrator either.
/// </summary>
public sealed class EligibleRoleAssignmentWriterTests
{
    private const string Pia = "6c8e0a2c-4e6a-4c8e-9a2c-4e6a8c0e2a4c";
    private const string RbacAdministrator = "f58310d9-a9f6-439a-9e8d-f62e7b41a168";
    private const string UserAccessAdministrator = "18d7d88d-d35e-4fb5-a5c3-7773c20a72d9";
    private const string AccessDelegate = "2a4c6e8a-0c2e-4a6c-8e0a-2c4e6a8c0e2a";
    private const string Write = "Microsoft.Authorization/roleAssignments/write";
    private const string Activate = "Microsoft.Authorization/roleAssignmentScheduleRequests/write";

    [Fact]
    public void An_eligible_RBAC_Administrator_activates_the_role_and_assigns_itself_Owner()
    {
        var edge = Assert.Single(AssignEdges(Eligibility(RbacAdministrator), Policy(RbacAdministrator, approval: false)), e => e.From.Value == Pia);

        Assert.Equal(("azure-assign-role", Pia, false), (edge.Technique, edge.To.Value, edge.IsConditional));
        Assert.True(edge.GrantsAdmin && edge.IsSelfEscalation);
        Assert.StartsWith($"activates its eligible `Role Based Access Control Administrator` at `{Subscription}` (the role's PIM policy requires no approval; it supplies MFA, a justification and ticket information itself), then assigns itself Owner of `{SubscriptionScope}`", edge.Description, StringComparison.Ordinal);
        Assert.Equal([(Activate, SubscriptionScope), (Write, SubscriptionScope)], edge.Permissions.Select(p => (p.Action, p.Resource)));
        Assert.Contains("Role Based Access Control Administrator", edge.Permissions[1].GrantedBy, StringComparison.Ordinal);
    }

    [Fact]
    public void An_activation_that_needs_approval_makes_the_edge_conditional_on_the_approver()
    {
        var edge = Assert.Single(AssignEdges(Eligibility(RbacAdministrator), Policy(RbacAdministrator, approval: true)), e => e.From.Value == Pia);

        Assert.True(edge.IsConditional);
        Assert.Contains("uma@tailspintoys.com", Assert.Single(edge.Requirements), StringComparison.Ordinal);
    }

    [Fact]
    public void An_eligible_custom_role_that_writes_role_assignments_counts_by_its_permissions()
    {
        var edge = Assert.Single(AssignEdges(Eligibility(AccessDelegate), Policy(AccessDelegate, approval: false), customRole: true), e => e.From.Value == Pia);

        Assert.False(edge.IsConditional);
        Assert.StartsWith($"activates its eligible `Tailspin Access Delegate` at `{Subscription}`", edge.Description, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(Rita, "2027-07-06T09:00:00Z", "rita's condition forbids assigning Owner, User Access Administrator and RBAC Administrator")]
    [InlineData(Rhea, "2027-07-06T09:00:00Z", "rhea's condition allows assigning Reader and Virtual Machine Contributor only")]
    [InlineData(null, "2026-06-30T00:00:00Z", "the eligibility ended before the reference time")]
    public void The_safe_twins_get_nothing(string? conditionOf, string end, string why)
    {
        // Given greta, eligible for Role Based Access Control Administrator of the subscription without a condition,
        // beside pia's twin
        var edges = AssignEdges($"{Eligibility(RbacAdministrator, end, ConditionOf(conditionOf))}, {GretaEligibility}", Policy(RbacAdministrator, approval: false));

        Assert.False(edges.Exists(e => e.From.Value == Pia), why);
        Assert.Contains(edges, e => e.From.Value == Greta);
    }

    [Fact]
    public void An_eligibility_on_a_resource_group_makes_nobody_Owner_of_the_subscription()
    {
        var edges = AssignEdges($"{Eligibility(RbacAdministrator, scope: SubscriptionScope + "/resourceGroups/rg-web")}, {GretaEligibility}", Policy(RbacAdministrator, approval: false));

        Assert.False(edges.Exists(e => e.From.Value == Pia));
        Assert.Contains(edges, e => e.From.Value == Greta);
    }

    [Fact]
    public void A_deny_assignment_on_the_write_stops_the_activated_role_too()
    {
        // Given a deny assignment on role assignment writes at the subscription that names pia, not greta
        var edges = AssignEdges($"{Eligibility(RbacAdministrator)}, {GretaEligibility}", Policy(RbacAdministrator, approval: false), deny: true);

        Assert.False(edges.Exists(e => e.From.Value == Pia));
        Assert.Contains(edges, e => e.From.Value == Greta);
        Assert.Contains(edges, e => e.From.Value == Rory);
    }

    /// <summary>Greta (a Global Reader without Azure roles), eligible for Role Based Access Control Administrator of the subscription: the vulnerable control beside a twin.</summary>
    private static string GretaEligibility => Eligibility(RbacAdministrator, principal: Greta, id: "3c5e7a9c-1e3a-4c5e-8a9c-1e3a5c7e9a21");

    [Fact]
    public void The_escalation_path_is_the_activation_then_the_assignment()
    {
        var graph = Graph(Eligibility(RbacAdministrator), Policy(RbacAdministrator, approval: false));

        var step = Assert.Single(graph.ShortestPathsTo(node => node.IsAdmin)[new(Pia)]);
        Assert.Equal(("azure-assign-role", false), (step.Technique, step.IsConditional));
    }

    [Fact]
    public void An_eligible_User_Access_Administrator_whose_condition_keeps_Owner_out_is_no_administrator()
    {
        // Given pia eligible for User Access Administrator of the subscription under rhea's condition (Reader and
        // Virtual Machine Contributor only)
        var graph = Graph(Eligibility(UserAccessAdministrator, condition: ConditionOf(Rhea)), Policy(UserAccessAdministrator, approval: false));

        // Then neither activating it nor assigning a role makes her an administrator
        Assert.DoesNotContain(graph.Outgoing(new(Pia)), e => e.GrantsAdmin);
        Assert.False(graph.ShortestPathsTo(node => node.IsAdmin).ContainsKey(new(Pia)));
    }

    private static List<Edge> AssignEdges(string eligibility, string policy, bool customRole = false, bool deny = false)
    {
        using var folder = Scratch(eligibility, policy, customRole, deny);
        var estates = MicrosoftEstateLoader.Load([folder.Path], TestContext.Current.CancellationToken);
        Assert.DoesNotContain(estates.Diagnostics, d => d.Severity == Ward.Core.Diagnostics.DiagnosticSeverity.Error);
        return [.. new AssignAzureRoleEdgeChecker().Check(new MicrosoftEdgeContext(estates.Entra, estates.Azure, AsOf), targets: null)];
    }

    private static EntitlementGraph Graph(string eligibility, string policy)
    {
        using var folder = Scratch(eligibility, policy, customRole: false, deny: false);
        var estates = MicrosoftEstateLoader.Load([folder.Path], TestContext.Current.CancellationToken);
        return MicrosoftGraphBuilder.Build(new MicrosoftEdgeContext(estates.Entra, estates.Azure, AsOf));
    }

    private static ScratchFolder Scratch(string eligibility, string policy, bool customRole, bool deny)
    {
        var folder = new ScratchFolder();
        folder.CopyFrom(Folder);
        folder.Write(Path.Combine("azure", "role-eligibility-1.json"), $$"""{"value": [{{eligibility}}]}""");
        folder.Write(Path.Combine("azure", "role-management-policy-assignments-1.json"), $$"""{"value": [{{policy}}]}""");
        if (customRole)
        {
            folder.EditJsonArray(Path.Combine("azure", "role-definitions.json"), definitions => definitions.Add(JsonNode.Parse($$"""
                {"assignableScopes": ["{{SubscriptionScope}}"], "createdBy": null, "createdOn": "2026-02-01T10:00:00.000000+00:00", "description": "Delegates access to the workload teams",
                 "id": "{{SubscriptionScope}}/providers/Microsoft.Authorization/roleDefinitions/{{AccessDelegate}}", "name": "{{AccessDelegate}}",
                 "permissions": [{"actions": ["Microsoft.Authorization/roleAssignments/read", "Microsoft.Authorization/roleAssignments/write"], "condition": null, "conditionVersion": null, "dataActions": [], "notActions": [], "notDataActions": []}],
                 "roleName": "Tailspin Access Delegate", "roleType": "CustomRole", "type": "Microsoft.Authorization/roleDefinitions", "updatedBy": null, "updatedOn": "2026-02-01T10:00:00.000000+00:00"}
                """)));
        }

        if (deny)
        {
            folder.Write(Path.Combine("azure", "deny-assignments.json"), DenyAssignments(SubscriptionScope, "5a7c9e1b-3d5f-4a7c-9e1b-3d5f7a9c1e3d", "Deny assignment created by Deployment Stack 'stack-access'", "Keeps role assignments of the subscription as the stack deploys them.", [Write], Principal(Pia)));
        }

        return folder;
    }

    /// <summary>The condition of an active assignment of the fixture (rita's, rhea's), as a JSON value; null for none.</summary>
    private static string ConditionOf(string? principal)
    {
        if (principal is null)
        {
            return "null";
        }

        var assignments = JsonNode.Parse(File.ReadAllText(Path.Combine(Folder, "azure", "role-assignments.json")))!.AsArray();
        var condition = assignments.Single(a => (string?)a!["principalId"] == principal)!["condition"]!.GetValue<string>();
        return JsonSerializer.Serialize(condition);
    }

    /// <summary>A roleEligibilityScheduleInstances entry, as ARM lists it (pia's by default).</summary>
    private static string Eligibility(string role, string end = "2027-07-06T09:00:00Z", string condition = "null", string? scope = null, string principal = Pia, string id = "3c5e7a9c-1e3a-4c5e-8a9c-1e3a5c7e9a1f")
    {
        scope ??= SubscriptionScope;
        return $$"""
            {
              "properties": {
                "roleEligibilityScheduleId": "{{scope}}/providers/Microsoft.Authorization/roleEligibilitySchedules/{{id}}",
                "scope": "{{scope}}",
                "roleDefinitionId": "{{SubscriptionScope}}/providers/Microsoft.Authorization/roleDefinitions/{{role}}",
                "principalId": "{{principal}}",
                "principalType": "User",
                "status": "Provisioned",
                "startDateTime": "2026-01-06T09:00:00Z",
                "endDateTime": "{{end}}",
                "memberType": "Direct",
                "condition": {{condition}},
                "conditionVersion": {{(condition == "null" ? "null" : "\"2.0\"")}}
              },
              "name": "{{id}}",
              "id": "{{scope}}/providers/Microsoft.Authorization/roleEligibilityScheduleInstances/{{id}}",
              "type": "Microsoft.Authorization/roleEligibilityScheduleInstances"
            }
            """;
    }

    /// <summary>The role's PIM policy at the subscription; with approval, uma approves.</summary>
    private static string Policy(string role, bool approval) =>
        PimPolicyBodies.ArmAssignment(SubscriptionScope, role, "0b1c2d3e-4f5a-4b6c-8d7e-9f0a1b2c3d06",
            PimPolicyBodies.ArmRules(approval, approval ? PimPolicyBodies.ArmApprover(Uma, "uma@tailspintoys.com", "User") : ""));
}
