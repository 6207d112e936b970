using Ward.Microsoft.Azure.Rbac;
using Ward.Microsoft.Azure.Resources;

namespace Ward.Microsoft.Edges.Checkers;

/// <summary>
/// <c>azure-vmss-extension</c>: adds a script extension to a scale set's model (Virtual Machine Contributor,
/// Contributor) and uses the scale set's identity, which every instance carries. A model change reaches the running
/// instances when they are brought up to it (<see cref="ScaleSetUpgradePolicy"/>): unasked under an <c>Automatic</c>
/// or <c>Rolling</c> upgrade policy, only by <c>manualUpgrade/action</c> under <c>Manual</c>. New instances are created
/// from the latest model whatever the policy, so rewriting the scale set (<c>virtualMachineScaleSets/write</c>, as <c>az vmss extension set</c>
/// does) with the extension in its profile and a higher <c>sku.capacity</c> in the same write runs it on a new
/// instance under any policy. The extension as a resource of its own ("Virtual Machine Scale Set Extensions - Create
/// Or Update", <c>extensions/write</c>) is tried first; the edge names the way it used.
/// </summary>
public sealed class ScaleSetExtensionEdgeChecker() : WorkloadIdentityEdgeChecker(
    "azure-vmss-extension", AzureResourceTypes.ScaleSet, UpgradeAndExtension, ExtensionWrite, ManualUpgrade)
{
    private const string ExtensionWrite = "Microsoft.Compute/virtualMachineScaleSets/extensions/write";
    private const string ScaleSetWrite = "Microsoft.Compute/virtualMachineScaleSets/write";
    private const string ManualUpgrade = "Microsoft.Compute/virtualMachineScaleSets/manualUpgrade/action";

    private const string UpgradeAndExtension = "adds a script extension (`extensions/write`) and upgrades the instances (`manualUpgrade/action`) of";

    protected override IReadOnlyList<(string How, string[] Actions, string[] Requirements)> WaysOn(MicrosoftEdgeContext context, AzureScope resource)
    {
        var mode = ScaleSetUpgradePolicy.ModeOf(context, resource);
        if (ScaleSetUpgradePolicy.RollsOutUnasked(mode))
        {
            // The policy brings the instances up to the model itself: no upgrade to ask for.
            return
            [
                ($"adds a script extension (`extensions/write`), which the {mode} upgrade policy rolls out to the instances, to", [ExtensionWrite], []),
                ($"puts a script extension in the model (`virtualMachineScaleSets/write`), which the {mode} upgrade policy rolls out to the instances, of", [ScaleSetWrite], []),
            ];
        }

        // Manual, or not exported: the running instances take the extension only when upgraded, and a new one (the
        // write raising the capacity) under any policy. Without the policy, the extension alone holds on its being
        // Automatic or Rolling.
        var scaleOut = ("puts a script extension in the model and adds an instance, created from that model (`virtualMachineScaleSets/write` raising `sku.capacity`), to", new[] { ScaleSetWrite }, Array.Empty<string>());
        var upgrade = (UpgradeAndExtension, new[] { ExtensionWrite, ManualUpgrade }, Array.Empty<string>());
        return mode is null
            ?
            [
                upgrade,
                scaleOut,
                ("adds a script extension (`extensions/write`), which the upgrade policy rolls out to the instances, to", [ExtensionWrite], [$"the upgrade policy of `{NameOf(resource)}` is Automatic or Rolling, which brings the instances up to the model unasked (the export gives no `upgradePolicy.mode`)"]),
            ]
            : [upgrade, scaleOut];
    }
}
