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
/// narrow the mail, calendar and mailbox-settings permissions to some mailboxes with an application access policy, which
/// no Graph export holds: with the policies not exported, those edges are conditional on none doing so; exported, a
/// RestrictAccess policy takes the edge away (the application reaches only its scope's mailboxes), DenyAccess policies
/// leave it certain (every mailbox but theirs), and no policy leaves it certain. RBAC for Applications grants add to
/// what Entra ID grants and never narrow it, so they decide nothing here. Microsoft's own service principals are never
/// sources.
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
            var description = $"holds the application permission {permission!.Label}, which {permission.Why}: {data!.Label}";
            IReadOnlyList<string> requirements = [];
            if (HighRiskPermissions.ExchangeCanNarrow(permission))
            {
                var name = servicePrincipal.DisplayName ?? servicePrincipal.Id;
                if (directory.ApplicationAccessPolicies is not { } policies)
                {
                    requirements = [$"no Exchange Online application access policy limits `{permission.Name}` of `{name}` to some mailboxes (the policies are not exported: `Get-ApplicationAccessPolicy`)"];
                }
                else
                {
                    var access = policies.For(servicePrincipal.AppId);
                    switch (access.ReachesEveryMailbox)
                    {
                        case false:
                            continue;
                        case null:
                            requirements = [$"`{permission.Name}` of `{name}` reaches {access.Describe(directory)}"];
                            break;
                        default:
                            description += $"; it reaches {access.Describe(directory)}";
                            break;
                    }
                }
            }

            yield return new Edge(new(holder), new(to), TechniqueId, description,
                [new EdgePermission(permission.Name, to, $"{permission.Resource} application permission", [])])
            {
                Requirements = [.. requirements],
            };
        }
    }
}
