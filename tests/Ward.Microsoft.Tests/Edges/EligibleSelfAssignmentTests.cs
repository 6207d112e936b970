using Ward.Core.Graph;
using Ward.Microsoft.Edges;
using Ward.Microsoft.Edges.Checkers;
using Ward.Microsoft.Tests.Testing;
using static Ward.Microsoft.Tests.Testing.Workloads;
using static Ward.Microsoft.Tests.Testing.ArmBodies;

namespace Ward.Microsoft.Tests.Edges;

/// <summary>
/// Eligible (PIM) role-assignment rights on a resource group, on the Tailspin fixture: pia, eligible for User Access
/// Administrator of rg-web and holding no active role, activates it, assigns herself Owner on vmss-web and runs a
/// command on it. Certain when the role's PIM policy at rg-web requires no approval, conditional on its approver when
/// it does, and on the activation settings when no policy was exported. Her twins: an eligibility that has ended, one
/// on another resource group, one on a role that writes no role assignment, and a deny assignment on the write.
/// </summary>
public sealed class EligibleSelfAssignmentTests
{
    private const string Pia = "6c8e0a2c-4e6a-4c8e-9a2c-4e6a8c0e2a4c";
    private const string UserAccessAdministrator = "18d7d88d-d35e-4fb5-a5c3-7773c20a72d9";
    private const string Reader = "acdd72a7-3385-48ef-bd42-f606fba81ae7";
    private const string Write = "Microsoft.Authorization/roleAssignments/write";
    private const string RunCommand = "Microsoft.Compute/virtualMachineScaleSets/virtualMachines/runCommand/action";
    private static readonly string WebGroup = SubscriptionScope + "/resourceGroups/rg-web";
    private static readonly string ScaleSet = Resource("rg-web", "Microsoft.Compute/virtualMachineScaleSets", "vmss-web");

    [Fact]
    public void An_eligible_User_Access_Administrator_activates_the_role_assigns_itself_Owner_and_runs_a_command()
    {
        var edge = Assert.Single(RunCommandEdges(Eligibility(WebGroup, UserAccessAdministrator), Policy(approval: false)), e => e.From.Value == Pia);

        Assert.Equal(("azure-vmss-run-command", ScaleSetIdentity, false), (edge.Technique, edge.To.Value, edge.IsConditional));
        Assert.StartsWith("activates its eligible `User Access Administrator` at `rg-web` (the role's PIM policy requires no approval; it supplies MFA, a justification and ticket information itself), assigns itself `Owner` at `vmss-web` (it may write role assignments there), then runs a command on `vmss-web`", edge.Description, StringComparison.Ordinal);
        Assert.Equal([("Microsoft.Authorization/roleAssignmentScheduleRequests/write", WebGroup), (Write, ScaleSet), (RunCommand, ScaleSet)], edge.Permissions.Select(p => (p.Action, p.Resource)));
        Assert.Contains("(eligible, counted as activated)", edge.Permissions[1].GrantedBy, StringComparison.Ordinal);
    }

    [Fact]
    public void An_activation_that_needs_approval_makes_the_step_conditional_on_the_approver()
    {
        var edge = Assert.Single(RunCommandEdges(Eligibility(WebGroup, UserAccessAdministrator), Policy(approval: true)), e => e.From.Value == Pia);

        Assert.True(edge.IsConditional);
        Assert.Contains("uma@tailspintoys.com", Assert.Single(edge.Requirements), StringComparison.Ordinal);
    }

    [Fact]
    public void Without_the_policy_the_step_is_conditional_on_the_activation_settings()
    {
        var edge = Assert.Single(RunCommandEdges(Eligibility(WebGroup, UserAccessAdministrator), policy: null), e => e.From.Value == Pia);

        Assert.Equal("the role's PIM settings let the principal activate it (approval and MFA settings are not exported)", Assert.Single(edge.Requirements));
    }

    [Theory]
    [InlineData("rg-web", UserAccessAdministrator, "2026-06-30T00:00:00Z", "the eligibility ended before the reference time")]
    [InlineData("rg-integration", UserAccessAdministrator, "2027-07-06T09:00:00Z", "rg-integration holds no scale set")]
    [InlineData("rg-web", Reader, "2027-07-06T09:00:00Z", "Reader writes no role assignment")]
    public void The_safe_twins_get_nothing(string group, string role, string end, string why)
    {
        var edges = RunCommandEdges(Eligibility($"{SubscriptionScope}/resourceGroups/{group}", role, end), Policy(approval: false));

        Assert.False(edges.Exists(e => e.From.Value == Pia), why);
    }

    [Fact]
    public void A_deny_assignment_on_the_write_stops_the_activated_role_too()
    {
        var edges = RunCommandEdges(Eligibility(WebGroup, UserAccessAdministrator), Policy(approval: false), deny: true);

        Assert.False(edges.Exists(e => e.From.Value == Pia));
        Assert.Contains(edges, e => e.From.Value == Vince);
    }

    [Fact]
    public void The_escalation_path_is_the_activation_then_the_run_command()
    {
        // Given vmss-web's identity made Owner of the subscription
        var graph = Graph(Eligibility(WebGroup, UserAccessAdministrator), Policy(approval: false), deny: false, ownerIdentity: true);

        var step = Assert.Single(graph.ShortestPathsTo(node => node.IsAdmin)[new(Pia)]);
        // (run command or an extension: the scale set's run-code techniques give paths of the same length)
        Assert.Contains(step.Technique, ScaleSetRunCode, StringComparer.Ordinal);
        Assert.Equal((ScaleSetIdentity, false), (step.To.Value, step.IsConditional));
    }

    private static List<Edge> RunCommandEdges(string eligibility, string? policy, bool deny = false)
    {
        using var folder = Scratch(eligibility, policy, deny, ownerIdentity: false);
        var estates = MicrosoftEstateLoader.Load([folder.Path], TestContext.Current.CancellationToken);
        Assert.DoesNotContain(estates.Diagnostics, d => d.Severity == Ward.Core.Diagnostics.DiagnosticSeverity.Error);
        return [.. new ScaleSetRunCommandEdgeChecker().Check(new MicrosoftEdgeContext(estates.Entra, estates.Azure, AsOf), targets: null)];
    }

    private static EntitlementGraph Graph(string eligibility, string? policy, bool deny, bool ownerIdentity)
    {
        using var folder = Scratch(eligibility, policy, deny, ownerIdentity);
        var estates = MicrosoftEstateLoader.Load([folder.Path], TestContext.Current.CancellationToken);
        return MicrosoftGraphBuilder.Build(new MicrosoftEdgeContext(estates.Entra, estates.Azure, AsOf));
    }

    private static ScratchFolder Scratch(string eligibility, string? policy, bool deny, bool ownerIdentity)
    {
        var folder = new ScratchFolder();
        folder.CopyFrom(Folder);
        folder.Write(Path.Combine("azure", "role-eligibility-1.json"), $$"""{"value": [{{eligibility}}]}""");
        if (policy is not null)
        {
            folder.Write(Path.Combine("azure", "role-management-policy-assignments-1.json"), $$"""{"value": [{{policy}}]}""");
        }

        if (ownerIdentity)
        {
            folder.EditJsonArray(Path.Combine("azure", "role-assignments.json"), assignments => assignments.Add(System.Text.Json.Nodes.JsonNode.Parse($$"""
                {"condition": null, "conditionVersion": null, "id": "{{SubscriptionScope}}/providers/Microsoft.Authorization/roleAssignments/6e8a0c2e-4a6c-4e8a-9c2e-8a0c2e4a6c8e",
                 "name": "6e8a0c2e-4a6c-4e8a-9c2e-8a0c2e4a6c8e", "principalId": "{{ScaleSetIdentity}}", "principalType": "ServicePrincipal",
                 "roleDefinitionId": "{{SubscriptionScope}}/providers/Microsoft.Authorization/roleDefinitions/8e3af657-a8ff-443c-a75c-2fe8c4bcb635", "roleDefinitionName": "Owner",
                 "scope": "{{SubscriptionScope}}", "type": "Microsoft.Authorization/roleAssignments"}
                """)));
        }

        if (deny)
        {
            folder.Write(Path.Combine("azure", "deny-assignments.json"), DenyAssignments(WebGroup, "4f6a8c0e-2a4c-4e6a-8c0e-2a4c6e8a0c2e", "Deny assignment created by Deployment Stack 'stack-web'", "Keeps role assignments of the web tier as the stack deploys them.", [Write], Principal(Pia)));
        }

        return folder;
    }

    /// <summary>A roleEligibilityScheduleInstances entry of pia, as ARM lists it.</summary>
    private static string Eligibility(string scope, string role, string end = "2027-07-06T09:00:00Z") => $$"""
        {
          "properties": {
            "roleEligibilityScheduleId": "{{scope}}/providers/Microsoft.Authorization/roleEligibilitySchedules/2b4d6f8a-0c2e-4a6c-8e0a-2c4e6a8c0e2b",
            "scope": "{{scope}}",
            "roleDefinitionId": "{{SubscriptionScope}}/providers/Microsoft.Authorization/roleDefinitions/{{role}}",
            "principalId": "{{Pia}}",
            "principalType": "User",
            "status": "Provisioned",
            "startDateTime": "2026-01-06T09:00:00Z",
            "endDateTime": "{{end}}",
            "memberType": "Direct",
            "condition": null,
            "conditionVersion": null
          },
          "name": "3c5e7a9c-1e3a-4c5e-8a9c-1e3a5c7e9a1d",
          "id": "{{scope}}/providers/Microsoft.Authorization/roleEligibilityScheduleInstances/3c5e7a9c-1e3a-4c5e-8a9c-1e3a5c7e9a1d",
          "type": "Microsoft.Authorization/roleEligibilityScheduleInstances"
        }
        """;

    /// <summary>User Access Administrator's PIM policy at rg-web; with approval, uma approves.</summary>
    private static string Policy(bool approval) =>
        PimPolicyBodies.ArmAssignment(WebGroup, UserAccessAdministrator, "0b1c2d3e-4f5a-4b6c-8d7e-9f0a1b2c3d03",
            PimPolicyBodies.ArmRules(approval, approval ? PimPolicyBodies.ArmApprover(Uma, "uma@tailspintoys.com", "User") : ""));
}
