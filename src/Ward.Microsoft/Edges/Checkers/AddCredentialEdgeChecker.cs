using Ward.Core.Decisions;
using Ward.Core.Graph;

namespace Ward.Microsoft.Edges.Checkers;

/// <summary>
/// <c>entra-add-credential</c>: adding a secret or certificate to an application registration or its service principal
/// and signing in as the service principal. Allowed to the owners of either object, to directory roles with
/// <c>applications/credentials/update</c> or <c>servicePrincipals/credentials/update</c> reaching it (Application and
/// Cloud Application Administrators, or one scoped to that application), and to service principals holding Microsoft
/// Graph's <c>Application.ReadWrite.All</c>. Managed identities and Microsoft's own applications take no credential.
/// </summary>
public sealed class AddCredentialEdgeChecker : IMicrosoftEdgeChecker
{
    private const string ApplicationCredentials = "microsoft.directory/applications/credentials/update";
    private const string ServicePrincipalCredentials = "microsoft.directory/servicePrincipals/credentials/update";

    public string TechniqueId => "entra-add-credential";

    public bool GrantsAdmin => false;

    public IEnumerable<Edge> Check(MicrosoftEdgeContext context, IReadOnlySet<string>? targets)
    {
        var roleHolders = context.RoleHoldersFor(ApplicationCredentials).Concat(context.RoleHoldersFor(ServicePrincipalCredentials)).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        var graphWriters = context.GraphPermissions.Where(p => p.Value.Contains("Application.ReadWrite.All")).Select(p => p.Key).Order(StringComparer.Ordinal).ToList();
        foreach (var target in context.Directory.ServicePrincipals.Where(s => (targets is null || targets.Contains(s.Id)) && MicrosoftEdgeContext.IsTakeoverTarget(s)))
        {
            var application = context.Directory.FindApplicationByAppId(target.AppId);
            var name = target.DisplayName ?? target.Id;
            var owners = (target.Owners ?? []).Select(o => (o.Id, Of: "service principal"))
                .Concat((application?.Owners ?? []).Select(o => (o.Id, Of: "application")))
                .DistinctBy(o => o.Id, StringComparer.OrdinalIgnoreCase);
            foreach (var (owner, of) in owners)
            {
                yield return new Edge(new(owner), new(target.Id), TechniqueId, $"owns the {of} `{name}`, adds a secret to it and signs in as the service principal",
                    [new EdgePermission(of == "application" ? ApplicationCredentials : ServicePrincipalCredentials, of == "application" ? application!.Id : target.Id, $"owner of the {of}", [])]);
            }

            foreach (var holder in roleHolders.Where(h => !string.Equals(h, target.Id, StringComparison.OrdinalIgnoreCase)))
            {
                var (action, resource) = (ServicePrincipalCredentials, target.Id);
                var decision = context.Roles.Authorize(holder, action, resource);
                if (decision.Kind != DecisionKind.Allowed && application is not null)
                {
                    (action, resource) = (ApplicationCredentials, application.Id);
                    decision = context.Roles.Authorize(holder, action, resource);
                }

                if (decision.Kind != DecisionKind.ImplicitDeny
                    && MicrosoftEdgeContext.EdgeIf(TechniqueId, holder, target.Id, $"adds a secret to `{name}` with its directory role and signs in as the service principal", decision, action, resource) is { } edge)
                {
                    yield return edge;
                }
            }

            foreach (var writer in graphWriters.Where(w => !string.Equals(w, target.Id, StringComparison.OrdinalIgnoreCase)))
            {
                yield return new Edge(new(writer), new(target.Id), TechniqueId, $"adds a secret to `{name}` with Microsoft Graph Application.ReadWrite.All and signs in as the service principal",
                    [new EdgePermission("Application.ReadWrite.All", application?.Id ?? target.Id, "Microsoft Graph application permission", [])]);
            }
        }
    }
}
