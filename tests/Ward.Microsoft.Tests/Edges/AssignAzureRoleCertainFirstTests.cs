using System.Text.Json.Nodes;
using Ward.Core.Graph;
using Ward.Microsoft.Edges;
using Ward.Microsoft.Edges.Checkers;
using Ward.Microsoft.Tests.Testing;
using static Ward.Microsoft.Tests.Testing.Workloads;

namespace Ward.Microsoft.Tests.Edges;

/// <summary>
/// <c>azure-assign-role</c> keeps looking after a way that holds only under a condition Ward cannot decide: on the
/// Tailspin fixture under a management group (Tailspin Production, below the tenant root group), cora holds Role
/// Based Access Control Administrator twice, and the first assignment listed carries a condition on a custom security
/// attribute of the principal (no export gives it). The certain way, at another scope or with another role, is the
/// edge, so her finding is critical, not medium. Her twins hold the conditional assignment alone.
/// </summary>
public sealed class AssignAzureRoleCertainFirstTests
{
    private const string Cora = "4b6d8f0a-2c4e-4a6b-8d0f-2a4c6e8a0b1c";
    private const string RbacAdministrator = "f58310d9-a9f6-439a-9e8d-f62e7b41a168";
    private const string UserAccessAdministrator = "18d7d88d-d35e-4fb5-a5c3-7773c20a72d9";
    private const string Production = "/providers/Microsoft.Management/managementGroups/mg-tailspin-prod";

    // A condition that depends on the principal's custom security attribute: undecidable from the exports.
    private const string Undecidable = "@Principal[Microsoft.Directory/CustomSecurityAttributes/Attributes:Access_Tier] StringEquals 'Platform'";

    [Fact]
    public void A_certain_assignment_at_the_subscription_wins_over_a_conditional_one_at_the_management_group_above()
    {
        // Given cora, Role Based Access Control Administrator of mg-tailspin-prod under a condition Ward cannot decide
        // (listed first), and of the subscription below it without a condition
        var graph = Graph(
            Writer(Production, $"((!(ActionMatches{{'Microsoft.Authorization/roleAssignments/write'}})) OR ({Undecidable}))", "1a3c5e7a-9b1d-4f3a-8c5e-7a9b1d3f5a01"),
            Writer(SubscriptionScope, null, "1a3c5e7a-9b1d-4f3a-8c5e-7a9b1d3f5a02"));

        // Then her edge is the certain one at the subscription, and her one-step path is certain
        var edge = Assert.Single(graph.Outgoing(new(Cora)), e => e.Technique == "azure-assign-role");
        Assert.False(edge.IsConditional);
        Assert.Contains($"Owner of `{SubscriptionScope}`", edge.Description, StringComparison.Ordinal);
        Assert.False(Assert.Single(graph.ShortestPathsTo(node => node.IsAdmin)[new(Cora)]).IsConditional);
    }

    [Fact]
    public void A_role_the_condition_allows_for_certain_wins_over_Owner_that_it_leaves_undecided()
    {
        // Given cora, Role Based Access Control Administrator of the subscription whose condition allows User Access
        // Administrator for certain and any other role only under the undecidable attribute
        var graph = Graph(Writer(SubscriptionScope,
            $"((!(ActionMatches{{'Microsoft.Authorization/roleAssignments/write'}})) OR (@Request[Microsoft.Authorization/roleAssignments:RoleDefinitionId] ForAnyOfAnyValues:GuidEquals {{{UserAccessAdministrator}}}) OR ({Undecidable}))",
            "1a3c5e7a-9b1d-4f3a-8c5e-7a9b1d3f5a03"));

        // Then she assigns herself User Access Administrator (which assigns Owner next), for certain
        var edge = Assert.Single(graph.Outgoing(new(Cora)), e => e.Technique == "azure-assign-role");
        Assert.False(edge.IsConditional);
        Assert.Contains("`User Access Administrator` (which may assign Owner)", edge.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void With_the_conditional_assignment_alone_the_edge_stays_conditional()
    {
        var graph = Graph(Writer(Production, $"((!(ActionMatches{{'Microsoft.Authorization/roleAssignments/write'}})) OR ({Undecidable}))", "1a3c5e7a-9b1d-4f3a-8c5e-7a9b1d3f5a01"));

        var edge = Assert.Single(graph.Outgoing(new(Cora)), e => e.Technique == "azure-assign-role");
        Assert.True(edge.IsConditional);
        Assert.Contains("Access_Tier", Assert.Single(edge.Requirements), StringComparison.Ordinal);
        Assert.True(Assert.Single(graph.ShortestPathsTo(node => node.IsAdmin)[new(Cora)]).IsConditional);
    }

    [Fact]
    public void The_checker_gives_one_edge_per_principal()
    {
        using var folder = Folder(
            Writer(Production, $"((!(ActionMatches{{'Microsoft.Authorization/roleAssignments/write'}})) OR ({Undecidable}))", "1a3c5e7a-9b1d-4f3a-8c5e-7a9b1d3f5a01"),
            Writer(SubscriptionScope, null, "1a3c5e7a-9b1d-4f3a-8c5e-7a9b1d3f5a02"));
        var estates = MicrosoftEstateLoader.Load([folder.Path], TestContext.Current.CancellationToken);
        var edges = new AssignAzureRoleEdgeChecker().Check(new MicrosoftEdgeContext(estates.Entra, estates.Azure, AsOf), targets: null).ToList();

        Assert.Equal(edges.Count, edges.DistinctBy(e => e.From).Count());
        Assert.False(Assert.Single(edges, e => e.From.Value == Cora).IsConditional);
    }

    private static EntitlementGraph Graph(params JsonObject[] assignments)
    {
        using var folder = Folder(assignments);
        var estates = MicrosoftEstateLoader.Load([folder.Path], TestContext.Current.CancellationToken);
        Assert.DoesNotContain(estates.Diagnostics, d => d.Severity >= Ward.Core.Diagnostics.DiagnosticSeverity.Warning);
        return MicrosoftGraphBuilder.Build(new MicrosoftEdgeContext(estates.Entra, estates.Azure, AsOf));
    }

    private static ScratchFolder Folder(params JsonObject[] assignments)
    {
        var folder = new ScratchFolder();
        folder.CopyFrom(Workloads.Folder);
        folder.EditJsonArray(Path.Combine("azure", "role-assignments.json"), list =>
        {
            foreach (var assignment in assignments)
            {
                list.Add(assignment);
            }
        });

        // az account management-group show --name <tenant id> --expand --recurse
        folder.Write(Path.Combine("azure", "management-group-tree.json"), $$"""
            {
              "children": [
                {
                  "children": [
                    {"children": null, "displayName": "tailspin-prod", "id": "{{SubscriptionScope}}", "name": "{{Subscription}}", "tenantId": "bcebd1bd-702d-4a97-a3fc-026803266f6d", "type": "/subscriptions"}
                  ],
                  "displayName": "Tailspin Production",
                  "id": "{{Production}}",
                  "name": "mg-tailspin-prod",
                  "tenantId": "bcebd1bd-702d-4a97-a3fc-026803266f6d",
                  "type": "Microsoft.Management/managementGroups"
                }
              ],
              "details": {"managementGroupAncestors": null, "managementGroupAncestorsChain": null, "parent": null, "path": null, "updatedBy": null, "updatedTime": "2026-01-15T11:20:31.4450000Z", "version": 2},
              "displayName": "Tenant Root Group",
              "id": "/providers/Microsoft.Management/managementGroups/bcebd1bd-702d-4a97-a3fc-026803266f6d",
              "name": "bcebd1bd-702d-4a97-a3fc-026803266f6d",
              "tenantId": "bcebd1bd-702d-4a97-a3fc-026803266f6d",
              "type": "Microsoft.Management/managementGroups"
            }
            """);
        return folder;
    }

    /// <summary>A Role Based Access Control Administrator assignment of cora, as az role assignment list prints it.</summary>
    private static JsonObject Writer(string scope, string? condition, string id) => new()
    {
        ["condition"] = condition,
        ["conditionVersion"] = condition is null ? null : "2.0",
        ["id"] = $"{scope}/providers/Microsoft.Authorization/roleAssignments/{id}",
        ["name"] = id,
        ["principalId"] = Cora,
        ["principalName"] = "cora@tailspintoys.com",
        ["principalType"] = "User",
        ["roleDefinitionId"] = $"{SubscriptionScope}/providers/Microsoft.Authorization/roleDefinitions/{RbacAdministrator}",
        ["roleDefinitionName"] = "Role Based Access Control Administrator",
        ["scope"] = scope,
        ["type"] = "Microsoft.Authorization/roleAssignments",
    };
}
