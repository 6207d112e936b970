using Ward.Core.Graph;
using Ward.Microsoft.Edges;
using Ward.Microsoft.Edges.Checkers;
using Ward.Microsoft.Tests.Testing;
using static Ward.Microsoft.Tests.Testing.Workloads;
using static Ward.Microsoft.Tests.Testing.ArmBodies;

namespace Ward.Microsoft.Tests.Edges;

/// <summary>
/// An eligible (PIM) role that itself grants a resource technique, on the Tailspin fixture: pia, eligible for Virtual
/// Machine Contributor of rg-web and holding no active role, activates it and runs a command on vmss-web. Certain when
/// the role's PIM policy at rg-web requires no approval, conditional on its approver when it does, and on the
/// activation settings when no policy was exported. Her twins (beside greta, eligible as she is): an eligibility that has
/// ended, one on another resource group, one for Reader, and a deny assignment on the run command. A member of an
/// eligible group activates it too.
/// </summary>
public sealed class EligibleResourceRoleTests
{
    private const string Pia = "6c8e0a2c-4e6a-4c8e-9a2c-4e6a8c0e2a4c";
    private const string VirtualMachineContributor = "9980e02c-c2be-4d73-94e8-173b1dc7cf3c";
    private const string Reader = "acdd72a7-3385-48ef-bd42-f606fba81ae7";
    private const string RunCommand = "Microsoft.Compute/virtualMachineScaleSets/virtualMachines/runCommand/action";

    // A deny that stops running commands names both ways: the action, and creating a managed run command.
    private const string ManagedRunCommand = "Microsoft.Compute/virtualMachineScaleSets/virtualMachines/runCommands/write";
    private const string Activate = "Microsoft.Authorization/roleAssignmentScheduleRequests/write";
    private static readonly string WebGroup = SubscriptionScope + "/resourceGroups/rg-web";
    private static readonly string ScaleSet = Resource("rg-web", "Microsoft.Compute/virtualMachineScaleSets", "vmss-web");

    [Fact]
    public void An_eligible_Virtual_Machine_Contributor_activates_the_role_and_runs_a_command()
    {
        var edge = Assert.Single(RunCommandEdges([Eligibility(WebGroup, VirtualMachineContributor)], [Policy(WebGroup, approval: false)]), e => e.From.Value == Pia);

        Assert.Equal(("azure-vmss-run-command", ScaleSetIdentity, false), (edge.Technique, edge.To.Value, edge.IsConditional));
        Assert.StartsWith("activates its eligible `Virtual Machine Contributor` at `rg-web` (the role's PIM policy requires no approval; it supplies MFA, a justification and ticket information itself), then runs a command on `vmss-web`", edge.Description, StringComparison.Ordinal);
        Assert.Equal([(Activate, WebGroup), (RunCommand, ScaleSet)], edge.Permissions.Select(p => (p.Action, p.Resource)));
        Assert.Contains("(eligible, counted as activated)", edge.Permissions[1].GrantedBy, StringComparison.Ordinal);
    }

    [Fact]
    public void An_activation_that_needs_approval_makes_the_step_conditional_on_the_approver()
    {
        var edge = Assert.Single(RunCommandEdges([Eligibility(WebGroup, VirtualMachineContributor)], [Policy(WebGroup, approval: true)]), e => e.From.Value == Pia);

        Assert.True(edge.IsConditional);
        Assert.Contains("uma@tailspintoys.com", Assert.Single(edge.Requirements), StringComparison.Ordinal);
    }

    [Fact]
    public void Without_the_policy_the_step_is_conditional_on_the_activation_settings()
    {
        var edge = Assert.Single(RunCommandEdges([Eligibility(WebGroup, VirtualMachineContributor)], []), e => e.From.Value == Pia);

        Assert.Equal("the role's PIM settings let the principal activate it (approval and MFA settings are not exported)", Assert.Single(edge.Requirements));
    }

    [Theory]
    [InlineData("rg-web", VirtualMachineContributor, "2026-06-30T00:00:00Z", "the eligibility ended before the reference time")]
    [InlineData("rg-integration", VirtualMachineContributor, "2027-07-06T09:00:00Z", "rg-integration holds no scale set")]
    [InlineData("rg-web", Reader, "2027-07-06T09:00:00Z", "Reader runs no command")]
    public void The_safe_twins_get_nothing(string group, string role, string end, string why)
    {
        // Given greta, eligible for Virtual Machine Contributor of rg-web, beside pia's twin
        var scope = $"{SubscriptionScope}/resourceGroups/{group}";
        var edges = RunCommandEdges([Eligibility(scope, role, end), GretaEligibility], [Policy(WebGroup, approval: false)]);

        Assert.False(edges.Exists(e => e.From.Value == Pia), why);
        Assert.Contains(edges, e => e.From.Value == Greta);
    }

    [Fact]
    public void A_deny_assignment_on_the_run_command_wins_over_the_activated_role()
    {
        // Given a deny assignment on the run command at rg-web that names pia, not greta
        var edges = RunCommandEdges([Eligibility(WebGroup, VirtualMachineContributor), GretaEligibility], [Policy(WebGroup, approval: false)], deny: true);

        Assert.False(edges.Exists(e => e.From.Value == Pia));
        Assert.Contains(edges, e => e.From.Value == Greta);
        Assert.Contains(edges, e => e.From.Value == Vince);
    }

    [Fact]
    public void A_certain_activation_wins_over_one_that_needs_approval()
    {
        // Given pia eligible for Virtual Machine Contributor of rg-web (approval required there) and of the
        // subscription (no approval)
        var edge = Assert.Single(
            RunCommandEdges(
                [Eligibility(WebGroup, VirtualMachineContributor), Eligibility(SubscriptionScope, VirtualMachineContributor, id: "3c5e7a9c-1e3a-4c5e-8a9c-1e3a5c7e9a1e")],
                [Policy(WebGroup, approval: true), Policy(SubscriptionScope, approval: false, policyGuid: "0b1c2d3e-4f5a-4b6c-8d7e-9f0a1b2c3d04")]),
            e => e.From.Value == Pia);

        // Then she activates the subscription's, for certain
        Assert.False(edge.IsConditional);
        Assert.Equal((Activate, SubscriptionScope), (edge.Permissions[0].Action, edge.Permissions[0].Resource));
    }

    [Fact]
    public void A_member_of_an_eligible_group_activates_the_group_s_role()
    {
        // Given Tier0 Operators (gloria its member) eligible for Virtual Machine Contributor of rg-web
        var edges = RunCommandEdges([Eligibility(WebGroup, VirtualMachineContributor, principal: Tier0Operators, type: "Group")], [Policy(WebGroup, approval: false)]);

        var edge = Assert.Single(edges, e => e.From.Value == Gloria);
        Assert.False(edge.IsConditional);
        Assert.StartsWith("activates `Virtual Machine Contributor` at `rg-web`, which its group `Tier0 Operators` is eligible for (the role's PIM policy requires no approval", edge.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void The_escalation_path_is_the_activation_then_the_run_command()
    {
        // Given vmss-web's identity made Owner of the subscription
        using var folder = Scratch([Eligibility(WebGroup, VirtualMachineContributor)], [Policy(WebGroup, approval: false)], deny: false, ownerIdentity: true);
        var estates = MicrosoftEstateLoader.Load([folder.Path], TestContext.Current.CancellationToken);
        var graph = MicrosoftGraphBuilder.Build(new MicrosoftEdgeContext(estates.Entra, estates.Azure, AsOf));

        var step = Assert.Single(graph.ShortestPathsTo(node => node.IsAdmin)[new(Pia)]);
        // (run command or an extension: the scale set's run-code techniques give paths of the same length)
        Assert.Contains(step.Technique, ScaleSetRunCode, StringComparer.Ordinal);
        Assert.Equal((ScaleSetIdentity, false), (step.To.Value, step.IsConditional));
        Assert.Equal(Activate, step.Permissions[0].Action);
    }

    /// <summary>Greta (a Global Reader without Azure roles), eligible for Virtual Machine Contributor of rg-web: the vulnerable control beside a twin.</summary>
    private static string GretaEligibility => Eligibility(WebGroup, VirtualMachineContributor, principal: Greta, id: "3c5e7a9c-1e3a-4c5e-8a9c-1e3a5c7e9a20");

    private static List<Edge> RunCommandEdges(string[] eligibilities, string[] policies, bool deny = false)
    {
        using var folder = Scratch(eligibilities, policies, deny, ownerIdentity: false);
        var estates = MicrosoftEstateLoader.Load([folder.Path], TestContext.Current.CancellationToken);
        Assert.DoesNotContain(estates.Diagnostics, d => d.Severity == Ward.Core.Diagnostics.DiagnosticSeverity.Error);
        return [.. new ScaleSetRunCommandEdgeChecker().Check(new MicrosoftEdgeContext(estates.Entra, estates.Azure, AsOf), targets: null)];
    }

    private static ScratchFolder Scratch(string[] eligibilities, string[] policies, bool deny, bool ownerIdentity)
    {
        var folder = new ScratchFolder();
        folder.CopyFrom(Folder);
        folder.Write(Path.Combine("azure", "role-eligibility-1.json"), $$"""{"value": [{{string.Join(",\n", eligibilities)}}]}""");
        if (policies.Length > 0)
        {
            folder.Write(Path.Combine("azure", "role-management-policy-assignments-1.json"), $$"""{"value": [{{string.Join(",\n", policies)}}]}""");
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
            folder.Write(Path.Combine("azure", "deny-assignments.json"), DenyAssignments(WebGroup, "4f6a8c0e-2a4c-4e6a-8c0e-2a4c6e8a0c2f", "Deny assignment created by Deployment Stack 'stack-web'", "Keeps the scale set's instances as the stack deploys them.", [RunCommand, ManagedRunCommand], Principal(Pia)));
        }

        return folder;
    }

    /// <summary>A roleEligibilityScheduleInstances entry, as ARM lists it (pia's by default).</summary>
    private static string Eligibility(string scope, string role, string end = "2027-07-06T09:00:00Z", string principal = Pia, string type = "User", string id = "3c5e7a9c-1e3a-4c5e-8a9c-1e3a5c7e9a1d") => $$"""
        {
          "properties": {
            "roleEligibilityScheduleId": "{{scope}}/providers/Microsoft.Authorization/roleEligibilitySchedules/{{id}}",
            "scope": "{{scope}}",
            "roleDefinitionId": "{{SubscriptionScope}}/providers/Microsoft.Authorization/roleDefinitions/{{role}}",
            "principalId": "{{principal}}",
            "principalType": "{{type}}",
            "status": "Provisioned",
            "startDateTime": "2026-01-06T09:00:00Z",
            "endDateTime": "{{end}}",
            "memberType": "Direct",
            "condition": null,
            "conditionVersion": null
          },
          "name": "{{id}}",
          "id": "{{scope}}/providers/Microsoft.Authorization/roleEligibilityScheduleInstances/{{id}}",
          "type": "Microsoft.Authorization/roleEligibilityScheduleInstances"
        }
        """;

    /// <summary>Virtual Machine Contributor's PIM policy at a scope; with approval, uma approves.</summary>
    private static string Policy(string scope, bool approval, string policyGuid = "0b1c2d3e-4f5a-4b6c-8d7e-9f0a1b2c3d03") =>
        PimPolicyBodies.ArmAssignment(scope, VirtualMachineContributor, policyGuid,
            PimPolicyBodies.ArmRules(approval, approval ? PimPolicyBodies.ArmApprover(Uma, "uma@tailspintoys.com", "User") : ""));
}
