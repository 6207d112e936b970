using Ward.Core.Graph;
using Ward.Microsoft.Edges.Checkers;
using static Ward.Microsoft.Tests.Testing.Workloads;

namespace Ward.Microsoft.Tests.Edges;

/// <summary>
/// <c>DelegatedPermissionGrant.ReadWrite.All</c> on the Tailspin fixture: Consent Manager holds it and Gabriel (Global
/// Administrator) has consented to it, so it grants itself delegated permissions that act as him when he signs in; its
/// twin Consent Auditor holds the same permission but no delegated grant names it as client (nobody signs in to it).
/// </summary>
public sealed class DelegatedPermissionGrantEdgeCheckerTests
{
    private static List<Edge> Edges => field ??= [.. new DelegatedPermissionGrantEdgeChecker().Check(Context, targets: null)];

    [Fact]
    public void The_holder_reaches_a_user_who_signs_in_to_it_conditionally()
    {
        // Given Consent Manager, holding DelegatedPermissionGrant.ReadWrite.All, with a Principal grant for Gabriel
        var edge = Assert.Single(Edges);

        // Then it reaches Gabriel, conditionally on him signing in to it again
        Assert.Equal(("entra-delegated-permission-grant", ConsentManager, Gabriel, true), (edge.Technique, edge.From.Value, edge.To.Value, edge.IsConditional));
        var permission = Assert.Single(edge.Permissions);
        Assert.Equal(("DelegatedPermissionGrant.ReadWrite.All", "Microsoft Graph application permission"), (permission.Action, permission.GrantedBy));
        Assert.Contains("signs in to `Consent Manager`", Assert.Single(edge.Requirements), StringComparison.Ordinal);
    }

    [Fact]
    public void A_holder_nobody_signs_in_to_has_no_edge()
    {
        Assert.True(Context.HasGraphPermission(ConsentAuditor, "DelegatedPermissionGrant.ReadWrite.All"));
        Assert.DoesNotContain(Edges, e => e.From.Value == ConsentAuditor);
    }

    [Fact]
    public void Another_client_s_grant_does_not_count()
    {
        // Greta consented to Usage Reports, not to Consent Manager
        Assert.DoesNotContain(Edges, e => e.To.Value == Greta);
    }
}
