using System.Text.Json.Nodes;
using Ward.Core.Graph;
using Ward.Microsoft.Edges;
using Ward.Microsoft.Edges.Checkers;
using Ward.Microsoft.Tests.Testing;
using static Ward.Microsoft.Tests.Testing.Workloads;
using static Ward.Microsoft.Tests.Testing.ArmBodies;

namespace Ward.Microsoft.Tests.Edges;

/// <summary>
/// <c>azure-deployment-script</c> after a self-assigned role, on the Tailspin fixture: ivy, User Access Administrator of
/// rg-identity (where the user-assigned identity id-runbooks lives) and holding no other role, assigns herself Owner
/// of the resource group, which covers both the identity's assignment and the script's resources there, then creates
/// a deployment script that runs as id-runbooks. Her twins: the same rights on rg-web (which does not hold the
/// identity: one role cannot cover both), and a deny assignment on deployment scripts in rg-identity.
/// </summary>
public sealed class SelfAssignedDeploymentScriptTests
{
    private const string Ivy = "8a0c2e4a-6c8e-4a0c-9e4a-6c8e0a2c4e6a";
    private const string Write = "Microsoft.Authorization/roleAssignments/write";
    private const string Assign = "Microsoft.ManagedIdentity/userAssignedIdentities/*/assign/action";
    private static readonly string IdentityGroup = SubscriptionScope + "/resourceGroups/rg-identity";
    private static readonly string RunbooksIdentityResource = IdentityGroup + "/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id-runbooks";

    [Fact]
    public void A_User_Access_Administrator_of_the_identity_s_resource_group_assigns_itself_Owner_and_runs_a_script_as_it()
    {
        var edge = Assert.Single(Edges("rg-identity", deny: false), e => e.From.Value == Ivy);

        Assert.Equal((RunbooksIdentity, false), (edge.To.Value, edge.IsConditional));
        // (the identity's resource group as its service principal's alternativeNames spell it)
        Assert.StartsWith("assigns itself `Owner` at `rg-identity` (it may write role assignments there), then creates a deployment script in `" + IdentityGroup + "`", edge.Description, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(
            new[] { (Write, IdentityGroup), ("Microsoft.Resources/deploymentScripts/write", IdentityGroup), ("Microsoft.ContainerInstance/containerGroups/write", IdentityGroup), ("Microsoft.Storage/storageAccounts/write", IdentityGroup), (Assign, RunbooksIdentityResource) }
                .Select(p => $"{p.Item1} {p.Item2}".ToUpperInvariant()),
            edge.Permissions.Select(p => $"{p.Action} {p.Resource}".ToUpperInvariant()),
            StringComparer.Ordinal);
    }

    [Fact]
    public void Role_assignment_rights_on_another_resource_group_reach_the_script_but_not_the_identity()
    {
        Assert.DoesNotContain(Edges("rg-web", deny: false), e => e.From.Value == Ivy);
    }

    [Fact]
    public void A_deny_assignment_on_deployment_scripts_stops_it_whatever_role_is_assigned()
    {
        Assert.DoesNotContain(Edges("rg-identity", deny: true), e => e.From.Value == Ivy);
    }

    private static List<Edge> Edges(string group, bool deny)
    {
        using var folder = new ScratchFolder();
        folder.CopyFrom(Folder);
        var scope = $"{SubscriptionScope}/resourceGroups/{group}";
        folder.EditJsonArray(Path.Combine("azure", "role-assignments.json"), assignments => assignments.Add(new JsonObject
        {
            ["condition"] = null,
            ["conditionVersion"] = null,
            ["id"] = $"{scope}/providers/Microsoft.Authorization/roleAssignments/2c4e6a8c-0e2a-4c4e-8a8c-0e2a4c6e8a0c",
            ["name"] = "2c4e6a8c-0e2a-4c4e-8a8c-0e2a4c6e8a0c",
            ["principalId"] = Ivy,
            ["principalName"] = "ivy@tailspintoys.com",
            ["principalType"] = "User",
            ["roleDefinitionId"] = $"{SubscriptionScope}/providers/Microsoft.Authorization/roleDefinitions/18d7d88d-d35e-4fb5-a5c3-7773c20a72d9",
            ["roleDefinitionName"] = "User Access Administrator",
            ["scope"] = scope,
            ["type"] = "Microsoft.Authorization/roleAssignments",
        }));
        if (deny)
        {
            folder.Write(Path.Combine("azure", "deny-assignments.json"), DenyAssignments(IdentityGroup, "6a8c0e2a-4c6e-4a8c-8e2a-4c6e8a0c2e4a", "Deny assignment created by Deployment Stack 'stack-identity'", "No deployment scripts next to the identities.", ["Microsoft.Resources/deploymentScripts/write"], Principal("00000000-0000-0000-0000-000000000000", "SystemDefined")));
        }

        var estates = MicrosoftEstateLoader.Load([folder.Path], TestContext.Current.CancellationToken);
        Assert.DoesNotContain(estates.Diagnostics, d => d.Severity == Ward.Core.Diagnostics.DiagnosticSeverity.Error);
        return [.. new DeploymentScriptEdgeChecker().Check(new MicrosoftEdgeContext(estates.Entra, estates.Azure, AsOf), targets: null)];
    }
}
