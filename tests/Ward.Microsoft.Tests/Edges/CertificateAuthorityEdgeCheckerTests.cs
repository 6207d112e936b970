using Ward.Core.Graph;
using Ward.Microsoft.Edges.Checkers;
using static Ward.Microsoft.Tests.Testing.Workloads;

namespace Ward.Microsoft.Tests.Edges;

/// <summary>
/// <c>Organization.ReadWrite.All</c> and <c>PublicKeyInfrastructure.ReadWrite.All</c> on the Tailspin fixture: Tenant
/// Settings Sync holds the first and PKI Trust Sync the second, and each can trust a certificate authority of its own for
/// certificate-based authentication; their twin Org Profile Reader holds only <c>Organization.Read.All</c>.
/// </summary>
public sealed class CertificateAuthorityEdgeCheckerTests
{
    private static List<Edge> Edges => field ??= [.. new CertificateAuthorityEdgeChecker().Check(Context, targets: null)];

    [Fact]
    public void The_holder_reaches_every_user_conditionally_administrators_and_the_initial_domain_included()
    {
        // Unlike domain federation, a certificate can name a user of any domain, Gabriel's onmicrosoft.com one included
        var edges = Edges.Where(e => e.From.Value == TenantSettingsSync).ToList();
        Assert.Equal(Context.Directory.Users.Select(u => u.Id).Order(StringComparer.Ordinal), edges.Select(e => e.To.Value).Order(StringComparer.Ordinal), StringComparer.Ordinal);
        Assert.All(edges, edge =>
        {
            Assert.Equal(("entra-certificate-authority", TenantSettingsSync, true), (edge.Technique, edge.From.Value, edge.IsConditional));
            var permission = Assert.Single(edge.Permissions);
            Assert.Equal(("Organization.ReadWrite.All", "Microsoft Graph application permission"), (permission.Action, permission.GrantedBy));
            Assert.Contains("certificate-based authentication method is enabled", Assert.Single(edge.Requirements), StringComparison.Ordinal);
        });
        Assert.Contains(edges, e => e.To.Value == Gabriel);
    }

    [Fact]
    public void The_PKI_based_trust_store_permission_reaches_every_user_too()
    {
        // Given PKI Trust Sync, holding PublicKeyInfrastructure.ReadWrite.All
        var edges = Edges.Where(e => e.From.Value == PkiTrustSync).ToList();

        // Then it reaches every user, under the same requirement, naming the trust store
        Assert.Equal(Context.Directory.Users.Length, edges.Count);
        Assert.All(edges, edge =>
        {
            Assert.Equal("PublicKeyInfrastructure.ReadWrite.All", Assert.Single(edge.Permissions).Action);
            Assert.Contains("PKI-based trust store", edge.Description, StringComparison.Ordinal);
            Assert.True(edge.IsConditional);
        });
        Assert.Equal([PkiTrustSync, TenantSettingsSync], Edges.Select(e => e.From.Value).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal), StringComparer.Ordinal);
    }

    [Fact]
    public void Reading_the_organization_gives_nothing()
    {
        Assert.True(Context.HasGraphPermission(OrgProfileReader, "Organization.Read.All"));
        Assert.DoesNotContain(Edges, e => e.From.Value == OrgProfileReader);
    }
}
