using Ward.Core.Graph;
using Ward.Microsoft.Azure.Evaluation;
using Ward.Microsoft.Azure.Rbac;
using Ward.Microsoft.Azure.Resources;
using Ward.Microsoft.Entra.Directory;

namespace Ward.Microsoft.Edges;

/// <summary>
/// The family of "run code on a resource, as the resource's managed identity": a principal allowed the actions on an
/// Azure resource of one type gets a token of any identity Azure attached to it. With a resource inventory, those
/// are the resource's system-assigned identity and every user-assigned identity in its <c>identity</c> block; without
/// one, the system-assigned identity is still found from its service principal (whose <c>alternativeNames</c> name
/// the resource). Each action is decided by the Azure authorizer at the resource's scope (so deny assignments and
/// inherited roles count); a principal that may write role assignments there is also decided after assigning itself a
/// role that grants the actions (<see cref="MicrosoftEdgeContext.DecideAzure"/>).
/// </summary>
/// <remarks>A checker whose resource type is the user-assigned identity itself acts on the identity.</remarks>
public abstract class WorkloadIdentityEdgeChecker(string techniqueId, string resourceType, string how, params string[] actions) : IMicrosoftEdgeChecker
{
    /// <summary>The resource type of a user-assigned identity, named by its service principal's <c>alternativeNames</c>.</summary>
    protected const string UserAssignedIdentityType = AzureResourceTypes.UserAssignedIdentity;

    public string TechniqueId { get; } = techniqueId;

    public bool GrantsAdmin => false;

    /// <summary>Whether the checker's actions are control-plane actions (the default) or data actions (a VM sign-in).</summary>
    protected virtual AzureActionKind ActionKind => AzureActionKind.Control;

    /// <summary>
    /// The ways to use the technique, each a description of what the principal does and the actions it takes, in the
    /// order tried: the first that holds for certain is the edge, else the first that holds under conditions. By
    /// default the one way the checker was made with.
    /// </summary>
    protected virtual IReadOnlyList<(string How, string[] Actions)> Ways => [(how, actions)];

    /// <summary>
    /// The ways to use the technique on one resource, each with what else must hold for it (a requirement makes the way
    /// conditional): by default <see cref="Ways"/>, the same for every resource. A checker whose ways depend on the
    /// resource's settings (a scale set's upgrade policy) picks them here.
    /// </summary>
    protected virtual IReadOnlyList<(string How, string[] Actions, string[] Requirements)> WaysOn(MicrosoftEdgeContext context, AzureScope resource) =>
        [.. Ways.Select(w => (w.How, w.Actions, Array.Empty<string>()))];

    /// <summary>What else must hold for the technique to work that no export tells (an agent on the machine, a network path); none by default.</summary>
    protected virtual IEnumerable<string> Prerequisites => [];

    public IEnumerable<Edge> Check(MicrosoftEdgeContext context, IReadOnlySet<string>? targets)
    {
        var attachments = Attachments(context)
            .Where(a => targets?.Contains(a.IdentityId) ?? IsKnown(context, a.IdentityId))
            .DistinctBy(a => (a.IdentityId.ToUpperInvariant(), a.Resource))
            .ToList();
        if (attachments.Count == 0)
        {
            yield break;
        }

        var principals = context.AzureAssignees;
        foreach (var attachment in attachments)
        {
            var resource = attachment.Resource;
            var ways = WaysOn(context, resource);
            foreach (var principal in principals.Where(p => !string.Equals(p, attachment.IdentityId, StringComparison.OrdinalIgnoreCase)))
            {
                Edge? chosen = null;
                foreach (var (way, wayActions, wayRequirements) in ways)
                {
                    var step = context.DecideAzure(principal, resource, [.. wayActions.Select(action => new AzureRequest { PrincipalId = principal, Action = action, Scope = resource, ActionKind = ActionKind })]);
                    if (step.ToEdge(TechniqueId, principal, attachment.IdentityId, $"{way} `{NameOf(resource)}` and acts as {attachment.As}") is { } decided)
                    {
                        var edge = wayRequirements.Length == 0 ? decided : decided with { Requirements = [.. decided.Requirements.Concat(wayRequirements).Distinct(StringComparer.Ordinal)] };
                        chosen ??= edge;
                        if (!edge.IsConditional)
                        {
                            chosen = edge;
                            break;
                        }
                    }
                }

                if (chosen is not null)
                {
                    yield return chosen with { Requirements = [.. chosen.Requirements.Concat(Prerequisites).Distinct(StringComparer.Ordinal)] };
                }
            }
        }
    }

    /// <summary>The last segment of a resource id: the resource's name.</summary>
    protected static string NameOf(AzureScope resource) => resource.Value[(resource.Value.LastIndexOf('/') + 1)..];

    /// <summary>An identity the graph has a node for: a service principal of the directory, or a principal of an Azure role assignment.</summary>
    private static bool IsKnown(MicrosoftEdgeContext context, string id) =>
        context.Directory.FindServicePrincipal(id) is not null || context.AzureAssignees.Contains(id, StringComparer.OrdinalIgnoreCase);

    /// <summary>Every identity attached to a resource of this checker's type: from the inventory, then from the identities' service principals.</summary>
    private IEnumerable<Attachment> Attachments(MicrosoftEdgeContext context)
    {
        var isIdentityType = string.Equals(resourceType, UserAssignedIdentityType, StringComparison.OrdinalIgnoreCase);
        foreach (var resource in context.Azure.ResourcesOfType(resourceType))
        {
            if (isIdentityType)
            {
                if (resource.IdentityPrincipalId is { } self)
                {
                    yield return new Attachment(self, resource.Id, "the identity");
                }

                continue;
            }

            foreach (var (id, how) in AttachedIdentities(context, resource))
            {
                yield return new Attachment(id, resource.Id, how);
            }
        }

        foreach (var identity in context.Directory.ServicePrincipals.Where(s => s.ServicePrincipalType == ServicePrincipalType.ManagedIdentity))
        {
            if (ResourceOf(identity) is { } resource)
            {
                yield return new Attachment(identity.Id, resource, isIdentityType ? "the identity" : "its managed identity");
            }
        }
    }

    /// <summary>
    /// The identities the inventory attaches to a resource, each with how an edge names it: the system-assigned one,
    /// then each user-assigned one whose object id the inventory or a service principal gives.
    /// </summary>
    internal static IEnumerable<(string IdentityId, string As)> AttachedIdentities(MicrosoftEdgeContext context, AzureResource resource)
    {
        if (resource.SystemAssignedPrincipalId is { } system)
        {
            yield return (system, "its managed identity");
        }

        foreach (var user in resource.UserAssignedIdentities)
        {
            if ((user.PrincipalId ?? FederatedCredentialHolders.ServicePrincipalOfIdentity(context.Directory, context.Azure, user.IdentityId)) is { } id)
            {
                yield return (id, $"the user-assigned identity `{NameOf(user.IdentityId)}` attached to it");
            }
        }
    }

    /// <summary>The resource of this checker's type a system-assigned identity belongs to; null for others.</summary>
    private AzureScope? ResourceOf(EntraServicePrincipal identity)
    {
        foreach (var name in identity.AlternativeNames)
        {
            if (name.Contains($"/providers/{resourceType}/", StringComparison.OrdinalIgnoreCase)
                && (string.Equals(resourceType, UserAssignedIdentityType, StringComparison.OrdinalIgnoreCase) || !name.Contains($"/{UserAssignedIdentityType}/", StringComparison.OrdinalIgnoreCase))
                && AzureScope.TryParse(name, out var scope, out _))
            {
                return scope;
            }
        }

        return null;
    }

    /// <summary>An identity on a resource, and how the edge names it.</summary>
    private sealed record Attachment(string IdentityId, AzureScope Resource, string As);
}
