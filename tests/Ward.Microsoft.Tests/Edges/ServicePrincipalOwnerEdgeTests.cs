using Ward.Core.Graph;
using Ward.Microsoft.Edges.Checkers;
using static Ward.Microsoft.Tests.Testing.Workloads;

namespace Ward.Microsoft.Tests.Edges;

/// <summary>
/// Owners of applications and service principals on the Tailspin fixture (<c>applications/{id}/owners</c> and
/// <c>servicePrincipals/{id}/owners</c>): a user owner adds a secret with delegated rights through any client, but a
/// service principal owner acts with its own app-only token, which changes what it owns only with
/// <c>Application.ReadWrite.OwnedBy</c> (or a broader application permission). Release Pipeline holds it; its twin
/// Build Agent holds no Microsoft Graph permission.
/// </summary>
public sealed class ServicePrincipalOwnerEdgeTests
{
    private static List<Edge> AddCredential => field ??= [.. new AddCredentialEdgeChecker().Check(Context, targets: null)];

    [Fact]
    public void An_owner_service_principal_with_Application_ReadWrite_OwnedBy_adds_a_secret_to_the_application_it_owns()
    {
        // Given Release Pipeline, owner of the Billing Connector application, holding Application.ReadWrite.OwnedBy
        var edge = Assert.Single(AddCredential, e => e.From.Value == ReleasePipeline && e.To.Value == BillingConnector);

        // Then it signs in as Billing Connector's service principal, for certain, naming the ownership and the permission
        Assert.Equal(("entra-add-credential", false), (edge.Technique, edge.IsConditional));
        Assert.Equal(
            [("microsoft.directory/applications/credentials/update", "owner of the application"), ("Application.ReadWrite.OwnedBy", "Microsoft Graph application permission")],
            edge.Permissions.Select(p => (p.Action, p.GrantedBy)));
        Assert.Contains("Application.ReadWrite.OwnedBy", edge.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void An_owner_service_principal_with_Application_ReadWrite_OwnedBy_adds_a_secret_to_the_service_principal_it_owns()
    {
        // Given Release Pipeline, owner of the Ledger Export service principal (not of its application)
        var edge = Assert.Single(AddCredential, e => e.From.Value == ReleasePipeline && e.To.Value == LedgerExport);

        // Then it adds the secret to the service principal itself
        Assert.Equal(("microsoft.directory/servicePrincipals/credentials/update", LedgerExport), (edge.Permissions[0].Action, edge.Permissions[0].Resource));
    }

    [Fact]
    public void An_owner_service_principal_reaches_only_what_it_owns()
    {
        // Application.ReadWrite.OwnedBy changes nothing the holder does not own
        Assert.Equal([BillingConnector, LedgerExport], AddCredential.Where(e => e.From.Value == ReleasePipeline).Select(e => e.To.Value).Order(StringComparer.Ordinal), StringComparer.Ordinal);
    }

    [Fact]
    public void An_owner_service_principal_without_a_Graph_permission_gets_no_edge()
    {
        // Given Build Agent, owner of the Reporting Connector application, holding no Microsoft Graph permission:
        // its app-only token cannot call addPassword, whatever it owns
        Assert.False(Context.GraphPermissions.ContainsKey(BuildAgent));
        Assert.DoesNotContain(AddCredential, e => e.From.Value == BuildAgent);
    }

    [Fact]
    public void A_user_owner_needs_no_Graph_permission()
    {
        // Given Leo, who owns Reporting Connector alongside Build Agent
        var edge = Assert.Single(AddCredential, e => e.From.Value == Leo && e.To.Value == ReportingConnector);

        // Then his ownership alone is enough: he signs in to any client with delegated rights
        Assert.Equal(("entra-add-credential", false), (edge.Technique, edge.IsConditional));
        var permission = Assert.Single(edge.Permissions);
        Assert.Equal(("microsoft.directory/applications/credentials/update", "owner of the application"), (permission.Action, permission.GrantedBy));
    }
}
