using Ward.Core.Diagnostics;
using Ward.Core.Graph;
using Ward.Microsoft.Edges;
using Ward.Microsoft.Edges.Checkers;
using Ward.Microsoft.Tests.Testing;
using static Ward.Microsoft.Tests.Testing.Workloads;

namespace Ward.Microsoft.Tests.Edges;

/// <summary>
/// <c>azure-assign-role</c> on the Tailspin fixture: who may write a role assignment of Owner at the subscription and
/// so assign it to itself. Decided with Owner as the role in the request and the writer as the assignee, so the
/// constrained delegation condition of a Role Based Access Control Administrator stops it, unless a role that may
/// itself assign Owner is left open to it.
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
    public void A_condition_on_the_principal_assigned_is_decided_with_the_principal_itself()
    {
        // Given ravi, Role Based Access Control Administrator whose condition lets him assign roles to Web Operators only
        // When he would assign himself Owner, the request's assignee is ravi
        // Then the condition refuses it: he is not Web Operators
        Assert.False(Edges.Exists(e => e.From.Value == Ravi));
    }

    [Fact]
    public void A_writer_kept_from_Owner_assigns_itself_a_custom_role_that_may_assign_Owner()
    {
        // Given the same estate with a custom role that allows `*`, assignable at the subscription: rita's condition
        // forbids assigning Owner, User Access Administrator and RBAC Administrator, not that role
        using var folder = new ScratchFolder();
        folder.CopyFrom(Folder);
        var path = Path.Combine(folder.Path, "azure", "role-definitions.json");
        var definitions = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(path))!.AsArray();
        definitions.Add(System.Text.Json.Nodes.JsonNode.Parse($$"""
            {"assignableScopes": ["{{SubscriptionScope}}"], "createdBy": null, "createdOn": "2026-02-01T10:00:00.000000+00:00", "description": "Break-glass operations",
             "id": "{{SubscriptionScope}}/providers/Microsoft.Authorization/roleDefinitions/7d3c2b1a-0f9e-4d8c-b7a6-5e4d3c2b1a09", "name": "7d3c2b1a-0f9e-4d8c-b7a6-5e4d3c2b1a09",
             "permissions": [{"actions": ["*"], "condition": null, "conditionVersion": null, "dataActions": [], "notActions": [], "notDataActions": []}],
             "roleName": "Tailspin Ops Superuser", "roleType": "CustomRole", "type": "Microsoft.Authorization/roleDefinitions", "updatedBy": null, "updatedOn": "2026-02-01T10:00:00.000000+00:00"}
            """));
        File.WriteAllText(path, definitions.ToJsonString());
        var estates = MicrosoftEstateLoader.Load([folder.Path], TestContext.Current.CancellationToken);
        var edges = new AssignAzureRoleEdgeChecker().Check(new MicrosoftEdgeContext(estates.Entra, estates.Azure, AsOf), targets: null).ToList();

        // Then she assigns herself that role, which may assign Owner next: a self-escalation to administrator
        var edge = Assert.Single(edges, e => e.From.Value == Rita);
        Assert.False(edge.IsConditional);
        Assert.True(edge.GrantsAdmin && edge.IsSelfEscalation);
        Assert.Contains($"assigns itself `Tailspin Ops Superuser` (which may assign Owner) of `{SubscriptionScope}`", edge.Description, StringComparison.Ordinal);
        Assert.False(edges.Exists(e => e.From.Value == Rhea), "her condition allows Reader and Virtual Machine Contributor only");
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
    public void Only_the_unconstrained_writers_get_the_edge()
    {
        Assert.Equal([Uma, Rory], Edges.Select(e => e.From.Value), StringComparer.Ordinal);
    }
}
