using System.Text.Json.Nodes;
using Ward.Core.Graph;
using Ward.Microsoft.Edges;
using Ward.Microsoft.Tests.Testing;
using static Ward.Microsoft.Tests.Testing.Workloads;
using static Ward.Microsoft.Tests.Testing.ArmBodies;

namespace Ward.Microsoft.Tests.Edges;

/// <summary>
/// A deny assignment that names a member of a group and not the group, on the Tailspin fixture with Web Operators
/// (vince and tess) made User Access Administrator of the subscription, and a deny assignment there on role
/// assignment writes. The members are decided one by one: vince, whom the deny names, is no administrator, tess is.
/// Membership Bot, which may add itself to Web Operators (GroupMember.ReadWrite.All), reaches the group, whose
/// verdict was decided for the group: when the deny names the bot too, that step is conditional on the deny not
/// refusing it what the group holds; when it does not, the step stays certain.
/// </summary>
public sealed class GroupJoinDenyTests
{
    private const string UserAccessAdministrator = "18d7d88d-d35e-4fb5-a5c3-7773c20a72d9";

    [Fact]
    public void A_principal_the_deny_names_joins_the_group_only_on_the_condition_that_the_deny_spares_it()
    {
        // Given a deny on role assignment writes at the subscription naming vince and Membership Bot, not the group
        var graph = Graph($$"""{"id": "{{Vince}}", "type": "User"}, {"id": "{{MembershipBot}}", "type": "ServicePrincipal"}""");

        // Then the bot's path (it adds itself to Web Operators, User Access Administrator of the subscription) is
        // conditional on the deny, which it names
        var step = Assert.Single(graph.ShortestPathsTo(node => node.IsAdmin)[new(MembershipBot)]);
        Assert.Equal(("entra-add-group-member", WebOperators), (step.Technique, step.To.Value));
        Assert.True(step.IsConditional);
        Assert.Contains("deny assignment `Deny assignment created by Deployment Stack 'stack-access'`", Assert.Single(step.Requirements), StringComparison.Ordinal);
        Assert.Contains("`Web Operators`", step.Requirements[0], StringComparison.Ordinal);
    }

    [Fact]
    public void A_principal_the_deny_does_not_name_joins_the_group_for_certain()
    {
        // Given the same deny naming vince alone
        var graph = Graph($$"""{"id": "{{Vince}}", "type": "User"}""");

        var step = Assert.Single(graph.ShortestPathsTo(node => node.IsAdmin)[new(MembershipBot)]);
        Assert.Equal(("entra-add-group-member", WebOperators, false), (step.Technique, step.To.Value, step.IsConditional));
    }

    [Fact]
    public void The_members_are_decided_one_by_one()
    {
        var graph = Graph($$"""{"id": "{{Vince}}", "type": "User"}, {"id": "{{MembershipBot}}", "type": "ServicePrincipal"}""");

        // vince, whom the deny names, holds the group's role but may not use it; tess, whom it does not name, may
        Assert.Null(graph.Nodes[new(Vince)].AdminReason);
        Assert.False(graph.ShortestPathsTo(node => node.IsAdmin).ContainsKey(new(Vince)));
        Assert.Contains("through group `Web Operators`", graph.Nodes[new(Tess)].AdminReason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_deny_that_names_the_group_was_already_decided_for_it()
    {
        // Given the deny naming the group itself: nobody in it, nor anyone joining it, is an administrator through it
        var graph = Graph($$"""{"id": "{{WebOperators}}", "type": "Group"}""");

        Assert.Null(graph.Nodes[new(WebOperators)].AdminReason);
        Assert.False(graph.ShortestPathsTo(node => node.IsAdmin).ContainsKey(new(MembershipBot)));
    }

    private static EntitlementGraph Graph(string principals)
    {
        using var folder = new ScratchFolder();
        folder.CopyFrom(Folder);
        folder.EditJsonArray(Path.Combine("azure", "role-assignments.json"), assignments => assignments.Add(new JsonObject
        {
            ["condition"] = null,
            ["conditionVersion"] = null,
            ["id"] = $"{SubscriptionScope}/providers/Microsoft.Authorization/roleAssignments/6e8a0c2e-4a6c-4e8a-9c2e-8a0c2e4a6c8f",
            ["name"] = "6e8a0c2e-4a6c-4e8a-9c2e-8a0c2e4a6c8f",
            ["principalId"] = WebOperators,
            ["principalName"] = "Web Operators",
            ["principalType"] = "Group",
            ["roleDefinitionId"] = $"{SubscriptionScope}/providers/Microsoft.Authorization/roleDefinitions/{UserAccessAdministrator}",
            ["roleDefinitionName"] = "User Access Administrator",
            ["scope"] = SubscriptionScope,
            ["type"] = "Microsoft.Authorization/roleAssignments",
        }));

        // tess joins vince in Web Operators (GET /groups/{id}/transitiveMembers)
        folder.Write(Path.Combine("entra", "group-members", $"{WebOperators}.json"), $$"""
            {
              "@odata.context": "https://graph.microsoft.com/v1.0/$metadata#directoryObjects",
              "value": [
                {"@odata.type": "#microsoft.graph.user", "id": "{{Vince}}", "displayName": "Vince Olsen"},
                {"@odata.type": "#microsoft.graph.user", "id": "{{Tess}}", "displayName": "Tess Lindgren"}
              ]
            }
            """);
        folder.Write(Path.Combine("azure", "deny-assignments.json"), DenyAssignments(SubscriptionScope, "5a7c9e1b-3d5f-4a7c-9e1b-3d5f7a9c1e3b", "Deny assignment created by Deployment Stack 'stack-access'", "Keeps role assignments of the subscription as the stack deploys them.", ["Microsoft.Authorization/roleAssignments/write", "Microsoft.Authorization/roleAssignments/delete"], principals));
        var estates = MicrosoftEstateLoader.Load([folder.Path], TestContext.Current.CancellationToken);
        Assert.DoesNotContain(estates.Diagnostics, d => d.Severity == Ward.Core.Diagnostics.DiagnosticSeverity.Error);
        return MicrosoftGraphBuilder.Build(new MicrosoftEdgeContext(estates.Entra, estates.Azure, AsOf));
    }
}
