using Ward.Core.Diagnostics;
using Ward.Microsoft.Edges;
using Ward.Microsoft.Tests.Testing;
using static Ward.Microsoft.Tests.Testing.GraphBodies;

namespace Ward.Microsoft.Tests.Azure;

/// <summary>
/// Shapes <c>az role assignment list</c> and Graph write that Ward reports or names plainly: an assignment of a
/// deleted principal (<c>principalType</c> <c>Unknown</c>, <c>principalName</c> empty) is reported where it is
/// (WARD6016) and named by its object id; an assignment of a user is not reported; groups exported without any member
/// list are reported in a sentence that says so (WARD5031).
/// </summary>
public sealed class OddAssignmentShapesTests
{
    private const string Subscription = "/subscriptions/8e9f0a1b-2c3d-4e4f-8a5b-6c7d8e9f0a01";
    private const string Deleted = "8e9f0a1b-2c3d-4e4f-8a5b-6c7d8e9f0a11";
    private const string Uma = "8e9f0a1b-2c3d-4e4f-8a5b-6c7d8e9f0a12";
    private const string Team = "8e9f0a1b-2c3d-4e4f-8a5b-6c7d8e9f0a21";

    [Fact]
    public void An_assignment_of_a_deleted_principal_is_reported_at_it_and_named_by_its_id()
    {
        var loaded = Load(withGroupMembers: true);

        var diagnostic = Assert.Single(loaded.Diagnostics, d => d.Code == "WARD6016");
        Assert.Equal(DiagnosticSeverity.Info, diagnostic.Severity);
        Assert.Contains($"principal `{Deleted}`", diagnostic.Message, StringComparison.Ordinal);
        Assert.Contains("role-assignments.json", diagnostic.Location.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(loaded.Diagnostics, d => d.Code == "WARD6016" && d.Message.Contains(Uma, StringComparison.Ordinal));

        // Its empty principalName is no name: the graph's node for it is labelled with the object id
        var assignment = Assert.Single(loaded.Azure.RoleAssignments, a => a.PrincipalId == Deleted);
        Assert.Null(assignment.PrincipalName);
        var graph = MicrosoftGraphBuilder.Build(new MicrosoftEdgeContext(loaded.Entra, loaded.Azure, new DateTimeOffset(2026, 11, 28, 12, 0, 0, TimeSpan.Zero)));
        Assert.Equal(Deleted, graph.Nodes[new(Deleted)].Label);
    }

    [Fact]
    public void Groups_without_any_member_list_are_reported_in_plain_words()
    {
        var message = Assert.Single(Load(withGroupMembers: false).Diagnostics, d => d.Code == "WARD5031").Message;

        Assert.StartsWith("no group member list is in the input (", message, StringComparison.Ordinal);
        Assert.DoesNotContain("no group has no", message, StringComparison.Ordinal);
    }

    private static MicrosoftEstates Load(bool withGroupMembers)
    {
        var files = new List<(string, string)>
        {
            ("entra/users/page-001.json", Collection("users", User(Uma, "Uma User"))),
            ("entra/groups/page-001.json", Collection("groups", Group(Team, "Team"))),
            ("azure/subscriptions.json", $$"""[{"cloudName": "AzureCloud", "homeTenantId": "11111111-1111-1111-1111-111111111111", "id": "{{Subscription[15..]}}", "isDefault": true, "managedByTenants": [], "name": "ops", "state": "Enabled", "tenantId": "11111111-1111-1111-1111-111111111111"}]"""),
            ("azure/role-definitions.json", $$"""[{"assignableScopes": ["/"], "description": "Reader", "id": "{{Subscription}}/providers/Microsoft.Authorization/roleDefinitions/acdd72a7-3385-48ef-bd42-f606fba81ae7", "name": "acdd72a7-3385-48ef-bd42-f606fba81ae7", "permissions": [{"actions": ["*/read"], "condition": null, "conditionVersion": null, "dataActions": [], "notActions": [], "notDataActions": []}], "roleName": "Reader", "roleType": "BuiltInRole", "type": "Microsoft.Authorization/roleDefinitions"}]"""),
            ("azure/ops/role-assignments.json", $"[{Assignment(Deleted, "Unknown", "01")}, {Assignment(Uma, "User", "02")}]"),
        };
        if (withGroupMembers)
        {
            files.Add(($"entra/group-members/{Team}/page-001.json", Collection("directoryObjects", Member("user", Uma))));
        }

        using var folder = new ScratchFolder([.. files]);
        return MicrosoftEstateLoader.Load([folder.Path], TestContext.Current.CancellationToken);
    }

    private static string Assignment(string principal, string type, string suffix) =>
        $$"""{"condition": null, "conditionVersion": null, "createdBy": null, "createdOn": "2024-01-09T14:02:51.551203+00:00", "delegatedManagedIdentityResourceId": null, "description": null, "id": "{{Subscription}}/providers/Microsoft.Authorization/roleAssignments/3f4e5d6c-7b8a-4c9d-8e0f-1a2b3c4d5e{{suffix}}", "name": "3f4e5d6c-7b8a-4c9d-8e0f-1a2b3c4d5e{{suffix}}", "principalId": "{{principal}}", "principalName": "", "principalType": "{{type}}", "roleDefinitionId": "{{Subscription}}/providers/Microsoft.Authorization/roleDefinitions/acdd72a7-3385-48ef-bd42-f606fba81ae7", "roleDefinitionName": "Reader", "scope": "{{Subscription}}", "type": "Microsoft.Authorization/roleAssignments", "updatedBy": null, "updatedOn": "2024-01-09T14:02:51.551203+00:00"}""";
}
