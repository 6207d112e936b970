namespace Ward.Microsoft.Edges.Checkers;

/// <summary>
/// <c>azure-vmss-extension</c>: adds a script extension to a scale set's model (Virtual Machine Contributor,
/// Contributor) and uses the scale set's identity. The extension reaches the running instances only when they are
/// brought up to the model: the scale set's upgrade policy does it unasked only when Automatic or Rolling, which no
/// export tells, so the principal must also upgrade them itself (<c>manualUpgrade/action</c>, which Microsoft documents
/// for the Manual policy). The extension is added as a resource of its own ("Virtual Machine Scale Set Extensions -
/// Create Or Update", <c>extensions/write</c>), or by rewriting the scale set with it in its extension profile
/// (<c>virtualMachineScaleSets/write</c>, as <c>az vmss extension set</c> does). The edge names the one it used.
/// </summary>
public sealed class ScaleSetExtensionEdgeChecker() : WorkloadIdentityEdgeChecker(
    "azure-vmss-extension", "Microsoft.Compute/virtualMachineScaleSets", "adds a script extension (`extensions/write`) and upgrades the instances (`manualUpgrade/action`) of", ExtensionWrite, ManualUpgrade)
{
    private const string ExtensionWrite = "Microsoft.Compute/virtualMachineScaleSets/extensions/write";
    private const string ScaleSetWrite = "Microsoft.Compute/virtualMachineScaleSets/write";
    private const string ManualUpgrade = "Microsoft.Compute/virtualMachineScaleSets/manualUpgrade/action";

    protected override IReadOnlyList<(string How, string[] Actions)> Ways { get; } =
    [
        ("adds a script extension (`extensions/write`) and upgrades the instances (`manualUpgrade/action`) of", [ExtensionWrite, ManualUpgrade]),
        ("puts a script extension in the model (`virtualMachineScaleSets/write`) and upgrades the instances (`manualUpgrade/action`) of", [ScaleSetWrite, ManualUpgrade]),
    ];
}
