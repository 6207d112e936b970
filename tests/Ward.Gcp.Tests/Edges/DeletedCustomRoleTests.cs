using Ward.Gcp.Edges;
using Ward.Gcp.Ingest;

namespace Ward.Gcp.Tests.Edges;

/// <summary>
/// <c>gcp-custom-role-update</c> through a deleted custom role (Fixtures/deleted-role): on p-data
/// (projects/920000000002), <c>q-roleadmin-deleted</c> holds the deleted role <c>gone</c> and Role Administrator
/// (update and undelete), <c>v-roleadmin-live</c> the live role <c>live</c> and Role Administrator,
/// <c>s-noundelete</c> <c>gone</c> and Role Administrator, but a deny policy on p-data refuses it <c>iam.roles.undelete</c>.
/// </summary>
public sealed class DeletedCustomRoleTests
{
    private static readonly Lazy<GcpGraph> Graph = new(() => GcpGraphBuilder.Build(new GcpEdgeContext(
        GcpEstateLoader.Load([Path.Combine(AppContext.BaseDirectory, "Fixtures", "deleted-role")]), new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero))));

    [Fact]
    public void A_principal_that_may_undelete_and_update_a_deleted_role_it_holds_escalates_if_it_was_deleted_lately_and_no_other_does()
    {
        // When the edges of the principal bound to the deleted role are looked up
        var edge = Assert.Single(Graph.Value.Graph.Edges, e => e.From.Value == "user:q-roleadmin-deleted@example.com" && e.Technique == "gcp-custom-role-update");

        // Then it undeletes the role, then updates it, and holds only if the role was deleted less than 7 days ago
        Assert.Equal(["iam.roles.undelete", "iam.roles.update"], edge.Permissions.Select(p => p.Action), StringComparer.Ordinal);
        Assert.True(edge.IsConditional);
        Assert.Contains(edge.Requirements, r => r.Contains("`projects/p-data/roles/gone` was deleted less than 7 days ago", StringComparison.Ordinal));
        Assert.StartsWith("undeletes the deleted custom role `projects/p-data/roles/gone`", edge.Description, StringComparison.Ordinal);
        Assert.True(Assert.Single(Graph.Value.Escalations(), e => e.Principal == "user:q-roleadmin-deleted@example.com").IsConditional);

        // And the holder refused the undelete by a deny policy gets none, while the live role's holder needs the update alone, for certain
        Assert.DoesNotContain(Graph.Value.Graph.Edges, e => e.From.Value == "user:s-noundelete@example.com");
        var live = Assert.Single(Graph.Value.Graph.Edges, e => e.From.Value == "user:v-roleadmin-live@example.com" && e.Technique == "gcp-custom-role-update");
        Assert.Equal(["iam.roles.update"], live.Permissions.Select(p => p.Action), StringComparer.Ordinal);
        Assert.False(live.IsConditional);
    }
}
