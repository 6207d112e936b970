namespace Ward.Microsoft.Edges.Checkers;

/// <summary><c>azure-vm-run-command</c>: runs a command on a virtual machine (Virtual Machine Contributor, Contributor) and uses the machine's identity.</summary>
public sealed class VirtualMachineRunCommandEdgeChecker() : WorkloadIdentityEdgeChecker(
    "azure-vm-run-command", "Microsoft.Compute/virtualMachines", "runs a command on", "Microsoft.Compute/virtualMachines/runCommand/action");
