namespace Ward.Microsoft.Edges.Checkers;

/// <summary><c>azure-vmss-run-command</c>: runs a command on a scale set's instances and uses the scale set's identity.</summary>
public sealed class ScaleSetRunCommandEdgeChecker() : WorkloadIdentityEdgeChecker(
    "azure-vmss-run-command", "Microsoft.Compute/virtualMachineScaleSets", "runs a command on", "Microsoft.Compute/virtualMachineScaleSets/virtualMachines/runCommand/action");
