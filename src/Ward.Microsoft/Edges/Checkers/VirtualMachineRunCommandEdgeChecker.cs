namespace Ward.Microsoft.Edges.Checkers;

/// <summary>
/// <c>azure-vm-run-command</c>: runs a command on a virtual machine (Virtual Machine Contributor, Contributor) and uses
/// the machine's identity, with the action run command (<c>virtualMachines/runCommand/action</c>) or by creating a
/// managed run command (<c>virtualMachines/runCommands/write</c>: "Virtual Machine Run Commands - Create Or Update",
/// <c>az vm run-command create</c>), whose script the VM agent runs the same way. The edge names the one it used.
/// </summary>
public sealed class VirtualMachineRunCommandEdgeChecker() : WorkloadIdentityEdgeChecker(
    "azure-vm-run-command", "Microsoft.Compute/virtualMachines", "runs a command on", "Microsoft.Compute/virtualMachines/runCommand/action")
{
    protected override IReadOnlyList<(string How, string[] Actions)> Ways { get; } =
    [
        ("runs a command on", ["Microsoft.Compute/virtualMachines/runCommand/action"]),
        ("creates a managed run command (`runCommands/write`) on", ["Microsoft.Compute/virtualMachines/runCommands/write"]),
    ];
}
