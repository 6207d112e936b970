using Ward.Microsoft.Azure.Resources;

namespace Ward.Microsoft.Edges.Checkers;

/// <summary>
/// <c>azure-vm-attach-identity</c>: a principal that may assign a user-assigned identity (Managed Identity Operator)
/// attaches it to a virtual machine it may update (<c>virtualMachines/write</c>, Virtual Machine Contributor), runs
/// code there (run command, a managed run command, a script extension: <see cref="VirtualMachineRunCommandEdgeChecker"/>,
/// <see cref="VirtualMachineExtensionEdgeChecker"/>) and asks the instance metadata service for the identity's token
/// (<see cref="AttachIdentityEdgeChecker"/>).
/// </summary>
public sealed class AttachIdentityToVirtualMachineEdgeChecker() : AttachIdentityEdgeChecker("azure-vm-attach-identity", AzureResourceTypes.VirtualMachine)
{
    protected override IReadOnlyList<(string How, string[] Actions)> RunCode { get; } =
    [
        ("runs a command there", ["Microsoft.Compute/virtualMachines/runCommand/action"]),
        ("creates a managed run command (`runCommands/write`) there", ["Microsoft.Compute/virtualMachines/runCommands/write"]),
        ("installs a script extension there", ["Microsoft.Compute/virtualMachines/extensions/write"]),
    ];
}
