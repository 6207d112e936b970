namespace Ward.Microsoft.Edges.Checkers;

/// <summary>
/// <c>azure-vmss-run-command</c>: runs a command on a scale set's instances and uses the scale set's identity, with the
/// action run command (<c>virtualMachineScaleSets/virtualMachines/runCommand/action</c>) or by creating a managed run
/// command on an instance (<c>virtualMachineScaleSets/virtualMachines/runCommands/write</c>). The edge names the one
/// it used.
/// </summary>
public sealed class ScaleSetRunCommandEdgeChecker() : WorkloadIdentityEdgeChecker(
    "azure-vmss-run-command", "Microsoft.Compute/virtualMachineScaleSets", "runs a command on", "Microsoft.Compute/virtualMachineScaleSets/virtualMachines/runCommand/action")
{
    protected override IReadOnlyList<(string How, string[] Actions)> Ways { get; } =
    [
        ("runs a command on", ["Microsoft.Compute/virtualMachineScaleSets/virtualMachines/runCommand/action"]),
        ("creates a managed run command (`virtualMachines/runCommands/write`) on an instance of", ["Microsoft.Compute/virtualMachineScaleSets/virtualMachines/runCommands/write"]),
    ];
}
