using System.Collections.Immutable;
using Ward.Core.Diagnostics;
using Ward.Core.Graph;
using Ward.Core.Model;
using Ward.Microsoft.Azure.Rbac;
using Ward.Microsoft.Edges;
using Ward.Microsoft.Entra.Ingest;
using Ward.Microsoft.Tests.Testing;
using static Ward.Microsoft.Tests.Testing.GraphBodies;

namespace Ward.Microsoft.Tests.Edges;

/// <summary>
/// A role-assignable group holding a directory role that is not an administrator's, on a tenant exported from Microsoft
/// Graph v1.0: whoever joins the group holds its role, so the group's own edges are the steps after joining it.
/// App Operators holds Application Administrator over the tenant; olga owns it, mia is a member, ed is eligible (PIM
/// for Groups) for its membership. Single App Operators holds Application Administrator over another application
/// only; otto owns it. payroll-sync holds Microsoft Graph RoleManagement.ReadWrite.Directory.
/// </summary>
public sealed class RoleAssignableGroupRoleEdgeTests
{
    private const string GlobalAdministrator = "62e90394-69f5-4237-9190-012177145e10";
    private const string ApplicationAdministrator = "9b895d92-2cd3-44c7-9d02-a6ac2d5ea5c3";
    private const string GraphServicePrincipal = "4d5e6f7a-8b9c-4d0e-9f1a-2b3c4d5e6f01";
    private const string RoleManagementReadWriteDirectory = "9e3f62cf-ca93-4989-b6ce-bf83c28f9fe8";
    private const string PayrollSync = "4d5e6f7a-8b9c-4d0e-9f1a-2b3c4d5e6f02";
    private const string WikiApplication = "4d5e6f7a-8b9c-4d0e-9f1a-2b3c4d5e6f03";
    private const string AppOperators = "4d5e6f7a-8b9c-4d0e-9f1a-2b3c4d5e6f04";
    private const string SingleAppOperators = "4d5e6f7a-8b9c-4d0e-9f1a-2b3c4d5e6f05";

    private const string Olga = "4d5e6f7a-8b9c-4d0e-9f1a-2b3c4d5e6f11";
    private const string Mia = "4d5e6f7a-8b9c-4d0e-9f1a-2b3c4d5e6f12";
    private const string Ed = "4d5e6f7a-8b9c-4d0e-9f1a-2b3c4d5e6f13";
    private const string Otto = "4d5e6f7a-8b9c-4d0e-9f1a-2b3c4d5e6f14";
    private const string Root = "4d5e6f7a-8b9c-4d0e-9f1a-2b3c4d5e6f15";

    private static readonly Lazy<EntitlementGraph> Graph = new(() => MicrosoftGraphBuilder.Build(Build()));

    private static IReadOnlyDictionary<PrincipalId, ImmutableArray<Edge>> Paths => field ??= Graph.Value.ShortestPathsTo(node => node.IsAdmin);

    [Fact]
    public void The_owner_of_a_role_assignable_group_holding_Application_Administrator_joins_it_then_adds_a_secret_as_the_group()
    {
        // Given olga, owner of App Operators, which holds Application Administrator
        var path = Paths[new PrincipalId(Olga)];

        // Then she adds herself to the group, and the group's role adds a secret to payroll-sync, which assigns itself Global Administrator
        Assert.Equal(
            [("entra-add-group-member", AppOperators), ("entra-add-credential", PayrollSync), ("entra-assign-role", PayrollSync)],
            path.Select(e => (e.Technique, e.To.Value)));
        Assert.Equal(AppOperators, path[1].From.Value);
        Assert.False(path[1].IsConditional);
    }

    [Fact]
    public void An_eligible_member_activates_the_membership_then_uses_the_group_s_role()
    {
        var path = Paths[new PrincipalId(Ed)];

        Assert.Equal(["entra-pim-group-activate", "entra-add-credential", "entra-assign-role"], path.Select(e => e.Technique), StringComparer.Ordinal);
        Assert.Equal(AppOperators, path[0].To.Value);
    }

    [Fact]
    public void A_member_keeps_its_own_step_through_the_group_s_role()
    {
        var path = Paths[new PrincipalId(Mia)];

        Assert.Equal([("entra-add-credential", Mia)], path.Take(1).Select(e => (e.Technique, e.From.Value)));
    }

    [Fact]
    public void The_owner_of_a_group_whose_role_reaches_no_path_has_none()
    {
        // Given otto, owner of Single App Operators, which holds Application Administrator over the wiki application only
        Assert.DoesNotContain(new PrincipalId(Otto), Paths.Keys);
        Assert.DoesNotContain(Graph.Value.Outgoing(new PrincipalId(SingleAppOperators)), e => e.To.Value == PayrollSync);
    }

    private static MicrosoftEdgeContext Build()
    {
        var servicePrincipals = new[]
        {
            $$"""{"id": "{{GraphServicePrincipal}}", "appId": "00000003-0000-0000-c000-000000000000", "displayName": "Microsoft Graph", "servicePrincipalType": "Application", "appOwnerOrganizationId": "f8cdef31-a31e-4b4a-93e4-5f571e91255a", "accountEnabled": true, "appRoles": [{"allowedMemberTypes": ["Application"], "description": "RoleManagement.ReadWrite.Directory", "displayName": "RoleManagement.ReadWrite.Directory", "id": "{{RoleManagementReadWriteDirectory}}", "isEnabled": true, "origin": "Application", "value": "RoleManagement.ReadWrite.Directory"}], "oauth2PermissionScopes": [], "passwordCredentials": [], "keyCredentials": [], "alternativeNames": []}""",
            $$"""{"id": "{{PayrollSync}}", "appId": "d6e7f8a9-b0c1-4d2e-8f3a-4b5c6d7e8f01", "displayName": "payroll-sync", "servicePrincipalType": "Application", "appOwnerOrganizationId": "4a7c8e1b-2f3d-4b6a-9c8e-1d2f3a4b5c6d", "accountEnabled": true, "appRoles": [], "oauth2PermissionScopes": [], "passwordCredentials": [], "keyCredentials": [], "alternativeNames": []}""",
        };
        var wiki = $$"""{"id": "{{WikiApplication}}", "appId": "d6e7f8a9-b0c1-4d2e-8f3a-4b5c6d7e8f02", "displayName": "wiki", "signInAudience": "AzureADMyOrg", "passwordCredentials": [], "keyCredentials": [], "requiredResourceAccess": []}""";
        var eligibility = $$"""{"id": "{{AppOperators}}_member_{{Ed}}", "principalId": "{{Ed}}", "groupId": "{{AppOperators}}", "accessId": "member", "memberType": "Direct", "startDateTime": "2026-01-05T10:00:00Z", "endDateTime": null, "eligibilityScheduleId": "{{AppOperators}}_member_{{Ed}}_schedule"}""";
        using var folder = new ScratchFolder(
            ("users/page-001.json", Collection("users", string.Join(",\n", User(Olga, "Olga Owner"), User(Mia, "Mia Member"), User(Ed, "Ed Eligible"), User(Otto, "Otto Owner"), User(Root, "Root Admin")))),
            ("groups/page-001.json", Collection("groups", string.Join(",\n", RoleAssignableGroup(AppOperators, "App Operators"), RoleAssignableGroup(SingleAppOperators, "Single App Operators")))),
            ($"group-members/{AppOperators}/page-001.json", Collection("directoryObjects", Member("user", Mia))),
            ($"group-owners/{AppOperators}/page-001.json", Collection("directoryObjects", Member("user", Olga))),
            ($"group-members/{SingleAppOperators}/page-001.json", Collection("directoryObjects", string.Empty)),
            ($"group-owners/{SingleAppOperators}/page-001.json", Collection("directoryObjects", Member("user", Otto))),
            ("pim-group-eligibility-schedule-instances/page-001.json", Collection("identityGovernance/privilegedAccess/group/eligibilityScheduleInstances", eligibility)),
            ("service-principals/page-001.json", Collection("servicePrincipals", string.Join(",\n", servicePrincipals))),
            ("applications/page-001.json", Collection("applications", wiki)),
            ($"app-role-assigned-to/{GraphServicePrincipal}/page-001.json", Collection($"servicePrincipals('{GraphServicePrincipal}')/appRoleAssignedTo",
                $$"""{"id": "grant-payroll-sync", "deletedDateTime": null, "appRoleId": "{{RoleManagementReadWriteDirectory}}", "createdDateTime": "2025-06-30T12:05:10Z", "principalDisplayName": "payroll-sync", "principalId": "{{PayrollSync}}", "principalType": "ServicePrincipal", "resourceDisplayName": "Microsoft Graph", "resourceId": "{{GraphServicePrincipal}}"}""")),
            ("role-definitions/page-001.json", Collection("roleManagement/directory/roleDefinitions", string.Join(",\n",
                BuiltInRole(GlobalAdministrator, "Global Administrator", "microsoft.directory/users/allProperties/allTasks", "microsoft.directory/roleAssignments/allProperties/allTasks"),
                BuiltInRole(ApplicationAdministrator, "Application Administrator", "microsoft.directory/applications/credentials/update", "microsoft.directory/servicePrincipals/credentials/update")))),
            ("role-assignments/page-001.json", Collection("roleManagement/directory/roleAssignments", string.Join(",\n",
                RoleAssignment(AppOperators, ApplicationAdministrator), RoleAssignment(SingleAppOperators, ApplicationAdministrator, $"/{WikiApplication}"), RoleAssignment(Root, GlobalAdministrator)))));
        var directory = EntraDirectoryLoader.Load([folder.Path], TestContext.Current.CancellationToken);
        Assert.DoesNotContain(directory.Diagnostics, d => d.Severity == DiagnosticSeverity.Error);
        return new MicrosoftEdgeContext(directory, AzureEstate.Empty, new DateTimeOffset(2026, 11, 28, 12, 0, 0, TimeSpan.Zero));
    }
}
