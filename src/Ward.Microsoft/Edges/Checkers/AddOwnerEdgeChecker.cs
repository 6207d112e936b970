using Ward.Core.Decisions;
using Ward.Core.Graph;

namespace Ward.Microsoft.Edges.Checkers;

/// <summary>
/// <c>entra-add-owner</c>: a principal whose directory role may change the owners of an application registration or
/// of its service principal (<c>applications/owners/update</c>, <c>servicePrincipals/owners/update</c>: Hybrid
/// Identity Administrator, the Partner Tier1 and Tier2 Support roles, Directory Synchronization Accounts, and the
/// application administrators, as the exported role definitions say) adds itself as an owner, then, as an owner, a
/// secret, and signs in as the service principal. Managed identities and Microsoft's own applications excluded, as
/// for credentials.
/// </summary>
public sealed class AddOwnerEdgeChecker : IMicrosoftEdgeChecker
{
    private const string ApplicationOwners = "microsoft.directory/applications/owners/update";
    private const string ServicePrincipalOwners = "microsoft.directory/servicePrincipals/owners/update";

    public string TechniqueId => "entra-add-owner";

    public bool GrantsAdmin => false;

    public IEnumerable<Edge> Check(MicrosoftEdgeContext context, IReadOnlySet<string>? targets)
    {
        var holders = context.RoleHoldersFor(ApplicationOwners).Concat(context.RoleHoldersFor(ServicePrincipalOwners)).Distinct(StringComparer.OrdinalIgnoreCase).Order(StringComparer.Ordinal).ToList();
        if (holders.Count == 0)
        {
            yield break;
        }

        foreach (var target in context.Directory.ServicePrincipals.Where(s => (targets is null || targets.Contains(s.Id)) && MicrosoftEdgeContext.IsTakeoverTarget(s)))
        {
            var application = context.Directory.FindApplicationByAppId(target.AppId);
            var name = target.DisplayName ?? target.Id;
            foreach (var holder in holders.Where(h => !string.Equals(h, target.Id, StringComparison.OrdinalIgnoreCase)))
            {
                var (action, resource, of) = (ServicePrincipalOwners, target.Id, "service principal");
                var step = context.DecideDirectoryRole(holder, action, resource);
                if (!step.IsCertain && application is not null
                    && context.DecideDirectoryRole(holder, ApplicationOwners, application.Id) is { } onApplication
                    && (onApplication.IsCertain || step.Kind == DecisionKind.ImplicitDeny))
                {
                    (action, resource, of, step) = (ApplicationOwners, application.Id, "application", onApplication);
                }

                if (step.Kind != DecisionKind.ImplicitDeny
                    && step.ToEdge(TechniqueId, holder, target.Id, $"makes itself owner of the {of} `{name}` with its directory role, adds a secret and signs in as the service principal", action, resource) is { } edge)
                {
                    yield return edge;
                }
            }
        }
    }
}
