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
/// <c>virtualMachineScaleSets/*</c>, so she puts the extension in the scale set's model with the scale set's own write,
/// raising its capacity: the new instance is created from that model, so she needs no manual upgrade. Under an
/// Automatic or Rolling policy the extension alone reaches the instances; without the policy (<c>az resource list</c>)
/// the extension alone holds only on that condition. Their twins: cody (Contributor of another resource group), a deny
/// assignment on both writes, and a custom role that may write extensions but not upgrade the instances of a Manual
/// scale set.
/// </summary>
public sealed class ScaleSetExtensionEdgeCheckerTests
{
    private const string ExtensionWrite = "Microsoft.Compute/virtualMachineScaleSets/extensions/write";
    private const string ScaleSetWrite = "Microsoft.Compute/virtualMachineScaleSets/write";
    private const string ManualUpgrade = "Microsoft.Compute/virtualMachineScaleSets/manualUpgrade/action";
    private const string Petra = "3c5e7a9c-1e3a-4c5e-9a9c-1e3a5c7e9a1c"; // a custom role of rg-web per test: extensions, or the scale set write, no upgrade
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

        // The write that puts the extension in the model raises the capacity too: the new instance runs it, Manual or not
        Assert.Equal((ScaleSetIdentity, false), (edge.To.Value, edge.IsConditional));
        Assert.Equal([(ScaleSetWrite, ScaleSet)], edge.Permissions.Select(p => (p.Action, p.Resource)));
        Assert.StartsWith("puts a script extension in the model and adds an instance, created from that model (`virtualMachineScaleSets/write` raising `sku.capacity`), to `vmss-web`", edge.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void Under_a_Manual_policy_the_scale_set_write_alone_reaches_a_new_instance()
    {
        // A role that may only read and write the scale set: no extension resource, no manual upgrade
        using var folder = Copy();
        AddPetraRole(folder, "Tailspin Scale Set Model Writer", ScaleSetWrite);

        var edge = Assert.Single(Check(folder), e => e.From.Value == Petra);

        Assert.Equal((ScaleSetIdentity, false), (edge.To.Value, edge.IsConditional));
        Assert.Equal([ScaleSetWrite], edge.Permissions.Select(p => p.Action), StringComparer.Ordinal);
    }

    [Theory]
    [InlineData("Automatic", true)]
    [InlineData("Rolling", true)]
    [InlineData("Manual", false)]
    public void The_extension_alone_reaches_the_instances_only_when_the_policy_upgrades_them(string mode, bool reaches)
    {
        using var folder = Copy();
        folder.EditJsonArray(Path.Combine("azure", "vmss.json"), scaleSets => scaleSets[0]!["upgradePolicy"]!["mode"] = mode);
        AddPetraRole(folder, "Tailspin Extension Publisher", ExtensionWrite);

        var edges = Check(folder);

        Assert.Equal(reaches, edges.Any(e => e.From.Value == Petra));
        if (reaches)
        {
            var edge = Assert.Single(edges, e => e.From.Value == Petra);
            Assert.Equal((ScaleSetIdentity, false), (edge.To.Value, edge.IsConditional));
            Assert.Equal([ExtensionWrite], edge.Permissions.Select(p => p.Action), StringComparer.Ordinal);
            Assert.StartsWith($"adds a script extension (`extensions/write`), which the {mode} upgrade policy rolls out to the instances, to `vmss-web`", edge.Description, StringComparison.Ordinal);

            // Vince needs no upgrade either
            Assert.Equal([ExtensionWrite], Assert.Single(edges, e => e.From.Value == Vince).Permissions.Select(p => p.Action), StringComparer.Ordinal);
        }
    }

    [Fact]
    public void Without_the_policy_the_extension_alone_holds_on_its_being_Automatic_or_Rolling()
    {
        // az resource list: the scale set without its properties, so no upgrade policy
        using var folder = Copy();
        folder.Delete(Path.Combine("azure", "vmss.json"));
        folder.Write(Path.Combine("azure", "resources.json"), $$"""
            [
              {
                "changedTime": "2026-10-02T08:11:54.000000+00:00", "createdTime": "2026-04-02T08:11:37.482931+00:00", "extendedLocation": null,
                "id": "{{ScaleSet}}",
                "identity": { "principalId": "{{ScaleSetIdentity}}", "tenantId": "bcebd1bd-702d-4a97-a3fc-026803266f6d", "type": "SystemAssigned", "userAssignedIdentities": null },
                "kind": null, "location": "westeurope", "managedBy": null, "name": "vmss-web", "plan": null, "properties": null, "provisioningState": "Succeeded",
                "resourceGroup": "rg-web", "sku": { "capacity": 3, "name": "Standard_D2s_v5", "tier": "Standard" }, "tags": { "workload": "web" },
                "type": "Microsoft.Compute/virtualMachineScaleSets", "zones": null
              }
            ]
            """);
        AddPetraRole(folder, "Tailspin Extension Publisher", ExtensionWrite);

        var edges = Check(folder);

        // Vince upgrades the instances himself, whatever the policy; Petra's extension reaches them only on the condition
        Assert.Equal([ExtensionWrite, ManualUpgrade], Assert.Single(edges, e => e.From.Value == Vince && !e.IsConditional).Permissions.Select(p => p.Action), StringComparer.Ordinal);
        var edge = Assert.Single(edges, e => e.From.Value == Petra);
        Assert.Equal([ExtensionWrite], edge.Permissions.Select(p => p.Action), StringComparer.Ordinal);
        Assert.Equal(["the upgrade policy of `vmss-web` is Automatic or Rolling, which brings the instances up to the model unasked (the export gives no `upgradePolicy.mode`)"], edge.Requirements);
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
        AddPetraRole(folder, "Tailspin Extension Publisher", ExtensionWrite);

        var edges = Check(folder);

        Assert.Contains(edges, e => e.From.Value == Vince);
        Assert.DoesNotContain(edges, e => e.From.Value == Petra);
    }

    /// <summary>Petra, holding at rg-web a custom role that may read scale sets and take the one action given.</summary>
    private static void AddPetraRole(ScratchFolder folder, string roleName, string action)
    {
        folder.EditJsonArray(Path.Combine("azure", "role-definitions.json"), roles => roles.Add(JsonNode.Parse($$"""
            {"assignableScopes": ["{{SubscriptionScope}}"], "description": "{{roleName}}.", "id": "{{SubscriptionScope}}/providers/Microsoft.Authorization/roleDefinitions/5e7a9c1e-3a5c-4e7a-9c1e-3a5c7e9a1c3e", "name": "5e7a9c1e-3a5c-4e7a-9c1e-3a5c7e9a1c3e", "permissions": [{"actions": ["Microsoft.Compute/virtualMachineScaleSets/read", "{{action}}"], "condition": null, "conditionVersion": null, "dataActions": [], "notActions": [], "notDataActions": []}], "roleName": "{{roleName}}", "roleType": "CustomRole", "type": "Microsoft.Authorization/roleDefinitions"}
            """)));
        folder.EditJsonArray(Path.Combine("azure", "role-assignments.json"), assignments => assignments.Add(JsonNode.Parse($$"""
            {"condition": null, "conditionVersion": null, "id": "{{SubscriptionScope}}/resourceGroups/rg-web/providers/Microsoft.Authorization/roleAssignments/9c1e3a5c-7e9a-4c1e-8a5c-7e9a1c3e5a7c", "name": "9c1e3a5c-7e9a-4c1e-8a5c-7e9a1c3e5a7c", "principalId": "{{Petra}}", "principalName": "petra@tailspintoys.com", "principalType": "User", "roleDefinitionId": "{{SubscriptionScope}}/providers/Microsoft.Authorization/roleDefinitions/5e7a9c1e-3a5c-4e7a-9c1e-3a5c7e9a1c3e", "roleDefinitionName": "{{roleName}}", "scope": "{{SubscriptionScope}}/resourceGroups/rg-web", "type": "Microsoft.Authorization/roleAssignments"}
            """)));
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
