using Ward.Core.Decisions;
using Ward.Core.Graph;
using Ward.Microsoft.Entra.Directory;

namespace Ward.Microsoft.Edges;

/// <summary>
/// Disabled users and service principals (<c>accountEnabled</c> false): Entra ID signs nobody in as them and issues
/// them no token. A step into one (a password reset, a credential added, any other way to act as it) leads somewhere
/// only when its source can enable the account again; otherwise there is no edge. A disabled principal starts no path
/// of its own (the analysis rules leave it out as a source), and its own edges are read only after such a step.
/// </summary>
/// <remarks>
/// Who may enable a user: a directory role allowing <c>microsoft.directory/users/enable</c> on it (Authentication,
/// User, Privileged Authentication and Global Administrators; not Password nor Helpdesk Administrators), within
/// Microsoft's "who can perform sensitive actions" table the authorizer applies (<c>SensitiveActionTiers</c>), or,
/// conditionally, a service principal holding Microsoft Graph <c>User.EnableDisableAccount.All</c>,
/// <c>User.ReadWrite.All</c> or <c>Directory.ReadWrite.All</c> (app-only updates of a privileged user's
/// <c>accountEnabled</c> need more than the permission). Who may enable a service principal: its owners (Microsoft
/// Entra documentation, "Disable user sign-in for an application": Cloud Application Administrator, Application
/// Administrator, or owner of the service principal), a directory role allowing
/// <c>microsoft.directory/servicePrincipals/enable</c> on it, and a service principal holding Microsoft Graph
/// <c>Application.ReadWrite.All</c>.
/// </remarks>
public static class DisabledAccounts
{
    public const string EnableUser = "microsoft.directory/users/enable";
    public const string EnableServicePrincipal = "microsoft.directory/servicePrincipals/enable";
    private static readonly string[] UserEnablingPermissions = ["User.EnableDisableAccount.All", "User.ReadWrite.All", "Directory.ReadWrite.All"];
    private const string ServicePrincipalEnablingPermission = "Application.ReadWrite.All";

    /// <summary>Whether the principal is a user or service principal exported as disabled.</summary>
    public static bool IsDisabled(EntraDirectory directory, string principalId)
    {
        ArgumentNullException.ThrowIfNull(directory);
        return directory.FindUser(principalId) is { AccountEnabled: false } || directory.FindServicePrincipal(principalId) is { AccountEnabled: false };
    }

    /// <summary>
    /// The edge as it stands when its target is enabled; when the target is disabled, the edge with the enabling step
    /// its source takes first (description, permission, and any condition), or null when the source cannot enable it.
    /// A self-escalation is left alone.
    /// </summary>
    public static Edge? Qualify(MicrosoftEdgeContext context, Edge edge)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(edge);
        var target = edge.To.Value;
        if (edge.IsSelfEscalation || !IsDisabled(context.Directory, target))
        {
            return edge;
        }

        var source = edge.From.Value;
        var user = context.Directory.FindUser(target);
        var action = user is not null ? EnableUser : EnableServicePrincipal;
        var kind = user is not null ? "user" : "service principal";
        var name = user is not null ? user.UserPrincipalName ?? target : context.Directory.FindServicePrincipal(target)?.DisplayName ?? target;

        if (user is null && context.Roles.OwnersOf(target).Any(o => string.Equals(o.Id, source, StringComparison.OrdinalIgnoreCase)))
        {
            return With(edge, $"as an owner, enables the disabled {kind} `{name}` first", new EdgePermission(action, target, "owner of the service principal", []), []);
        }

        var decision = context.Roles.Authorize(source, action, target);
        if (decision.Kind is DecisionKind.Allowed or DecisionKind.Conditional or DecisionKind.Indeterminate
            && MicrosoftEdgeContext.EdgeIf(edge.Technique, source, target, edge.Description, decision, action, target) is { } enabling)
        {
            return With(edge, $"enables the disabled {kind} `{name}` first with its directory role", enabling.Permissions[0], enabling.Requirements);
        }

        if (user is not null && context.Roles.RestrictingUnits(target).Count == 0
            && UserEnablingPermissions.FirstOrDefault(p => context.HasGraphPermission(source, p)) is { } userPermission)
        {
            return With(edge, $"enables the disabled user `{name}` first with Microsoft Graph {userPermission}", new EdgePermission(userPermission, target, "Microsoft Graph application permission", []),
                [$"Microsoft Graph lets the application enable `{name}` (an app-only update of a privileged user's `accountEnabled` needs a directory role too)"]);
        }

        if (user is null && context.HasGraphPermission(source, ServicePrincipalEnablingPermission))
        {
            return With(edge, $"enables the disabled service principal `{name}` first with Microsoft Graph {ServicePrincipalEnablingPermission}", new EdgePermission(ServicePrincipalEnablingPermission, target, "Microsoft Graph application permission", []), []);
        }

        return null;
    }

    private static Edge With(Edge edge, string enabling, EdgePermission permission, IEnumerable<string> requirements) =>
        edge with
        {
            Description = $"{enabling} (Entra ID signs nobody in as a disabled account), then {edge.Description}",
            Permissions = edge.Permissions.Insert(0, permission),
            Requirements = [.. edge.Requirements, .. requirements.Except(edge.Requirements, StringComparer.Ordinal)],
        };
}
