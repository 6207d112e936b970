using Ward.Core.Diagnostics;
using Ward.Core.Graph;
using Ward.Microsoft.Edges.Checkers;
using static Ward.Microsoft.Tests.Testing.Workloads;

namespace Ward.Microsoft.Tests.Edges;

/// <summary>
/// <c>azure-assign-role</c> on the Tailspin fixture: who may write a role assignment of Owner at the subscription and
/// so assign it to itself. Decided with Owner as the role in the request, so the constrained delegation condition of a
/// Role Based Access Control Administrator stops it, and a condition on something else leaves it conditional.
/// </summary>
public sealed class AssignAzureRoleEdgeCheckerTests
{
    private const string Write = "Microsoft.Authorization/roleAssignments/write";

    private static List<Edge> Edges => field ??= [.. new AssignAzureRoleEdgeChecker().Check(Context, targets: null)];

    [Fact]
    public void The_fixture_loads_without_errors()
    {
        Assert.DoesNotContain(Estates.Diagnostics, d => d.Severity == DiagnosticSeverity.Error);
        Assert.Equal(16, Estates.Azure.RoleAssignments.Length);
    }

    [Theory]
    [InlineData(Uma, "User Access Administrator")]
    [InlineData(Rory, "Role Based Access Control Administrator")]
    public void A_role_assignment_writer_of_the_subscription_assigns_itself_Owner_there(string principal, string role)
    {
        // Given a User Access Administrator, and a Role Based Access Control Administrator without a condition, of tailspin-prod
        var edge = Assert.Single(Edges, e => e.From.Value == principal);

        // Then each assigns itself Owner of the subscription, for certain: a self-escalation to administrator
        Assert.Equal(("azure-assign-role", principal, false), (edge.Technique, edge.To.Value, edge.IsConditional));
        Assert.True(edge.GrantsAdmin && edge.IsSelfEscalation);
        var permission = Assert.Single(edge.Permissions);
        Assert.Equal((Write, SubscriptionScope), (permission.Action, permission.Resource));
        Assert.Contains(role, permission.GrantedBy, StringComparison.Ordinal);
        Assert.Contains($"Owner of `{SubscriptionScope}`", edge.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void A_condition_on_the_principal_assigned_leaves_the_edge_conditional()
    {
        // Given ravi, Role Based Access Control Administrator whose condition lets him assign roles to Web Operators only
        var edge = Assert.Single(Edges, e => e.From.Value == Ravi);

        // Then the request (which names no principal) is not decided by it: the edge holds on the condition
        Assert.Equal((Ravi, true), (edge.To.Value, edge.IsConditional));
        Assert.Equal(Write, Assert.Single(edge.Permissions).Action);
        Assert.Contains("@Request[Microsoft.Authorization/roleAssignments:PrincipalId]", Assert.Single(edge.Requirements), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(Rita, "her condition (as the portal writes it, on several lines) forbids assigning Owner, User Access Administrator and RBAC Administrator")]
    [InlineData(Rhea, "her condition allows assigning Reader and Virtual Machine Contributor only")]
    [InlineData(Ursula, "User Access Administrator of a resource group makes no one Owner of a subscription")]
    [InlineData(Adrian, "roleAssignments/write is in his role's notActions")]
    [InlineData(Cody, "Contributor's notActions exclude Microsoft.Authorization/*/Write")]
    [InlineData(Gabriel, "a Global Administrator holds no Azure role until he elevates his access")]
    public void The_safe_twins_assign_nothing(string principal, string why)
    {
        Assert.False(Edges.Exists(e => e.From.Value == principal), why);
    }

    [Fact]
    public void Only_the_unconstrained_writers_and_the_conditional_one_get_the_edge()
    {
        Assert.Equal([Ravi, Uma, Rory], Edges.Select(e => e.From.Value), StringComparer.Ordinal);
    }
}
