using System.Collections.Immutable;
using Ward.Core.Graph;
using Ward.Core.Model;
using Ward.Microsoft.Entra.Catalog;

namespace Ward.Microsoft.Edges;

/// <summary>
/// The Microsoft 365 data of a tenant as nodes of the escalation graph (<see cref="PrincipalKind.Resource"/>), one per
/// kind of data a Microsoft 365 administrator role or an application permission reaches tenant-wide: an edge to one
/// means its source can read or write all of that data. Data nodes are never administrators and have no outgoing
/// edges, so no path to an administrator passes through one.
/// </summary>
public static class Microsoft365Data
{
    public static Microsoft365DataSet Mailboxes { get; } = new("exchange/mailboxes", "every Exchange Online mailbox (mail, calendars, mailbox settings)");

    public static Microsoft365DataSet Sites { get; } = new("sharepoint/sites", "every SharePoint site and OneDrive");

    public static Microsoft365DataSet TeamsChannels { get; } = new("teams/channels", "every Team's channel messages and files");

    public static Microsoft365DataSet TeamsChats { get; } = new("teams/chats", "every Teams chat");

    public static Microsoft365DataSet ContentSearch { get; } = new("purview/content-search", "content search across every mailbox, site and Team (Microsoft Purview)");

    public static Microsoft365DataSet PowerPlatform { get; } = new("power-platform/environments", "every Power Platform and Dynamics 365 environment (Dataverse data, apps and flows)");

    public static ImmutableArray<Microsoft365DataSet> All { get; } = [Mailboxes, Sites, TeamsChannels, TeamsChats, ContentSearch, PowerPlatform];

    /// <summary>The node id of the data in a tenant: <c>m365://{tenant}/exchange/mailboxes</c>.</summary>
    public static string IdOf(string? tenantId, Microsoft365DataSet data)
    {
        ArgumentNullException.ThrowIfNull(data);
        return $"m365://{tenantId ?? "tenant"}/{data.Path}";
    }

    /// <summary>Whether a node id is one of a tenant's Microsoft 365 data nodes.</summary>
    public static bool IsDataNode(PrincipalId id) => id.Value.StartsWith("m365://", StringComparison.Ordinal);

    /// <summary>The data nodes of a tenant, labelled with what they hold.</summary>
    public static IEnumerable<GraphNode> NodesOf(string? tenantId) =>
        All.Select(d => new GraphNode(new PrincipalId(IdOf(tenantId, d)), PrincipalKind.Resource, CloudProvider.Entra, d.Label, tenantId));

    /// <summary>
    /// The data a high-risk application permission reaches tenant-wide: mail, calendar and mailbox-settings permissions
    /// (Microsoft Graph's and Exchange Online's, <c>full_access_as_app</c> included) every mailbox; file and site
    /// permissions every site and OneDrive; chat and channel-message permissions the Teams data. Null for the
    /// takeover permissions, delegated ones and the narrowed ones Ward does not list as high-risk (<c>Sites.Selected</c>).
    /// </summary>
    public static Microsoft365DataSet? ReachedBy(HighRiskPermission permission)
    {
        ArgumentNullException.ThrowIfNull(permission);
        if (permission.Kind != PermissionKind.Application || permission.Risk != PermissionRisk.DataAccess)
        {
            return null;
        }

        var name = permission.Name;
        return name switch
        {
            "full_access_as_app" => Mailboxes,
            _ when name.StartsWith("Mail.", StringComparison.Ordinal) || name.StartsWith("MailboxSettings.", StringComparison.Ordinal) || name.StartsWith("Calendars.", StringComparison.Ordinal) => Mailboxes,
            _ when name.StartsWith("Files.", StringComparison.Ordinal) || name.StartsWith("Sites.", StringComparison.Ordinal) => Sites,
            _ when name.StartsWith("Chat.", StringComparison.Ordinal) => TeamsChats,
            _ when name.StartsWith("ChannelMessage.", StringComparison.Ordinal) => TeamsChannels,
            _ => null,
        };
    }
}

/// <summary>One kind of Microsoft 365 data: its path under the tenant's node ids (<c>exchange/mailboxes</c>) and its label.</summary>
public sealed record Microsoft365DataSet(string Path, string Label);
