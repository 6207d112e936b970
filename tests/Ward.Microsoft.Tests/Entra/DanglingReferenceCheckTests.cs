using Ward.Core.Diagnostics;
using Ward.Microsoft.Entra.Directory;
using Ward.Microsoft.Entra.Ingest;
using Ward.Microsoft.Tests.Testing;

namespace Ward.Microsoft.Tests.Entra;

/// <summary>Ids that name objects missing from the export are warnings, the entries kept by id; never fatal.</summary>
public sealed class DanglingReferenceCheckTests
{
    private const string Deleted = "0f5d4c3b-2a19-4807-b6f5-e4d3c2b1a098";

    private static EntraDirectory LoadContosoWith(params (string Name, string Text)[] files)
    {
        using var folder = new ScratchFolder();
        folder.CopyFrom(EntraFixtures.Contoso);
        foreach (var (name, text) in files)
        {
            folder.Write(name, text);
        }

        return EntraDirectoryLoader.Load([folder.Path], TestContext.Current.CancellationToken);
    }

    [Fact]
    public void A_role_assignment_of_a_deleted_principal_is_warned_and_kept()
    {
        // Given a Privileged Role Administrator assignment to a principal deleted since
        var directory = LoadContosoWith(("role-assignments/page-002.json", GraphBodies.Collection("roleManagement/directory/roleAssignments",
            $$"""{"id": "uOLwXg7RmUKmvOjaf7J1mjDL5cTvBnVEq0AqV3k6Mgc-1", "principalId": "{{Deleted}}", "roleDefinitionId": "{{EntraFixtures.PrivilegedRoleAdministrator}}", "directoryScopeId": "/"}""")));

        var diagnostic = Assert.Single(directory.Diagnostics);
        Assert.Equal((EntraDiagnosticCodes.DanglingRoleAssignment, DiagnosticSeverity.Warning, "$.value[0]"), (diagnostic.Code, diagnostic.Severity, diagnostic.Location.JsonPath));
        Assert.Contains(Deleted, diagnostic.Message, StringComparison.Ordinal);
        Assert.Contains(directory.RoleAssignments, a => a.PrincipalId == Deleted);
    }

    [Fact]
    public void A_role_assignment_of_an_unknown_role_or_administrative_unit_is_warned()
    {
        var directory = LoadContosoWith(("role-assignments/page-002.json", GraphBodies.Collection("roleManagement/directory/roleAssignments",
            $$"""{"id": "a-1", "principalId": "{{EntraFixtures.Megan}}", "roleDefinitionId": "{{Deleted}}", "directoryScopeId": "/administrativeUnits/{{Deleted}}"}""")));

        Assert.Equal(2, directory.Diagnostics.Count(d => d.Code == EntraDiagnosticCodes.DanglingRoleAssignment));
        Assert.Contains(directory.Diagnostics, d => d.Message.Contains("not among the role definitions", StringComparison.Ordinal));
        Assert.Contains(directory.Diagnostics, d => d.Message.Contains("administrative unit", StringComparison.Ordinal));
    }

    [Fact]
    public void Members_missing_from_the_export_are_warned_once_per_list_and_kept()
    {
        // Given a member list naming two deleted users and a device (devices are not exported)
        var directory = LoadContosoWith(($"group-members/{EntraFixtures.HelpdeskOperators}/page-001.json", GraphBodies.Collection("directoryObjects",
            GraphBodies.Member("user", EntraFixtures.Megan) + "," + GraphBodies.Member("user", Deleted) + "," + GraphBodies.Member("user", "1e2d3c4b-5a69-4788-97a6-b5c4d3e2f1a0") + "," + GraphBodies.Member("device", "7c06cd31-7c30-4f3b-a5c3-444cd8dd63ac"))));

        var diagnostic = Assert.Single(directory.Diagnostics, d => d.Code == EntraDiagnosticCodes.DanglingRelation);
        Assert.Contains("2 of the members of group `Helpdesk Operators`", diagnostic.Message, StringComparison.Ordinal);
        Assert.Equal(4, directory.FindGroup(EntraFixtures.HelpdeskOperators)!.Members!.Value.Length);
    }

    [Fact]
    public void A_member_list_of_a_group_not_in_the_export_is_warned_and_not_used()
    {
        var directory = LoadContosoWith(($"group-members/{Deleted}/page-001.json", GraphBodies.Collection("directoryObjects", GraphBodies.Member("user", EntraFixtures.Adele))));

        var diagnostic = Assert.Single(directory.Diagnostics);
        Assert.Equal((EntraDiagnosticCodes.DanglingRelation, DiagnosticSeverity.Warning), (diagnostic.Code, diagnostic.Severity));
        Assert.Contains("not used", diagnostic.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Deleted, directory.TransitiveGroupsOf(EntraFixtures.Adele), StringComparer.Ordinal);
    }

    [Fact]
    public void An_app_role_assignment_of_a_role_the_resource_does_not_define_is_warned()
    {
        var directory = LoadContosoWith(($"app-role-assigned-to/{EntraFixtures.GraphServicePrincipal}/page-002.json", GraphBodies.Collection($"servicePrincipals('{EntraFixtures.GraphServicePrincipal}')/appRoleAssignedTo",
            $$"""{"id": "x9PtQ1b7cEWm2c1AfYbM0Q", "appRoleId": "{{Deleted}}", "principalId": "{{EntraFixtures.PortalServicePrincipal}}", "principalType": "ServicePrincipal", "resourceId": "{{EntraFixtures.GraphServicePrincipal}}", "resourceDisplayName": "Microsoft Graph"}""")));

        var diagnostic = Assert.Single(directory.Diagnostics);
        Assert.Equal(EntraDiagnosticCodes.DanglingAppGrant, diagnostic.Code);
        Assert.Contains("does not define", diagnostic.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_default_access_app_role_is_not_dangling()
    {
        var directory = LoadContosoWith(($"app-role-assigned-to/{EntraFixtures.PortalServicePrincipal}/page-001.json", GraphBodies.Collection($"servicePrincipals('{EntraFixtures.PortalServicePrincipal}')/appRoleAssignedTo",
            $$"""{"id": "Yh3kQ1b7cEWm2c1AfYbM0Q", "appRoleId": "00000000-0000-0000-0000-000000000000", "principalId": "{{EntraFixtures.Megan}}", "principalType": "User", "resourceId": "{{EntraFixtures.PortalServicePrincipal}}"}""")));

        Assert.Empty(directory.Diagnostics);
        Assert.Equal(3, directory.AppRoleAssignments.Length);
    }

    [Fact]
    public void A_delegated_grant_for_a_deleted_user_is_warned()
    {
        var directory = LoadContosoWith(("oauth2-permission-grants/page-002.json", GraphBodies.Collection("oauth2PermissionGrants",
            $$"""{"clientId": "{{EntraFixtures.PortalServicePrincipal}}", "consentType": "Principal", "id": "S0tWpyKZq0WvEUvxP6Ng1l8cPwc-deleted", "principalId": "{{Deleted}}", "resourceId": "{{EntraFixtures.GraphServicePrincipal}}", "scope": "Mail.Read"}""")));

        var diagnostic = Assert.Single(directory.Diagnostics);
        Assert.Equal(EntraDiagnosticCodes.DanglingAppGrant, diagnostic.Code);
        Assert.Contains($"user `{Deleted}`", diagnostic.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_conditional_access_policy_excluding_a_deleted_user_is_warned()
    {
        var directory = LoadContosoWith(("conditional-access-policies/page-002.json", GraphBodies.Collection("identity/conditionalAccess/policies",
            $$$"""{"id": "d4e5f6a7-b8c9-4012-9def-012345678901", "displayName": "Block risky sign-ins", "state": "enabled", "conditions": {"users": {"includeUsers": ["All"], "excludeUsers": ["{{{Deleted}}}", "GuestsOrExternalUsers"]}}, "grantControls": {"operator": "OR", "builtInControls": ["block"]}}""")));

        var diagnostic = Assert.Single(directory.Diagnostics);
        Assert.Equal(EntraDiagnosticCodes.DanglingPolicyReference, diagnostic.Code);
        Assert.Contains($"user {Deleted}", diagnostic.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("user All", diagnostic.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_PIM_for_groups_eligibility_for_a_group_not_in_the_export_is_warned()
    {
        var directory = LoadContosoWith(($"pim-group-eligibility-schedule-instances/{Deleted}/page-001.json", GraphBodies.Collection("identityGovernance/privilegedAccess/group/eligibilityScheduleInstances",
            $$"""{"id": "{{Deleted}}_member_x", "principalId": "{{EntraFixtures.Megan}}", "groupId": "{{Deleted}}", "accessId": "member", "memberType": "Direct"}""")));

        var diagnostic = Assert.Single(directory.Diagnostics);
        Assert.Equal(EntraDiagnosticCodes.DanglingRoleAssignment, diagnostic.Code);
        Assert.Contains("PIM for Groups", diagnostic.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_a_users_export_user_ids_are_not_called_dangling()
    {
        // Given only a group and its members: users were not exported at all
        using var folder = new ScratchFolder(
            ("groups.json", GraphBodies.Collection("groups", GraphBodies.Group(EntraFixtures.Tier0Admins, "Tier0 Admins"))),
            ($"group-members/{EntraFixtures.Tier0Admins}.json", GraphBodies.Collection("directoryObjects", GraphBodies.Member("user", EntraFixtures.Adele))));

        var directory = EntraDirectoryLoader.Load([folder.Path], TestContext.Current.CancellationToken);

        Assert.Empty(directory.Diagnostics);
        Assert.Equal([EntraFixtures.Tier0Admins], directory.TransitiveGroupsOf(EntraFixtures.Adele), StringComparer.Ordinal);
    }
}
