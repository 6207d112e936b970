using Ward.Microsoft.Azure.Rbac;
using Ward.Microsoft.Azure.Resources;

namespace Ward.Microsoft.Edges.Checkers;

/// <summary>
/// <c>azure-vmss-attach-identity</c>: a principal that may assign a user-assigned identity (Managed Identity Operator)
/// attaches it to a scale set it may update (<c>virtualMachineScaleSets/write</c>, Virtual Machine Contributor) and, in
/// the same rewrite of the model, adds a script extension there as <see cref="ScaleSetExtensionEdgeChecker"/> does;
/// the instances that run it ask the instance metadata service for the identity's token
/// (<see cref="AttachIdentityEdgeChecker"/>). Which instances run it is the upgrade policy's decision
/// (<see cref="ScaleSetUpgradePolicy"/>): the running ones under <c>Automatic</c> or <c>Rolling</c>, else a new one the
/// same write adds by raising <c>sku.capacity</c>, so the write alone is enough under any policy.
/// </summary>
public sealed class AttachIdentityToScaleSetEdgeChecker() : AttachIdentityEdgeChecker("azure-vmss-attach-identity", AzureResourceTypes.ScaleSet)
{
    protected override IReadOnlyList<(string How, string[] Actions)> RunCodeOn(MicrosoftEdgeContext context, AzureScope resource)
    {
        var mode = ScaleSetUpgradePolicy.ModeOf(context, resource);
        return ScaleSetUpgradePolicy.RollsOutUnasked(mode)
            ? [($"puts a script extension in its model in the same write, which the {mode} upgrade policy rolls out to the instances,", [])]
            : [("puts a script extension in its model and raises `sku.capacity` in the same write, so that a new instance created from that model runs it,", [])];
    }
}
