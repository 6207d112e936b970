using Ward.Core.Diagnostics;
using Ward.Core.Graph;
using Ward.Core.Model;
using Ward.Microsoft.Edges;
using Ward.Microsoft.Tests.Testing;
using static Ward.Microsoft.Tests.Testing.GraphBodies;

namespace Ward.Microsoft.Tests.Edges;

/// <summary>
/// <c>entra-pim-activate</c> only for an eligibility over the whole directory: ada is eligible for Privileged
/// Authentication Administrator at <c>/</c>, ben for the same role scoped to the EMEA Users administrative unit. Once
/// active, ada's role reaches every user (Global Administrators included); ben's reaches the unit's members only, so
/// activating it makes him no administrator.
/// </summary>
public sealed class ScopedEligibilityActivationTests
{
    private const string PrivilegedAuthenticationAdministrator = "7be44c8a-adaf-4e2a-84d6-ab2649e08a13";
    private const string Ada = "6e3f9c42-1f5d-4b7a-8c04-3d2e1f0a9b01";
    private const string Ben = "6e3f9c42-1f5d-4b7a-8c04-3d2e1f0a9b02";
    private const string Emea = "1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d";

    private static readonly DateTimeOffset AsOf = new(2026, 11, 28, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void An_eligibility_over_the_directory_is_activated_to_an_administrator_role()
    {
        var graph = Build();

        var edge = Assert.Single(graph.Outgoing(new PrincipalId(Ada)), e => e.Technique == "entra-pim-activate");
        Assert.True(edge.GrantsAdmin);
        Assert.True(graph.ShortestPathsTo(node => node.IsAdmin).ContainsKey(new(Ada)));
    }

    [Fact]
    public void An_eligibility_scoped_to_an_administrative_unit_makes_no_administrator()
    {
        var graph = Build();

        Assert.DoesNotContain(graph.Outgoing(new PrincipalId(Ben)), e => e.Technique == "entra-pim-activate");
        Assert.False(graph.ShortestPathsTo(node => node.IsAdmin).ContainsKey(new(Ben)));
    }

    private static EntitlementGraph Build()
    {
        using var folder = new ScratchFolder(
            ("entra/users/page-001.json", Collection("users", $"{User(Ada, "Ada Lovelace")},\n{User(Ben, "Ben Okafor")}")),
            ("entra/administrative-units/page-001.json", Collection("directory/administrativeUnits",
                $$"""{"id": "{{Emea}}", "displayName": "EMEA Users", "description": "Users managed by the EMEA helpdesk", "isMemberManagementRestricted": false, "membershipType": null, "membershipRule": null, "membershipRuleProcessingState": null, "visibility": null}""")),
            ($"entra/administrative-unit-members/{Emea}/page-001.json", Collection("directoryObjects", string.Empty)),
            ("entra/role-definitions/page-001.json", Collection("roleManagement/directory/roleDefinitions",
                BuiltInRole(PrivilegedAuthenticationAdministrator, "Privileged Authentication Administrator", "microsoft.directory/users/authenticationMethods/create", "microsoft.directory/users/authenticationMethods/delete", "microsoft.directory/users/authenticationMethods/standard/restrictedRead", "microsoft.directory/users/authenticationMethods/basic/update", "microsoft.directory/users/invalidateAllRefreshTokens", "microsoft.directory/users/password/update"))),
            ("entra/role-eligibility-schedule-instances/page-001.json", Collection("roleManagement/directory/roleEligibilityScheduleInstances",
                $"{Eligibility(Ada, "/")},\n{Eligibility(Ben, $"/administrativeUnits/{Emea}")}")));
        var loaded = MicrosoftEstateLoader.Load([folder.Path], TestContext.Current.CancellationToken);
        Assert.DoesNotContain(loaded.Diagnostics, d => d.Severity >= DiagnosticSeverity.Warning);
        return MicrosoftGraphBuilder.Build(new MicrosoftEdgeContext(loaded.Entra, loaded.Azure, AsOf));
    }

    /// <summary>A Graph roleEligibilityScheduleInstances entry for Privileged Authentication Administrator.</summary>
    private static string Eligibility(string principal, string directoryScopeId) =>
        $$$"""{"id": "{{{PrivilegedAuthenticationAdministrator}}}_{{{principal}}}", "principalId": "{{{principal}}}", "roleDefinitionId": "{{{PrivilegedAuthenticationAdministrator}}}", "directoryScopeId": "{{{directoryScopeId}}}", "appScopeId": null, "startDateTime": "2026-01-05T10:00:00Z", "endDateTime": null, "memberType": "Direct", "roleEligibilityScheduleId": "{{{PrivilegedAuthenticationAdministrator}}}_{{{principal}}}_schedule"}""";
}
