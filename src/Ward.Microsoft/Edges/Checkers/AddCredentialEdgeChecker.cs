using Ward.Core.Decisions;
using Ward.Core.Graph;
using Ward.Microsoft.Entra.Directory;

namespace Ward.Microsoft.Edges.Checkers;

/// <summary>
/// <c>entra-add-credential</c>: adding a secret or certificate to an application registration or its service principal
/// and signing in as the service principal. Allowed to the owners of either object, to directory roles with
/// <c>applications/credentials/update</c> or <c>servicePrincipals/credentials/update</c> reaching it (Application and
/// Cloud Application Administrators, or one scoped to that application), and to service principals holding Microsoft
/// Graph's <c>Application.ReadWrite.All</c>. Managed identities and Microsoft's own applications take no credential.
/// </summary>
/// <remarks>
/// A user owner acts with delegated rights through any client, so ownership is enough. A service principal owner acts
/// with its own app-only token, which carries only the application permissions it holds: <c>addPassword</c> and
/// <c>addKey</c> on an application or service principal take <c>Application.ReadWrite.OwnedBy</c> (objects it owns),
/// <c>Application.ReadWrite.All</c> or <c>Directory.ReadWrite.All</c>, so an owner without one of them gets no edge.
/// </remarks>
public sealed class AddCredentialEdgeChecker : IMicrosoftEdgeChecker
{
    private const string ApplicationCredentials = "microsoft.directory/applications/credentials/update";
    private const string ServicePrincipalCredentials = "microsoft.directory/servicePrincipals/credentials/update";
    private const string TenantWideWriter = "Application.ReadWrite.All";

    // What lets a service principal change, with its own token, the applications and service principals it owns.
    private static readonly string[] OwnerPermissions = ["Application.ReadWrite.OwnedBy", "Directory.ReadWrite.All"];

    public string TechniqueId => "entra-add-credential";

    public bool GrantsAdmin => false;

    public IEnumerable<Edge> Check(MicrosoftEdgeContext context, IReadOnlySet<string>? targets)
    {
        var roleHolders = context.RoleHoldersFor(ApplicationCredentials).Concat(context.RoleHoldersFor(ServicePrincipalCredentials)).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        var graphWriters = context.GraphPermissions.Where(p => p.Value.Contains(TenantWideWriter)).Select(p => p.Key).Order(StringComparer.Ordinal).ToList();
        foreach (var target in context.Directory.ServicePrincipals.Where(s => (targets is null || targets.Contains(s.Id)) && MicrosoftEdgeContext.IsTakeoverTarget(s)))
        {
            var application = context.Directory.FindApplicationByAppId(target.AppId);
            var name = target.DisplayName ?? target.Id;
            var owners = (target.Owners ?? []).Select(o => (Owner: o, Of: "service principal"))
                .Concat((application?.Owners ?? []).Select(o => (Owner: o, Of: "application")))
                .DistinctBy(o => o.Owner.Id, StringComparer.OrdinalIgnoreCase);
            foreach (var (reference, of) in owners)
            {
                var owner = reference.Id;
                var (action, resource) = of == "application" ? (ApplicationCredentials, application!.Id) : (ServicePrincipalCredentials, target.Id);
                if (!IsServicePrincipal(context, reference))
                {
                    yield return new Edge(new(owner), new(target.Id), TechniqueId, $"owns the {of} `{name}`, adds a secret to it and signs in as the service principal",
                        [new EdgePermission(action, resource, $"owner of the {of}", [])]);
                }
                else if (!string.Equals(owner, target.Id, StringComparison.OrdinalIgnoreCase) && !context.HasGraphPermission(owner, TenantWideWriter) && OwnerPermissions.FirstOrDefault(p => context.HasGraphPermission(owner, p)) is { } permission)
                {
                    // Application.ReadWrite.All holders reach every target below; the owner edge would repeat it.
                    yield return new Edge(new(owner), new(target.Id), TechniqueId, $"owns the {of} `{name}`, adds a secret to it with Microsoft Graph {permission} and signs in as the service principal",
                        [new EdgePermission(action, resource, $"owner of the {of}", []), new EdgePermission(permission, resource, "Microsoft Graph application permission", [])]);
                }
            }

            foreach (var holder in roleHolders.Where(h => !string.Equals(h, target.Id, StringComparison.OrdinalIgnoreCase)))
            {
                var (action, resource) = (ServicePrincipalCredentials, target.Id);
                var step = context.DecideDirectoryRole(holder, action, resource);
                if (!step.IsCertain && application is not null
                    && context.DecideDirectoryRole(holder, ApplicationCredentials, application.Id) is { } onApplication
                    && (onApplication.IsCertain || step.Kind == DecisionKind.ImplicitDeny))
                {
                    (action, resource, step) = (ApplicationCredentials, application.Id, onApplication);
                }

                if (step.Kind != DecisionKind.ImplicitDeny
                    && step.ToEdge(TechniqueId, holder, target.Id, $"adds a secret to `{name}` with its directory role and signs in as the service principal", action, resource) is { } edge)
                {
                    yield return edge;
                }
            }

            foreach (var writer in graphWriters.Where(w => !string.Equals(w, target.Id, StringComparison.OrdinalIgnoreCase)))
            {
                yield return new Edge(new(writer), new(target.Id), TechniqueId, $"adds a secret to `{name}` with Microsoft Graph Application.ReadWrite.All and signs in as the service principal",
                    [new EdgePermission(TenantWideWriter, application?.Id ?? target.Id, "Microsoft Graph application permission", [])]);
            }
        }
    }

    /// <summary>Whether an owner is a service principal: by the kind its reference names, or by the export holding it as one.</summary>
    private static bool IsServicePrincipal(MicrosoftEdgeContext context, DirectoryObjectReference owner) =>
        owner.Kind == DirectoryObjectKind.ServicePrincipal || context.Directory.FindServicePrincipal(owner.Id) is not null;
}
