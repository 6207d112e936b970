using Ward.Core.Graph;
using Ward.Microsoft.Entra.Catalog;

namespace Ward.Microsoft.Edges.Checkers;

/// <summary>
/// <c>entra-m365-app-permission-data</c>: a service principal holding a high-risk Microsoft 365 data permission as an
/// application permission (an app role assignment on Microsoft Graph's, Office 365 Exchange Online's or Office 365
/// SharePoint Online's service principal) reads or writes that data tenant-wide, without a signed-in user: mail,
/// calendar and mailbox-settings permissions and Exchange's <c>full_access_as_app</c> every mailbox; file and site
/// permissions every site and OneDrive; <c>Chat.*.All</c> every chat, <c>ChannelMessage.Read.All</c> every channel.
/// </summary>
/// <remarks>
/// <c>Sites.Selected</c> reaches only the sites granted to it one by one, so it gives no edge. Exchange Online can
/// narrow the mail, calendar and mailbox-settings permissions to some mailboxes (an application access policy, or RBAC
/// for Applications), which no Graph export holds: those edges are conditional on none doing so. Microsoft's own
/// service principals are never sources.
/// </remarks>
public sealed class Microsoft365AppPermissionDataEdgeChecker : IMicrosoftEdgeChecker
{
    public string TechniqueId => "entra-m365-app-permission-data";

    public bool GrantsAdmin => false;

    public IEnumerable<Edge> Check(MicrosoftEdgeContext context, IReadOnlySet<string>? targets)
    {
        ArgumentNullException.ThrowIfNull(context);
        var directory = context.Directory;
        var tenant = directory.TenantId;
        if (targets is not null && !Microsoft365Data.All.Any(d => targets.Contains(Microsoft365Data.IdOf(tenant, d))))
        {
            yield break;
        }

        // The data application permissions, from the app role assignments (an index of who holds what): the
        // takeover permissions and other APIs' app roles resolve to no data.
        var grants = directory.AppRoleAssignments
            .Where(a => !string.Equals(a.AppRoleId, HighRiskPermissions.DefaultAccessRoleId, StringComparison.OrdinalIgnoreCase))
            .Select(a => (Holder: a.PrincipalId, HighRiskPermissions.Resolve(directory, a).HighRisk))
            .Select(g => (g.Holder, Permission: g.HighRisk, Data: g.HighRisk is { } p ? Microsoft365Data.ReachedBy(p) : null))
            .Where(g => g.Data is not null && (targets?.Contains(Microsoft365Data.IdOf(tenant, g.Data)) ?? true))
            .OrderBy(g => g.Holder, StringComparer.Ordinal).ThenBy(g => HighRiskPermissions.ExchangeCanNarrow(g.Permission!) ? 1 : 0).ThenBy(g => g.Permission!.Label, StringComparer.Ordinal);
        foreach (var (holder, permission, data) in grants)
        {
            if (directory.FindServicePrincipal(holder) is not { } servicePrincipal || MicrosoftEdgeContext.IsMicrosoftFirstParty(servicePrincipal))
            {
                continue;
            }

            var to = Microsoft365Data.IdOf(tenant, data!);
            yield return new Edge(new(holder), new(to), TechniqueId, $"holds the application permission {permission!.Label}, which {permission.Why}: {data!.Label}",
                [new EdgePermission(permission.Name, to, $"{permission.Resource} application permission", [])])
            {
                Requirements = HighRiskPermissions.ExchangeCanNarrow(permission)
                    ? [$"no Exchange Online application access policy or RBAC for Applications scope limits `{permission.Name}` of `{servicePrincipal.DisplayName ?? servicePrincipal.Id}` to some mailboxes (neither is exported)"]
                    : [],
            };
        }
    }
}
