using System.Text.Json.Nodes;
using Ward.Core.Graph;
using Ward.Microsoft.Edges;
using Ward.Microsoft.Edges.Checkers;
using Ward.Microsoft.Tests.Testing;
using static Ward.Microsoft.Tests.Testing.Workloads;
using static Ward.Microsoft.Tests.Testing.ArmBodies;

namespace Ward.Microsoft.Tests.Edges;

/// <summary>
/// Role-assignment rights below a subscription, or constrained by a condition, on the Tailspin fixture: a principal
/// that may write role assignments on a resource assigns itself a role there that grants the resource technique, then
/// uses it. The step names the role and the scope, the write comes first among the edge's permissions. Decided with
/// the role being assigned and the principal itself as assignee, so conditions, deny assignments (on the write and on
/// the technique's action) and custom roles' assignable scopes count.
/// </summary>
public sealed class SelfAssignedRoleEdgeTests
{
    private const string Write = "Microsoft.Authorization/roleAssignments/write";
    private const string RunCommand = "Microsoft.Compute/virtualMachineScaleSets/virtualMachines/runCommand/action";
    private const string RunnerRole = "5c1e9a7d-3b2f-4e6a-8d0c-9f7b5a3e1d24";
    private const string Wes = "7a9c1e3f-5b7d-4f9a-8c2e-4d6f8a0c2e51"; // Role Based Access Control Administrator of rg-web, limited to Tailspin Web Runner
    private static readonly string ScaleSet = Resource("rg-web", "Microsoft.Compute/virtualMachineScaleSets", "vmss-web");
    private static readonly string WebGroup = SubscriptionScope + "/resourceGroups/rg-web";

    private static List<Edge> RunCommandEdges => field ??= [.. new ScaleSetRunCommandEdgeChecker().Check(Context, targets: null)];

    [Fact]
    public void A_User_Access_Administrator_of_the_resource_group_assigns_itself_Owner_and_runs_a_command()
    {
        // Given ursula, User Access Administrator of rg-web only, where vmss-web carries a system-assigned identity
        var edge = Assert.Single(RunCommandEdges, e => e.From.Value == Ursula);

        // Then she assigns herself Owner on the scale set, runs a command on it and acts as its identity, for certain
        Assert.Equal(("azure-vmss-run-command", ScaleSetIdentity, false), (edge.Technique, edge.To.Value, edge.IsConditional));
        Assert.StartsWith("assigns itself `Owner` at `vmss-web` (it may write role assignments there), then runs a command on `vmss-web`", edge.Description, StringComparison.Ordinal);
        Assert.Equal([(Write, ScaleSet), (RunCommand, ScaleSet)], edge.Permissions.Select(p => (p.Action, p.Resource)));
        Assert.Contains("User Access Administrator", edge.Permissions[0].GrantedBy, StringComparison.Ordinal);
        Assert.Contains("self-assigned", edge.Permissions[1].GrantedBy, StringComparison.Ordinal);
    }

    [Fact]
    public void A_constrained_delegation_assigns_the_one_role_it_allows_that_runs_the_command()
    {
        // Given rhea, Role Based Access Control Administrator of the subscription whose condition allows assigning
        // Reader and Virtual Machine Contributor only
        var edge = Assert.Single(RunCommandEdges, e => e.From.Value == Rhea);

        // Then she cannot assign herself Owner, but Virtual Machine Contributor runs the command
        Assert.False(edge.IsConditional);
        Assert.StartsWith("assigns itself `Virtual Machine Contributor` at `vmss-web`", edge.Description, StringComparison.Ordinal);

        // And that role reaches neither the container group nor the logic app
        Assert.DoesNotContain(new ContainerExecEdgeChecker().Check(Context, targets: null), e => e.From.Value == Rhea);
        Assert.DoesNotContain(new LogicAppEdgeChecker().Check(Context, targets: null), e => e.From.Value == Rhea);
    }

    [Theory]
    [InlineData(Ravi, "his condition lets him assign roles to Web Operators only, not to himself")]
    [InlineData(Adrian, "roleAssignments/write is in his role's notActions")]
    [InlineData(Nora, "she writes no role assignment, and her role excludes run command")]
    public void The_safe_twins_assign_themselves_nothing(string principal, string why)
    {
        Assert.False(RunCommandEdges.Exists(e => e.From.Value == principal), why);
    }

    [Fact]
    public void Role_assignment_rights_on_a_resource_group_reach_only_the_resources_in_it()
    {
        // ursula's rg-web holds no container group and no automation account
        Assert.DoesNotContain(new ContainerExecEdgeChecker().Check(Context, targets: null), e => e.From.Value == Ursula);
        Assert.DoesNotContain(new AutomationRunbookEdgeChecker().Check(Context, targets: null), e => e.From.Value == Ursula);
    }

    [Fact]
    public void A_deny_assignment_on_role_assignment_writes_stops_the_self_assignment()
    {
        // Given a deny assignment at rg-web that keeps ursula from writing role assignments
        var edges = Checked(folder => AddDeny(folder, [Write], Principal(Ursula)));

        // Then she assigns herself nothing, and runs no command
        Assert.DoesNotContain(edges, e => e.From.Value == Ursula);
        Assert.Contains(edges, e => e.From.Value == Vince);
    }

    [Fact]
    public void A_deny_assignment_on_the_technique_stops_it_whatever_role_is_assigned()
    {
        // Given a deny assignment at rg-web on run command (the action and managed run commands) for everyone but vince
        var edges = Checked(folder => AddDeny(folder, [RunCommand, "Microsoft.Compute/virtualMachineScaleSets/virtualMachines/runCommands/write"], Principal("00000000-0000-0000-0000-000000000000", "SystemDefined"), exclude: Principal(Vince)));

        // Then no self-assigned role runs the command: only vince, whom it excludes, still does
        Assert.Equal([Vince], edges.Select(e => e.From.Value), StringComparer.Ordinal);
    }

    [Theory]
    [InlineData("rg-web", true)]
    [InlineData("rg-integration", false)]
    public void A_custom_role_is_assigned_only_within_its_assignable_scopes(string assignableGroup, bool reaches)
    {
        // Given wes, Role Based Access Control Administrator of rg-web whose condition allows assigning the custom role
        // Tailspin Web Runner only, assignable in one resource group
        var edges = Checked(folder =>
        {
            folder.EditJsonArray(Path.Combine("azure", "role-definitions.json"), definitions => definitions.Add(JsonNode.Parse($$"""
                {"assignableScopes": ["{{SubscriptionScope}}/resourceGroups/{{assignableGroup}}"], "createdBy": null, "createdOn": "2026-02-01T10:00:00.000000+00:00", "description": "Runs commands on the web scale sets",
                 "id": "{{SubscriptionScope}}/providers/Microsoft.Authorization/roleDefinitions/{{RunnerRole}}", "name": "{{RunnerRole}}",
                 "permissions": [{"actions": ["Microsoft.Compute/virtualMachineScaleSets/read", "{{RunCommand}}"], "condition": null, "conditionVersion": null, "dataActions": [], "notActions": [], "notDataActions": []}],
                 "roleName": "Tailspin Web Runner", "roleType": "CustomRole", "type": "Microsoft.Authorization/roleDefinitions", "updatedBy": null, "updatedOn": "2026-02-01T10:00:00.000000+00:00"}
                """)));
            var condition = $"((!(ActionMatches{{'{Write}'}})) OR (@Request[Microsoft.Authorization/roleAssignments:RoleDefinitionId] ForAnyOfAnyValues:GuidEquals {{{RunnerRole}}})) AND ((!(ActionMatches{{'Microsoft.Authorization/roleAssignments/delete'}})) OR (@Resource[Microsoft.Authorization/roleAssignments:RoleDefinitionId] ForAnyOfAnyValues:GuidEquals {{{RunnerRole}}}))";
            folder.EditJsonArray(Path.Combine("azure", "role-assignments.json"), assignments => assignments.Add(new JsonObject
            {
                ["condition"] = condition,
                ["conditionVersion"] = "2.0",
                ["id"] = $"{WebGroup}/providers/Microsoft.Authorization/roleAssignments/0b2d4f6a-8c0e-4a2c-9e4b-6d8f0a2c4e63",
                ["name"] = "0b2d4f6a-8c0e-4a2c-9e4b-6d8f0a2c4e63",
                ["principalId"] = Wes,
                ["principalName"] = "wes@tailspintoys.com",
                ["principalType"] = "User",
                ["roleDefinitionId"] = $"{SubscriptionScope}/providers/Microsoft.Authorization/roleDefinitions/f58310d9-a9f6-439a-9e8d-f62e7b41a168",
                ["roleDefinitionName"] = "Role Based Access Control Administrator",
                ["scope"] = WebGroup,
                ["type"] = "Microsoft.Authorization/roleAssignments",
            }));
        });

        // Then he assigns himself that role on vmss-web only where the role may be assigned
        var edge = edges.Find(e => e.From.Value == Wes);
        Assert.Equal(reaches, edge is not null);
        if (edge is not null)
        {
            Assert.StartsWith("assigns itself the custom role `Tailspin Web Runner` at `vmss-web`", edge.Description, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void The_escalation_path_of_a_resource_group_administrator_shows_the_self_assignment()
    {
        // Given vmss-web's identity made Owner of the subscription
        using var folder = new ScratchFolder();
        folder.CopyFrom(Folder);
        folder.EditJsonArray(Path.Combine("azure", "role-assignments.json"), assignments => assignments.Add(new JsonObject
        {
            ["condition"] = null,
            ["id"] = $"{SubscriptionScope}/providers/Microsoft.Authorization/roleAssignments/6e8a0c2e-4a6c-4e8a-9c2e-8a0c2e4a6c8e",
            ["name"] = "6e8a0c2e-4a6c-4e8a-9c2e-8a0c2e4a6c8e",
            ["principalId"] = ScaleSetIdentity,
            ["principalType"] = "ServicePrincipal",
            ["roleDefinitionId"] = $"{SubscriptionScope}/providers/Microsoft.Authorization/roleDefinitions/8e3af657-a8ff-443c-a75c-2fe8c4bcb635",
            ["roleDefinitionName"] = "Owner",
            ["scope"] = SubscriptionScope,
            ["type"] = "Microsoft.Authorization/roleAssignments",
        }));
        var estates = MicrosoftEstateLoader.Load([folder.Path], TestContext.Current.CancellationToken);

        // When the escalation graph is built and searched
        var graph = MicrosoftGraphBuilder.Build(new MicrosoftEdgeContext(estates.Entra, estates.Azure, AsOf));
        var paths = graph.ShortestPathsTo(node => node.IsAdmin);

        // Then ursula, User Access Administrator of rg-web only, becomes Owner of the subscription in one step that
        // says how: she assigns herself Owner on the scale set, then runs a command on it
        var step = Assert.Single(paths[new(Ursula)]);
        // (run command or an extension: the scale set's run-code techniques give paths of the same length)
        Assert.Contains(step.Technique, ScaleSetRunCode, StringComparer.Ordinal);
        Assert.Equal((ScaleSetIdentity, false), (step.To.Value, step.IsConditional));
        Assert.StartsWith("assigns itself `Owner` at `vmss-web`", step.Description, StringComparison.Ordinal);
    }

    private static List<Edge> Checked(Action<ScratchFolder> change)
    {
        using var folder = new ScratchFolder();
        folder.CopyFrom(Folder);
        change(folder);
        var estates = MicrosoftEstateLoader.Load([folder.Path], TestContext.Current.CancellationToken);
        Assert.DoesNotContain(estates.Diagnostics, d => d.Severity == Ward.Core.Diagnostics.DiagnosticSeverity.Error);
        return [.. new ScaleSetRunCommandEdgeChecker().Check(new MicrosoftEdgeContext(estates.Entra, estates.Azure, AsOf), targets: null)];
    }

    /// <summary>A deny assignment at rg-web in the REST form the export writes.</summary>
    private static void AddDeny(ScratchFolder folder, string[] actions, string principal, string? exclude = null) =>
        File.WriteAllText(Path.Combine(folder.Path, "azure", "deny-assignments.json"), DenyAssignments(WebGroup, "4f6a8c0e-2a4c-4e6a-8c0e-2a4c6e8a0c2e", "Deny assignment created by Deployment Stack 'stack-web'", "Protects the web tier.", actions, principal, exclude ?? string.Empty));
}
