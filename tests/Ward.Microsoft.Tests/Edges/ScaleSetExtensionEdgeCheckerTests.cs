using System.Text.Json.Nodes;
using Ward.Core.Graph;
using Ward.Microsoft.Edges;
using Ward.Microsoft.Edges.Checkers;
using Ward.Microsoft.Tests.Testing;
using static Ward.Microsoft.Tests.Testing.ArmBodies;
using static Ward.Microsoft.Tests.Testing.Workloads;

namespace Ward.Microsoft.Tests.Edges;

/// <summary>
/// <c>azure-vmss-extension</c> on the Tailspin fixture (<c>az vmss list</c>; vmss-web, upgrade policy Manual, carries a
/// system-assigned identity): vince, Virtual Machine Contributor of rg-web through Web Operators, adds a script
/// extension and upgrades the instances to it; nora's Scale Set Operator role excludes <c>extensions/write</c> but keeps
/// <c>virtualMachineScaleSets/*</c>, so she puts the extension in the scale set's model with the scale set's own write.
/// Their twins: cody (Contributor of another resource group), a deny assignment on both writes, and a custom role that
/// may write extensions but not upgrade the instances.
/// </summary>
public sealed class ScaleSetExtensionEdgeCheckerTests
{
    private const string ExtensionWrite = "Microsoft.Compute/virtualMachineScaleSets/extensions/write";
    private const string ScaleSetWrite = "Microsoft.Compute/virtualMachineScaleSets/write";
    private const string ManualUpgrade = "Microsoft.Compute/virtualMachineScaleSets/manualUpgrade/action";
    private const string Petra = "3c5e7a9c-1e3a-4c5e-9a9c-1e3a5c7e9a1c"; // Tailspin Extension Publisher of rg-web: extensions, no upgrade
    private static readonly string ScaleSet = Resource("rg-web", "Microsoft.Compute/virtualMachineScaleSets", "vmss-web");

    private static List<Edge> Edges => field ??= [.. new ScaleSetExtensionEdgeChecker().Check(Context, targets: null)];

    [Fact]
    public void A_Virtual_Machine_Contributor_adds_an_extension_and_upgrades_the_instances()
    {
        var edge = Assert.Single(Edges, e => e.From.Value == Vince);

        Assert.Equal(("azure-vmss-extension", ScaleSetIdentity, false), (edge.Technique, edge.To.Value, edge.IsConditional));
        Assert.Equal([(ExtensionWrite, ScaleSet), (ManualUpgrade, ScaleSet)], edge.Permissions.Select(p => (p.Action, p.Resource)));
        Assert.All(edge.Permissions, p => Assert.Contains("Virtual Machine Contributor", p.GrantedBy, StringComparison.Ordinal));
        Assert.StartsWith("adds a script extension (`extensions/write`) and upgrades the instances (`manualUpgrade/action`) of `vmss-web`", edge.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void A_role_without_extensions_write_still_rewrites_the_scale_set_model()
    {
        var edge = Assert.Single(Edges, e => e.From.Value == Nora);

        Assert.Equal((ScaleSetIdentity, false), (edge.To.Value, edge.IsConditional));
        Assert.Equal([(ScaleSetWrite, ScaleSet), (ManualUpgrade, ScaleSet)], edge.Permissions.Select(p => (p.Action, p.Resource)));
        Assert.StartsWith("puts a script extension in the model (`virtualMachineScaleSets/write`)", edge.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void A_Contributor_of_another_resource_group_adds_no_extension()
    {
        Assert.DoesNotContain(Edges, e => e.From.Value == Cody);
    }

    [Fact]
    public void A_deny_assignment_on_both_writes_stops_everyone()
    {
        using var folder = Copy();
        folder.Write(Path.Combine("azure", "deny-assignments.json"), DenyAssignments(ScaleSet, "7b9d1f3b-5d7f-4b9d-9f3b-5d7f9b1d3f5b", "Deny assignment created by Deployment Stack 'stack-web'", "Keeps the scale set's model as the stack deploys it.", [ExtensionWrite, ScaleSetWrite], Principal("00000000-0000-0000-0000-000000000000", "SystemDefined")));

        Assert.NotEmpty(Edges);
        Assert.Empty(Check(folder));
    }

    [Fact]
    public void Writing_extensions_without_upgrading_the_instances_is_not_enough()
    {
        using var folder = Copy();
        folder.EditJsonArray(Path.Combine("azure", "role-definitions.json"), roles => roles.Add(JsonNode.Parse($$"""
            {"assignableScopes": ["{{SubscriptionScope}}"], "description": "Publishes extensions to scale set models.", "id": "{{SubscriptionScope}}/providers/Microsoft.Authorization/roleDefinitions/5e7a9c1e-3a5c-4e7a-9c1e-3a5c7e9a1c3e", "name": "5e7a9c1e-3a5c-4e7a-9c1e-3a5c7e9a1c3e", "permissions": [{"actions": ["Microsoft.Compute/virtualMachineScaleSets/read", "{{ExtensionWrite}}"], "condition": null, "conditionVersion": null, "dataActions": [], "notActions": [], "notDataActions": []}], "roleName": "Tailspin Extension Publisher", "roleType": "CustomRole", "type": "Microsoft.Authorization/roleDefinitions"}
            """)));
        folder.EditJsonArray(Path.Combine("azure", "role-assignments.json"), assignments => assignments.Add(JsonNode.Parse($$"""
            {"condition": null, "conditionVersion": null, "id": "{{SubscriptionScope}}/resourceGroups/rg-web/providers/Microsoft.Authorization/roleAssignments/9c1e3a5c-7e9a-4c1e-8a5c-7e9a1c3e5a7c", "name": "9c1e3a5c-7e9a-4c1e-8a5c-7e9a1c3e5a7c", "principalId": "{{Petra}}", "principalName": "petra@tailspintoys.com", "principalType": "User", "roleDefinitionId": "{{SubscriptionScope}}/providers/Microsoft.Authorization/roleDefinitions/5e7a9c1e-3a5c-4e7a-9c1e-3a5c7e9a1c3e", "roleDefinitionName": "Tailspin Extension Publisher", "scope": "{{SubscriptionScope}}/resourceGroups/rg-web", "type": "Microsoft.Authorization/roleAssignments"}
            """)));

        var edges = Check(folder);

        Assert.Contains(edges, e => e.From.Value == Vince);
        Assert.DoesNotContain(edges, e => e.From.Value == Petra);
    }

    private static ScratchFolder Copy()
    {
        var folder = new ScratchFolder();
        folder.CopyFrom(Folder);
        return folder;
    }

    private static List<Edge> Check(ScratchFolder folder)
    {
        var estates = MicrosoftEstateLoader.Load([folder.Path], TestContext.Current.CancellationToken);
        Assert.DoesNotContain(estates.Diagnostics, d => d.Severity == Ward.Core.Diagnostics.DiagnosticSeverity.Error);
        return [.. new ScaleSetExtensionEdgeChecker().Check(new MicrosoftEdgeContext(estates.Entra, estates.Azure, AsOf), targets: null)];
    }
}
