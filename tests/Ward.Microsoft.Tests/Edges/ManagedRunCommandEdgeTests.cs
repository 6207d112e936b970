using Ward.Core.Diagnostics;
using Ward.Microsoft.Edges;
using Ward.Microsoft.Edges.Checkers;
using Ward.Microsoft.Tests.Testing;
using static Ward.Microsoft.Tests.Testing.GraphBodies;

namespace Ward.Microsoft.Tests.Edges;

/// <summary>
/// Managed run commands ("Virtual Machine Run Commands - Create Or Update", <c>az vm run-command create</c>): creating
/// one runs its script on the machine as the action run command does. vm1 and the scale set vmss1 (an <c>az resource
/// list</c> inventory, one managed identity each, from <c>az ad sp list</c>) are in rg-app; mona holds a custom role
/// granting <c>virtualMachines/runCommands/write</c>, sven one granting
/// <c>virtualMachineScaleSets/virtualMachines/runCommands/write</c>; rhys only reads run commands.
/// </summary>
public sealed class ManagedRunCommandEdgeTests
{
    private const string Subscription = "/subscriptions/7c8d9e0f-1a2b-4c3d-8e4f-5a6b7c8d9e01";
    private const string ResourceGroup = Subscription + "/resourceGroups/rg-app";
    private const string VirtualMachine = ResourceGroup + "/providers/Microsoft.Compute/virtualMachines/vm1";
    private const string ScaleSet = ResourceGroup + "/providers/Microsoft.Compute/virtualMachineScaleSets/vmss1";

    private const string Mona = "7c8d9e0f-1a2b-4c3d-8e4f-5a6b7c8d9e11";
    private const string Sven = "7c8d9e0f-1a2b-4c3d-8e4f-5a6b7c8d9e12";
    private const string Rhys = "7c8d9e0f-1a2b-4c3d-8e4f-5a6b7c8d9e13";
    private const string VmIdentity = "7c8d9e0f-1a2b-4c3d-8e4f-5a6b7c8d9e21";
    private const string ScaleSetIdentity = "7c8d9e0f-1a2b-4c3d-8e4f-5a6b7c8d9e22";

    private static readonly Lazy<MicrosoftEdgeContext> Context = new(Build);

    [Fact]
    public void Creating_a_managed_run_command_on_a_virtual_machine_acts_as_its_identity()
    {
        var edges = new VirtualMachineRunCommandEdgeChecker().Check(Context.Value, targets: null).ToList();

        var mona = Assert.Single(edges, e => e.From.Value == Mona);
        Assert.Equal((VmIdentity, false), (mona.To.Value, mona.IsConditional));
        Assert.StartsWith("creates a managed run command (`runCommands/write`) on `vm1`", mona.Description, StringComparison.Ordinal);
        Assert.Equal("Microsoft.Compute/virtualMachines/runCommands/write", Assert.Single(mona.Permissions).Action);
        Assert.DoesNotContain(edges, e => e.From.Value == Rhys);
    }

    [Fact]
    public void Creating_a_managed_run_command_on_a_scale_set_instance_acts_as_its_identity()
    {
        var edges = new ScaleSetRunCommandEdgeChecker().Check(Context.Value, targets: null).ToList();

        var sven = Assert.Single(edges, e => e.From.Value == Sven);
        Assert.Equal(ScaleSetIdentity, sven.To.Value);
        Assert.StartsWith("creates a managed run command (`virtualMachines/runCommands/write`) on an instance of `vmss1`", sven.Description, StringComparison.Ordinal);
        Assert.Equal("Microsoft.Compute/virtualMachineScaleSets/virtualMachines/runCommands/write", Assert.Single(sven.Permissions).Action);
        Assert.DoesNotContain(edges, e => e.From.Value == Rhys || e.From.Value == Mona);
    }

    private static MicrosoftEdgeContext Build()
    {
        using var folder = new ScratchFolder(
            ("entra/users/page-001.json", Collection("users", string.Join(",\n", User(Mona, "Mona Runner"), User(Sven, "Sven Scale"), User(Rhys, "Rhys Reader")))),
            ("entra/service-principals/page-001.json", Collection("servicePrincipals", $"{ManagedIdentity(VmIdentity, "vm1", VirtualMachine)},\n{ManagedIdentity(ScaleSetIdentity, "vmss1", ScaleSet)}")),
            ("azure/subscriptions.json", $$"""[{"cloudName": "AzureCloud", "homeTenantId": "11111111-1111-1111-1111-111111111111", "id": "{{Subscription[15..]}}", "isDefault": true, "managedByTenants": [], "name": "apps", "state": "Enabled", "tenantId": "11111111-1111-1111-1111-111111111111"}]"""),
            ("azure/role-definitions.json", $"[{CustomRole("0d1e2f3a-4b5c-4d6e-8f7a-8b9c0d1e2f01", "VM Managed Run Command Operator", "Microsoft.Compute/virtualMachines/read", "Microsoft.Compute/virtualMachines/runCommands/read", "Microsoft.Compute/virtualMachines/runCommands/write")}, "
                + $"{CustomRole("0d1e2f3a-4b5c-4d6e-8f7a-8b9c0d1e2f02", "Scale Set Run Command Operator", "Microsoft.Compute/virtualMachineScaleSets/read", "Microsoft.Compute/virtualMachineScaleSets/virtualMachines/runCommands/write")}, "
                + $"{CustomRole("0d1e2f3a-4b5c-4d6e-8f7a-8b9c0d1e2f03", "Run Command Reader", "Microsoft.Compute/virtualMachines/runCommands/read", "Microsoft.Compute/virtualMachineScaleSets/virtualMachines/runCommands/read")}]"),
            ("azure/apps/role-assignments.json", $"[{Assignment(Mona, "0d1e2f3a-4b5c-4d6e-8f7a-8b9c0d1e2f01", "01")}, {Assignment(Sven, "0d1e2f3a-4b5c-4d6e-8f7a-8b9c0d1e2f02", "02")}, {Assignment(Rhys, "0d1e2f3a-4b5c-4d6e-8f7a-8b9c0d1e2f03", "03")}]"),
            ("azure/apps/resources.json", $$$"""
                [{"id": "{{{VirtualMachine}}}", "name": "vm1", "type": "Microsoft.Compute/virtualMachines", "location": "westeurope", "resourceGroup": "rg-app", "identity": {"type": "SystemAssigned", "principalId": "{{{VmIdentity}}}", "tenantId": "11111111-1111-1111-1111-111111111111", "userAssignedIdentities": null}},
                 {"id": "{{{ScaleSet}}}", "name": "vmss1", "type": "Microsoft.Compute/virtualMachineScaleSets", "location": "westeurope", "resourceGroup": "rg-app", "identity": {"type": "SystemAssigned", "principalId": "{{{ScaleSetIdentity}}}", "tenantId": "11111111-1111-1111-1111-111111111111", "userAssignedIdentities": null}}]
                """));
        var loaded = MicrosoftEstateLoader.Load([folder.Path], TestContext.Current.CancellationToken);
        Assert.DoesNotContain(loaded.Diagnostics, d => d.Severity == DiagnosticSeverity.Error);
        return new MicrosoftEdgeContext(loaded.Entra, loaded.Azure, new DateTimeOffset(2026, 11, 28, 12, 0, 0, TimeSpan.Zero));
    }

    private static string ManagedIdentity(string id, string name, string resource) =>
        $$"""{"id": "{{id}}", "appId": "{{id[..^2]}}ff", "displayName": "{{name}}", "servicePrincipalType": "ManagedIdentity", "appOwnerOrganizationId": null, "accountEnabled": true, "appRoles": [], "oauth2PermissionScopes": [], "passwordCredentials": [], "keyCredentials": [], "alternativeNames": ["isExplicit=False", "{{resource}}"]}""";

    private static string CustomRole(string guid, string name, params string[] actions) =>
        $$"""{"assignableScopes": ["{{Subscription}}"], "description": "{{name}}", "id": "{{Subscription}}/providers/Microsoft.Authorization/roleDefinitions/{{guid}}", "name": "{{guid}}", "permissions": [{"actions": [{{string.Join(", ", actions.Select(a => $"\"{a}\""))}}], "condition": null, "conditionVersion": null, "dataActions": [], "notActions": [], "notDataActions": []}], "roleName": "{{name}}", "roleType": "CustomRole", "type": "Microsoft.Authorization/roleDefinitions"}""";

    private static string Assignment(string principal, string roleGuid, string suffix) =>
        $$"""{"condition": null, "conditionVersion": null, "id": "{{ResourceGroup}}/providers/Microsoft.Authorization/roleAssignments/9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c{{suffix}}", "name": "9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c{{suffix}}", "principalId": "{{principal}}", "principalName": "", "principalType": "User", "roleDefinitionId": "{{Subscription}}/providers/Microsoft.Authorization/roleDefinitions/{{roleGuid}}", "roleDefinitionName": "", "scope": "{{ResourceGroup}}", "type": "Microsoft.Authorization/roleAssignments"}""";
}
