using Ward.Core.Graph;
using Ward.Microsoft.Edges.Checkers;
using static Ward.Microsoft.Tests.Testing.Workloads;

namespace Ward.Microsoft.Tests.Edges;

/// <summary>
/// <c>azure-elevate-access</c> on the Tailspin fixture: an active tenant-wide Global Administrator, directly or
/// through a role-assignable group, makes itself User Access Administrator at the root scope of Azure; a Global
/// Reader does not.
/// </summary>
public sealed class ElevateAccessEdgeCheckerTests
{
    private static List<Edge> Edges => field ??= [.. new ElevateAccessEdgeChecker().Check(Context, targets: null)];

    [Theory]
    [InlineData(Gabriel)]
    [InlineData(Gloria)]
    public void A_Global_Administrator_elevates_itself_to_User_Access_Administrator_at_the_root(string principal)
    {
        // Given gabriel, Global Administrator, and gloria, member of Tier0 Operators, a role-assignable group holding it
        var edge = Assert.Single(Edges, e => e.From.Value == principal);

        // Then each elevates its own access, for certain, and ends an administrator of all of Azure
        Assert.Equal(("azure-elevate-access", principal, false), (edge.Technique, edge.To.Value, edge.IsConditional));
        Assert.True(edge.GrantsAdmin && edge.IsSelfEscalation);
        var permission = Assert.Single(edge.Permissions);
        Assert.Equal(("Microsoft.Authorization/elevateAccess/action", "/"), (permission.Action, permission.Resource));
        Assert.Contains("Global Administrator", permission.GrantedBy, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(Greta, "Global Reader reads the directory and elevates nothing")]
    [InlineData(Tier0Operators, "the group is replaced by its members: a group signs in nowhere")]
    [InlineData(Uma, "User Access Administrator of a subscription is an Azure role, not Global Administrator")]
    public void Those_who_are_not_Global_Administrators_do_not_elevate(string principal, string why)
    {
        Assert.False(Edges.Exists(e => e.From.Value == principal), why);
    }

    [Fact]
    public void Only_the_two_Global_Administrators_elevate()
    {
        Assert.Equal([Gloria, Gabriel], Edges.Select(e => e.From.Value), StringComparer.Ordinal);
    }
}
