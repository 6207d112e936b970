using Ward.Core.Decisions;
using Ward.Core.Graph;
using Ward.Microsoft.Azure.Evaluation;
using Ward.Microsoft.Azure.Rbac;
using Ward.Microsoft.Entra.Directory;

namespace Ward.Microsoft.Edges;

/// <summary>
/// The family of "run code on a resource, as the resource's managed identity": a principal allowed the actions on an
/// Azure resource of one type gets a token of the system-assigned identity Azure gave it. The resource is found from
/// the identity's service principal (its <c>alternativeNames</c> name the resource), and each action is decided by
/// the Azure authorizer at the resource's scope (so deny assignments and inherited roles count).
/// </summary>
/// <remarks>
/// Which user-assigned identities are attached to which resources is not in the exports read so far, so they are not
/// reached this way; a checker whose resource type is the user-assigned identity itself acts on the identity.
/// </remarks>
public abstract class WorkloadIdentityEdgeChecker(string techniqueId, string resourceType, string how, params string[] actions) : IMicrosoftEdgeChecker
{
    /// <summary>The resource type of a user-assigned identity, named by its service principal's <c>alternativeNames</c>.</summary>
    protected const string UserAssignedIdentityType = "Microsoft.ManagedIdentity/userAssignedIdentities";

    public string TechniqueId { get; } = techniqueId;

    public bool GrantsAdmin => false;

    /// <summary>Whether the checker's actions are control-plane actions (the default) or data actions (a VM sign-in).</summary>
    protected virtual AzureActionKind ActionKind => AzureActionKind.Control;

    /// <summary>What else must hold for the technique to work that no export tells (an agent on the machine, a network path); none by default.</summary>
    protected virtual IEnumerable<string> Prerequisites => [];

    public IEnumerable<Edge> Check(MicrosoftEdgeContext context, IReadOnlySet<string>? targets)
    {
        var identities = context.Directory.ServicePrincipals
            .Where(s => s.ServicePrincipalType == ServicePrincipalType.ManagedIdentity && (targets is null || targets.Contains(s.Id)))
            .Select(s => (Identity: s, Resource: ResourceOf(s)))
            .Where(x => x.Resource is not null)
            .ToList();
        if (identities.Count == 0)
        {
            yield break;
        }

        var principals = context.AzureAssignees;
        foreach (var (identity, resource) in identities)
        {
            foreach (var principal in principals.Where(p => !string.Equals(p, identity.Id, StringComparison.OrdinalIgnoreCase)))
            {
                var decisions = actions.Select(action => (Action: action, Decision: context.Rbac.Authorize(new AzureRequest { PrincipalId = principal, Action = action, Scope = resource!, ActionKind = ActionKind }))).ToList();
                if (decisions.Exists(d => d.Decision.Kind is not (DecisionKind.Allowed or DecisionKind.Conditional)))
                {
                    continue;
                }

                var requirements = decisions.SelectMany(d => d.Decision is Conditional c ? c.Requirements : []).Concat(Prerequisites).Distinct(StringComparer.Ordinal).ToArray();
                yield return new Edge(new(principal), new(identity.Id), TechniqueId, $"{how} `{resource!.Value[(resource.Value.LastIndexOf('/') + 1)..]}` and acts as its managed identity",
                    [.. decisions.Select(d => new EdgePermission(d.Action, resource.Value, d.Decision.Explanation.Summary, []))])
                {
                    Requirements = [.. requirements],
                };
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
}
