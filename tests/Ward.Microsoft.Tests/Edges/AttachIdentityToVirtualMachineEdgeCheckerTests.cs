using Ward.Core.Diagnostics;
using Ward.Core.Graph;
using Ward.Microsoft.Edges;
using Ward.Microsoft.Edges.Checkers;
using Ward.Microsoft.Tests.Testing;
using static Ward.Microsoft.Tests.Testing.ArmBodies;
using static Ward.Microsoft.Tests.Testing.GraphBodies;

namespace Ward.Microsoft.Tests.Edges;

/// <summary>
/// <c>azure-vm-attach-identity</c>: the user-assigned identity id-deploy lives in rg-identity (its service principal
/// from <c>az ad sp list</c> names it in <c>alternativeNames</c>); rg-app holds vm-a, which already carries it, and
/// vm-b, which carries none (an <c>az resource list</c> inventory). mia is Managed Identity Operator of rg-identity and
/// Virtual Machine Contributor of rg-app: she attaches id-deploy to vm-b and runs a command there. Her twins: noel
/// (Virtual Machine Contributor only: no right to assign the identity), olga (Managed Identity Operator and a role
/// that updates machines but runs no code on them), sol (Managed Identity Operator of rg-other, which does not hold
/// id-deploy), and mia again under a deny assignment on updating machines.
/// </summary>
public sealed class AttachIdentityToVirtualMachineEdgeCheckerTests
{
    internal const string Subscription = "/subscriptions/4b6d8f0a-2c4e-4a6b-8d0f-2a4c6e8b0d1f";
    internal const string AppGroup = Subscription + "/resourceGroups/rg-app";
    internal const string IdentityGroup = Subscription + "/resourceGroups/rg-identity";
    internal const string OtherGroup = Subscription + "/resourceGroups/rg-other";
    internal const string Identity = IdentityGroup + "/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id-deploy";
    private const string CarryingMachine = AppGroup + "/providers/Microsoft.Compute/virtualMachines/vm-a";
    private const string Machine = AppGroup + "/providers/Microsoft.Compute/virtualMachines/vm-b";

    internal const string Mia = "4b6d8f0a-2c4e-4a6b-8d0f-2a4c6e8b0d11";
    internal const string Noel = "4b6d8f0a-2c4e-4a6b-8d0f-2a4c6e8b0d12";
    internal const string Olga = "4b6d8f0a-2c4e-4a6b-8d0f-2a4c6e8b0d13";
    internal const string Sol = "4b6d8f0a-2c4e-4a6b-8d0f-2a4c6e8b0d14";
    internal const string DeployIdentity = "4b6d8f0a-2c4e-4a6b-8d0f-2a4c6e8b0d21";

    internal const string ManagedIdentityOperator = "f1a07417-d97a-45cb-824c-7a7467783830";
    private const string VirtualMachineContributor = "9980e02c-c2be-4d73-94e8-173b1dc7cf3c";
    private const string MachineUpdater = "6d8f0a2c-4e6a-4b8d-8f0a-2c4e6a8b0d01";

    internal const string Assign = "Microsoft.ManagedIdentity/userAssignedIdentities/*/assign/action";
    private const string WriteMachine = "Microsoft.Compute/virtualMachines/write";

    [Fact]
    public void An_identity_operator_who_manages_a_machine_attaches_the_identity_and_runs_code_as_it()
    {
        var edge = Assert.Single(Check(deny: false), e => e.From.Value == Mia);

        Assert.Equal(("azure-vm-attach-identity", DeployIdentity, false), (edge.Technique, edge.To.Value, edge.IsConditional));
        Assert.Equal(
            [(WriteMachine, Machine), ("Microsoft.Compute/virtualMachines/runCommand/action", Machine), (Assign, Identity)],
            edge.Permissions.Select(p => (p.Action, p.Resource)));
        Assert.Contains("Managed Identity Operator", edge.Permissions[2].GrantedBy, StringComparison.Ordinal);
        Assert.Equal("attaches the user-assigned identity `id-deploy` to `vm-b` (`virtualMachines/write`), runs a command there and acts as the identity", edge.Description);
    }

    [Theory]
    [InlineData(Noel, "Virtual Machine Contributor alone: no right to assign the identity")]
    [InlineData(Olga, "her custom role updates machines but runs no command nor extension on them")]
    [InlineData(Sol, "Managed Identity Operator of rg-other, which does not hold id-deploy")]
    public void The_safe_twins_attach_nothing(string principal, string why)
    {
        Assert.False(Check(deny: false).Exists(e => e.From.Value == principal), why);
    }

    [Fact]
    public void A_deny_assignment_on_updating_the_machines_stops_it()
    {
        Assert.Contains(Check(deny: false), e => e.From.Value == Mia);
        Assert.DoesNotContain(Check(deny: true), e => e.From.Value == Mia);
    }

    private static List<Edge> Check(bool deny)
    {
        using var folder = Estate(
            [User(Mia, "Mia Ops"), User(Noel, "Noel Ops"), User(Olga, "Olga Ops"), User(Sol, "Sol Ops")],
            $"{Role(VirtualMachineContributor, "Virtual Machine Contributor", "BuiltInRole", "Microsoft.Authorization/*/read", "Microsoft.Compute/virtualMachines/*", "Microsoft.Compute/virtualMachineScaleSets/*", "Microsoft.Network/networkInterfaces/*", "Microsoft.Resources/subscriptions/resourceGroups/read")}, "
                + $"{Role(MachineUpdater, "VM Size Manager", "CustomRole", "Microsoft.Compute/virtualMachines/read", WriteMachine)}",
            [Assignment(Mia, ManagedIdentityOperator, IdentityGroup, "01"), Assignment(Mia, VirtualMachineContributor, AppGroup, "02"),
                Assignment(Noel, VirtualMachineContributor, AppGroup, "03"),
                Assignment(Olga, ManagedIdentityOperator, IdentityGroup, "04"), Assignment(Olga, MachineUpdater, AppGroup, "05"),
                Assignment(Sol, ManagedIdentityOperator, OtherGroup, "06"), Assignment(Sol, VirtualMachineContributor, AppGroup, "07")],
            $$$"""
                [{"id": "{{{CarryingMachine}}}", "name": "vm-a", "type": "Microsoft.Compute/virtualMachines", "location": "westeurope", "resourceGroup": "rg-app", "identity": {"type": "UserAssigned", "principalId": null, "tenantId": null, "userAssignedIdentities": {"{{{Identity}}}": {"clientId": "4b6d8f0a-2c4e-4a6b-8d0f-2a4c6e8b0dff", "principalId": "{{{DeployIdentity}}}"} } } },
                 {"id": "{{{Machine}}}", "name": "vm-b", "type": "Microsoft.Compute/virtualMachines", "location": "westeurope", "resourceGroup": "rg-app", "identity": null}]
                """,
            deny ? WriteMachine : null);
        return [.. new AttachIdentityToVirtualMachineEdgeChecker().Check(Load(folder), targets: null)];
    }

    /// <summary>
    /// The estate the attach-identity tests share: the users, the service principal of id-deploy (from
    /// <c>az ad sp list</c>, naming the identity in <c>alternativeNames</c>), the subscription, Managed Identity
    /// Operator and the given roles (<c>az role definition list</c>), the role assignments, the resources
    /// (<c>az resource list</c>), and, when <paramref name="denied"/> is given, a deployment stack's deny assignment on
    /// that action at rg-app for Mia.
    /// </summary>
    internal static ScratchFolder Estate(string[] users, string roles, string[] assignments, string resources, string? denied)
    {
        var folder = new ScratchFolder(
            ("entra/users/page-001.json", Collection("users", string.Join(",\n", users))),
            ("entra/service-principals/page-001.json", Collection("servicePrincipals",
                $$"""{"id": "{{DeployIdentity}}", "appId": "4b6d8f0a-2c4e-4a6b-8d0f-2a4c6e8b0dff", "displayName": "id-deploy", "servicePrincipalType": "ManagedIdentity", "appOwnerOrganizationId": null, "accountEnabled": true, "appRoles": [], "oauth2PermissionScopes": [], "passwordCredentials": [], "keyCredentials": [], "alternativeNames": ["isExplicit=True", "{{Identity}}"]}""")),
            ("azure/subscriptions.json", $$"""[{"cloudName": "AzureCloud", "homeTenantId": "11111111-1111-1111-1111-111111111111", "id": "{{Subscription[15..]}}", "isDefault": true, "managedByTenants": [], "name": "apps", "state": "Enabled", "tenantId": "11111111-1111-1111-1111-111111111111"}]"""),
            ("azure/role-definitions.json", $"[{Role(ManagedIdentityOperator, "Managed Identity Operator", "BuiltInRole", "Microsoft.ManagedIdentity/userAssignedIdentities/*/read", Assign, "Microsoft.Authorization/*/read", "Microsoft.Resources/subscriptions/resourceGroups/read")}, {roles}]"),
            ("azure/apps/role-assignments.json", "[" + string.Join(", ", assignments) + "]"),
            ("azure/apps/resources.json", resources));
        if (denied is not null)
        {
            folder.Write("azure/deny-assignments.json", DenyAssignments(AppGroup, "8f0a2c4e-6a8b-4d0f-a2c4-e6a8b0d2f4a6", "Deny assignment created by Deployment Stack 'stack-app'", "Keeps the resources as the stack deploys them.", [denied], Principal(Mia)));
        }

        return folder;
    }

    /// <summary>The estate loaded without errors, as the edge checkers see it.</summary>
    internal static MicrosoftEdgeContext Load(ScratchFolder folder)
    {
        var loaded = MicrosoftEstateLoader.Load([folder.Path], TestContext.Current.CancellationToken);
        Assert.DoesNotContain(loaded.Diagnostics, d => d.Severity == DiagnosticSeverity.Error);
        return new MicrosoftEdgeContext(loaded.Entra, loaded.Azure, new DateTimeOffset(2026, 11, 28, 12, 0, 0, TimeSpan.Zero));
    }

    /// <summary>A role definition as <c>az role definition list</c> gives it (shared with the other attach-identity tests).</summary>
    internal static string Role(string guid, string name, string type, params string[] actions) =>
        $$"""{"assignableScopes": ["{{(type == "BuiltInRole" ? "/" : Subscription)}}"], "description": "{{name}}", "id": "{{Subscription}}/providers/Microsoft.Authorization/roleDefinitions/{{guid}}", "name": "{{guid}}", "permissions": [{"actions": [{{string.Join(", ", actions.Select(a => $"\"{a}\""))}}], "condition": null, "conditionVersion": null, "dataActions": [], "notActions": [], "notDataActions": []}], "roleName": "{{name}}", "roleType": "{{type}}", "type": "Microsoft.Authorization/roleDefinitions"}""";

    /// <summary>A role assignment as <c>az role assignment list --all</c> gives it (shared with the other attach-identity tests).</summary>
    internal static string Assignment(string principal, string roleGuid, string scope, string suffix) =>
        $$"""{"condition": null, "conditionVersion": null, "id": "{{scope}}/providers/Microsoft.Authorization/roleAssignments/2c4e6a8b-0d1f-4a3c-8e5a-7c9e1b3d5f{{suffix}}", "name": "2c4e6a8b-0d1f-4a3c-8e5a-7c9e1b3d5f{{suffix}}", "principalId": "{{principal}}", "principalName": "", "principalType": "User", "roleDefinitionId": "{{Subscription}}/providers/Microsoft.Authorization/roleDefinitions/{{roleGuid}}", "roleDefinitionName": "", "scope": "{{scope}}", "type": "Microsoft.Authorization/roleAssignments"}""";
}
