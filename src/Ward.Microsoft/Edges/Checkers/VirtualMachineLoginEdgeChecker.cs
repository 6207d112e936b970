using Ward.Microsoft.Azure.Evaluation;

namespace Ward.Microsoft.Edges.Checkers;

/// <summary>
/// <c>azure-vm-login</c>: signs in to a virtual machine with Entra ID (Virtual Machine User or Administrator Login) and
/// asks the instance metadata service for a token of the machine's identity, which any process on the machine may do.
/// </summary>
public sealed class VirtualMachineLoginEdgeChecker() : WorkloadIdentityEdgeChecker(
    "azure-vm-login", "Microsoft.Compute/virtualMachines", "signs in to", "Microsoft.Compute/virtualMachines/login/action")
{
    // Neither the extension nor the network path is in an RBAC or Graph export.
    private static readonly string[] Needs =
    [
        "the machine has Entra ID sign-in enabled (the AADSSHLoginForLinux or AADLoginForWindows extension)",
        "the principal can reach the machine's SSH or RDP port (directly or through Azure Bastion)",
    ];

    protected override AzureActionKind ActionKind => AzureActionKind.Data;

    protected override IEnumerable<string> Prerequisites => Needs;
}
