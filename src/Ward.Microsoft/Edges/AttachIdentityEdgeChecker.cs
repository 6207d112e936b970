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
/// code there the way the resource type's run-code technique does, or with that same write where the write itself
/// runs code (a scale set's model, a container's command, a workflow), and gets the identity's token. Each action is
/// decided by the Azure authorizer at its own scope: the assignment at the identity, the rest at the resource, so deny
/// assignments on either count; a principal that may write role assignments assigns itself one role at most first
/// (<see cref="UserAssignedIdentities.Decide"/>).
/// </summary>
/// <remarks>
/// Resources come from the resource inventory, or, without one, from the system-assigned identities whose service
/// principals name them. A resource the identity is already attached to is left to the run-code techniques. A kind
/// whose new resource runs code as soon as it is created (<see cref="CreatedWithIdentity"/>) is also created, with the
/// identity, in a resource group: the identity's own first, then every resource group and subscription a role
/// assignment names, as for <c>azure-deployment-script</c>. The first resource or place and way that hold for certain
/// give the edge, else the first that hold under conditions.
/// </remarks>
public abstract class AttachIdentityEdgeChecker(string techniqueId, string resourceType) : IMicrosoftEdgeChecker
{
    public string TechniqueId { get; } = techniqueId;

    public bool GrantsAdmin => false;

    /// <summary>
    /// The ways to run code on the resource once the identity is on it, in the order tried: what the principal does
    /// there (said so that "and acts as the identity" follows) and the actions it takes besides the write. None by
    /// default.
    /// </summary>
    protected virtual IReadOnlyList<(string How, string[] Actions)> RunCode => [];

    /// <summary>
    /// The ways to run code on one resource: by default <see cref="RunCode"/>, the same for every resource. A kind
    /// whose way depends on the resource's settings (a scale set's upgrade policy) picks it here. A way with no action
    /// runs code with the write itself.
    /// </summary>
    protected virtual IReadOnlyList<(string How, string[] Actions)> RunCodeOn(MicrosoftEdgeContext context, AzureScope resource) => RunCode;

    /// <summary>
    /// For a kind whose new resource, created with the identity, runs code as it with the creation alone (the type's
    /// <c>write</c> in the resource group it is created in): what is created and how it runs code; null when only
    /// existing resources are followed.
    /// </summary>
    protected virtual (string What, string How)? CreatedWithIdentity => null;

    /// <summary>The update of the resource that attaches the identity: the resource type's <c>write</c>.</summary>
    private string Write => $"{resourceType}/write";

    public IEnumerable<Edge> Check(MicrosoftEdgeContext context, IReadOnlySet<string>? targets)
    {
        var identities = UserAssignedIdentities.Of(context).Where(i => targets?.Contains(i.PrincipalId) ?? true).DistinctBy(i => i.PrincipalId, StringComparer.OrdinalIgnoreCase).ToList();
        if (identities.Count == 0)
        {
            yield break;
        }

        // The ways depend on the resource alone: picked once, not per identity and principal.
        var resources = Resources(context).Select(r => (Resource: r, Ways: RunCodeOn(context, r))).ToList();
        var places = CreatedWithIdentity is null ? [] : UserAssignedIdentities.Places(context);
        if (resources.Count == 0 && CreatedWithIdentity is null)
        {
            yield break;
        }

        foreach (var (identityId, identity) in identities)
        {
            List<Attempt> attempts =
            [
                .. resources.Where(r => !IsAttached(context, r.Resource, identityId)).SelectMany(r => r.Ways.Select(w => new Attempt(r.Resource, [Write, .. w.Actions], w.How, IsNew: false))),
                .. CreatedWithIdentity is { } created ? places.Prepend(identity.Parent!).Distinct().Select(p => new Attempt(p, [Write], created.How, IsNew: true)) : [],
            ];
            if (attempts.Count == 0)
            {
                continue;
            }

            foreach (var (principal, assign) in UserAssignedIdentities.Assigners(context, identityId, identity))
            {
                if (Choose(context, principal, attempts, identity, assign) is { } found
                    && found.Step.ToEdge(TechniqueId, principal, identityId, Describe(found.Attempt, identity)) is { } edge)
                {
                    yield return edge;
                }
            }
        }
    }

    /// <summary>The first attempt that holds for certain, else the first that holds under conditions.</summary>
    private static (AzureStep Step, Attempt Attempt)? Choose(MicrosoftEdgeContext context, string principal, List<Attempt> attempts, AzureScope identity, (AzureRequest Request, Decision Decision) assign)
    {
        (AzureStep Step, Attempt Attempt)? kept = null;
        foreach (var attempt in attempts)
        {
            var step = UserAssignedIdentities.Decide(context, principal, attempt.Place, attempt.Actions, identity, assign);
            if (step.IsCertain)
            {
                return (step, attempt);
            }

            if (step.Holds)
            {
                kept ??= (step, attempt);
            }
        }

        return kept;
    }

    private string Describe(Attempt attempt, AzureScope identity)
    {
        var write = Write[(Write.IndexOf('/') + 1)..];
        return attempt.IsNew
            ? $"creates {CreatedWithIdentity?.What} in `{attempt.Place.Value}` with the user-assigned identity `{NameOf(identity)}` (`{write}`), {attempt.How} and acts as the identity"
            : $"attaches the user-assigned identity `{NameOf(identity)}` to `{NameOf(attempt.Place)}` (`{write}`), {attempt.How} and acts as the identity";
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

    /// <summary>
    /// One way to the identity: the actions at <paramref name="Place"/> (an existing resource, or the resource group a
    /// new one is created in), what the principal does there, and whether the resource is new.
    /// </summary>
    private sealed record Attempt(AzureScope Place, string[] Actions, string How, bool IsNew);
}
