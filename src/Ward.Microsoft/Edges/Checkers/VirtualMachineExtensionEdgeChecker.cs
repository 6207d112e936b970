namespace Ward.Microsoft.Edges.Checkers;

/// <summary><c>azure-vm-extension</c>: installs a custom script extension on a virtual machine and uses the machine's identity.</summary>
public sealed class VirtualMachineExtensionEdgeChecker() : WorkloadIdentityEdgeChecker(
    "azure-vm-extension", "Microsoft.Compute/virtualMachines", "installs a script extension on", "Microsoft.Compute/virtualMachines/extensions/write");
