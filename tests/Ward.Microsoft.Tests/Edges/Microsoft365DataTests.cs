using Ward.Microsoft.Edges;
using Ward.Microsoft.Entra.Catalog;

namespace Ward.Microsoft.Tests.Edges;

/// <summary>The Microsoft 365 data nodes: stable ids per tenant, and every data application permission of the high-risk catalogue reaching one.</summary>
public sealed class Microsoft365DataTests
{
    [Fact]
    public void Every_data_application_permission_of_the_catalogue_reaches_a_data_node()
    {
        var data = HighRiskPermissions.All.Where(p => p.Kind == PermissionKind.Application && p.Risk == PermissionRisk.DataAccess).ToList();

        Assert.NotEmpty(data);
        Assert.All(data, p => Assert.NotNull(Microsoft365Data.ReachedBy(p)));
        Assert.Same(Microsoft365Data.Mailboxes, Microsoft365Data.ReachedBy(HighRiskPermissions.Find(HighRiskPermissions.ExchangeOnlineAppId, "full_access_as_app", PermissionKind.Application)!));
        Assert.Same(Microsoft365Data.TeamsChats, Microsoft365Data.ReachedBy(HighRiskPermissions.Find(HighRiskPermissions.MicrosoftGraphAppId, "Chat.Read.All", PermissionKind.Application)!));
        Assert.Same(Microsoft365Data.TeamsChannels, Microsoft365Data.ReachedBy(HighRiskPermissions.Find(HighRiskPermissions.MicrosoftGraphAppId, "ChannelMessage.Read.All", PermissionKind.Application)!));
    }

    [Fact]
    public void Takeover_and_delegated_permissions_reach_no_data_node()
    {
        var others = HighRiskPermissions.All.Where(p => p.Kind == PermissionKind.Delegated || p.Risk == PermissionRisk.TenantTakeover);

        Assert.All(others, p => Assert.Null(Microsoft365Data.ReachedBy(p)));
    }

    [Fact]
    public void Node_ids_are_stable_per_tenant_and_distinct()
    {
        const string Tenant = "4a7c8e1b-2f3d-4b6a-9c8e-1d2f3a4b5c6d";

        Assert.Equal($"m365://{Tenant}/exchange/mailboxes", Microsoft365Data.IdOf(Tenant, Microsoft365Data.Mailboxes));
        Assert.Equal(Microsoft365Data.All.Length, Microsoft365Data.All.Select(d => Microsoft365Data.IdOf(Tenant, d)).Distinct(StringComparer.Ordinal).Count());
        Assert.All(Microsoft365Data.NodesOf(Tenant), n => Assert.True(Microsoft365Data.IsDataNode(n.Id)));
    }
}
