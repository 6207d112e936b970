using Ward.Core.Decisions;
using Ward.Core.Diagnostics;
using Ward.Core.Graph;
using Ward.Microsoft.Azure.Rbac;
using Ward.Microsoft.Edges;
using Ward.Microsoft.Edges.Checkers;
using Ward.Microsoft.Entra.Ingest;
using Ward.Microsoft.Tests.Testing;
using static Ward.Microsoft.Tests.Testing.GraphBodies;

namespace Ward.Microsoft.Tests.Edges;

/// <summary>
/// Restricted management administrative units, on a tenant exported from Microsoft Graph v1.0 (Microsoft Entra
/// documentation, "Restricted management administrative units", and the "Who can reset passwords" table). Executives
/// is restricted and holds cleo and the group Secure Owners; HQ is a regular unit holding cleo and sam. hana is a
/// tenant-wide Helpdesk Administrator; hugo a Helpdesk Administrator scoped to HQ; rex one scoped to Executives.
/// gus owns Secure Owners and Open Team (in no unit); the application group-writer holds GroupMember.ReadWrite.All,
/// tap-issuer UserAuthenticationMethod.ReadWrite.All.
/// </summary>
public sealed class RestrictedManagementUnitTests
{
    private const string Reset = "microsoft.directory/users/password/update";
    private const string MembersUpdate = "microsoft.directory/groups/members/update";
    private const string HelpdeskAdministrator = "729827e3-9c14-49f7-bb1b-9608f156bbb8";
    private const string GraphServicePrincipal = "0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c01";
    private const string GroupMemberReadWriteAll = "dbaae8cf-10b5-4b86-a4a1-f871c94c6695";
    private const string UserAuthenticationMethodReadWriteAll = "50483e42-d915-4231-9639-7fdb7fd190e5";

    private const string Hana = "8d1e2f3a-4b5c-4d6e-9f7a-8b9c0d1e2f01";
    private const string Hugo = "8d1e2f3a-4b5c-4d6e-9f7a-8b9c0d1e2f02";
    private const string Rex = "8d1e2f3a-4b5c-4d6e-9f7a-8b9c0d1e2f03";
    private const string Cleo = "8d1e2f3a-4b5c-4d6e-9f7a-8b9c0d1e2f04";
    private const string Sam = "8d1e2f3a-4b5c-4d6e-9f7a-8b9c0d1e2f05";
    private const string Gus = "8d1e2f3a-4b5c-4d6e-9f7a-8b9c0d1e2f06";
    private const string SecureOwners = "8d1e2f3a-4b5c-4d6e-9f7a-8b9c0d1e2f11";
    private const string OpenTeam = "8d1e2f3a-4b5c-4d6e-9f7a-8b9c0d1e2f12";
    private const string GroupWriter = "8d1e2f3a-4b5c-4d6e-9f7a-8b9c0d1e2f21";
    private const string TapIssuer = "8d1e2f3a-4b5c-4d6e-9f7a-8b9c0d1e2f22";
    private const string Executives = "8d1e2f3a-4b5c-4d6e-9f7a-8b9c0d1e2f31";
    private const string Hq = "8d1e2f3a-4b5c-4d6e-9f7a-8b9c0d1e2f32";

    private static readonly Lazy<MicrosoftEdgeContext> Context = new(Build);

    [Fact]
    public void A_user_holding_a_role_scoped_to_a_restricted_unit_is_reset_only_by_the_top_tier()
    {
        // rex holds Helpdesk Administrator scoped to Executives: a tenant Helpdesk Administrator may reset Helpdesk
        // Administrators, but not one whose role is scoped to a restricted management unit
        var decision = Context.Value.Roles.Authorize(Hana, Reset, Rex);

        Assert.Equal(DecisionKind.ImplicitDeny, decision.Kind);
        Assert.Contains("role scoped to the restricted management administrative unit `Executives`", decision.Explanation.Summary, StringComparison.Ordinal);
        Assert.DoesNotContain(ResetEdges(), e => e.From.Value == Hana && e.To.Value == Rex);
    }

    [Fact]
    public void A_user_holding_a_role_scoped_to_a_regular_unit_is_reset_as_before()
    {
        // hugo holds the same role scoped to the regular unit HQ
        Assert.Equal(DecisionKind.Allowed, Context.Value.Roles.Authorize(Hana, Reset, Hugo).Kind);
        Assert.Contains(ResetEdges(), e => e.From.Value == Hana && e.To.Value == Hugo);
    }

    [Fact]
    public void A_role_scoped_to_a_regular_unit_does_not_reach_a_member_of_a_restricted_unit()
    {
        // cleo is in HQ and in Executives: hugo's role at HQ does not reach her, rex's at Executives does
        var decision = Context.Value.Roles.Authorize(Hugo, Reset, Cleo);

        Assert.Equal(DecisionKind.ImplicitDeny, decision.Kind);
        Assert.Contains("regular administrative unit `HQ` does not", decision.Explanation.Summary, StringComparison.Ordinal);
        Assert.DoesNotContain(ResetEdges(), e => e.From.Value == Hugo && e.To.Value == Cleo);
        Assert.Contains(ResetEdges(), e => e.From.Value == Rex && e.To.Value == Cleo);
    }

    [Fact]
    public void A_role_scoped_to_a_regular_unit_reaches_its_other_members()
    {
        Assert.Equal(DecisionKind.Allowed, Context.Value.Roles.Authorize(Hugo, Reset, Sam).Kind);
        Assert.Contains(ResetEdges(), e => e.From.Value == Hugo && e.To.Value == Sam);
    }

    [Fact]
    public void The_owner_of_a_group_in_a_restricted_unit_cannot_manage_it()
    {
        var edges = GroupEdges();

        Assert.DoesNotContain(edges, e => e.From.Value == Gus && e.To.Value == SecureOwners);
        var decision = Context.Value.Roles.Authorize(Gus, MembersUpdate, SecureOwners, ownership: true);
        Assert.Equal(DecisionKind.ImplicitDeny, decision.Kind);
        Assert.Contains("owners may not manage a group in the restricted management administrative unit `Executives`", decision.Explanation.Summary, StringComparison.Ordinal);

        // The twin: the group in no unit
        Assert.Contains(edges, e => e.From.Value == Gus && e.To.Value == OpenTeam);
        Assert.Equal(DecisionKind.Allowed, Context.Value.Roles.Authorize(Gus, MembersUpdate, OpenTeam, ownership: true).Kind);
    }

    [Fact]
    public void Graph_application_permissions_do_not_change_a_group_in_a_restricted_unit()
    {
        var edges = GroupEdges();

        Assert.DoesNotContain(edges, e => e.From.Value == GroupWriter && e.To.Value == SecureOwners);
        Assert.Contains(edges, e => e.From.Value == GroupWriter && e.To.Value == OpenTeam);
    }

    [Fact]
    public void A_temporary_access_pass_for_a_member_of_a_restricted_unit_is_conditional_on_the_unit()
    {
        var edges = new TemporaryAccessPassEdgeChecker().Check(Context.Value, targets: null).ToList();

        var cleo = Assert.Single(edges, e => e.From.Value == TapIssuer && e.To.Value == Cleo);
        Assert.Equal(2, cleo.Requirements.Length);
        Assert.Contains("restricted management administrative unit `Executives`", cleo.Requirements[1], StringComparison.Ordinal);
        Assert.Single(Assert.Single(edges, e => e.From.Value == TapIssuer && e.To.Value == Sam).Requirements);
    }

    private static List<Edge> ResetEdges() => [.. new ResetPasswordEdgeChecker().Check(Context.Value, targets: null)];

    private static List<Edge> GroupEdges() => [.. new AddGroupMemberEdgeChecker().Check(Context.Value, targets: null)];

    private static MicrosoftEdgeContext Build()
    {
        var servicePrincipals = new[]
        {
            $$"""{"id": "{{GraphServicePrincipal}}", "appId": "00000003-0000-0000-c000-000000000000", "displayName": "Microsoft Graph", "servicePrincipalType": "Application", "appOwnerOrganizationId": "f8cdef31-a31e-4b4a-93e4-5f571e91255a", "accountEnabled": true, "appRoles": [{{AppRole(GroupMemberReadWriteAll, "GroupMember.ReadWrite.All")}}, {{AppRole(UserAuthenticationMethodReadWriteAll, "UserAuthenticationMethod.ReadWrite.All")}}], "oauth2PermissionScopes": [], "passwordCredentials": [], "keyCredentials": [], "alternativeNames": []}""",
            App(GroupWriter, "1", "group-writer"), App(TapIssuer, "2", "tap-issuer"),
        };
        using var folder = new ScratchFolder(
            ("users/page-001.json", Collection("users", string.Join(",\n", User(Hana, "Hana Helpdesk"), User(Hugo, "Hugo Helpdesk"), User(Rex, "Rex Restricted"), User(Cleo, "Cleo Chief"), User(Sam, "Sam Staff"), User(Gus, "Gus Owner")))),
            ("groups/page-001.json", Collection("groups", $"{Group(SecureOwners, "Secure Owners")},\n{Group(OpenTeam, "Open Team")}")),
            ($"group-members/{SecureOwners}/page-001.json", Collection("directoryObjects", string.Empty)),
            ($"group-members/{OpenTeam}/page-001.json", Collection("directoryObjects", string.Empty)),
            ($"group-owners/{SecureOwners}/page-001.json", Collection("directoryObjects", Member("user", Gus))),
            ($"group-owners/{OpenTeam}/page-001.json", Collection("directoryObjects", Member("user", Gus))),
            ("administrative-units/page-001.json", Collection("directory/administrativeUnits", $"{Unit(Executives, "Executives", restricted: true)},\n{Unit(Hq, "HQ", restricted: false)}")),
            ($"administrative-unit-members/{Executives}/page-001.json", Collection("directoryObjects", $"{Member("user", Cleo)},\n{Member("group", SecureOwners)}")),
            ($"administrative-unit-members/{Hq}/page-001.json", Collection("directoryObjects", $"{Member("user", Cleo)},\n{Member("user", Sam)}")),
            ("service-principals/page-001.json", Collection("servicePrincipals", string.Join(",\n", servicePrincipals))),
            ($"app-role-assigned-to/{GraphServicePrincipal}/page-001.json", Collection($"servicePrincipals('{GraphServicePrincipal}')/appRoleAssignedTo", $"{Grant(GroupWriter, GroupMemberReadWriteAll, "group-writer")},\n{Grant(TapIssuer, UserAuthenticationMethodReadWriteAll, "tap-issuer")}")),
            ("role-definitions/page-001.json", Collection("roleManagement/directory/roleDefinitions",
                BuiltInRole(HelpdeskAdministrator, "Helpdesk Administrator", "microsoft.directory/bitlockerKeys/key/read", "microsoft.directory/users/invalidateAllRefreshTokens", Reset, "microsoft.office365.webPortal/allEntities/standard/read"))),
            ("role-assignments/page-001.json", Collection("roleManagement/directory/roleAssignments", string.Join(",\n",
                RoleAssignment(Hana, HelpdeskAdministrator), RoleAssignment(Hugo, HelpdeskAdministrator, $"/administrativeUnits/{Hq}"), RoleAssignment(Rex, HelpdeskAdministrator, $"/administrativeUnits/{Executives}")))));
        var directory = EntraDirectoryLoader.Load([folder.Path], TestContext.Current.CancellationToken);
        Assert.DoesNotContain(directory.Diagnostics, d => d.Severity == DiagnosticSeverity.Error);
        return new MicrosoftEdgeContext(directory, AzureEstate.Empty, new DateTimeOffset(2026, 11, 28, 12, 0, 0, TimeSpan.Zero));
    }

    private static string Unit(string id, string name, bool restricted) =>
        $$"""{"id": "{{id}}", "displayName": "{{name}}", "description": null, "isMemberManagementRestricted": {{(restricted ? "true" : "false")}}, "membershipType": null, "membershipRule": null, "membershipRuleProcessingState": null, "visibility": null}""";

    private static string AppRole(string id, string value) =>
        $$"""{"allowedMemberTypes": ["Application"], "description": "{{value}}", "displayName": "{{value}}", "id": "{{id}}", "isEnabled": true, "origin": "Application", "value": "{{value}}"}""";

    private static string App(string id, string suffix, string name) =>
        $$"""{"id": "{{id}}", "appId": "d4e6f8a0-1b2c-4d3e-8f4a-5b6c7d8e9f0{{suffix}}", "displayName": "{{name}}", "servicePrincipalType": "Application", "appOwnerOrganizationId": "4a7c8e1b-2f3d-4b6a-9c8e-1d2f3a4b5c6d", "accountEnabled": true, "appRoles": [], "oauth2PermissionScopes": [], "passwordCredentials": [], "keyCredentials": [], "alternativeNames": []}""";

    private static string Grant(string principal, string appRole, string name) =>
        $$"""{"id": "{{principal[..8]}}{{appRole[..8]}}", "deletedDateTime": null, "appRoleId": "{{appRole}}", "createdDateTime": "2025-06-30T12:05:10Z", "principalDisplayName": "{{name}}", "principalId": "{{principal}}", "principalType": "ServicePrincipal", "resourceDisplayName": "Microsoft Graph", "resourceId": "{{GraphServicePrincipal}}"}""";
}
