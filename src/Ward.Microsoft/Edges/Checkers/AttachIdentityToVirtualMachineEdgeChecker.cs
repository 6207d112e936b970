using Ward.Core.Decisions;
using Ward.Core.Graph;
using Ward.Microsoft.Azure.Evaluation;
using Ward.Microsoft.Azure.Rbac;
using Ward.Microsoft.Azure.Resources;
using Ward.Microsoft.Entra.Directory;

namespace Ward.Microsoft.Edges.Checkers;

/// <summary>
/// <c>azure-vm-attach-identity</c>: a principal that may assign a user-assigned identity
/// (<c>userAssignedIdentities/*/assign/action</c> on it, Managed Identity Operator) attaches it to a virtual machine it
/// may update (<c>virtualMachines/write</c>, Virtual Machine Contributor), runs code there (run command, a managed run
/// command, a script extension: <see cref="VirtualMachineRunCommandEdgeChecker"/>,
/// <see cref="VirtualMachineExtensionEdgeChecker"/>) and asks the instance metadata service for the identity's token.
/// Each action is decided by the Azure authorizer at its own scope: the assignment at the identity, the rest at the
/// machine, so deny assignments on either count; a principal that may write role assignments assigns itself one role
/// at most first (<see cref="UserAssignedIdentities.Decide"/>).
/// </summary>
/// <remarks>
/// Machines come from the resource inventory, or, without one, from the system-assigned identities whose service
/// principals name them. A machine the identity is already attached to is left to the run-code techniques. The first
/// machine and way that hold for certain give the edge, else the first that hold under conditions.
/// </remarks>
public sealed class AttachIdentityToVirtualMachineEdgeChecker : IMicrosoftEdgeChecker
{
    private const string WriteMachine = "Microsoft.Compute/virtualMachines/write";

    // The ways to run code on the machine once the identity is on it, as the run-code techniques try them.
    private static readonly (string How, string Action)[] RunCode =
    [
        ("runs a command", "Microsoft.Compute/virtualMachines/runCommand/action"),
        ("creates a managed run command (`runCommands/write`)", "Microsoft.Compute/virtualMachines/runCommands/write"),
        ("installs a script extension", "Microsoft.Compute/virtualMachines/extensions/write"),
    ];

    public string TechniqueId => "azure-vm-attach-identity";

    public bool GrantsAdmin => false;

    public IEnumerable<Edge> Check(MicrosoftEdgeContext context, IReadOnlySet<string>? targets)
    {
        var identities = UserAssignedIdentities.Of(context).Where(i => targets?.Contains(i.PrincipalId) ?? true).DistinctBy(i => i.PrincipalId, StringComparer.OrdinalIgnoreCase).ToList();
        if (identities.Count == 0)
        {
            yield break;
        }

        var machines = Machines(context).ToList();
        if (machines.Count == 0)
        {
            yield break;
        }

        foreach (var (identityId, identity) in identities)
        {
            var candidates = machines.Where(m => !IsAttached(context, m, identityId)).ToList();
            foreach (var principal in context.AzureAssignees.Where(p => !string.Equals(p, identityId, StringComparison.OrdinalIgnoreCase)))
            {
                if (UserAssignedIdentities.MayAssign(context, principal, identity) is not { } assign)
                {
                    continue;
                }

                var kept = Choose(context, principal, candidates, identity, assign);
                if (kept is { } found
                    && found.Step.ToEdge(TechniqueId, principal, identityId, $"attaches the user-assigned identity `{NameOf(identity)}` to `{NameOf(found.Machine)}` (`virtualMachines/write`), {found.How} there and acts as the identity") is { } edge)
                {
                    yield return edge;
                }
            }
        }
    }

    /// <summary>The first machine and way to run code there that hold for certain, else the first that hold under conditions.</summary>
    private static (AzureStep Step, AzureScope Machine, string How)? Choose(MicrosoftEdgeContext context, string principal, List<AzureScope> machines, AzureScope identity, (AzureRequest Request, Decision Decision) assign)
    {
        (AzureStep Step, AzureScope Machine, string How)? kept = null;
        foreach (var machine in machines)
        {
            foreach (var (how, action) in RunCode)
            {
                var step = UserAssignedIdentities.Decide(context, principal, machine, [WriteMachine, action], identity, assign);
                if (step.IsCertain)
                {
                    return (step, machine, how);
                }

                if (step.Holds)
                {
                    kept ??= (step, machine, how);
                }
            }
        }

        return kept;
    }

    private static string NameOf(AzureScope resource) => resource.Value[(resource.Value.LastIndexOf('/') + 1)..];

    /// <summary>Every virtual machine: from the inventory, then those that system-assigned identities' service principals name.</summary>
    private static IEnumerable<AzureScope> Machines(MicrosoftEdgeContext context)
    {
        var fromInventory = context.Azure.ResourcesOfType(AzureResourceTypes.VirtualMachine).Select(r => r.Id);
        var fromIdentities = context.Directory.ServicePrincipals
            .Where(s => s.ServicePrincipalType == ServicePrincipalType.ManagedIdentity)
            .SelectMany(s => s.AlternativeNames)
            .Where(n => n.Contains($"/providers/{AzureResourceTypes.VirtualMachine}/", StringComparison.OrdinalIgnoreCase))
            .Select(n => AzureScope.TryParse(n, out var scope, out _) ? scope : null)
            .OfType<AzureScope>()
            .Where(s => s.Kind == AzureScopeKind.Resource);
        return fromInventory.Concat(fromIdentities).Distinct().OrderBy(s => s.Value, StringComparer.OrdinalIgnoreCase);
    }

    private static bool IsAttached(MicrosoftEdgeContext context, AzureScope machine, string identityId) =>
        context.Azure.FindResource(machine) is { } resource
        && WorkloadIdentityEdgeChecker.AttachedIdentities(context, resource).Any(a => string.Equals(a.IdentityId, identityId, StringComparison.OrdinalIgnoreCase));
}
