using Ward.Core.Decisions;
using Ward.Core.Graph;
using Ward.Microsoft.Azure.Evaluation;
using Ward.Microsoft.Azure.Rbac;
using Ward.Microsoft.Entra.Directory;

namespace Ward.Microsoft.Edges;

/// <summary>
/// The family of "attach a user-assigned identity to a resource, then run code there as it": a principal that may
/// assign a user-assigned identity (<c>userAssignedIdentities/*/assign/action</c> on it, Managed Identity Operator)
/// attaches it to a resource of one type it may update (the type's <c>write</c>: adding an identity to the resource's
/// <c>identity</c> block is a write of the resource, and Azure checks the assign action on the identity with it), runs
/// code there the way the resource type's run-code technique does, and gets the identity's token. Each action is
/// decided by the Azure authorizer at its own scope: the assignment at the identity, the rest at the resource, so deny
/// assignments on either count; a principal that may write role assignments assigns itself one role at most first
/// (<see cref="UserAssignedIdentities.Decide"/>).
/// </summary>
/// <remarks>
/// Resources come from the resource inventory, or, without one, from the system-assigned identities whose service
/// principals name them. A resource the identity is already attached to is left to the run-code techniques. The first
/// resource and way that hold for certain give the edge, else the first that hold under conditions.
/// </remarks>
public abstract class AttachIdentityEdgeChecker(string techniqueId, string resourceType) : IMicrosoftEdgeChecker
{
    public string TechniqueId { get; } = techniqueId;

    public bool GrantsAdmin => false;

    /// <summary>The ways to run code on the resource once the identity is on it, in the order tried: what the principal does there and the actions it takes.</summary>
    protected abstract IReadOnlyList<(string How, string[] Actions)> RunCode { get; }

    /// <summary>The update of the resource that attaches the identity: the resource type's <c>write</c>.</summary>
    private string Write => $"{resourceType}/write";

    public IEnumerable<Edge> Check(MicrosoftEdgeContext context, IReadOnlySet<string>? targets)
    {
        var identities = UserAssignedIdentities.Of(context).Where(i => targets?.Contains(i.PrincipalId) ?? true).DistinctBy(i => i.PrincipalId, StringComparer.OrdinalIgnoreCase).ToList();
        if (identities.Count == 0)
        {
            yield break;
        }

        var resources = Resources(context).ToList();
        if (resources.Count == 0)
        {
            yield break;
        }

        var write = Write[(Write.IndexOf('/') + 1)..];
        foreach (var (identityId, identity) in identities)
        {
            var candidates = resources.Where(r => !IsAttached(context, r, identityId)).ToList();
            foreach (var principal in context.AzureAssignees.Where(p => !string.Equals(p, identityId, StringComparison.OrdinalIgnoreCase)))
            {
                if (UserAssignedIdentities.MayAssign(context, principal, identity) is not { } assign)
                {
                    continue;
                }

                var kept = Choose(context, principal, candidates, identity, assign);
                if (kept is { } found
                    && found.Step.ToEdge(TechniqueId, principal, identityId, $"attaches the user-assigned identity `{NameOf(identity)}` to `{NameOf(found.Resource)}` (`{write}`), {found.How} there and acts as the identity") is { } edge)
                {
                    yield return edge;
                }
            }
        }
    }

    /// <summary>The first resource and way to run code there that hold for certain, else the first that hold under conditions.</summary>
    private (AzureStep Step, AzureScope Resource, string How)? Choose(MicrosoftEdgeContext context, string principal, List<AzureScope> resources, AzureScope identity, (AzureRequest Request, Decision Decision) assign)
    {
        (AzureStep Step, AzureScope Resource, string How)? kept = null;
        foreach (var resource in resources)
        {
            foreach (var (how, actions) in RunCode)
            {
                var step = UserAssignedIdentities.Decide(context, principal, resource, [Write, .. actions], identity, assign);
                if (step.IsCertain)
                {
                    return (step, resource, how);
                }

                if (step.Holds)
                {
                    kept ??= (step, resource, how);
                }
            }
        }

        return kept;
    }

    private static string NameOf(AzureScope resource) => resource.Value[(resource.Value.LastIndexOf('/') + 1)..];

    /// <summary>
    /// Every resource of the type: from the inventory, then those that system-assigned identities' service principals
    /// name (the resource itself, not a child such as a web app's slot).
    /// </summary>
    private IEnumerable<AzureScope> Resources(MicrosoftEdgeContext context)
    {
        var marker = $"/providers/{resourceType}/";
        var fromInventory = context.Azure.ResourcesOfType(resourceType).Select(r => r.Id);
        var fromIdentities = context.Directory.ServicePrincipals
            .Where(s => s.ServicePrincipalType == ServicePrincipalType.ManagedIdentity)
            .SelectMany(s => s.AlternativeNames)
            .Where(n => n.IndexOf(marker, StringComparison.OrdinalIgnoreCase) is var at and >= 0 && !n[(at + marker.Length)..].Contains('/', StringComparison.Ordinal))
            .Select(n => AzureScope.TryParse(n, out var scope, out _) ? scope : null)
            .OfType<AzureScope>()
            .Where(s => s.Kind == AzureScopeKind.Resource);
        return fromInventory.Concat(fromIdentities).Distinct().OrderBy(s => s.Value, StringComparer.OrdinalIgnoreCase);
    }

    private static bool IsAttached(MicrosoftEdgeContext context, AzureScope resource, string identityId) =>
        context.Azure.FindResource(resource) is { } found
        && WorkloadIdentityEdgeChecker.AttachedIdentities(context, found).Any(a => string.Equals(a.IdentityId, identityId, StringComparison.OrdinalIgnoreCase));
}
