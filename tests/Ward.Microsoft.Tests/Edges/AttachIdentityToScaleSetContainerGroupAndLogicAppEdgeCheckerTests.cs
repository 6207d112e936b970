using Ward.Core.Graph;
using Ward.Microsoft.Edges;
using Ward.Microsoft.Edges.Checkers;
using static Ward.Microsoft.Tests.Edges.AttachIdentityToVirtualMachineEdgeCheckerTests;
using static Ward.Microsoft.Tests.Testing.GraphBodies;

namespace Ward.Microsoft.Tests.Edges;

/// <summary>
/// <c>azure-vmss-attach-identity</c>, <c>azure-container-group-attach-identity</c> and
/// <c>azure-logic-app-attach-identity</c>, on the estate of <see cref="AttachIdentityToVirtualMachineEdgeCheckerTests"/>:
/// id-deploy lives in rg-identity; rg-app holds a resource of the kind that already carries it and one that does not,
/// as the kind's own export lists them (<c>az vmss list</c> with a Manual upgrade policy, an <c>az graph query</c> row
/// of an Automatic one, <c>az container list</c>, <c>az logic workflow list</c>); with no container group at all, one
/// is created in rg-app with the identity. For these kinds the write that
/// attaches the identity also runs code: the scale set's model gets a script extension (rolled out by an Automatic
/// policy, else run by a new instance the same write adds), the container group a command it runs as it restarts, the
/// Logic App a workflow whose HTTP action authenticates with the identity. mia is Managed Identity Operator of
/// rg-identity and a contributor of the kind at rg-app; pia the same with a custom role that holds the write alone.
/// Their twins: noel (the contributor role only: no right to assign the identity), olga (Managed Identity Operator and
/// a role that runs code there, by run command, exec or a trigger run, but does not update the resource), sol (Managed
/// Identity Operator of rg-other), and mia again under a deny assignment on the write.
/// </summary>
public sealed class AttachIdentityToScaleSetContainerGroupAndLogicAppEdgeCheckerTests
{
    private const string Pia = "4b6d8f0a-2c4e-4a6b-8d0f-2a4c6e8b0d15";
    private const string Contributor = "6d8f0a2c-4e6a-4b8d-8f0a-2c4e6a8b0d02";
    private const string CodeRunner = "6d8f0a2c-4e6a-4b8d-8f0a-2c4e6a8b0d03";
    private const string Updater = "6d8f0a2c-4e6a-4b8d-8f0a-2c4e6a8b0d04";
    private const string Tenant = "11111111-1111-1111-1111-111111111111";
    private const string ClientId = "4b6d8f0a-2c4e-4a6b-8d0f-2a4c6e8b0dff";

    public static TheoryData<string> Kinds => ["vmss-manual", "vmss-automatic", "container", "new-container", "logic"];

    [Theory]
    [MemberData(nameof(Kinds))]
    public void An_identity_operator_who_may_update_the_resource_attaches_the_identity_and_runs_code_with_the_same_write(string kind)
    {
        var of = Kind.Of(kind);

        var edge = Assert.Single(Check(of, deny: false), e => e.From.Value == Mia);

        Assert.Equal((of.Technique, DeployIdentity, false), (edge.Technique, edge.To.Value, edge.IsConditional));
        Assert.Equal([(of.Write, of.Target), (Assign, Identity)], edge.Permissions.Select(p => (p.Action, p.Resource)));
        Assert.Contains("Managed Identity Operator", edge.Permissions[^1].GrantedBy, StringComparison.Ordinal);
        Assert.Equal(of.Description, edge.Description);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void A_role_that_holds_the_write_alone_is_enough(string kind)
    {
        var edge = Assert.Single(Check(Kind.Of(kind), deny: false), e => e.From.Value == Pia);

        Assert.False(edge.IsConditional);
        Assert.Contains("Resource Updater", edge.Permissions[0].GrantedBy, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("vmss-manual", Noel, "Virtual Machine Contributor alone: no right to assign the identity")]
    [InlineData("vmss-manual", Olga, "her role runs commands on the instances but does not update the scale set")]
    [InlineData("vmss-manual", Sol, "Managed Identity Operator of rg-other, which does not hold id-deploy")]
    [InlineData("vmss-automatic", Noel, "Virtual Machine Contributor alone: no right to assign the identity")]
    [InlineData("vmss-automatic", Olga, "her role runs commands on the instances but does not update the scale set")]
    [InlineData("vmss-automatic", Sol, "Managed Identity Operator of rg-other, which does not hold id-deploy")]
    [InlineData("container", Noel, "the container contributor role alone: no right to assign the identity")]
    [InlineData("container", Olga, "her role opens a shell in the containers but does not update the group")]
    [InlineData("container", Sol, "Managed Identity Operator of rg-other, which does not hold id-deploy")]
    [InlineData("new-container", Noel, "the container contributor role alone: no right to assign the identity")]
    [InlineData("new-container", Olga, "her role opens a shell in containers but writes no group")]
    [InlineData("new-container", Sol, "Managed Identity Operator of rg-other, which does not hold id-deploy")]
    [InlineData("logic", Noel, "Logic App Contributor alone: no right to assign the identity")]
    [InlineData("logic", Olga, "her role runs the workflow's trigger but does not update the workflow")]
    [InlineData("logic", Sol, "Managed Identity Operator of rg-other, which does not hold id-deploy")]
    public void The_safe_twins_attach_nothing(string kind, string principal, string why)
    {
        Assert.False(Check(Kind.Of(kind), deny: false).Exists(e => e.From.Value == principal), why);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void A_deny_assignment_on_updating_the_resource_stops_it(string kind)
    {
        var of = Kind.Of(kind);

        Assert.Contains(Check(of, deny: false), e => e.From.Value == Mia);
        Assert.DoesNotContain(Check(of, deny: true), e => e.From.Value == Mia);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void The_virtual_machine_technique_attaches_nothing_to_them(string kind)
    {
        Assert.Empty(Check(Kind.Of(kind), deny: false, new AttachIdentityToVirtualMachineEdgeChecker()));
    }

    private static List<Edge> Check(Kind of, bool deny, IMicrosoftEdgeChecker? checker = null)
    {
        using var folder = Estate(
            [User(Mia, "Mia Ops"), User(Noel, "Noel Ops"), User(Olga, "Olga Ops"), User(Pia, "Pia Ops"), User(Sol, "Sol Ops")],
            $"{Role(Contributor, of.ContributorName, of.ContributorType, ["Microsoft.Authorization/*/read", "Microsoft.Resources/subscriptions/resourceGroups/read", .. of.ContributorActions])}, "
                + $"{Role(CodeRunner, "Code Runner", "CustomRole", of.Read, of.RunCodeWithoutWrite)}, "
                + $"{Role(Updater, "Resource Updater", "CustomRole", of.Read, of.Write)}",
            [Assignment(Mia, ManagedIdentityOperator, IdentityGroup, "01"), Assignment(Mia, Contributor, AppGroup, "02"),
                Assignment(Noel, Contributor, AppGroup, "03"),
                Assignment(Olga, ManagedIdentityOperator, IdentityGroup, "04"), Assignment(Olga, CodeRunner, AppGroup, "05"),
                Assignment(Pia, ManagedIdentityOperator, IdentityGroup, "08"), Assignment(Pia, Updater, AppGroup, "09"),
                Assignment(Sol, ManagedIdentityOperator, OtherGroup, "06"), Assignment(Sol, Contributor, AppGroup, "07")],
            of.Resources,
            deny ? of.Write : null);
        return [.. (checker ?? of.Checker).Check(Load(folder), targets: null)];
    }

    /// <summary>A resource kind: its technique, the actions, the contributor role, and the inventory of rg-app.</summary>
    private sealed record Kind(string Technique, IMicrosoftEdgeChecker Checker, string Type, string Target, string RunCodeWithoutWrite, string ContributorName, string ContributorType, string[] ContributorActions, string Resources, string Description)
    {
        public string Write => $"{Type}/write";

        public string Read => $"{Type}/read";

        public static Kind Of(string kind) => kind switch
        {
            "vmss-manual" => ManualScaleSet,
            "vmss-automatic" => AutomaticScaleSet,
            "container" => ContainerGroup,
            "new-container" => NewContainerGroup,
            "logic" => LogicApp,
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
        };

        private const string ScaleSets = "Microsoft.Compute/virtualMachineScaleSets";
        private const string VirtualMachineContributor = "Virtual Machine Contributor";
        private static readonly string[] VirtualMachineContributorActions = ["Microsoft.Compute/virtualMachines/*", "Microsoft.Compute/virtualMachineScaleSets/*", "Microsoft.Network/networkInterfaces/*"];

        // az vmss list: the one that carries id-deploy, and one with a system-assigned identity of its own; Manual policy
        private static readonly Kind ManualScaleSet = new(
            "azure-vmss-attach-identity", new AttachIdentityToScaleSetEdgeChecker(), ScaleSets, AppGroup + "/providers/Microsoft.Compute/virtualMachineScaleSets/vmss-b",
            "Microsoft.Compute/virtualMachineScaleSets/virtualMachines/runCommand/action",
            VirtualMachineContributor, "BuiltInRole", VirtualMachineContributorActions,
            $"[{ScaleSet("vmss-a", $$$"""{"principalId": null, "tenantId": null, "type": "UserAssigned", "userAssignedIdentities": {"{{{Identity}}}": {"clientId": "{{{ClientId}}}", "principalId": "{{{DeployIdentity}}}"} } }""")}, "
                + $$$"""{{{ScaleSet("vmss-b", $$"""{"principalId": "4b6d8f0a-2c4e-4a6b-8d0f-2a4c6e8b0d31", "tenantId": "{{Tenant}}", "type": "SystemAssigned", "userAssignedIdentities": null}""")}}}]""",
            "attaches the user-assigned identity `id-deploy` to `vmss-b` (`virtualMachineScaleSets/write`), puts a script extension in its model and raises `sku.capacity` in the same write, so that a new instance created from that model runs it, and acts as the identity");

        // az graph query: scale sets under an Automatic policy, in lower-case types with their settings under properties
        private static readonly Kind AutomaticScaleSet = ManualScaleSet with
        {
            Resources = $$$"""
                {"count": 2, "data": [
                  {"extendedLocation": null, "id": "{{{AppGroup}}}/providers/Microsoft.Compute/virtualMachineScaleSets/vmss-a", "identity": {"type": "UserAssigned", "userAssignedIdentities": {"{{{Identity}}}": {"clientId": "{{{ClientId}}}", "principalId": "{{{DeployIdentity}}}"} } }, "kind": "", "location": "westeurope", "managedBy": "", "name": "vmss-a", "plan": null, "properties": {"orchestrationMode": "Uniform", "provisioningState": "Succeeded", "upgradePolicy": {"mode": "Automatic"} }, "resourceGroup": "rg-app", "sku": {"capacity": 2, "name": "Standard_D2s_v5", "tier": "Standard"}, "subscriptionId": "{{{Subscription[15..]}}}", "tags": {}, "tenantId": "{{{Tenant}}}", "type": "microsoft.compute/virtualmachinescalesets", "zones": null},
                  {"extendedLocation": null, "id": "{{{AppGroup}}}/providers/Microsoft.Compute/virtualMachineScaleSets/vmss-b", "identity": null, "kind": "", "location": "westeurope", "managedBy": "", "name": "vmss-b", "plan": null, "properties": {"orchestrationMode": "Uniform", "provisioningState": "Succeeded", "upgradePolicy": {"mode": "Automatic"} }, "resourceGroup": "rg-app", "sku": {"capacity": 2, "name": "Standard_D2s_v5", "tier": "Standard"}, "subscriptionId": "{{{Subscription[15..]}}}", "tags": {}, "tenantId": "{{{Tenant}}}", "type": "microsoft.compute/virtualmachinescalesets", "zones": null}
                ], "skip_token": null, "total_records": 2}
                """,
            Description = "attaches the user-assigned identity `id-deploy` to `vmss-b` (`virtualMachineScaleSets/write`), puts a script extension in its model in the same write, which the Automatic upgrade policy rolls out to the instances, and acts as the identity",
        };

        // az container list
        private static readonly Kind ContainerGroup = new(
            "azure-container-group-attach-identity", new AttachIdentityToContainerGroupEdgeChecker(), "Microsoft.ContainerInstance/containerGroups", AppGroup + "/providers/Microsoft.ContainerInstance/containerGroups/aci-b",
            "Microsoft.ContainerInstance/containerGroups/containers/exec/action",
            "Container Group Operator", "CustomRole", ["Microsoft.ContainerInstance/*"],
            $"[{ContainerGroupOf("aci-a", $$$"""{"principalId": null, "tenantId": null, "type": "UserAssigned", "userAssignedIdentities": {"{{{Identity}}}": {"clientId": "{{{ClientId}}}", "principalId": "{{{DeployIdentity}}}"} } }""")}, {ContainerGroupOf("aci-b", "null")}]",
            "attaches the user-assigned identity `id-deploy` to `aci-b` (`containerGroups/write`), gives a container its own command in the same write, which runs as the group restarts, and acts as the identity");

        // no container group in the inventory (an empty az container list): one is created in rg-app with the identity
        private static readonly Kind NewContainerGroup = ContainerGroup with
        {
            Target = AppGroup,
            Resources = "[]",
            Description = $"creates a container group in `{AppGroup}` with the user-assigned identity `id-deploy` (`containerGroups/write`), whose container's command runs as it starts, and acts as the identity",
        };

        // az logic workflow list
        private static readonly Kind LogicApp = new(
            "azure-logic-app-attach-identity", new AttachIdentityToLogicAppEdgeChecker(), "Microsoft.Logic/workflows", AppGroup + "/providers/Microsoft.Logic/workflows/logic-b",
            "Microsoft.Logic/workflows/triggers/run/action",
            "Logic App Contributor", "BuiltInRole", ["Microsoft.Logic/*", "Microsoft.Insights/alertRules/*", "Microsoft.Resources/deployments/*", "Microsoft.Web/connections/*"],
            $"[{Workflow("logic-a", $$$"""{"principalId": null, "tenantId": null, "type": "UserAssigned", "userAssignedIdentities": {"{{{Identity}}}": {"clientId": "{{{ClientId}}}", "principalId": "{{{DeployIdentity}}}"} } }""")}, {Workflow("logic-b", "null")}]",
            "attaches the user-assigned identity `id-deploy` to `logic-b` (`workflows/write`), rewrites its workflow in the same write with an HTTP action that authenticates with the identity and acts as the identity");

        private static string ScaleSet(string name, string identity) => $$"""
            {"additionalCapabilities": null, "automaticRepairsPolicy": null, "doNotRunExtensionsOnOverprovisionedVMs": false, "extendedLocation": null, "hostGroup": null,
             "id": "{{AppGroup}}/providers/Microsoft.Compute/virtualMachineScaleSets/{{name}}", "identity": {{identity}}, "location": "westeurope", "name": "{{name}}",
             "orchestrationMode": "Uniform", "overprovision": true, "plan": null, "platformFaultDomainCount": 5, "provisioningState": "Succeeded", "proximityPlacementGroup": null,
             "resourceGroup": "rg-app", "scaleInPolicy": null, "singlePlacementGroup": false, "sku": {"capacity": 2, "name": "Standard_D2s_v5", "tier": "Standard"}, "tags": {},
             "timeCreated": "2026-04-02T08:11:37.4829312+00:00", "type": "Microsoft.Compute/virtualMachineScaleSets", "uniqueId": "7d0f5e2a-9b1c-4a3d-8e6f-2c4b6a8d0e1f",
             "upgradePolicy": {"mode": "Manual"}, "virtualMachineProfile": {"osProfile": {"adminUsername": "azureuser", "computerNamePrefix": "{{name}}", "linuxConfiguration": {"disablePasswordAuthentication": true} } },
             "zoneBalance": null, "zones": null}
            """;

        private static string ContainerGroupOf(string name, string identity) => $$"""
            {"confidentialComputeProperties": null,
             "containers": [{"command": ["/bin/sh", "-c", "python /app/job.py"], "environmentVariables": [], "image": "tailspin.azurecr.io/jobs/nightly:2026.11.1", "instanceView": null, "livenessProbe": null, "name": "job", "ports": [], "readinessProbe": null, "resources": {"limits": null, "requests": {"cpu": 1.0, "gpu": null, "memoryInGb": 1.5} }, "securityContext": null, "volumeMounts": null}],
             "diagnostics": null, "dnsConfig": null, "encryptionProperties": null, "extensions": null,
             "id": "{{AppGroup}}/providers/Microsoft.ContainerInstance/containerGroups/{{name}}", "identity": {{identity}}, "imageRegistryCredentials": null, "initContainers": [], "instanceView": null, "ipAddress": null,
             "location": "westeurope", "name": "{{name}}", "osType": "Linux", "priority": null, "provisioningState": "Succeeded", "resourceGroup": "rg-app", "restartPolicy": "Never", "sku": "Standard",
             "subnetIds": null, "tags": {}, "type": "Microsoft.ContainerInstance/containerGroups", "volumes": null, "zones": null}
            """;

        private static string Workflow(string name, string identity) => $$"""
            {"accessControl": null, "accessEndpoint": "https://prod-24.westeurope.logic.azure.com:443/workflows/3f1a5b7d9e0f4a6c8b2d1e3f5a7c9b0d", "changedTime": "2026-07-14T09:30:12.443210+00:00", "createdTime": "2026-03-03T16:05:44.120005+00:00",
             "definition": {"$schema": "https://schema.management.azure.com/providers/Microsoft.Logic/schemas/2016-06-01/workflowdefinition.json#", "actions": {}, "contentVersion": "1.0.0.0", "outputs": {}, "parameters": {}, "triggers": {"Recurrence": {"recurrence": {"frequency": "Day", "interval": 1}, "type": "Recurrence"} } },
             "endpointsConfiguration": null, "id": "{{AppGroup}}/providers/Microsoft.Logic/workflows/{{name}}", "identity": {{identity}}, "integrationAccount": null, "integrationServiceEnvironment": null,
             "location": "westeurope", "name": "{{name}}", "parameters": {}, "provisioningState": "Succeeded", "resourceGroup": "rg-app", "sku": null, "state": "Enabled", "tags": {}, "type": "Microsoft.Logic/workflows", "version": "08584612345678901234"}
            """;
    }
}
