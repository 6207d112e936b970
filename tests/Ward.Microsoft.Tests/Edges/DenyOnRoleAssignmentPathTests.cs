using System.Text.Json.Nodes;
using Ward.Core.Graph;
using Ward.Microsoft.Edges;
using Ward.Microsoft.Tests.Testing;
using static Ward.Microsoft.Tests.Testing.Workloads;
using static Ward.Microsoft.Tests.Testing.ArmBodies;

namespace Ward.Microsoft.Tests.Edges;

/// <summary>
/// A deny assignment on role assignment writes at the subscription, on the Tailspin fixture with vmss-web's identity
/// made Owner of it: User Access Administrator is only the right to write role assignments, so where the deny names its
/// holder, holding it (or activating it) makes nobody an administrator. paula, eligible for it and Virtual Machine
/// Contributor of rg-web, is shown her real path (run command on vmss-web), not the activation the deny blocks; uma,
/// who holds it actively, is no administrator node any more. Without the deny assignment both stay as they were.
/// </summary>
public sealed class DenyOnRoleAssignmentPathTests
{
    private const string Paula = "3d5f7a9c-1e3a-4c5e-9a7c-1e3a5c7e9a1c";
    private const string UserAccessAdministrator = "18d7d88d-d35e-4fb5-a5c3-7773c20a72d9";
    private const string Write = "Microsoft.Authorization/roleAssignments/write";

    [Fact]
    public void The_path_shown_is_not_the_activation_the_deny_assignment_blocks()
    {
        // Given paula, eligible for User Access Administrator of the subscription, where a deny assignment keeps her
        // from writing role assignments; and Virtual Machine Contributor of rg-web, whose scale set runs as an Owner
        var graph = Graph(deny: true);
        var paths = graph.ShortestPathsTo(node => node.IsAdmin);

        // Then her path runs code on vmss-web: activating User Access Administrator gives her nothing to use
        var step = Assert.Single(paths[new(Paula)]);
        Assert.Contains(step.Technique, ScaleSetRunCode, StringComparer.Ordinal);
        Assert.Equal(ScaleSetIdentity, step.To.Value);
        Assert.DoesNotContain(graph.Outgoing(new(Paula)), e => e.Technique == "entra-pim-activate");
    }

    [Fact]
    public void An_active_User_Access_Administrator_the_deny_names_is_no_administrator()
    {
        // Given uma, User Access Administrator of the subscription, named by the same deny assignment
        var graph = Graph(deny: true);

        // Then she is not an administrator node, and no edge gives her Owner
        Assert.Null(graph.Nodes[new(Uma)].AdminReason);
        Assert.DoesNotContain(graph.Outgoing(new(Uma)), e => e.GrantsAdmin);
        Assert.DoesNotContain(graph.ShortestPathsTo(node => node.IsAdmin), p => p.Value.Any(e => e.To.Value == Uma));
    }

    [Fact]
    public void Without_the_deny_assignment_both_stay_as_they_were()
    {
        var graph = Graph(deny: false);
        var paths = graph.ShortestPathsTo(node => node.IsAdmin);

        Assert.Equal("entra-pim-activate", Assert.Single(paths[new(Paula)]).Technique);
        Assert.NotNull(graph.Nodes[new(Uma)].AdminReason);
    }

    private static EntitlementGraph Graph(bool deny)
    {
        using var folder = new ScratchFolder();
        folder.CopyFrom(Folder);
        folder.EditJsonArray(Path.Combine("azure", "role-assignments.json"), assignments =>
        {
            assignments.Add(Assignment(ScaleSetIdentity, null, "ServicePrincipal", "8e3af657-a8ff-443c-a75c-2fe8c4bcb635", "Owner", SubscriptionScope, "6e8a0c2e-4a6c-4e8a-9c2e-8a0c2e4a6c8e"));
            assignments.Add(Assignment(Paula, "paula@tailspintoys.com", "User", "9980e02c-c2be-4d73-94e8-173b1dc7cf3c", "Virtual Machine Contributor", SubscriptionScope + "/resourceGroups/rg-web", "7f9b1d3f-5b7d-4f9b-8d3f-5b7d9f1b3d5f"));
        });
        folder.Write(Path.Combine("azure", "role-eligibility-1.json"), $$"""
            {
              "value": [
                {
                  "properties": {
                    "roleEligibilityScheduleId": "{{SubscriptionScope}}/providers/Microsoft.Authorization/roleEligibilitySchedules/2b4d6f8a-0c2e-4a6c-8e0a-2c4e6a8c0e2a",
                    "scope": "{{SubscriptionScope}}",
                    "roleDefinitionId": "{{SubscriptionScope}}/providers/Microsoft.Authorization/roleDefinitions/{{UserAccessAdministrator}}",
                    "principalId": "{{Paula}}",
                    "principalType": "User",
                    "status": "Provisioned",
                    "startDateTime": "2026-01-06T09:00:00Z",
                    "endDateTime": "2027-07-06T09:00:00Z",
                    "memberType": "Direct",
                    "condition": null,
                    "conditionVersion": null
                  },
                  "name": "3c5e7a9c-1e3a-4c5e-8a9c-1e3a5c7e9a1c",
                  "id": "{{SubscriptionScope}}/providers/Microsoft.Authorization/roleEligibilityScheduleInstances/3c5e7a9c-1e3a-4c5e-8a9c-1e3a5c7e9a1c",
                  "type": "Microsoft.Authorization/roleEligibilityScheduleInstances"
                }
              ]
            }
            """);
        // User Access Administrator's PIM policy at the subscription requires no approval: paula activates it for certain
        folder.Write(Path.Combine("azure", "role-management-policy-assignments-1.json"),
            $$$"""{"value": [{{{PimPolicyBodies.ArmAssignment(SubscriptionScope, UserAccessAdministrator, "0b1c2d3e-4f5a-4b6c-8d7e-9f0a1b2c3d02", PimPolicyBodies.ArmRules(approval: false))}}}]}""");
        if (deny)
        {
            folder.Write(Path.Combine("azure", "deny-assignments.json"), DenyAssignments(SubscriptionScope, "5a7c9e1b-3d5f-4a7c-9e1b-3d5f7a9c1e3b", "Deny assignment created by Deployment Stack 'stack-access'", "Keeps role assignments of the subscription as the stack deploys them.", [Write, "Microsoft.Authorization/roleAssignments/delete"], string.Join(", ", Principal(Paula), Principal(Uma))));
        }

        var estates = MicrosoftEstateLoader.Load([folder.Path], TestContext.Current.CancellationToken);
        Assert.DoesNotContain(estates.Diagnostics, d => d.Severity == Ward.Core.Diagnostics.DiagnosticSeverity.Error);
        return MicrosoftGraphBuilder.Build(new MicrosoftEdgeContext(estates.Entra, estates.Azure, AsOf));
    }

    /// <summary>A role assignment as az role assignment list prints it.</summary>
    private static JsonObject Assignment(string principal, string? name, string type, string role, string roleName, string scope, string id) => new()
    {
        ["condition"] = null,
        ["conditionVersion"] = null,
        ["id"] = $"{scope}/providers/Microsoft.Authorization/roleAssignments/{id}",
        ["name"] = id,
        ["principalId"] = principal,
        ["principalName"] = name,
        ["principalType"] = type,
        ["roleDefinitionId"] = $"{SubscriptionScope}/providers/Microsoft.Authorization/roleDefinitions/{role}",
        ["roleDefinitionName"] = roleName,
        ["scope"] = scope,
        ["type"] = "Microsoft.Authorization/roleAssignments",
    };
}
